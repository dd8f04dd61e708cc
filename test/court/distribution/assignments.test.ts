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
import { civil, startCourt } from './support.ts';

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

test.run();
