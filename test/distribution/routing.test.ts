/**
 * Routing before the draw (Засади 4.11, 4.17, 5.1–5.4): one test per
 * ground — transfer to the previously assigned judge when present, and the
 * 5.4 outcome (wait or draw) when that judge is absent.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { routeCase } from '../../actors/distribution/routing.ts';
import { routingInput } from './support/routing-input.ts';
import type { Absence } from '../../contracts/distribution/inputs.ts';
import type { RouteRequest } from '../../contracts/court/distribution.ts';
import { baseZasady } from './support/fixtures.ts';

const test = suite('routing: 4.11, 4.17, 5.1–5.4');

// The grounds exactly as the Lubny example Засади configure them.
const lubny = parse(readFileSync('deploy/examples/lubny/zasady.yaml', 'utf8'));
const zasady = baseZasady((c) => {
  c.notDistributed = lubny.notDistributed;
  c.transferGrounds = lubny.transferGrounds;
});

const vacation: Absence = { kind: 'vacation', from: '2025-06-02', to: '2025-06-20', basis: { kind: 'order', number: '45-в', date: '2025-05-20' } };
const BACK = '2025-06-23'; // Monday after the vacation

const input = (route: RouteRequest, absences: Record<string, Absence[]> = {}, category = 'civil-claim') => routingInput(zasady, route, absences, category);

/** Grounds whose item waits for the absent judge (5.4 exceptions; 4.11 knows no draw). */
const WAITS = new Set(['4.11', '4.17.2', '5.1.2', '5.1.3']);

const GROUNDS = ['4.11', '4.17.1', '4.17.2', '4.17.3', '5.1.1', '5.1.2', '5.1.3', '5.1.4', '5.1.5', '5.1.6', '5.1.7', '5.1.8', '5.1.9', '5.1.10', '5.1.11', '5.1.12'] as const;

for (const ground of GROUNDS) {
  test(`ground ${ground}: to the previously assigned judge; judge absent → ${WAITS.has(ground) ? 'waits (5.4 exception)' : 'drawn (5.4)'}`, () => {
    const present = routeCase(input({ ground, relatedCaseId: 'prev' }));
    assert.is(present.action, 'transfer');
    if (present.action !== 'transfer') return;
    assert.is(present.ground.code, ground);
    assert.equal(present.to, { presiding: 'J02', members: [] });
    // 5.1.11 follows a person (the node found the person's pending case): the protocol says so.
    assert.equal(present.previous, { source: ground === '5.1.11' ? 'person' : 'related-case', caseId: 'prev' });

    const absent = routeCase(input({ ground, relatedCaseId: 'prev' }, { J02: [vacation] }));
    if (WAITS.has(ground)) {
      assert.equal(absent, { action: 'wait', ground: present.ground, rule: ground === '4.11' ? '4.11' : '5.4', judgeId: 'J02', until: BACK });
    } else {
      assert.is(absent.action, 'draw');
      if (absent.action === 'draw') assert.is(absent.rule, '5.4');
    }
  });
}

test('5.1.4: only sentence execution in a case this court decided waits (seed 5.4); other enforcement questions are drawn', () => {
  const wait = routeCase(input({ ground: '5.1.4', relatedCaseId: 'prev', sentenceExecution: true }, { J02: [vacation] }));
  assert.is(wait.action, 'wait');
  const draw = routeCase(input({ ground: '5.1.4', relatedCaseId: 'prev' }, { J02: [vacation] }));
  assert.is(draw.action, 'draw');
});

test('5.2: a further request in the same ЄРДР proceeding goes to its investigating judge, with or without a stated ground', () => {
  for (const route of [{ erdr: '12025170000000001' }, { ground: '5.2' as const, erdr: '12025170000000001' }]) {
    const r = routeCase(input(route, {}, 'investigator-request'));
    assert.is(r.action, 'transfer');
    if (r.action === 'transfer') {
      assert.is(r.ground.code, '5.2');
      assert.equal(r.to, { presiding: 'J03', members: [] });
      assert.equal(r.previous, { source: 'erdr', erdr: '12025170000000001' });
    }
  }
  // The first request in a proceeding is drawn (and then names the judge for the next ones).
  const first = routeCase(input({ ground: '5.2', erdr: '12025170000000999' }, {}, 'investigator-request'));
  assert.equal(first.action, 'draw');
  // The investigating judge absent: drawn (5.2 is not a 5.4 exception).
  const absent = routeCase(input({ erdr: '12025170000000001' }, { J03: [vacation] }, 'investigator-request'));
  assert.is(absent.action, 'draw');
});

