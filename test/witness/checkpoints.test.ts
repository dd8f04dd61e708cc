/**
 * Sealed checkpoints end to end (issue 11 items 2 and 8): nats-server (TLS, nkeys, permissions), a central
 * worker in this process (startCentralNode: ingest + witness on chdb), courts in this process replicating and
 * checkpointing every 300 ms. Each insider attack on a stopped court's journal — edit + re-hash, tail
 * deletion, backdating, insertion — is alarmed by the next checkpoint, naming the gseq; receipts verify with
 * `asds journal verify --receipts` and a tampered chain fails it; a checkpoint under another CA or with a
 * broken seal is refused and alarmed.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { cleanup, startNats, tempDir, type NatsHandle } from '../support/servers.ts';
import { until } from '../replication/support.ts';
import { startNodeProcess } from '../support/processes.ts';
import { startCentralNode, type CentralNode } from '../../actors/central/node.ts';
import { listAlarms, type Alarm } from '../../analytics/alarms.ts';
import type { AnalyticsEngine } from '../../analytics/engine.ts';
import { verifyJournalFile } from '../../runtime/index.ts';
import { initCourtCa, readSeal, createSigner } from '../../actors/pki/index.ts';
import { headCheckpoint, ReceiptStore, receiptsPath, rowAt, sealCheckpoint } from '../../actors/court/checkpoint/index.ts';
import { checkpointNowSubject, checkpointSubject, CheckpointAnswerV1, type CheckpointV1 } from '../../contracts/witness/index.ts';
import { signedHeaders, signerOf } from '../../runtime/bus/nats-sign.ts';
import { TEST_KEY_PASSPHRASE } from '../support/keys.ts';
import { head, insider, rehashFrom, startWitnessedCourt, write, type WitnessedCourt } from './support.ts';

process.env.ASDS_LOG ??= 'silent';
process.env.ASDS_CHECKPOINT_SWEEP_MS = '300';
const test = suite('witness: sealed checkpoints, contradictions alarmed, signed receipts');
const ctx: { nats?: NatsHandle; central?: CentralNode; engine?: AnalyticsEngine; courts: WitnessedCourt[] } = { courts: [] };

test.before(async () => {
  ctx.nats = await startNats({ jetstream: true });
  ctx.central = await startCentralNode({ node: 'central-1', dataDir: tempDir('asds-witness-central-'), natsUrl: ctx.nats.url, bus: await ctx.nats.bus.identity('central-1'), anyCourt: true });
  ctx.engine = (await ctx.central.ingest)!.worker.analytics;
});

test.after(async () => {
  for (const c of ctx.courts) await c.stop().catch(() => undefined);
  if (process.env.WITNESS_DUMP) for (const a of await listAlarms(ctx.engine!)) console.log(a.court, a.kind, a.evidence.finding ?? '', a.summary);
  await ctx.central?.stop();
  await cleanup();
});

const caOf = (pkiDir: string): string => readFileSync(join(pkiDir, 'ca.crt.pem'), 'utf8');

const ownSeal = (dataDir: string) => createSigner(readSeal(join(dataDir, 'pki'), TEST_KEY_PASSPHRASE));

/** Send a checkpoint as court `c` (its bus identity), as its checkpointer does. */
async function sendAs(c: WitnessedCourt, cp: CheckpointV1): Promise<CheckpointAnswerV1> {
  const subject = checkpointSubject(c.code);
  const body = new TextEncoder().encode(JSON.stringify(cp));
  const m = await c.nc.request(subject, body, { timeout: 15_000, headers: signedHeaders(signerOf(c.identity), subject, body) });
  return JSON.parse(new TextDecoder().decode(m.data)) as CheckpointAnswerV1;
}

const court = async (code: string, dataDir = tempDir(`asds-witness-${code}-`)) => {
  const c = await startWitnessedCourt(code, dataDir, ctx.nats!);
  ctx.courts.push(c);
  return c;
};

const stopCourt = async (c: WitnessedCourt) => {
  await c.stop();
  ctx.courts.splice(ctx.courts.indexOf(c), 1);
};

