/**
 * `read-assignments` (Засади 10): one row per judge and case as the load
 * ledger counted it — a batch (several events in one decision, applied
 * twice by the runtime) gives each row once, a repeated distribution adds
 * the new judge and keeps the replaced one's row (his load stays, as the
 * ledger's), and the list is the same after a restart from the journal.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cleanup } from '../../support/servers.ts';
import { civil, kyiv, startCourt, testConfig, testSeal } from './support.ts';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { ActorSystem, DomainRejected, Journal } from '../../../runtime/index.ts';
import { distributionBehavior } from '../../../actors/court/distribution/index.ts';
import { evolve, initialState } from '../../../actors/court/distribution/state.ts';
import { martialCalendar } from '../../distribution/support/fixtures.ts';

const test = suite('distribution actor: read-assignments');
test.after(cleanup);

test('batch rows once each; repeated distribution keeps both judges; same after restart; filters and counts', async () => {
  const c = startCourt();
  const batch = await c.ask({ type: 'distribute-batch', items: ['537/1/25', '537/2/25', '537/3/25'].map((id) => ({ case: civil(id) })) });
  const judges = batch.outcomes.map((o: any) => o.document.protocol.chosen.presiding as string);
  const first = judges[0]!;
  const again = await c.ask({ type: 'order-repeated-distribution', caseId: '537/1/25', order: { kind: 'order', number: '3-р', date: '2025-06-10' }, reason: 'replace-judges', reasonText: 'тривалий лікарняний судді', replace: [first] }, 'head1');
  const second = again.document.protocol.chosen.presiding as string;

  const read = async () => c.ask({ type: 'read-assignments' });
  const all = await read();
  assert.is(all.total, 4);
  assert.equal(all.assignments.map((a: any) => [a.caseId, a.judgeId, a.form]), [...judges.map((j: string, i: number) => [`537/${i + 1}/25`, j, 'presiding']), ['537/1/25', second, 'presiding']]);
  assert.equal(all.assignments.map((a: any) => a.seq), [...batch.outcomes.map((o: any) => o.seq), again.seq]);
  assert.is(all.assignments[3].documentId, again.documentId);
  const sum = Object.values(all.counts as Record<string, Record<string, { presiding: number }>>).reduce((n, byCat) => n + (byCat['civil-claim']?.presiding ?? 0), 0);
  assert.is(sum, 4);

  const one = await c.ask({ type: 'read-assignments', judgeId: second, category: 'civil-claim', from: '2025-06-10', to: '2025-06-10', limit: 0 });
  assert.equal(one.assignments, []);
  assert.is(one.total, all.assignments.filter((a: any) => a.judgeId === second).length);
  assert.is((await c.ask({ type: 'read-assignments', from: '2025-06-11' })).total, 0);

  await c.system.shutdown();
  const back = startCourt({ dir: c.dir });
  assert.equal(await back.ask({ type: 'read-assignments' }), all);
  const z = await back.ask({ type: 'read-zasady' });
  assert.is(z.court.code, '537');
  await back.system.shutdown();
});

/**
 * A snapshot taken before the assignment rows existed holds the journal's
 * state up to its aseq minus `assignments`. The runtime sets it aside
 * (the behavior's `snapshotUsable`) and replays the whole stream: the rows
 * come back whole, and decide never reads the journal to repair them.
 */
test('a snapshot from before the assignment rows is set aside: the state is replayed from the whole stream, counts are whole', async () => {
  const first = startCourt();
  await first.ask({ type: 'distribute-batch', items: [1, 2, 3, 4, 5].map((i) => ({ case: civil(`537/${i}/25`) })) });
  await first.system.shutdown();
  const journal = join(first.dir, 'journal.sqlite');
  const db = new Database(journal);
  const events = db.prepare("SELECT aseq, data FROM events WHERE actor = 'distribution/537' ORDER BY aseq").all() as Array<{ aseq: number; data: string }>;
  let state = initialState('537');
  for (const e of events) state = evolve(state, JSON.parse(e.data));
  assert.is(state.assignments!.length, 5);
  const { assignments: _rows, ...old } = state;
  db.close();
  // Written as the runtime writes snapshots (with its record in the chain): a hand-inserted row is refused as tampering.
  const j = new Journal(journal);
  await j.persist({ actor: 'distribution/537', expectedSeq: events.at(-1)!.aseq, events: [], ts: Date.now(), snapshot: { aseq: events.at(-1)!.aseq, state: JSON.stringify(old) } });
  j.close();

  const system = new ActorSystem({ node: 'court-537', journal, clock: () => kyiv('2025-06-10'), reminderTickMs: 3_600_000 })
    .register(distributionBehavior({ zasady: [testConfig()], calendar: martialCalendar, signer: testSeal().signer }))
    .start();
  const ref = system.ref('distribution', '537');
  await ref.ask({ type: 'distribute', case: civil('537/6/25') });
  const all = await ref.ask<any>({ type: 'read-assignments' });
  assert.is(all.total, 6, 'five from before the snapshot + one after');
  assert.equal(all.assignments.map((r: any) => r.caseId), ['537/1/25', '537/2/25', '537/3/25', '537/4/25', '537/5/25', '537/6/25']);
  assert.equal(all.assignments.slice(0, 5), state.assignments, 'exactly the rows a replay gives');
  const perJudge = Object.values(all.counts).reduce((n: number, cats: any) => n + (Object.values(cats) as any[]).reduce((m, c) => m + c.presiding + c.member + c.reserve, 0), 0);
  assert.is(perJudge, 6);
  await system.shutdown();
});

test.run();
