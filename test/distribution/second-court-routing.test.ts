/**
 * Issue 13 items 1 and 11: the second court's route grounds (deploy/examples/reshetylivka, its 3.13–3.16 for
 * Lubny's 4.11, 4.17, 5.1–5.2) route by what they state they follow — no paragraph number is known to the code.
 */
import { readFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { routeCase } from '../../actors/distribution/routing.ts';
import { routingInput } from './support/routing-input.ts';
import type { Absence } from '../../contracts/distribution/inputs.ts';
import type { RouteRequest } from '../../contracts/court/distribution.ts';
import { baseZasady } from './support/fixtures.ts';

const test = suite('a second court’s route grounds');

const reshetylivka = parse(readFileSync('deploy/examples/reshetylivka/zasady.yaml', 'utf8'));
const zasady = baseZasady((c) => {
  c.notDistributed = reshetylivka.notDistributed;
  c.transferGrounds = reshetylivka.transferGrounds;
});
const vacation: Absence = { kind: 'vacation', from: '2025-06-02', to: '2025-06-20', basis: { kind: 'order', number: '45-в', date: '2025-05-20' } };

const input = (route: RouteRequest, absences: Record<string, Absence[]> = {}, category = 'civil-claim') => routingInput(zasady, route, absences, category);

test('its 3.13 (split-off case) goes to the judge who split it and waits for him when absent — never drawn', () => {
  const present = routeCase(input({ ground: '3.13', relatedCaseId: 'prev' }));
  assert.equal([present.action, present.action === 'transfer' ? present.to.presiding : ''], ['transfer', 'J02']);
  const absent = routeCase(input({ ground: '3.13', relatedCaseId: 'prev' }, { J02: [vacation] }));
  assert.is(absent.action, 'wait');
});

test('its 3.16 follows the ЄРДР number to the investigating judge; the first request of a proceeding is drawn', () => {
  const next = routeCase(input({ erdr: '12025170000000001' }, {}, 'investigator-request'));
  assert.equal([next.action, next.action === 'transfer' ? next.to.presiding : ''], ['transfer', 'J03']);
  const first = routeCase(input({ ground: '3.16', erdr: '12025170000000999' }, {}, 'investigator-request'));
  assert.is(first.action, 'draw');
});

test('its 3.15.2 (additional decision) waits for the absent judge (5.4 exception in its data); 3.15.1 is drawn', () => {
  assert.is(routeCase(input({ ground: '3.15.2', relatedCaseId: 'prev' }, { J02: [vacation] })).action, 'wait');
  assert.is(routeCase(input({ ground: '3.15.1', relatedCaseId: 'prev' }, { J02: [vacation] })).action, 'draw');
});

test('Lubny’s own numbers mean nothing to it: ground 4.11 or 5.2 is refused as unknown', () => {
  for (const ground of ['4.11', '5.2']) {
    const r = routeCase(input({ ground, relatedCaseId: 'prev' }));
    assert.equal([r.action, r.action === 'refuse' ? r.code : ''], ['refuse', 'UNKNOWN_GROUND'], ground);
  }
});

test.run();
