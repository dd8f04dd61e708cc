/**
 * Verified ingest (issue 11 items 1 and 8) over real servers: nats-server
 * (JetStream), an `asds central serve` process with chdb and a registry of
 * connected courts, courts replicating from this process. The centre recomputes
 * every format 2 hash, checks every link, and refuses — with an integrity alarm
 * and a row in ingest_rejects, never storing it — an insider's edited and
 * re-hashed history, data changed in transit, an event above the court's head
 * and a court not in the registry; a second version of a held event is kept
 * beside the first; a journal's legacy (format 1) range is accepted.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { cleanup, startNats, tempDir, type NatsHandle } from '../support/servers.ts';
import type { NodeProcess } from '../support/processes.ts';
import { startCentralWorker, startCourt, until, writeWorkload, type Court } from './support.ts';
import { openEngine } from '../../analytics/engine.ts';
import { listAlarms } from '../../analytics/alarms.ts';
import { framesOf } from '../../actors/court/replicator/index.ts';
import { courtPublicView, INGEST_DURABLE, INGEST_STREAM, ingestFrameMsgId, ingestSubject } from '../../contracts/ingest/index.ts';
import { chainHash, GENESIS_HASH, Journal, verifyJournalFile, type StoredEvent } from '../../runtime/index.ts';
import { signedHeaders, signerOf } from '../../runtime/bus/nats-sign.ts';

process.env.ASDS_LOG ??= 'silent';
const test = suite('verified ingest: forged, above-head, unknown-court and second-version events refused or kept aside, with alarms');
const ctx: { nats?: NatsHandle; central?: NodeProcess; data?: string; probe?: NatsConnection; courts: Court[]; heads: Map<string, number> } = { courts: [], heads: new Map() };

const REGISTRY = `schema: asds.courts/v1
courts:
${['401', '402', '403', '404', '405'].map((c) => `  - { code: "${c}", name: Суд ${c}, since: 2025-01-01 }`).join('\n')}
`;
const policy = courtPublicView({ hashKey: 'k' });

test.before(async () => {
  ctx.nats = await startNats({ jetstream: true });
  ctx.data = tempDir('asds-central-');
  const dir = tempDir('asds-registry-');
  writeFileSync(join(dir, 'courts.yaml'), REGISTRY);
  ctx.central = await startCentralWorker(ctx.nats, ctx.data, ['--courts', join(dir, 'courts.yaml')]);
  ctx.probe = await ctx.nats.bus.connect('central-probe');
});

test.after(async () => {
  for (const c of ctx.courts) await c.stop().catch(() => undefined);
  await ctx.probe?.close();
  await ctx.central?.kill('SIGTERM');
  await cleanup();
});

/** Every message published so far was acked or terminated by the worker, i.e. its inserts (rejects, alarms) returned. */
async function drained(): Promise<void> {
  const jsm = await jetstreamManager(ctx.probe!);
  await until(async () => {
    const i = await jsm.consumers.info(INGEST_STREAM, INGEST_DURABLE);
    return i.num_pending === 0 && i.num_ack_pending === 0;
  }, 'the worker to settle every message', 60_000);
}

/** Publish a frame body as court `code` itself: its own bus identity and signature (an insider, not an outsider). */
async function publishAs(code: string, body: string, msgId: string): Promise<void> {
  const nc = await ctx.nats!.bus.connect(`court-${code}`);
  try {
    const subject = ingestSubject(code);
    await jetstream(nc).publish(subject, body, { msgID: msgId, headers: signedHeaders(signerOf(await ctx.nats!.bus.identity(`court-${code}`)), subject, body) });
  } finally {
    await nc.close();
  }
}

/** A court journal (format 2, the court's policy) holding `n` events of one actor; its rows. */
async function journalRows(n: number, tag: string): Promise<StoredEvent[]> {
  const j = new Journal(join(tempDir(), 'journal.sqlite'), { publicView: policy });
  for (let i = 1; i <= n; i++) {
    await j.persist({ actor: 'case/9-1-25', expectedSeq: i - 1, ts: 1_700_000_000_000 + i, events: [{ type: 'card-moved', data: JSON.stringify({ type: 'card-moved', movement: { kind: 'other', to: `${tag}-${i}` } }), meta: '{"author":"clerk"}' }] });
  }
  const rows = j.read(1, n);
  j.close();
  return rows;
}

