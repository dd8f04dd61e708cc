/**
 * Integrity alarms for people (issue 11 item 6): `asds central integrity`
 * lists what the centre found (court named, kind, evidence, first seen) over
 * NATS and HTTP; an acknowledgement is accepted only signed by an operator
 * identity, and names both the person and that identity.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openEngine } from '../../analytics/engine.ts';
import { raiseAlarms } from '../../analytics/alarms.ts';
import { CENTRAL_ALARM_ACK_SUBJECT } from '../../contracts/central/alarms.ts';
import { cleanup, startNats, tempDir, type NatsHandle } from '../support/servers.ts';
import type { NodeProcess } from '../support/processes.ts';
import { startCentralWorker } from '../replication/support.ts';
import { consoleAuth } from '../support/console-token.ts';

process.env.ASDS_LOG ??= 'silent';
const test = suite('asds central integrity: alarms listed with evidence, acknowledged by a signed operator');
const ctx: { nats?: NatsHandle; central?: NodeProcess; http?: string; opsBus?: string; ids?: string[] } = {};

test.before(async () => {
  ctx.nats = await startNats({ jetstream: true });
  ctx.opsBus = await ctx.nats.bus.bundle('ops-test');
  const dir = tempDir('asds-central-');
  // findings already in the centre's database when the worker starts (as after any restart)
  const engine = await openEngine({ dataDir: join(dir, 'analytics') });
  ctx.ids = await raiseAlarms(engine, [
    { court: '401', kind: 'conflicting-version', key: 'seq:7', summary: 'Подія 7 надійшла у двох різних версіях', evidence: { seq: 7, held: 'a'.repeat(64), received: 'b'.repeat(64) }, at: Date.parse('2026-12-04T09:00:00Z') },
    { court: '402', kind: 'pull-overdue', key: 'pull:1', summary: 'База даних не надіслана у строк', evidence: { pull: 1, due: '2026-12-07' }, at: Date.parse('2026-12-05T09:00:00Z') },
  ], 'central-test');
  await engine.close();
  writeFileSync(join(dir, 'courts.yaml'), 'schema: asds.courts/v1\ncourts:\n  - { code: "401", name: Лубенський міськрайонний суд }\n');
  ctx.central = await startCentralWorker(ctx.nats, dir, ['--http-port', '0', '--courts', join(dir, 'courts.yaml')]);
  ctx.http = JSON.parse((await ctx.central.waitFor(/"ingest":"running"/)) as string).http as string;
});

test.after(async () => {
  await ctx.central?.kill('SIGTERM');
  await cleanup();
});

const cli = (...args: string[]) => spawnSync(process.execPath, ['bin/asds.js', 'central', 'integrity', '--nats', ctx.nats!.url, '--bus', ctx.opsBus!, ...args], { encoding: 'utf8' });

test('listed newest first with the court named from the registry; exit 3 while unacknowledged', () => {
  const r = cli();
  assert.is(r.status, 3, r.stderr);
  assert.match(r.stdout, /Лубенський міськрайонний суд\s+\[conflicting-version\]/);
  assert.match(r.stdout, /суд з кодом 402/);
  assert.ok(r.stdout.indexOf('402') < r.stdout.indexOf('Лубенський'), 'newest first');
  assert.match(r.stdout, /Усього тривог: 2, не підтверджено: 2/);
  const json = JSON.parse(cli('--json', '--court', '401').stdout) as { alarms: Array<{ evidence: { held: string } }> };
  assert.is(json.alarms.length, 1);
  assert.is(json.alarms[0]!.evidence.held, 'a'.repeat(64));
});

test('HTTP lists them read-only; an unknown parameter is refused', async () => {
  const r = (await (await fetch(`${ctx.http}/integrity/alarms?kind=pull-overdue`, { headers: consoleAuth(ctx.nats!.bus.ops, 'analyst') })).json()) as { alarms: Array<{ court: string }> };
  assert.equal(r.alarms.map((a) => a.court), ['402']);
  assert.is((await fetch(`${ctx.http}/integrity/alarms?drop=1`, { headers: consoleAuth(ctx.nats!.bus.ops, 'analyst') })).status, 400);
  assert.is((await fetch(`${ctx.http}/integrity/alarms?court=abc`, { headers: consoleAuth(ctx.nats!.bus.ops, 'analyst') })).status, 400);
});

test('an unsigned acknowledgement is refused and writes nothing; a signed one names the person and the identity', async () => {
  const nc = await ctx.nats!.bus.connect('ops-test');
  try {
    const m = await nc.request(CENTRAL_ALARM_ACK_SUBJECT, JSON.stringify({ id: ctx.ids![0], by: 'Хтось', note: 'без підпису' }), { timeout: 20_000 });
    const r = JSON.parse(new TextDecoder().decode(m.data)) as { ok: boolean; error: string };
    assert.is(r.ok, false);
    assert.match(r.error, /sign|підпис|passport/i);
  } finally {
    await nc.close();
  }
  assert.is(cli('--open').status, 3);
  const ack = cli('--ack', ctx.ids![0]!, '--by', 'Адміністратор Петренко', '--note', 'суд відновив копію; розслідування розпочато');
  assert.is(ack.status, 0, ack.stderr);
  assert.match(ack.stdout, /Адміністратор Петренко \(ops-test\)/);
  const open = JSON.parse(cli('--open', '--json').stdout) as { alarms: Array<{ court: string }> };
  assert.equal(open.alarms.map((a) => a.court), ['402']);
  const shown = cli('--court', '401');
  assert.is(shown.status, 0, 'everything for 401 acknowledged');
  assert.match(shown.stdout, /підтверджено: Адміністратор Петренко \(ops-test\)/);
  assert.is(cli('--ack', ctx.ids![0]!).status, 2, 'who and why are required');
});

test.run();
