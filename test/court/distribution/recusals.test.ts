/**
 * Exclusions only from recorded facts (issue 10 item 4), at the actor: a
 * draw's request carries none; a recusal recorded with its ruling excludes
 * the judge from this case's draws — the first one and a repeated one — and
 * a shortened absence lets a waiting case go at once (4.10 ¶2). The facts
 * are attributed from the message's meta, survive a restart, and a
 * refusal writes nothing.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { DomainRejected } from '../../../runtime/index.ts';
import { cleanup } from '../../support/servers.ts';
import { civil, kyiv, startCourt } from './support.ts';

const test = suite('distribution actor: recusals and absences from recorded facts');
test.after(cleanup);

const ruling = (n: string, issuer = 'J01') => ({ kind: 'ruling', number: n, date: '2025-06-10', issuer });
const order = (n: string) => ({ kind: 'order', number: n, date: '2025-06-01' });

async function refusedCode(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    assert.instance(e, DomainRejected);
    return (e as DomainRejected).code;
  }
  throw new Error('not refused');
}

const candidates = (out: any): string[] => out.document.protocol.steps[0].candidates.map((c: { judgeId: string }) => c.judgeId);

test('request exclusions refused (single and batch) with nothing written; a recusal excludes the judge in the draw and the repeated draw', async () => {
  const c = startCourt();
  const seq = async () => (await c.ask({ type: 'read-protocols' })).attempts as number;
  const before = await seq();
  assert.is(await refusedCode(c.ask({ type: 'distribute', case: civil('537/1/25', { exclusions: [{ judgeId: 'J01', text: 'x' }] }) })), 'EXCLUSIONS_NOT_ACCEPTED');
  assert.is(await refusedCode(c.ask({ type: 'distribute-batch', items: [{ case: civil('537/2/25') }, { case: civil('537/1/25', { exclusions: [{ judgeId: 'J01', text: 'x' }] }) }] })), 'EXCLUSIONS_NOT_ACCEPTED');
  assert.is(await seq(), before, 'the whole batch refused: not even its first item was drawn');

  assert.is(await refusedCode(c.ask({ type: 'record-recusal', caseId: '537/1/25', judgeId: 'J01', kind: 'recusal', ruling: { kind: 'order', number: '1', date: '2025-06-10' } })), 'RULING_REQUIRED');
  assert.is(await refusedCode(c.ask({ type: 'record-recusal', caseId: '537/1/25', judgeId: 'J01', kind: 'recusal', ruling: { kind: 'ruling', number: '1', date: '2025-06-10' } })), 'RULING_REQUIRED', 'no author');
  assert.is(await refusedCode(c.ask({ type: 'record-recusal', caseId: '537/1/25', judgeId: 'J01', kind: 'recusal', ruling: { ...ruling('1'), date: '2025-06-11' } })), 'BASIS_IN_FUTURE');
  assert.is(await refusedCode(c.ask({ type: 'record-recusal', caseId: '537/1/25', judgeId: 'J99', kind: 'recusal', ruling: ruling('1') })), 'UNKNOWN_JUDGE');

  const r = await c.system.ref('distribution', '537').ask<any>({ type: 'record-recusal', caseId: '537/1/25', judgeId: 'J01', kind: 'self-recusal', ruling: ruling('сам-1') }, { meta: { author: 'officer1', role: 'distribution_officer' } });
  assert.equal(r, { recorded: true, caseId: '537/1/25', judgeId: 'J01' });
  assert.is(await refusedCode(c.ask({ type: 'record-recusal', caseId: '537/1/25', judgeId: 'J01', kind: 'recusal', ruling: ruling('2') })), 'ALREADY_RECORDED');

  const first = await c.ask({ type: 'distribute', case: civil('537/1/25') });
  assert.is(first.status, 'distributed');
  assert.not.ok(candidates(first).includes('J01'));
  assert.ok(first.document.protocol.excluded.some((x: any) => x.judgeId === 'J01' && JSON.stringify(x).includes('сам-1')), 'the ruling quoted among the excluded');

  // A repeated distribution (4.12) honours the recusal as well.
  const chosen = first.document.protocol.chosen.presiding;
  const again = await c.ask({ type: 'order-repeated-distribution', caseId: '537/1/25', order: order('3-р'), reason: 'replace-judges', reasonText: 'тривала хвороба судді', replace: [chosen] }, 'head1');
  assert.not.ok(candidates(again).includes('J01'));
  assert.not.ok(candidates(again).includes(chosen));

  // A recusal of the judge who holds the case says a repeated distribution is needed — it never moves the case by itself.
  const holder = again.document.protocol.chosen.presiding;
  const late = await c.ask({ type: 'record-recusal', caseId: '537/1/25', judgeId: holder, kind: 'recusal', ruling: ruling('від-2', 'J05') });
  assert.is(late.repeatedDistributionNeeded, true);
  assert.is((await c.ask({ type: 'read-case', caseId: '537/1/25' })).assignment.presiding, holder);

  // After a restart the recusals come back from the journal.
  await c.system.shutdown();
  const back = startCourt({ dir: c.dir });
  assert.is(await refusedCode(back.ask({ type: 'record-recusal', caseId: '537/1/25', judgeId: 'J01', kind: 'recusal', ruling: ruling('3') })), 'ALREADY_RECORDED');
  // A recusal binds its case only.
  const other = await back.ask({ type: 'distribute', case: civil('537/3/25') });
  assert.ok(candidates(other).includes('J01'), 'another case: J01 is a candidate');
  await back.system.shutdown();
});

test('a shortened absence: attributed, only shorter, and a waiting case goes at once (4.10 ¶2)', async () => {
  const c = startCourt({ now: kyiv('2025-06-10') });
  await c.ask({ type: 'record-absence', judgeId: 'J02', absence: { kind: 'business-trip', from: '2025-06-09', to: '2025-06-27', basis: order('t-1') } }, 'head1');
  const out = await c.ask({ type: 'distribute', case: { caseId: '537/62/25', category: 'criminal-juvenile', exclusions: [] } });
  assert.is(out.status, 'impossible');
  const shorten = { type: 'shorten-absence', judgeId: 'J02', kind: 'business-trip', from: '2025-06-09', basis: order('t-1-зм') };
  assert.is(await refusedCode(c.ask({ ...shorten, to: '2025-06-30' })), 'NOT_SHORTER');
  assert.is(await refusedCode(c.ask({ ...shorten, to: '2025-06-08' })), 'NOT_SHORTER');
  assert.is(await refusedCode(c.ask({ ...shorten, from: '2025-06-10', to: '2025-06-12' })), 'NO_SUCH_ABSENCE');
  const s = await c.system.ref('distribution', '537').ask<any>({ ...shorten, to: '2025-06-09' }, { meta: { author: 'head1', role: 'head_of_staff' } });
  assert.equal(s, { shortened: true, to: '2025-06-09' });
  const roster = await c.ask({ type: 'read-roster' });
  assert.equal(roster.absences.J02.map((a: any) => [a.from, a.to]), [['2025-06-09', '2025-06-09']]);
  assert.is(c.system.fireDueReminders(), 1, 'the waiting case is retried now');
  assert.is((await c.ask({ type: 'read-case', caseId: '537/62/25' })).assignment.presiding, 'J02');
  await c.system.shutdown();
});

test.run();