/**
 * The court's events are at the centre, its head is receipted, and the centre compared that checkpoint with
 * the event it holds there (at once, or by its sweep when the checkpoint came first: receipt 'not-yet').
 */
async function witnessed(c: WitnessedCourt): Promise<void> {
  const h = c.journal.head();
  await c.replicator.confirmedThrough(h.gseq);
  await until(() => {
    const r = new ReceiptStore(receiptsPath(c.dataDir), { readonly: true });
    try {
      const last = r.last();
      return last?.gseq === h.gseq && last.hash === h.hash;
    } catch {
      return false;
    } finally {
      r.close();
    }
  }, `receipt of court ${c.code} at ${h.gseq}`);
  await until(async () => {
    const [r] = await ctx.engine!.query<{ n: number }>('SELECT count() AS n FROM checkpoint_checks WHERE court = {c:String} AND gseq = {g:UInt64} AND held = {h:String}', {
      c: c.code,
      g: h.gseq,
      h: h.hash,
    });
    return Number(r!.n) > 0;
  }, `checkpoint of court ${c.code} at ${h.gseq} compared with the held event`);
}

const alarmsOf = (court: string, kind = 'checkpoint-contradiction'): Promise<Alarm[]> => listAlarms(ctx.engine!, { court, kind });

async function alarmed(court: string, finding: string, gseq: number, kind = 'checkpoint-contradiction'): Promise<Alarm> {
  let hit: Alarm | undefined;
  await until(async () => {
    hit = (await alarmsOf(court, kind)).find((a) => a.evidence.finding === finding && a.evidence.gseq === gseq);
    return hit !== undefined;
  }, `${finding} alarm of court ${court} at gseq ${gseq}`);
  assert.match(hit!.summary, /^Суд \d+: /);
  assert.match(hit!.summary, new RegExp(`\\b${gseq}\\b`));
  assert.is(hit!.raisedBy, 'central-1');
  return hit!;
}

const verifyCli = (dataDir: string, bus?: string) =>
  spawnSync(process.execPath, ['bin/asds.js', 'journal', 'verify', '--data', dataDir, '--receipts', ...(bus ? ['--bus', bus] : [])], { encoding: 'utf8' });

