import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { ActorSystem } from '../../runtime/index.ts';
import { cleanup, tempDir } from '../support/servers.ts';
import { ledger } from '../support/ledger.ts';

const test = suite('cli');
test.after(cleanup);

function asds(args: string[], timeout = 60_000) {
  const r = spawnSync(process.execPath, ['bin/asds.js', ...args], { encoding: 'utf8', timeout, env: { ...process.env, ASDS_LOG: 'error' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('asds journal verify: OK on an intact journal, first broken link and exit 1 on an edited one', async () => {
  const data = tempDir();
  const sys = new ActorSystem({ node: 'court-1', journal: join(data, 'journal.sqlite') }).register(ledger).start();
  for (let i = 0; i < 12; i++) await sys.ref('ledger', `x${i % 4}`).ask({ type: 'append', value: i });
  await sys.shutdown();
  const ok = asds(['journal', 'verify', '--data', data]);
  assert.is(ok.code, 0, ok.err);
  assert.match(ok.out, /journal OK: 12 events/);

  const db = new Database(join(data, 'journal.sqlite'));
  db.prepare("UPDATE events SET meta = '{\"author\":\"intruder\"}' WHERE gseq = 9").run();
  db.close();
  const bad = asds(['journal', 'verify', '--data', data]);
  assert.is(bad.code, 1);
  assert.match(bad.out, /BROKEN at gseq 9/);
  assert.match(bad.out, /hash-mismatch/);
});

test('usage errors are one line, no stack trace', () => {
  const r = asds(['journal', 'verify']);
  assert.is(r.code, 2);
  assert.match(r.err, /--data is required/);
  assert.not.match(r.err, /\n\s+at /);
  const u = asds(['frobnicate']);
  assert.is(u.code, 2);
  assert.match(u.err, /unknown command/);
});

test('npm start (asds up --smoke): nats, redis, central and the court; the court answers; a simulation replicates and the centre reports per judge', () => {
  const data = tempDir();
  const r = asds(['up', '--data', data, '--smoke'], 120_000);
  assert.is(r.code, 0, r.err);
  assert.match(r.out, /nats-server\s+pid \d+\s+nats:\/\/127\.0\.0\.1:\d+/);
  assert.match(r.out, /nats-server .*TLS \+ nkeys/, 'the bus runs in the secure shape');
  assert.match(r.out, /bus credentials \(operator folder .*ops\)/);
  assert.match(r.out, /redis-server\s+pid \d+\s+redis:\/\/127\.0\.0\.1:\d+/);
  assert.match(r.out, /central-1 .*http:\/\/127\.0\.0\.1:\d+/);
  assert.match(r.out, /court court-537 answers over NATS: .*"role":"court"/);
  assert.match(r.out, /court court-537 answers over HTTP: GET http:\/\/127\.0\.0\.1:\d+\/health → \{"ok":true,"court":"537"/);
  assert.match(r.out, /password from file .*admin-password/);
  const sim = /simulated: (\d+) registrations, \d+ appeals, \d+ absences, (\d+) distributed, (\d+) decided/.exec(r.out);
  assert.ok(sim, r.out);
  assert.ok(Number(sim![1]) >= 100);
  const rep = /replication confirmed: court 537 journal head (\d+), centre's durable mark (\d+)/.exec(r.out);
  assert.ok(rep, r.out);
  assert.ok(Number(rep![2]) >= Number(rep![1]));
  // the per-judge table from the centre: its totals are the simulated court's
  // judges by name (from the court's Засади), never by id
  const rows = [...r.out.matchAll(/^\s+(Суддя \d\d \(умовний\))\s+(\d+)\s+([\d.]+)\s+(\d+)\s+(\d+)$/gm)];
  assert.not.match(r.out, /^\s+LUB-\d\d\s/m);
  assert.ok(rows.length >= 3, r.out);
  assert.is(rows.reduce((s, m) => s + Number(m[4]) + Number(m[5]), 0), Number(sim![2]));
  assert.is(rows.reduce((s, m) => s + Number(m[4]), 0), Number(sim![3]));
  // the centre as witness: a sealed checkpoint receipted; the database pull (18.3) identical; no open alarm
  assert.match(r.out, /sealed checkpoint: court 537 chain head \d+ witnessed by central-1; \d+ receipt\(s\) checked — every receipt matches/);
  assert.match(r.out, /ВИСНОВОК: копія збігається/, r.out.slice(r.out.indexOf('database pull')).slice(0, 4000));
  assert.match(r.out, /Тривог немає\./);
  // issue 17 "Done when": the reference counterpart against the exchange hub on central-1, one line per step
  assert.match(r.out, /central-1 .*exchange hub https:\/\/127\.0\.0\.1:\d+ \(mTLS\)/);
  assert.match(r.out, /exchange: Лубенська окружна прокуратура connected .*cabinet registered by the conditional code OKP-1601/);
  const filed = /exchange: the prosecutors' system filed a signed motion into case (537\/\d+\/\d\d) of court 537 → receipt f-[0-9a-f]{32} \(queued\)/.exec(r.out);
  assert.ok(filed, r.out.slice(r.out.indexOf('exchange with')));
  assert.match(r.out, new RegExp(`exchange: notice from the court: registered as incoming № \\S+ of \\d\\d\\.\\d\\d\\.\\d{4} in case ${filed![1]}`));
  assert.match(r.out, /exchange: the court sent a ruling \(ухвала, signature TOTAL_PASSED\) → the cabinet's inbox d-[0-9a-f]{32}, acknowledged/);
  assert.match(r.out, /exchange: the head changed: the former head's certificate [0-9A-F]+ refused \(SIGNER_FORMER_HEAD\); the new head's [0-9A-F]+ accepted → receipt f-/);
  assert.match(r.out, /exchange: the police received an information file \(admin-offence-decision@1, 1 fetched, .*journals agree: police 1 = hub 1 received, digests equal/);
  assert.match(r.out, /exchange: public registry of connected organisations: http:\/\/127\.0\.0\.1:\d+\/public\/organisations \(2 connected, 2 connected in the last 30 days highlighted «нове», 0 suspended\)/);
  // the counterpart's own journals, kept on its side: the police's one received file is the digest the line printed
  const police = readFileSync(join(data, 'counterpart', 'npu', 'journal.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(police.map((e) => [e.direction, e.kind]), [['received', 'information-file']]);
  assert.match(r.out, new RegExp(`sha256 ${police[0].sha256.slice(0, 12)}…`));
  const prok = readFileSync(join(data, 'counterpart', 'okp-lubny', 'journal.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(prok.map((e) => `${e.direction} ${e.kind}`).sort(), ['received court-document', 'received notice', 'sent filing', 'sent filing'].sort());
  // the court's journal verifies, and holds its start, the simulated work and its clean stop
  const v = asds(['journal', 'verify', '--data', join(data, 'court-537')]);
  assert.is(v.code, 0, v.out);
  const db = new Database(join(data, 'court-537', 'journal.sqlite'), { readonly: true });
  const types = (db.prepare('SELECT type FROM events ORDER BY gseq').all() as Array<{ type: string }>).map((x) => x.type);
  db.close();
  assert.is(types[0], 'node-started');
  assert.is(types[types.length - 1], 'node-stopped');
  assert.ok(types.includes('case-distributed') && types.includes('case-decided'));
});

test.run();
