/**
 * A pulled copy against the centre's witnessed events (real chdb): each
 * insider attack on the court's journal file is named row by row.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { copyFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { ActorSystem, Journal } from '../../runtime/index.ts';
import { openEngine, type AnalyticsEngine } from '../../analytics/engine.ts';
import { compareCopy } from '../../actors/central/pulls/index.ts';
import { cleanup, tempDir } from '../support/servers.ts';
import { gen, silent } from '../replication/support.ts';
import { backdate, deleteTail, editRow, editSnapshot, insertRow } from '../support/insider.ts';

const COURT = '537';
let engine: AnalyticsEngine;
let original: string;
let dir: string;
let head = 0;

test.before(async () => {
  dir = tempDir();
  original = join(dir, 'journal.sqlite');
  const journal = new Journal(original);
  const system = new ActorSystem({ node: `court-${COURT}`, journal, logger: silent, passivateAfterMs: 0 }).register(gen).start();
  // one busy stream (snapshots every 100 of its events) and a few quiet ones
  for (let i = 0; i < 250; i++) await system.ref('distribution', 'g0').ask({ type: 'noise', i });
  for (let i = 0; i < 30; i++) await system.ref('distribution', `g${1 + (i % 3)}`).ask({ type: 'noise', i });
  await system.shutdown();
  const rows = journal.read(1, 10_000);
  head = rows.length;
  journal.close();
  engine = await openEngine({ dataDir: join(dir, 'analytics') });
  // two sealed checkpoints of the court (actors/central/witness keeps them): its head at 150 and at 260
  await engine.insert('checkpoints', [150, 260].map((g) => ({ court: COURT, gseq: g, hash: rows[g - 1]!.hash, time: rows[g - 1]!.ts, id: `cp-${g}` })));
  await engine.insert(
    'events',
    rows.map((r) => ({ court: COURT, seq: r.gseq, actor: r.actor, kind: r.actor.split('/')[0], aseq: r.aseq, type: r.type, ts: r.ts, author: '', hash: r.hash, prev_hash: r.prev_hash, redacted: [], payload: '{}', ingested_at: Date.now() })),
  );
});

test.after(async () => {
  await engine?.close();
  await cleanup();
});

let n = 0;
function copy(): string {
  const f = join(dir, `copy-${++n}.sqlite`);
  copyFileSync(original, f);
  return f;
}

test('an untouched copy is identical', async () => {
  const c = await compareCopy(copy(), engine, COURT);
  assert.ok(c.identical);
  assert.equal(c.counts, { edited: 0, rehashed: 0, deleted: 0, inserted: 0 });
  assert.is(c.copy.events, head);
  assert.is(c.witnessed.headSeq, head);
  assert.equal(c.tables, []);
  assert.equal(c.checkpoints, { checked: 2, contradicted: [] });
});

test('edit + re-hash: the chain verifies locally, the report names the edited row and every re-hashed one after it', async () => {
  const f = copy();
  editRow(f, 120, '{"type":"noise","i":999}', { rehash: true });
  const c = await compareCopy(f, engine, COURT);
  assert.not.ok(c.identical);
  assert.ok(c.copy.chainValid, 'the insider made the local chain verify');
  assert.equal(c.rows.edited.map((r) => r.seq), [120]);
  assert.is(c.rows.edited[0]!.rehashedLocally, true);
  assert.is(c.counts.rehashed, head - 120);
  assert.is(c.rows.rehashed[0]!.seq, 121);
  assert.is(c.counts.deleted + c.counts.inserted, 0);
  // and the court's own sealed checkpoints above the edit contradict the copy
  assert.equal(c.checkpoints.contradicted.map((k) => k.gseq), [150, 260]);
});

test('edit without re-hash: the row is named, the local chain breaks there', async () => {
  const f = copy();
  editRow(f, 42, '{"type":"noise","i":-1}', { rehash: false });
  const c = await compareCopy(f, engine, COURT);
  assert.equal(c.rows.edited.map((r) => [r.seq, r.rehashedLocally]), [[42, false]]);
  assert.is(c.copy.firstBreak?.gseq, 42);
  assert.is(c.counts.rehashed, 0);
});

test('deleted tail: exactly the deleted seqs', async () => {
  const f = copy();
  const gone = deleteTail(f, 7);
  const c = await compareCopy(f, engine, COURT);
  assert.equal(c.rows.deleted.map((r) => r.seq), gone);
  assert.is(c.counts.edited + c.counts.rehashed + c.counts.inserted, 0);
});

test('inserted row below the witnessed head: named; the rows after it are moved and re-hashed, not "edited"', async () => {
  const f = copy();
  insertRow(f, 100, 'users/537');
  const c = await compareCopy(f, engine, COURT);
  assert.equal(c.rows.inserted.map((r) => [r.seq, r.actor]), [[100, 'users/537']]);
  assert.is(c.counts.edited, 0);
  assert.is(c.counts.deleted, 0);
  assert.is(c.rows.rehashed[0]!.seq, 101);
  assert.is(c.rows.rehashed[0]!.witnessedSeq, 100);
  // the last witnessed event is now above the witnessed head: moved, still matched
  assert.is(c.counts.rehashed, head - 100 + 1);
});

test('backdated event (ts moved, chain re-hashed): named as edited', async () => {
  const f = copy();
  backdate(f, 200, 86_400_000);
  const c = await compareCopy(f, engine, COURT);
  assert.equal(c.rows.edited.map((r) => r.seq), [200]);
  assert.is(c.counts.rehashed, head - 200);
});

test('a snapshot edited outside the chain: the chain is identical, the table is named', async () => {
  const f = copy();
  editSnapshot(f, 'distribution/g0');
  const c = await compareCopy(f, engine, COURT);
  assert.not.ok(c.identical);
  assert.equal(c.counts, { edited: 0, rehashed: 0, deleted: 0, inserted: 0 });
  assert.equal(c.tables.map((t) => [t.table, t.key]), [['snapshots', 'distribution/g0']]);
});

// last: it adds a checkpoint the tests above do not expect
test('a tail cut after the court sealed its head for the pull: the checkpoint sealed before the copy names the missing event', async () => {
  const db = new Database(original, { readonly: true });
  const rows = db.prepare('SELECT gseq, hash, ts FROM events ORDER BY gseq DESC LIMIT 1').get() as { gseq: number; hash: string; ts: number };
  db.close();
  await engine.insert('checkpoints', [{ court: COURT, gseq: rows.gseq, hash: rows.hash, time: rows.ts, id: 'cp-before-pull' }]);
  const f = copy();
  deleteTail(f, 5);
  const without = await compareCopy(f, engine, COURT);
  assert.not.ok(without.checkpoints.contradicted.some((k) => k.gseq === rows.gseq), 'above the copy head, a checkpoint alone is not checked');
  const c = await compareCopy(f, engine, COURT, Number.POSITIVE_INFINITY, rows.gseq);
  assert.equal(c.checkpoints.contradicted.filter((k) => k.gseq === rows.gseq).map((k) => [k.checkpointId, k.copyHash]), [['cp-before-pull', null]]);
  assert.is(c.identical, false);
});

test.run();