test('an honest court: checkpoints receipted with what the centre holds, no alarm; an idle court sends nothing more; journal verify --receipts passes', async () => {
  const c = await court('201');
  await write(c, 20, 'a');
  await witnessed(c);
  await write(c, 5, 'b');
  await witnessed(c);
  const store = new ReceiptStore(receiptsPath(c.dataDir), { readonly: true });
  const before = store.all().length;
  store.close();
  assert.ok(before >= 2);
  // idle: the head does not move, so no checkpoint is due and none is sent over several intervals
  assert.is(c.checkpoints.checkpointer.due(), false);
  await new Promise((r) => setTimeout(r, 1500));
  const after = new ReceiptStore(receiptsPath(c.dataDir), { readonly: true });
  assert.is(after.all().length, before);
  // one receipt per head reached: a tick never sends the same head again while a send is in flight
  const heads = after.all().map((x) => `${x.receipt.gseq}:${x.receipt.hash}`);
  assert.is(new Set(heads).size, heads.length, heads.join(' '));
  after.close();
  // on demand: a receipt at once, signed by the central worker
  const r = await c.checkpoints.checkpointNow();
  assert.is(r.centre, 'central-1');
  assert.is(r.gseq, c.journal.head().gseq);
  // on demand over the bus: a central worker asks, the court answers with the receipt; an operator may not ask
  const centralNc = (await ctx.central!.natsReady)!;
  const central = signerOf(await ctx.nats!.bus.identity('central-1'));
  const subject = checkpointNowSubject('201');
  const body = '{"v":1,"reason":"test"}';
  const ask = await centralNc.request(subject, body, { timeout: 15_000, headers: signedHeaders(central, subject, body) });
  const asked = JSON.parse(new TextDecoder().decode(ask.data)) as { ok: boolean; receipt?: { gseq: number; centre: string } };
  assert.ok(asked.ok, JSON.stringify(asked));
  assert.is(asked.receipt!.gseq, c.journal.head().gseq);
  const unsigned = await centralNc.request(subject, body, { timeout: 15_000 });
  assert.match(new TextDecoder().decode(unsigned.data), /"ok":false.*unsigned/);
  const malformed = await centralNc.request(subject, '{"now":true}', { timeout: 15_000, headers: signedHeaders(central, subject, '{"now":true}') });
  assert.match(new TextDecoder().decode(malformed.data), /"ok":false.*not a CheckpointNowV1/);
  // a checkpoint overtaken in flight (sealed just before the one above, answered after it) is no deleted tail
  const older = c.journal.head().gseq - 3;
  const row = rowAt(c.journal, older)!;
  // sealed just before every checkpoint above it (the periodic ones included), as a court's overtaken send would be
  const [above] = await ctx.engine!.query<{ s: number }>("SELECT min(sealed_at) AS s FROM checkpoints WHERE court = '201' AND gseq > {g:UInt64}", { g: older });
  const sealedAt = Math.min(r.receivedAt, Number(above!.s)) - 1000;
  const late = sealCheckpoint({ v: 1, court: '201', gseq: older, hash: row.hash, time: row.ts, sealedAt }, ownSeal(c.dataDir), caOf(join(c.dataDir, 'pki')));
  const answer = await sendAs(c, late);
  assert.ok(answer.ok, JSON.stringify(answer));
  assert.equal(await alarmsOf('201'), []);
  assert.equal(await alarmsOf('201', 'checkpoint-bad-seal'), []);
  const rows = await ctx.engine!.query<{ n: number }>("SELECT count() AS n FROM checkpoints WHERE court = '201'");
  assert.ok(Number(rows[0]!.n) >= before + 1);
  await stopCourt(c);
  const cli = verifyCli(c.dataDir, await ctx.nats!.bus.bundle('ops-test'));
  assert.is(cli.status, 0, cli.stdout + cli.stderr);
  assert.match(cli.stdout, /Квитанції центру: \d+ перевірено, усі збігаються з журналом/);
});

test('a court node process (asds court serve) checkpoints by itself: its receipts are witnessed and verify', async () => {
  const data = tempDir('asds-witness-node-');
  const node = startNodeProcess('bin/cli.ts', ['court', 'serve', '--court', '208', '--data', data, '--nats', ctx.nats!.url, '--bus', await ctx.nats!.bus.bundle('court-208'), '--no-distribution'], {
    ASDS_CHECKPOINT_INTERVAL_MS: '300',
  });
  try {
    await node.waitFor(/"ready":true/, 60_000);
    await until(async () => {
      const rows = await ctx.engine!.query<{ n: number }>("SELECT count() AS n FROM checkpoint_checks WHERE court = '208'");
      return Number(rows[0]!.n) > 0;
    }, 'a checkpoint of court 208 compared with its held event');
    // on demand, past the node's actor bridge (which serves asds.court-208.>)
    const subject = checkpointNowSubject('208');
    const body = '{"v":1}';
    const m = await (await ctx.central!.natsReady)!.request(subject, body, { timeout: 15_000, headers: signedHeaders(signerOf(await ctx.nats!.bus.identity('central-1')), subject, body) });
    const asked = JSON.parse(new TextDecoder().decode(m.data)) as { ok: boolean; receipt?: { court: string } };
    assert.ok(asked.ok, JSON.stringify(asked));
    assert.is(asked.receipt!.court, '208');
  } finally {
    await node.kill('SIGTERM');
  }
  const cli = verifyCli(data);
  assert.is(cli.status, 0, cli.stdout + cli.stderr);
  assert.match(cli.stdout, /Квитанції центру: \d+ перевірено, усі збігаються з журналом.*записаний разом із квитанціями/);
  assert.equal(await alarmsOf('208'), []);
});