test('5.2 second sentence: a complaint citing this court ruling on entry into ЄРДР goes to the judge who made it', () => {
  const r = routeCase(input({ ground: '5.2', relatedCaseId: 'prev' }, {}, 'investigator-request'));
  assert.is(r.action, 'transfer');
  if (r.action === 'transfer') assert.is(r.to.presiding, 'J02');
});

test('a panel case goes to the whole panel; 5.4 looks at the presiding judge', () => {
  const r = routeCase(input({ ground: '5.1.1', relatedCaseId: 'panel-case' }));
  assert.equal(r.action === 'transfer' && r.to, { presiding: 'J03', members: ['J01', 'J04'] });
  const absentMember = routeCase(input({ ground: '5.1.1', relatedCaseId: 'panel-case' }, { J01: [vacation] }));
  assert.is(absentMember.action, 'transfer');
});

test('4.11 with only a judge named (no case record of this court) is refused: the judge comes from the records, never from the request', () => {
  const r = routeCase(input({ ground: '4.11', judgeId: 'J05' }));
  assert.equal(r.action === 'refuse' && r.code, 'NO_PREVIOUS_JUDGE');
});

test('a waiting ground whose judge will not be back (dismissed) is drawn under 4.14', () => {
  const dismissed: Absence = { kind: 'dismissal', from: '2025-05-01', basis: { kind: 'decision', number: '1234/0/15-25', date: '2025-04-30' } };
  const r = routeCase(input({ ground: '5.1.2', relatedCaseId: 'prev' }, { J02: [dismissed] }));
  assert.is(r.action, 'draw');
  if (r.action === 'draw') assert.is(r.rule, '4.14');
});

test('the lead window before a vacation does not block a transfer (4.5 stops drawn cases only)', () => {
  const soon: Absence = { ...vacation, from: '2025-06-16', to: '2025-06-30' };
  assert.is(routeCase(input({ ground: '5.1.3', relatedCaseId: 'prev' }, { J02: [soon] })).action, 'transfer');
});

test('5.4 exceptions are data, not code: a court whose Засади make all of 5.1.4 wait, and 4.17.2 drawn, gets exactly that', () => {
  const other = baseZasady((c) => {
    c.notDistributed = lubny.notDistributed.map((g: any) => (g.code === '4.17.2' ? { ...g, distributeIfJudgeAbsent: true } : g));
    c.transferGrounds = lubny.transferGrounds.map((g: any) => (g.code === '5.1.4' ? { code: g.code, text: g.text, distributeIfJudgeAbsent: false } : g));
  });
  const absent = { J02: [vacation] };
  assert.is(routeCase({ ...input({ ground: '5.1.4', relatedCaseId: 'prev' }, absent), zasady: other }).action, 'wait');
  assert.is(routeCase({ ...input({ ground: '4.17.2', relatedCaseId: 'prev' }, absent), zasady: other }).action, 'draw');
});

const sickOpen: Absence = { kind: 'sick-leave', from: '2025-06-05', basis: { kind: 'sick-note', number: 'ЛН-12', date: '2025-06-05' } };

test('an open-ended sick leave is waited out: every 5.4 exception waits with no forecast — it is not "will not be back"', () => {
  for (const route of [{ ground: '5.1.2' as const }, { ground: '5.1.3' as const }, { ground: '5.1.4' as const, sentenceExecution: true }, { ground: '4.17.2' as const }]) {
    const r = routeCase(input({ ...route, relatedCaseId: 'prev' }, { J02: [sickOpen] }));
    assert.equal(r, { action: 'wait', ground: r.action === 'wait' ? r.ground : (null as never), rule: '5.4', judgeId: 'J02', until: null }, route.ground);
  }
  // Not an exception: drawn under 5.4 as before.
  assert.equal(routeCase(input({ ground: '5.1.1', relatedCaseId: 'prev' }, { J02: [sickOpen] })).action, 'draw');
});