/** The insider: edit row `at` of a stopped court's journal and re-hash every later row, so the court's own verify says OK. */
function editAndRehash(file: string, at: number): void {
  const db = new Database(file);
  const rows = db.prepare('SELECT * FROM events WHERE gseq >= ? ORDER BY gseq').all(at - 1) as StoredEvent[];
  let prev = rows[0]!.gseq === at ? GENESIS_HASH : rows.shift()!.hash;
  const update = db.prepare('UPDATE events SET data = ?, prev_hash = ?, hash = ? WHERE gseq = ?');
  for (const r of rows) {
    const data = r.gseq === at ? r.data.replace(/"judgeId":"j\d+"/g, '"judgeId":"j-wanted"').replace(/"presiding":"j\d+"/, '"presiding":"j-wanted"') : r.data;
    const hash = chainHash(prev, { ...r, data });
    update.run(data, prev, hash, r.gseq);
    prev = hash;
  }
  db.close();
}

test('an insider edits a confirmed row at the court and re-hashes the chain: the court\'s verify says OK, the centre refuses what follows, with an alarm', async () => {
  const dir = tempDir();
  let c = await startCourt('401', dir, ctx.nats!);
  await writeWorkload(c, 12, { prefix: 'i' });
  const held = c.journal.head().gseq;
  await c.replicator.confirmedThrough(held);
  await c.stop();
  editAndRehash(join(dir, 'journal.sqlite'), 5);
  assert.ok(verifyJournalFile(join(dir, 'journal.sqlite')).ok, 'the re-hashed chain is consistent at the court');
  c = await startCourt('401', dir, ctx.nats!);
  ctx.courts.push(c);
  await writeWorkload(c, 1, { prefix: 'after' });
  await drained();
  await until(() => c.replicator.status().published >= held + 1, 'the court to publish its new event');
  await drained();
  assert.is(c.replicator.status().confirmed, held, 'the centre confirms nothing past what it witnessed');
  ctx.heads.set('401', held);
});

test('a frame whose event data was changed in transit (published with the court\'s own credentials) is refused; the events before it are stored', async () => {
  const rows = await journalRows(4, 'tr');
  const [f] = framesOf('402', rows, { hashKey: 'k' }, 1_000_000);
  const frame = JSON.parse(f!.body);
  frame.events[2].data.movement.to = 'elsewhere';
  await publishAs('402', JSON.stringify(frame), ingestFrameMsgId('402', 1, 4));
  await drained();
  ctx.heads.set('402', 2);
});

test('an event above the head its frame names is refused; a court not in the registry is refused whole', async () => {
  const rows = await journalRows(3, 'ah');
  const [f] = framesOf('403', rows, { hashKey: 'k' }, 1_000_000);
  await publishAs('403', f!.body.replace('"head":3', '"head":2'), ingestFrameMsgId('403', 1, 3));
  const [u] = framesOf('499', rows, { hashKey: 'k' }, 1_000_000);
  await publishAs('499', u!.body, ingestFrameMsgId('499', 1, 3));
  await drained();
  ctx.heads.set('403', 2);
});

test('a second, different version of held events is kept beside the first (never over it); an identical re-send is harmless', async () => {
  const first = await journalRows(3, 'v1');
  const [f] = framesOf('404', first, { hashKey: 'k' }, 1_000_000);
  await publishAs('404', f!.body, ingestFrameMsgId('404', 1, 3));
  await drained();
  // a consistent second history from seq 2 on: linked to the held seq 1, every hash recomputes
  const other = await journalRows(3, 'v2');
  const rewritten: StoredEvent[] = [first[0]!];
  let prev = first[0]!.hash;
  for (const r of other.slice(1)) {
    const row = { ...r, prev_hash: prev };
    row.hash = chainHash(prev, row);
    rewritten.push(row);
    prev = row.hash;
  }
  const [g] = framesOf('404', rewritten.slice(1), { hashKey: 'k' }, 1_000_000);
  await publishAs('404', g!.body, 'second-version');
  await publishAs('404', f!.body, 'identical-resend');
  await drained();
  ctx.heads.set('404', 3);
});

test('a journal with a legacy range (format 1 rows, then format 2) replicates whole', async () => {
  const dir = tempDir();
  const file = join(dir, 'journal.sqlite');
  const j = new Journal(file);
  for (let i = 1; i <= 3; i++) await j.persist({ actor: 'distribution/l', expectedSeq: i - 1, ts: i, events: [{ type: 'noise', data: JSON.stringify({ type: 'noise', i }), meta: '{}' }] });
  j.close();
  const db = new Database(file);
  let prev = GENESIS_HASH;
  for (const r of db.prepare('SELECT * FROM events ORDER BY gseq').all() as StoredEvent[]) {
    const hash = chainHash(prev, { ...r, chain: 1 });
    db.prepare('UPDATE events SET chain = 1, salt = NULL, pub = NULL, prev_hash = ?, hash = ? WHERE gseq = ?').run(prev, hash, r.gseq);
    prev = hash;
  }
  db.close();
  const c = await startCourt('405', dir, ctx.nats!);
  ctx.courts.push(c);
  await writeWorkload(c, 4, { prefix: 'l' });
  await c.replicator.confirmedThrough(c.journal.head().gseq);
  ctx.heads.set('405', c.journal.head().gseq);
});

