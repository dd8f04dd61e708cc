/**
 * The one reducer from court events to a statistical card (analytics/stats/derive.ts), on its own: the cases
 * the court node's flow rarely shows — a repeated draw, a revoked legal force, an entered result that a later
 * decision event does not overwrite, events of other proceedings or before the registration.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { deriveCard, deriveCards, statCardKey, type CardEvent } from '../../analytics/stats/derive.ts';

const test = suite('court statistics: deriveCard');
const P = '2/537/7/26';
const ev = (type: string, data: Record<string, unknown>): CardEvent => ({ court: '537', actor: 'x/537', type, data, ts: 0 });
const registered = ev('case-registered', { proceedingNumber: P, registrationDate: '2026-03-03', registration: { index: '2', arrivalDate: '2026-03-02', category: 'цивільні: спори, що виникають з договорів купівлі-продажу, оренди та інших договорів' } });
const drawn = (judge: string) => ev('case-distributed', { caseId: P, case: { caseId: P, category: 'civil-claim' }, composition: { presiding: judge, members: [] } });

test('registration opens the card; a long free-text category is not a Засади id and is left out', () => {
  const c = deriveCard(undefined, registered)!;
  assert.equal(c, { court: '537', proceedingNumber: P, index: '2', receivedOn: '2026-03-02', overTerm: false, juvenile: false, detention: false });
});

test('nothing before the registration; events of other kinds are not routed to a card', () => {
  assert.is(deriveCard(undefined, drawn('judge.a')), undefined);
  assert.is(statCardKey(ev('card-moved', { proceedingNumber: P })), undefined);
  assert.is(statCardKey(ev('case-distributed', { caseId: '537/7/26' })), undefined, 'a ЄУН is not a proceeding number');
});

test('a repeated draw replaces the judge; an entered result survives the decision; a revoked legal force is cleared', () => {
  const cards = deriveCards([
    registered,
    drawn('judge.a'),
    drawn('judge.b'),
    ev('stat-card-entered', { proceedingNumber: P, fields: { result: 'left-without-consideration', amountClaimed: 500 } }),
    ev('case-decided', { proceedingNumber: P, outcome: 'ruling-closing', date: '2026-04-01' }),
    ev('legal-force-recorded', { proceedingNumber: P, item: { legalForce: { date: '2026-04-16' } } }),
    ev('legal-force-revoked', { proceedingNumber: P }),
    ev('legal-force-recorded', { proceedingNumber: P, item: { kind: 'withdrawal', legalForce: { date: '2026-04-20' } } }),
  ]);
  assert.equal(cards.get(P), { court: '537', proceedingNumber: P, index: '2', receivedOn: '2026-03-02', category: 'civil-claim', judge: 'judge.b', result: 'left-without-consideration', amountClaimed: 500, decidedOn: '2026-04-01', overTerm: false, juvenile: false, detention: false });
});

test('entered null clears an optional field and resets a mark', () => {
  const cards = deriveCards([registered, ev('stat-card-entered', { proceedingNumber: P, fields: { article: 'ст. 625 ЦК', juvenile: true } }), ev('stat-card-entered', { proceedingNumber: P, fields: { article: null, juvenile: null } })]);
  assert.is(cards.get(P)!.article, undefined);
  assert.is(cards.get(P)!.juvenile, false);
});

test.run();