test('"will not be back" is dismissal, end of powers or transfer: then drawn (4.14); a dismissal ahead makes the wait end that day', () => {
  const powersEnded = baseZasady((c) => {
    c.notDistributed = lubny.notDistributed;
    c.transferGrounds = lubny.transferGrounds;
    c.judges = c.judges.map((j) => (j.id === 'J02' ? { ...j, powersEnd: '2025-06-01' } : j));
  });
  const ended = routeCase({ ...input({ ground: '5.1.2', relatedCaseId: 'prev' }), zasady: powersEnded });
  assert.equal(ended.action === 'draw' && ended.rule, '4.14');
  // Transferred to another court: no longer on the roster in force.
  const transferred = baseZasady((c) => {
    c.notDistributed = lubny.notDistributed;
    c.transferGrounds = lubny.transferGrounds;
    c.judges = c.judges.filter((j) => j.id !== 'J02');
  });
  const gone = routeCase({ ...input({ ground: '5.1.3', relatedCaseId: 'prev' }), zasady: transferred });
  assert.equal(gone.action === 'draw' && gone.rule, '4.14');
  // On an open sick leave and dismissed from 1 July: waits, looked at again on 1 July (then drawn).
  const dismissal: Absence = { kind: 'dismissal', from: '2025-07-01', basis: { kind: 'decision', number: '99/0/15-25', date: '2025-06-09' } };
  assert.equal(routeCase(input({ ground: '5.1.2', relatedCaseId: 'prev' }, { J02: [sickOpen, dismissal] })), { action: 'wait', ground: (routeCase(input({ ground: '5.1.2', relatedCaseId: 'prev' })) as any).ground, rule: '5.4', judgeId: 'J02', until: null, recheckOn: '2025-07-01' });
  const later = routeCase({ ...input({ ground: '5.1.2', relatedCaseId: 'prev' }, { J02: [sickOpen, dismissal] }), date: '2025-07-01' });
  assert.equal(later.action === 'draw' && later.rule, '4.14');
});

test('judgeWillNotReturn is configuration: a court may count an appointment to ВККС/ВРП as "will not be back"', () => {
  const appointed: Absence = { kind: 'appointment-vkks-vrp', from: '2025-06-01', basis: { kind: 'decision', number: 'ВРП 1', date: '2025-06-01' } };
  assert.is(routeCase(input({ ground: '5.1.2', relatedCaseId: 'prev' }, { J02: [appointed] })).action, 'wait');
  const z = baseZasady((c) => {
    c.notDistributed = lubny.notDistributed;
    c.transferGrounds = lubny.transferGrounds;
    c.judgeWillNotReturn = ['dismissal', 'powers-end', 'appointment-vkks-vrp'];
  });
  const r = routeCase({ ...input({ ground: '5.1.2', relatedCaseId: 'prev' }, { J02: [appointed] }), zasady: z });
  assert.equal(r.action === 'draw' && r.rule, '4.14');
});

test('no earlier judge known → refused; a ground the Засади lack → refused; no ground → draw', () => {
  assert.equal(routeCase(input({ ground: '5.1.6', relatedCaseId: 'unknown' })).action, 'refuse');
  const z = baseZasady(); // its transferGrounds hold only 5.1.2
  const r = routeCase({ ...input({ ground: '5.1.6', relatedCaseId: 'prev' }), zasady: z });
  assert.equal(r.action === 'refuse' && r.code, 'UNKNOWN_GROUND');
  assert.equal(routeCase(input({})), { action: 'draw' });
});

