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
import { startCourt, testConfig, testSeal } from '../distribution/support.ts';
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

/** The test Засади with two more criminal judges, so that two seats of a three-judge panel can be drawn anew. */
function biggerCourt() {
  const config = testConfig();
  config.judges = [
    ...config.judges,
    { id: 'J06', name: 'Суддя Шостий', displayOrder: 6, specialisations: ['criminal'], appointedOn: '2020-01-01', reductions: [] },
    { id: 'J07', name: 'Суддя Сьомий', displayOrder: 7, specialisations: ['criminal'], appointedOn: '2020-01-01', reductions: [] },
  ];
  return startCourt({ config });
}

test('4.12: replacing the presiding judge and a member draws exactly those two seats anew, keeps the third, and the protocol records it', async () => {
  const court = biggerCourt();
  const d = await court.ask({ type: 'distribute', case: { caseId: '537/301/25', category: 'criminal-panel', exclusions: [] } });
  const [presiding, m2, m3] = [d.document.protocol.chosen.presiding, ...d.document.protocol.chosen.members];
  // Named out of seat order in the order: the protocol keeps seat order (presiding first).
  const r = await court.ask({ type: 'order-repeated-distribution', caseId: '537/301/25', reason: 'replace-judges', replace: [m2, presiding], order: ORDER, reasonText }, 'head1');
  const p = r.document.protocol;
  assert.is(p.kind, 'member-replacement');
  assert.equal(p.panelBefore, [presiding, m2, m3]);
  assert.equal(p.replacedJudges, [presiding, m2]);
  assert.equal(p.replaced, { judgeId: presiding, basis: ORDER });
  assert.equal(p.steps.map((s: any) => s.label), ['replacement', 'replacement-2']);
  for (const st of p.steps) for (const c of st.candidates) assert.not.ok([presiding, m2, m3].includes(c.judgeId), `${c.judgeId} is on the panel`);
  assert.is.not(p.steps[0].chosen, p.steps[1].chosen);
  // The new judges take the replaced seats; the third judge keeps theirs.
  assert.equal([p.chosen.presiding, ...p.chosen.members], [p.steps[0].chosen, p.steps[1].chosen, m3]);
  assert.ok(verifyProtocol(JSON.parse(JSON.stringify(p)), vrfOptions(testSeal().signer.certificate)).ok);
  const forged = JSON.parse(JSON.stringify(p));
  forged.chosen.members = [forged.chosen.members[1], forged.chosen.members[0]];
  assert.not.ok(verifyProtocol(forged, vrfOptions(testSeal().signer.certificate)).ok, 'a seat swapped is caught');
  const read = await court.ask({ type: 'read-case', caseId: '537/301/25' });
  assert.equal([read.assignment.presiding, ...read.assignment.members], [p.steps[0].chosen, p.steps[1].chosen, m3]);
  await court.system.shutdown();
});

test('4.12: replacing only the presiding judge keeps both members in their seats', async () => {
  const court = biggerCourt();
  const d = await court.ask({ type: 'distribute', case: { caseId: '537/302/25', category: 'criminal-panel', exclusions: [] } });
  const before = [d.document.protocol.chosen.presiding, ...d.document.protocol.chosen.members];
  const r = await court.ask({ type: 'order-repeated-distribution', caseId: '537/302/25', reason: 'replace-judges', replace: [before[0]], order: ORDER, reasonText }, 'head1');
  const p = r.document.protocol;
  assert.is(p.kind, 'member-replacement');
  assert.equal(p.chosen.members, before.slice(1));
  assert.is(p.chosen.presiding, p.steps[0].chosen);
  assert.not.ok(before.includes(p.chosen.presiding));
  assert.ok(verifyProtocol(JSON.parse(JSON.stringify(p)), vrfOptions(testSeal().signer.certificate)).ok);
  // The whole composition named: a new draw of the panel (4.9 order), as before.
  const all = await court.ask({ type: 'order-repeated-distribution', caseId: '537/302/25', reason: 'replace-judges', replace: [p.chosen.presiding, ...p.chosen.members], order: ORDER, reasonText }, 'head1');
  assert.is(all.document.protocol.kind, 'repeated-distribution');
  await court.system.shutdown();
});

test.run();