test('insider edits a row and re-hashes the chain: the court verifies itself OK, the next checkpoint is alarmed at the head gseq, journal verify --receipts fails naming it', async () => {
  const c = await court('202');
  await write(c, 30, 'a');
  await witnessed(c);
  const g = c.journal.head().gseq;
  await stopCourt(c);
  insider(c.dataDir, (db) => {
    db.prepare('UPDATE events SET data = ? WHERE gseq = 10').run(JSON.stringify({ type: 'noise', i: 999, tag: 'forged' }));
    rehashFrom(db, 10);
  });
  assert.ok(verifyJournalFile(join(c.dataDir, 'journal.sqlite')).ok, 'the re-hashed chain verifies on its own');
  const cli = verifyCli(c.dataDir);
  assert.is(cli.status, 1, cli.stdout);
  assert.match(cli.stdout, new RegExp(`подія ${g}: хеш події ${g} у журналі`));
  const again = await court('202', c.dataDir);
  const held = await alarmed('202', 'held', g);
  assert.is((held.evidence.held as { hash: string }).hash.length, 64);
  await alarmed('202', 'fork', g);
  // new events on top of the rewritten history: the consistency link still names the receipted gseq
  await write(again, 3, 'b');
  await until(async () => (await alarmsOf('202')).some((a) => a.evidence.finding === 'link' && a.evidence.gseq === g), 'link alarm');
});

test('insider deletes the tail: the next checkpoint is alarmed as a deleted tail naming both gseqs', async () => {
  const c = await court('203');
  await write(c, 25, 'a');
  await witnessed(c);
  const g = c.journal.head().gseq;
  await stopCourt(c);
  const kept = insider(c.dataDir, (db) => {
    db.prepare('DELETE FROM events WHERE gseq > ?').run(g - 6);
    db.prepare('DELETE FROM commands WHERE gseq > ?').run(g - 6);
    return head(db);
  });
  await court('203', c.dataDir);
  const a = await alarmed('203', 'tail', kept);
  assert.is((a.evidence.earlier as { gseq: number }).gseq, g);
  assert.match(a.summary, new RegExp(`${g}`));
  const cli = verifyCli(c.dataDir);
  assert.is(cli.status, 1);
  assert.match(cli.stdout, new RegExp(`подія ${g}: подію ${g}, засвідчену центром`));
});

test('insider backdates the head event a day and re-hashes: alarmed as backdated (and rewritten) at that gseq', async () => {
  const c = await court('204');
  await write(c, 15, 'a');
  await witnessed(c);
  const g = c.journal.head().gseq;
  await stopCourt(c);
  insider(c.dataDir, (db) => {
    db.prepare('UPDATE events SET ts = ts - 86400000 WHERE gseq = ?').run(g);
    rehashFrom(db, g);
  });
  await court('204', c.dataDir);
  const a = await alarmed('204', 'backdated', g);
  assert.ok((a.evidence.earlier as { time: number }).time - (a.evidence.checkpoint as { time: number }).time >= 86_400_000 - 1000);
  await alarmed('204', 'held', g);
});

test('insider inserts a row and renumbers the rest: the consistency link of the next checkpoint is alarmed at the receipted gseq', async () => {
  const c = await court('205');
  await write(c, 15, 'a');
  await witnessed(c);
  const g = c.journal.head().gseq;
  await stopCourt(c);
  insider(c.dataDir, (db) => {
    const at = 8;
    const ts = (db.prepare('SELECT ts FROM events WHERE gseq = ?').get(at) as { ts: number }).ts;
    // shift gseq ≥ at up by one (through negatives: the primary key must stay unique at every step)
    db.prepare('UPDATE events SET gseq = -(gseq + 1) WHERE gseq >= ?').run(at);
    db.prepare('UPDATE events SET gseq = -gseq WHERE gseq < 0').run();
    db.prepare('UPDATE commands SET gseq = gseq + 1 WHERE gseq >= ?').run(at);
    db.prepare("INSERT INTO events (gseq, actor, aseq, type, ts, meta, data, command_id, prev_hash, hash) VALUES (?, 'distribution/ghost', 1, 'noise', ?, '{}', ?, NULL, '', '')").run(at, ts, JSON.stringify({ type: 'noise', i: -1 }));
    rehashFrom(db, at);
  });
  await court('205', c.dataDir);
  const a = await alarmed('205', 'link', g);
  assert.match(a.summary, /переписано/);
});