test('after the worker stops: what was stored, refused, kept aside, and alarmed', async () => {
  for (const c of ctx.courts) await c.stop();
  ctx.courts = [];
  await ctx.central!.kill('SIGTERM');
  const engine = await openEngine({ dataDir: join(ctx.data!, 'analytics') });
  try {
    const seqs = async (court: string) =>
      (await engine.query<{ seq: number | string }>('SELECT seq FROM events FINAL WHERE court = {court:String} ORDER BY seq', { court })).map((r) => Number(r.seq));
    const alarms = await listAlarms(engine);
    const of = (court: string) => alarms.filter((a) => a.court === court).map((a) => a.kind).sort();
    const rejects = async (court: string) =>
      (await engine.query<{ seq: number | string; reason: string }>('SELECT seq, reason FROM ingest_rejects WHERE court = {court:String} ORDER BY seq', { court })).map((r) => [Number(r.seq), r.reason]);

    // 401: the insider's history. Nothing past the witnessed head; the new event is a chain break
    const h401 = ctx.heads.get('401')!;
    assert.equal(await seqs('401'), Array.from({ length: h401 }, (_, i) => i + 1));
    assert.ok(of('401').includes('chain-break'), `alarms of 401: ${of('401')}`);
    const brk = alarms.find((a) => a.court === '401' && a.kind === 'chain-break')!;
    assert.is(brk.evidence.seq, h401 + 1);
    assert.is(brk.evidence.heldSeq, h401);
    assert.is.not(brk.evidence.receivedPrevHash, brk.evidence.heldHash);
    assert.match(brk.summary, /не зв'язана/);

    // 402: changed in transit
    assert.equal(await seqs('402'), [1, 2]);
    assert.equal(of('402'), ['hash-mismatch']);
    const mm = alarms.find((a) => a.court === '402')!;
    assert.is(mm.evidence.seq, 3);
    assert.is.not(mm.evidence.recomputedHash, mm.evidence.receivedHash);
    assert.equal((await rejects('402')).map((r) => r[0]), [3]);

    // 403: above the head; 499: not in the registry
    assert.equal(await seqs('403'), [1, 2]);
    assert.equal(of('403'), ['above-head']);
    assert.equal((await rejects('403')).map((r) => r[0]), [3]);
    assert.equal(await seqs('499'), []);
    assert.equal(of('499'), ['unknown-court']);
    assert.equal((await rejects('499')).map((r) => r[0]), [1, 2, 3]);

    // 404: the first version stays, the second is kept aside with an alarm per event, the identical re-send added nothing
    assert.equal(await seqs('404'), [1, 2, 3]);
    const kept = await engine.query<{ seq: number | string; payload: string; hash: string; held_hash: string }>(
      "SELECT seq, payload, hash, held_hash FROM event_versions FINAL WHERE court = '404' ORDER BY seq",
    );
    assert.equal(kept.map((k) => Number(k.seq)), [2, 3]);
    assert.ok(kept.every((k) => k.payload.includes('v2-') && k.hash !== k.held_hash));
    const firsts = await engine.query<{ payload: string }>("SELECT payload FROM events FINAL WHERE court = '404' ORDER BY seq");
    assert.ok(firsts.every((r) => r.payload.includes('v1-')), 'the first version was not overwritten');
    assert.equal(of('404'), ['conflicting-version', 'conflicting-version']);
    const cv = alarms.find((a) => a.court === '404' && a.evidence.seq === 2)!;
    assert.equal([cv.evidence.heldHash, cv.evidence.receivedHash], [kept[0]!.held_hash, kept[0]!.hash]);
    assert.equal(await rejects('404'), []);

    // 405: the legacy range and what followed it
    const h405 = ctx.heads.get('405')!;
    assert.equal(await seqs('405'), Array.from({ length: h405 }, (_, i) => i + 1));
    const formats = await engine.query<{ chain: number | string }>("SELECT chain FROM events FINAL WHERE court = '405' ORDER BY seq");
    assert.equal(formats.slice(0, 4).map((f) => Number(f.chain)), [1, 1, 1, 2]);
    assert.equal(of('405'), []);

    // the lag monitor shows the courts whose mark stopped below a refusal
    const marks = await engine.query<{ court: string; m: number | string }>('SELECT court, max(mark) AS m FROM ingest_marks GROUP BY court');
    const mark = new Map(marks.map((m) => [m.court, Number(m.m)]));
    assert.equal([mark.get('401'), mark.get('402'), mark.get('403')], [h401, 2, 2]);
  } finally {
    await engine.close();
  }
});

test.run();
