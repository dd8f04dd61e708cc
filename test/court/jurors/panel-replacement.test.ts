/**
 * Replacing one panel member (Засади 4.9 ¶2) through the distribution actor's
 * existing `order-repeated-distribution` command: only on the head of staff's
 * reasoned order (розпорядження), a recorded one-step draw among eligible
 * judges not on the panel, the others keep their seats, the protocol verifies.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { verifyProtocol } from '../../../actors/distribution/verify.ts';
import { cleanup } from '../../support/servers.ts';
import { startCourt, testSeal } from '../distribution/support.ts';
import { vrfOptions } from '../../../actors/court/distribution/check.ts';
import { refused } from './support.ts';

const test = suite('panel member replacement (4.9 ¶2)');
test.after(cleanup);

const ORDER = { kind: 'order', number: '31-р', date: '2025-06-10', issuer: 'керівник апарату суду' };
const reasonText = 'Службова записка судді-доповідача від 09.06.2025: суддю призвано на військову службу; строк розгляду справи спливає';

test('one member replaced by a recorded draw among judges not on the panel; order and reasons required', async () => {
  const court = startCourt();
  const d = await court.ask({ type: 'distribute', case: { caseId: '537/300/25', category: 'criminal-panel', exclusions: [] } });
  const panel = [d.document.protocol.chosen.presiding, ...d.document.protocol.chosen.members];
  const member = panel[1];
  const base = { type: 'order-repeated-distribution', caseId: '537/300/25', reason: 'replace-judges', replace: [member] };
  await refused(court.ask({ ...base, order: { ...ORDER, kind: 'memo' }, reasonText }, 'head1'), 'ORDER_REQUIRED');
  await refused(court.ask({ ...base, order: ORDER, reasonText: '   ' }, 'head1'), 'REASON_REQUIRED');
  await refused(court.ask({ ...base, replace: ['J99'], order: ORDER, reasonText }, 'head1'), 'NOT_IN_COMPOSITION');
  const r = await court.ask({ ...base, order: ORDER, reasonText }, 'head1');
  const p = r.document.protocol;
  assert.is(p.kind, 'member-replacement');
  assert.equal(p.panelBefore, panel);
  assert.is(p.replaced.judgeId, member);
  assert.equal(p.replaced.basis, ORDER);
  assert.is(p.steps.length, 1);
  for (const c of p.steps[0].candidates) assert.not.ok(panel.includes(c.judgeId), `${c.judgeId} is on the panel`);
  const after = [p.chosen.presiding, ...p.chosen.members];
  assert.equal(after.filter((id: string) => id !== p.steps[0].chosen), panel.filter((id) => id !== member), 'the others keep their seats');
  assert.is(r.document.order.reasonText, reasonText);
  // asds-draw/2: the step's VRF proof is checked under the court seal's certificate.
  assert.ok(verifyProtocol(JSON.parse(JSON.stringify(p)), vrfOptions(testSeal().signer.certificate)).ok);
  await court.system.shutdown();
});

test.run();
