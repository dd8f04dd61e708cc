/**
 * The link a transfer ground needs (actors/distribution/links.ts, Засади
 * 4.11, 4.17, 5.1): same ЄУН, a party in common, or the split ruling of the
 * earlier case's judge — checked on the records handed in, pure.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { checkTransferLink, GROUND_LINKS, type LinkInput } from '../../actors/distribution/links.ts';
import { ROUTE_GROUNDS } from '../../contracts/court/distribution.ts';

const test = suite('transfer links');

const related = { caseId: '537/10/25', composition: { presiding: 'LUB-05', members: [] }, case: { caseId: '537/10/25', uniqueNumber: '537/100/25', category: 'civil-claim', exclusions: [] } };
const facts = (ueun: string, parties: string[], relatedParties = ['Петренко Петро', 'ПАТ «Банк»']) => ({
  current: { ueun, proceedingNumber: '537/11/25', parties },
  related: { ueun: '537/100/25', proceedingNumber: '537/10/25', parties: relatedParties },
});
const input = (code: string, over: Partial<LinkInput> = {}): LinkInput => ({
  code,
  route: { ground: code as never, relatedCaseId: '537/10/25' },
  case: { caseId: '537/11/25', uniqueNumber: '537/101/25', category: 'civil-claim', exclusions: [] },
  related,
  facts: facts('537/101/25', ['Сидоренко Олена']),
  ...over,
});
const ruling = (issuer?: string) => ({ kind: 'ruling' as const, number: '2/537/1', date: '2025-06-01', ...(issuer ? { issuer } : {}) });

test('every ground of 4.11, 4.17 and 5.1 has its link; 5.2 is the ЄРДР index (routing)', () => {
  for (const g of ROUTE_GROUNDS.filter((x) => x !== '5.2')) assert.ok((GROUND_LINKS[g]?.length ?? 0) > 0, g);
  assert.is(GROUND_LINKS['5.2'], undefined);
  assert.is(checkTransferLink(input('5.2')), null);
});

test('an unrelated earlier case is refused for every ground; without relatedCaseId or record, refused too', () => {
  for (const g of Object.keys(GROUND_LINKS)) {
    const r = checkTransferLink(input(g));
    assert.is(r?.code, 'TRANSFER_LINK_NOT_PROVEN', g);
  }
  assert.is(checkTransferLink(input('5.1.2', { route: { ground: '5.1.2', judgeId: 'LUB-05' } }))?.code, 'RELATED_CASE_REQUIRED');
  assert.is(checkTransferLink(input('5.1.2', { related: undefined }))?.code, 'NO_PREVIOUS_JUDGE');
});

test('same ЄУН: the item filed in the very case follows its judge; the card facts win over the request', () => {
  const same = input('5.1.2', { facts: facts('537/100/25', []) });
  assert.is(checkTransferLink(same), null);
  // The request claims the earlier ЄУН, the card says otherwise: the card decides.
  const claimed = input('5.1.2', { case: { caseId: '537/11/25', uniqueNumber: '537/100/25', category: 'civil-claim', exclusions: [] }, facts: facts('537/101/25', []) });
  assert.is(checkTransferLink(claimed)?.code, 'TRANSFER_LINK_NOT_PROVEN');
  // No card facts: the actor's own records (the ЄУН it recorded for both cases).
  assert.is(checkTransferLink(input('5.1.8', { case: { ...related.case, caseId: '537/11/25' }, facts: undefined })), null);
});

test('a party in common (names compared without quotes, case and spacing); no facts → not proven', () => {
  assert.is(checkTransferLink(input('4.17.2', { facts: facts('537/101/25', ['ПАТ "банк"', 'Іваненко']) })), null);
  assert.is(checkTransferLink(input('5.1.11', { facts: facts('537/101/25', ['петренко   петро']) })), null);
  assert.is(checkTransferLink(input('5.1.11', { facts: undefined }))?.code, 'TRANSFER_LINK_NOT_PROVEN');
  // 5.1.6 takes either link.
  assert.is(checkTransferLink(input('5.1.6', { facts: facts('537/100/25', []) })), null);
  assert.is(checkTransferLink(input('5.1.6', { facts: facts('537/101/25', ['Петренко Петро']) })), null);
});

test('4.11: the split ruling (kind ruling, with its author) of the earlier case\'s judge; a named judge must be that judge', () => {
  const with11 = (basis?: ReturnType<typeof ruling> | { kind: 'order'; number: string; date: string; issuer: string }, judgeId?: string) =>
    checkTransferLink(input('4.11', { route: { ground: '4.11', relatedCaseId: '537/10/25', ...(basis ? { basis } : {}), ...(judgeId ? { judgeId } : {}) } }));
  assert.is(with11()?.code, 'TRANSFER_LINK_NOT_PROVEN');
  assert.is(with11(ruling())?.code, 'TRANSFER_LINK_NOT_PROVEN');
  assert.is(with11(ruling('LUB-07'))?.code, 'TRANSFER_LINK_NOT_PROVEN');
  assert.is(with11({ kind: 'order', number: '1', date: '2025-06-01', issuer: 'LUB-05' })?.code, 'TRANSFER_LINK_NOT_PROVEN');
  assert.is(with11(ruling('lub-05')), null, 'the login stands for the Засади id');
  assert.is(with11(ruling('LUB-05'), 'LUB-07')?.code, 'NAMED_JUDGE_MISMATCH');
  assert.is(with11(ruling('LUB-05'), 'LUB-05'), null);
});

test.run();
