/**
 * The lag monitor with a registry of connected courts (13.3: every court's
 * cards reach the centre at least once every two hours). Without the
 * registry a court that never contacted the centre is invisible; with
 * `--courts`, `asds central serve` (HTTP /lag, NATS answers) and
 * `asds central lag` list it as lagging, "neverReported".
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup, startNats, tempDir, type NatsHandle } from '../support/servers.ts';
import type { NodeProcess } from '../support/processes.ts';
import { startCentralWorker, startCourt, writeWorkload, type Court } from './support.ts';
import { consoleAuth } from '../support/console-token.ts';

process.env.ASDS_LOG ??= 'silent';
const test = suite('lag monitor: registry of connected courts');
const ctx: { nats?: NatsHandle; central?: NodeProcess; http?: string; dir?: string; court?: Court; opsBus?: string } = {};

// a court scheduled to connect in a few days: known, not yet expected to report.
// `since` is a Kyiv calendar day; a UTC "tomorrow" is already today in Kyiv
// between 22:00 and 24:00 UTC, so the date is taken two days ahead.
const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
const REGISTRY = `schema: asds.courts/v1
courts:
  - { code: "301", name: Реплікуючий суд, since: 2025-01-01 }
  - { code: "302", name: Мовчазний суд, since: 2025-01-01 }
  - { code: "303", name: Суд що підключається завтра, since: ${tomorrow} }
`;

test.before(async () => {
  ctx.nats = await startNats({ jetstream: true });
  ctx.dir = tempDir('asds-registry-');
  ctx.opsBus = await ctx.nats.bus.bundle('ops-test');
  writeFileSync(join(ctx.dir, 'courts.yaml'), REGISTRY);
  ctx.central = await startCentralWorker(ctx.nats, tempDir('asds-central-'), ['--http-port', '0', '--courts', join(ctx.dir, 'courts.yaml')]);
  ctx.http = JSON.parse((await ctx.central.waitFor(/"ingest":"running"/)) as string).http as string;
  ctx.court = await startCourt('301', tempDir(), ctx.nats);
  await writeWorkload(ctx.court, 5, { prefix: 'r' });
  await ctx.court.replicator.confirmedThrough(ctx.court.journal.head().gseq);
});

test.after(async () => {
  await ctx.court?.stop();
  await ctx.central?.kill('SIGTERM');
  await cleanup();
});

const lagCli = (...args: string[]) => spawnSync(process.execPath, ['bin/asds.js', 'central', 'lag', '--json', '--nats', ctx.nats!.url, '--bus', ctx.opsBus!, ...args], { encoding: 'utf8' });
const lagText = (...args: string[]) => spawnSync(process.execPath, ['bin/asds.js', 'central', 'lag', '--nats', ctx.nats!.url, '--bus', ctx.opsBus!, ...args], { encoding: 'utf8' });

test('HTTP /lag lists the court that never reported, named; not the one replicating, nor one connected from tomorrow', async () => {
  const res = (await (await fetch(`${ctx.http}/lag`, { headers: consoleAuth(ctx.nats!.bus.ops, 'analyst') })).json()) as { courts: Array<{ court: string; name?: string; neverReported?: boolean; lagMs: number }> };
  const codes = res.courts.map((c) => c.court);
  assert.ok(codes.includes('302'), `lagging: ${codes}`);
  const silent = res.courts.find((c) => c.court === '302')!;
  assert.equal([silent.name, silent.neverReported], ['Мовчазний суд', true]);
  assert.ok(silent.lagMs > 2 * 3600_000);
  assert.not.ok(codes.includes('301'), 'the replicating court is caught up');
  assert.not.ok(codes.includes('303'), 'not connected yet');
  const all = (await (await fetch(`${ctx.http}/lag?all=1`, { headers: consoleAuth(ctx.nats!.bus.ops, 'analyst') })).json()) as { courts: Array<{ court: string; name?: string; neverReported?: boolean; lagMs: number }> };
  const byCode = new Map(all.courts.map((c) => [c.court, c]));
  assert.is(byCode.get('301')?.name, 'Реплікуючий суд');
  assert.is(byCode.get('301')?.neverReported, undefined);
  assert.equal([byCode.get('303')?.neverReported, byCode.get('303')?.lagMs], [true, 0], 'listed with all=1, no lag yet');
});

test('`asds central lag` exits 3 and names the silent court; --courts adds a court the worker does not know', () => {
  const cli = lagCli();
  assert.is(cli.status, 3, cli.stderr);
  assert.ok((JSON.parse(cli.stdout).courts as Array<{ court: string }>).some((c) => c.court === '302'));
  const extra = join(ctx.dir!, 'more.yaml');
  writeFileSync(extra, 'schema: asds.courts/v1\ncourts:\n  - { code: "304", name: Ще один суд }\n  - { code: "302", name: Мовчазний суд, since: 2025-01-01 }\n');
  const more = lagCli('--courts', extra);
  assert.is(more.status, 3, more.stderr);
  const courts = JSON.parse(more.stdout).courts as Array<{ court: string; neverReported?: boolean }>;
  assert.equal(courts.filter((c) => c.court === '302').length, 1, 'merged once');
  assert.ok(courts.some((c) => c.court === '304' && c.neverReported === true));
});

test('for people: court names, how far behind in hours and minutes, last contact in Kyiv time — no epoch numbers', () => {
  const r = lagText('--all', '--threshold-minutes', '0');
  assert.is(r.status, 3, r.stderr);
  assert.match(r.stdout, /Мовчазний суд: жодного разу не звертався до центру/);
  assert.match(r.stdout, /Реплікуючий суд: (відстає на|у межах порогу) .*хв.*; останній зв'язок \d{1,2} [а-яі]+ \d{4} р\. о \d{2}:\d{2}/);
  assert.not.match(r.stdout, /\d{13}/, 'no epoch milliseconds');
});

test('a broken registry is refused before anything starts (exit 2, the reason named)', () => {
  const bad = join(ctx.dir!, 'bad.yaml');
  writeFileSync(bad, 'schema: asds.courts/v1\ncourts:\n  - { code: "30x", name: Зіпсований код }\n');
  const lag = lagCli('--courts', bad);
  assert.is(lag.status, 2);
  assert.match(lag.stderr, /--courts: .*invalid.*code/);
  const dup = join(ctx.dir!, 'dup.yaml');
  writeFileSync(dup, 'schema: asds.courts/v1\ncourts:\n  - { code: "1", name: А }\n  - { code: "1", name: Б }\n');
  const serve = spawnSync(process.execPath, ['bin/asds.js', 'central', 'serve', '--data', tempDir(), '--nats', ctx.nats!.url, '--courts', dup], { encoding: 'utf8', timeout: 60_000 });
  assert.is(serve.status, 2);
  assert.match(serve.stderr, /court 1 is listed twice/);
});

test.run();