test('a checkpoint sealed under another CA, or with a seal that does not cover it, is refused and alarmed', async () => {
  const c = await court('206');
  await write(c, 5, 'a');
  await witnessed(c);
  const send = (cp: CheckpointV1) => sendAs(c, cp);
  // an insider's own CA for the same court code
  const rogue = join(tempDir('asds-rogue-'), 'pki');
  initCourtCa({ dir: rogue, courtCode: '206', courtName: 'Суд 206', passphrase: 'rogue-passphrase-1' });
  const unsealed = headCheckpoint('206', c.journal, Date.now())!;
  const rogueCp = sealCheckpoint(unsealed, createSigner(readSeal(rogue, 'rogue-passphrase-1')), caOf(rogue));
  const r1 = await send(rogueCp);
  assert.is(r1.ok, false);
  assert.match((r1 as { error: string }).error, /not the CA pinned/);
  await until(async () => (await alarmsOf('206', 'checkpoint-bad-seal')).some((a) => a.evidence.presented !== undefined), 'CA alarm');
  // the court's own seal over other content: the hash changed after sealing
  const own = sealCheckpoint(unsealed, ownSeal(c.dataDir), caOf(join(c.dataDir, 'pki')));
  const r2 = await send({ ...own, hash: 'f'.repeat(64) });
  assert.is(r2.ok, false);
  assert.match((r2 as { error: string }).error, /seal refused/);
  await until(async () => (await alarmsOf('206', 'checkpoint-bad-seal')).some((a) => a.evidence.problem !== undefined), 'seal alarm');
  // neither was kept as a checkpoint
  const rows = await ctx.engine!.query<{ n: number }>("SELECT count() AS n FROM checkpoints WHERE court = '206' AND hash = {h:String}", { h: 'f'.repeat(64) });
  assert.is(Number(rows[0]!.n), 0);
});

test('a checkpoint ahead of the events the centre holds is receipted not-yet, kept pending, and compared when the event arrives', async () => {
  const c = await court('209');
  await write(c, 5, 'a');
  await witnessed(c);
  const h = c.journal.head();
  const last = rowAt(c.journal, h.gseq)!;
  // sealed by the court for gseq h+1 before that event exists at the centre — with a hash its journal will not have
  const ahead = sealCheckpoint({ v: 1, court: '209', gseq: h.gseq + 1, hash: 'a'.repeat(64), time: last.ts + 1, sealedAt: Date.now() }, ownSeal(c.dataDir), caOf(join(c.dataDir, 'pki')));
  const answer = await sendAs(c, ahead);
  assert.ok(answer.ok, JSON.stringify(answer));
  assert.is((answer as { receipt: { witnessed: string } }).receipt.witnessed, 'not-yet');
  assert.equal(await alarmsOf('209'), []);
  await write(c, 1, 'b');
  await c.replicator.confirmedThrough(h.gseq + 1);
  const a = await alarmed('209', 'held', h.gseq + 1);
  assert.is((a.evidence.checkpoint as { hash: string }).hash, 'a'.repeat(64));
});

test('a stored receipt altered at the court fails journal verify --receipts (the signature no longer covers it)', async () => {
  const c = await court('207');
  await write(c, 5, 'a');
  await witnessed(c);
  await stopCourt(c);
  const db = new Database(receiptsPath(c.dataDir));
  const row = db.prepare('SELECT id, body FROM receipts ORDER BY id DESC LIMIT 1').get() as { id: number; body: string };
  const r = JSON.parse(row.body);
  db.prepare('UPDATE receipts SET body = ? WHERE id = ?').run(JSON.stringify({ ...r, receivedAt: r.receivedAt + 1 }), row.id);
  db.close();
  const cli = verifyCli(c.dataDir);
  assert.is(cli.status, 1);
  assert.match(cli.stdout, new RegExp(`подія ${r.gseq}: підпис квитанції недійсний`));
});

test.run();