test('grounds are data: another court numbers its grounds differently and routes them without a code change (Засади as data)', () => {
  // A court whose split-off ground is 3.2, its ЄРДР ground 7.1 and its person ground 7.9.
  const other = baseZasady((c) => {
    c.notDistributed = [{ code: '3.2', text: 'Виділена справа', follows: 'related-case', links: ['split-ruling'], neverDrawn: true }];
    c.transferGrounds = [
      { code: '7.1', text: 'Клопотання в одному провадженні ЄРДР', follows: 'erdr', categories: ['investigator-request'] },
      { code: '7.9', text: 'Та сама особа', follows: 'person', categories: ['admin-offence'] },
    ];
  });
  const r = routeCase({ ...input({ erdr: '12025170000000001' }, {}, 'investigator-request'), zasady: other });
  assert.equal(r.action === 'transfer' && [r.ground.code, r.to.presiding], ['7.1', 'J03']);
  // The ЄРДР ground names its categories: an indictment with the same ЄРДР number is drawn, not given to the investigating judge.
  assert.equal(routeCase({ ...input({ erdr: '12025170000000001' }, {}, 'criminal'), zasady: other }), { action: 'draw' });
  // Never drawn: with the judge absent it waits, under its own number.
  const wait = routeCase({ ...input({ ground: '3.2', relatedCaseId: 'prev' }, { J02: [vacation] }), zasady: other });
  assert.equal(wait.action === 'wait' && [wait.rule, wait.until], ['3.2', BACK]);
  // Lubny's numbers mean nothing there.
  assert.equal(routeCase({ ...input({ ground: '4.11', relatedCaseId: 'prev' }), zasady: other }).action, 'refuse');
  const person = routeCase({ ...input({ ground: '7.9', relatedCaseId: 'prev' }, {}, 'admin-offence'), zasady: other });
  assert.equal(person.action === 'transfer' && person.previous, { source: 'person', caseId: 'prev' });
});

test('a version recorded before grounds carried semantics keeps the Lubny meaning (4.11 constant, 5.2 ЄРДР): old routes unchanged', () => {
  const legacy = baseZasady((c) => {
    c.notDistributed = lubny.notDistributed.map(({ code, text, distributeIfJudgeAbsent }: any) => ({ code, text, distributeIfJudgeAbsent })).filter((g: any) => g.code !== '4.11');
    c.transferGrounds = lubny.transferGrounds.map(({ code, text, distributeIfJudgeAbsent, waitsIfJudgeAbsentWhen }: any) => ({ code, text, distributeIfJudgeAbsent, ...(waitsIfJudgeAbsentWhen ? { waitsIfJudgeAbsentWhen } : {}) }));
  });
  const split = routeCase({ ...input({ ground: '4.11', relatedCaseId: 'prev' }, { J02: [vacation] }), zasady: legacy });
  assert.equal(split.action === 'wait' && [split.rule, split.ground.code], ['4.11', '4.11']);
  const erdr = routeCase({ ...input({ erdr: '12025170000000001' }, {}, 'criminal'), zasady: legacy });
  assert.equal(erdr.action === 'transfer' && erdr.ground.code, '5.2');
});

test('the grounds are validated with every error listed: no semantics for an unknown code, a person ground without categories, two ЄРДР grounds', () => {
  const bad = () =>
    baseZasady((c) => {
      c.notDistributed = [{ code: '3.2', text: 'Виділена справа', follows: 'related-case' }];
      c.transferGrounds = [
        { code: '7.1', text: 'ЄРДР', follows: 'erdr' },
        { code: '7.2', text: 'ЄРДР ще раз', follows: 'erdr' },
        { code: '7.9', text: 'Та сама особа', follows: 'person' },
        { code: '7.10', text: 'Без семантики' },
        { code: '7.11', text: 'Невідома категорія', follows: 'person', categories: ['nope'] },
      ];
    });
  try {
    bad();
    assert.unreachable('loaded');
  } catch (e: any) {
    const codes = e.errors.map((x: { code: string }) => x.code).sort();
    assert.equal(codes, ['GROUND_AMBIGUOUS', 'GROUND_CATEGORIES_REQUIRED', 'GROUND_LINKS_MISSING', 'GROUND_SEMANTICS_MISSING', 'UNKNOWN_CATEGORY']);
  }
});

test.run();
