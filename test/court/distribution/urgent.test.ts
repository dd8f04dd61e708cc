/**
 * Засади 15.3 in the distribution record (issue 13 item 2): an urgent case
 * assigned during an outage by the assembly's decision is entered after
 * recovery as a sealed non-random assignment (ground 15.3, the decision as
 * basis) — it counts in the judge's load and later items follow it under 5.1.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { checkProtocolDocument } from '../../../actors/court/distribution/index.ts';
import { cleanup } from '../../support/servers.ts';
import { refused } from '../jurors/support.ts';
import { civil, kyiv, startCourt, testSeal } from './support.ts';

const test = suite('court distribution: 15.3 urgent assignments are cases of the record');
test.after(cleanup);

const DECISION = { kind: 'decision', number: 'рішення зборів № 4', date: '2025-06-03', issuer: 'збори суддів' };
const urgent = (over: Record<string, unknown> = {}) => ({
  type: 'assign-by-assembly',
  case: civil('537/95/25', { uniqueNumber: '537/950/25', proceedingNumber: '537/95/25' }),
  judges: ['J03'],
  decision: DECISION,
  at: '2025-06-03T11:00:00+03:00',
  categoryText: 'Клопотання про забезпечення позову (невідкладно)',
  outageRef: 'O1-2',
  ...over,
});

test('15.3: recorded with a sealed protocol, counted in the judge’s load, and the earlier case of a later 5.1 transfer', async () => {
  const c = startCourt({ now: kyiv('2025-06-11') });
  await refused(c.ask(urgent({ decision: { ...DECISION, kind: 'order' } })), 'DECISION_REQUIRED');
  await refused(c.ask(urgent({ judges: ['J99'] })), 'UNKNOWN_JUDGE');
  await refused(c.ask(urgent({ at: '2025-07-01T11:00:00+03:00' })), 'BAD_DATE');
  const r = await c.ask(urgent(), 'head1');
  assert.is(r.status, 'transferred');
  const p = r.document.protocol;
  assert.equal([p.ground.code, p.to, p.basis, p.date], ['15.3', { presiding: 'J03', members: [] }, DECISION, '2025-06-03']);
  assert.match(p.ground.text, /Засади 15\.3; O1-2/);
  assert.equal(checkProtocolDocument(r.document, testSeal().trust).problems, []);
  await refused(c.ask(urgent()), 'ALREADY_DISTRIBUTED');
  // 6.4: the case is in J03's load like any other.
  const a = await c.ask({ type: 'read-assignments', judgeId: 'J03' });
  assert.equal(a.assignments.map((x: any) => [x.caseId, x.form, x.date]), [['537/95/25', 'presiding', '2025-06-03']]);
  // 5.1.7: a later motion to secure the claim in the same case goes to the judge the assembly named.
  const t = await c.ask({ type: 'distribute', case: civil('537/96/25', { uniqueNumber: '537/950/25' }), route: { ground: '5.1.7', relatedCaseId: '537/95/25' } });
  assert.equal([t.status, t.document.protocol.to.presiding], ['transferred', 'J03']);
  await c.system.shutdown();
});

test.run();
