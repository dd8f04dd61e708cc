/**
 * Issue 13 item 11: a second court's Засади — other numbering, other windows, other structure
 * (deploy/examples/reshetylivka: no juvenile specialisation, its own proceeding indexes and jurisdiction
 * letters, permanent panels with a reserve, min-window selection, its 3.6 lead windows applied on a memo
 * too, its 13.3 urgent list) — load and run through the same code as the Lubny example, WITHOUT a code
 * change. The same kinds of table tests as lubny.test.ts / zasady.test.ts run over both courts.
 */
import { readFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Absence } from '../../contracts/distribution/inputs.ts';
import { loadCalendarYaml } from '../../actors/distribution/calendar-yaml.ts';
import { isWorkingDay } from '../../actors/distribution/calendar.ts';
import { distribute } from '../../actors/distribution/distribute.ts';
import { judgeEligibility } from '../../actors/distribution/eligibility.ts';
import { ledgerForZasady } from '../../actors/distribution/load.ts';
import { verifyProtocol } from '../../actors/distribution/verify.ts';
import { loadZasadyYaml } from '../../actors/distribution/zasady.ts';
import { loadRulesFiles, rulesIssues } from '../../actors/court/distribution/config.ts';
import { documentIdParts } from '../../actors/court/distribution/documents.ts';
import { testBytes } from './support/fixtures.ts';

const test = suite('a second court’s Засади run through the same code');

interface Court {
  dir: string;
  code: string;
  version: string;
  judges: number;
  /** Categories and who may hear them (6.1). */
  specialisationsFor: Record<string, string[]>;
  /** 5.4 exceptions in data: grounds that wait for an absent judge. */
  waiting: string[];
  policy: string;
  panel: { category: string; mode: string };
  /** A judge with a known end of powers and the first day the two-month window covers. */
  powersEnd: { judge: string; excludedFrom: string; stillOn: string };
  /** index → jurisdiction letter of the document id (13.2). */
  letters: Record<string, string>;
  urgent: { rule: string; has: string[]; lacks: string[] };
  /** [absence, court-local draw date, the reason codes of the judge that day (rule cited)] — the court's 4.5 / 3.6. */
  windows: Array<[string, Absence, string, string[]]>;
  /** A civil judge of the roster to put the absences on. */
  civilJudge: string;
  caseId: (n: number) => string;
}

const MEMO = { kind: 'memo' as const, number: 'сз-3', date: '2026-03-02' };
const ORDER = { kind: 'order' as const, number: 'в-3', date: '2026-03-02' };
// Monday 2026-03-16; under martial law every weekday is a working day.
const vacation10 = (basis: Absence['basis']): Absence => ({ kind: 'vacation', from: '2026-03-16', to: '2026-03-25', basis });
const vacation20 = (basis: Absence['basis']): Absence => ({ kind: 'vacation', from: '2026-03-16', to: '2026-04-04', basis });
const trip4 = (basis: Absence['basis']): Absence => ({ kind: 'business-trip', from: '2026-03-16', to: '2026-03-19', basis });
const training = (basis: Absence['basis']): Absence => ({ kind: 'training', from: '2026-03-16', to: '2026-03-16', basis });

const COURTS: Court[] = [
  {
    dir: 'lubny',
    code: '537',
    version: 'lubny-2025-04-01',
    judges: 8,
    specialisationsFor: { 'criminal-juvenile': ['juvenile'], 'civil-claim': ['civil'], other: ['administrative'] },
    waiting: ['4.17.2', '5.1.2', '5.1.3'],
    policy: 'inverse-load-v1',
    panel: { category: 'criminal-panel', mode: 'ad-hoc' },
    powersEnd: { judge: 'LUB-08', excludedFrom: '2026-05-05', stillOn: '2026-05-04' },
    letters: { '1-кп': 'к', '2': 'ц', '2-а': 'а', '3': 'п', '6': 'і' },
    urgent: { rule: '15.3', has: ['peaceful-assembly', 'dwelling-entry'], lacks: ['extradition-arrest'] },
    civilJudge: 'LUB-06',
    windows: [
      ['vacation 10 d, order: 5 working days before', vacation10(ORDER), '2026-03-09', ['VACATION_BEFORE@Засади 4.5']],
      ['vacation 10 d, order: not 6 days before', vacation10(ORDER), '2026-03-06', []],
      ['vacation 10 d, memo only: no lead window', vacation10(MEMO), '2026-03-13', []],
      ['vacation 20 d, order: 7 working days before', vacation20(ORDER), '2026-03-05', ['VACATION_BEFORE@Засади 4.5']],
      ['trip of 4 days is short: 1 working day before', trip4(ORDER), '2026-03-13', ['TRIP_BEFORE@Засади 4.5']],
      ['trip of 4 days: not 2 days before', trip4(ORDER), '2026-03-12', []],
      ['training, order: 1 working day before', training(ORDER), '2026-03-13', ['TRAINING_BEFORE@Засади 4.5']],
      ['during the vacation', vacation10(MEMO), '2026-03-20', ['VACATION@Засади 4.10; Положення 2.3.3']],
      ['sick leave: its 4.5 cited', { kind: 'sick-leave', from: '2026-03-16', basis: { kind: 'sick-note', number: 'лн-7', date: '2026-03-16' } }, '2026-03-17', ['SICK_LEAVE@Засади 4.5']],
    ],
    caseId: (n) => `537/${n}/26`,
  },
  {
    dir: 'reshetylivka',
    code: '543',
    version: 'reshetylivka-2026-01-15',
    judges: 5,
    specialisationsFor: { criminal: ['criminal'], 'civil-claim': ['civil'], 'default-review': ['civil'], other: ['general'] },
    waiting: ['3.14.2', '3.15.2', '3.15.3'],
    policy: 'min-window-v1',
    panel: { category: 'criminal-panel', mode: 'permanent' },
    powersEnd: { judge: 'RSH-05', excludedFrom: '2026-04-01', stillOn: '2026-03-31' },
    letters: { '1-кп': 'к', '2': 'ц', '2-п': 'ц', '3': 'п', '6': 'а' },
    urgent: { rule: '13.3', has: ['extradition-arrest', 'elections'], lacks: ['peaceful-assembly', 'dwelling-entry'] },
    civilJudge: 'RSH-04',
    windows: [
      ['vacation 10 d, memo: 4 working days before (no order needed)', vacation10(MEMO), '2026-03-10', ['VACATION_BEFORE@Засади 3.6']],
      ['vacation 10 d: not 5 days before', vacation10(ORDER), '2026-03-09', []],
      ['vacation 20 d: 10 working days before', vacation20(MEMO), '2026-03-02', ['VACATION_BEFORE@Засади 3.6']],
      ['trip of 4 days is long: 2 working days before', trip4(MEMO), '2026-03-12', ['TRIP_BEFORE@Засади 3.6']],
      ['training: no day before', training(ORDER), '2026-03-13', []],
      ['during the vacation', vacation10(MEMO), '2026-03-20', ['VACATION@Засади 4.10; Положення 2.3.3']],
      ['sick leave: its 3.6 cited (Lubny 4.5)', { kind: 'sick-leave', from: '2026-03-16', basis: { kind: 'sick-note', number: 'лн-7', date: '2026-03-16' } }, '2026-03-17', ['SICK_LEAVE@Засади 3.6']],
    ],
    caseId: (n) => `543/${n}/26`,
  },
];

const files = (c: Court) => new URL(`../../deploy/examples/${c.dir}/`, import.meta.url);
const zasadyOf = (c: Court) => loadZasadyYaml(readFileSync(new URL('zasady.yaml', files(c)), 'utf8'));
const calendarOf = (c: Court) => loadCalendarYaml(readFileSync(new URL('calendar.yaml', files(c)), 'utf8'));

for (const c of COURTS) {
  test(`${c.dir}: the rule files (Засади, calendar, legal-force) validate together with no issues`, () => {
    const path = new URL('zasady.yaml', files(c)).pathname;
    assert.equal(rulesIssues(path), []);
    const rules = loadRulesFiles(path);
    assert.equal([rules.court.code, rules.zasady[0]!.version.id], [c.code, c.version]);
    assert.equal(rules.outage.rule, c.urgent.rule);
    for (const id of c.urgent.has) assert.ok(rules.outage.urgentCategories.some((u) => u.id === id), `${c.dir} 15.3: ${id}`);
    for (const id of c.urgent.lacks) assert.not.ok(rules.outage.urgentCategories.some((u) => u.id === id), `${c.dir} 15.3 lacks ${id}`);
    const z = zasadyOf(c);
    assert.is(z.judges.size, c.judges);
    for (const [cat, specs] of Object.entries(c.specialisationsFor)) assert.equal(z.specialisationsFor.get(cat), specs, cat);
    assert.equal([...z.config.notDistributed, ...z.config.transferGrounds].filter((g) => g.distributeIfJudgeAbsent === false).map((g) => g.code), c.waiting);
    assert.ok([...z.reduction.values()].every((r) => r <= 0.6));
  });

  test(`${c.dir}: calendar — under martial law weekday holidays are working days, weekends are not`, () => {
    const cal = calendarOf(c);
    assert.is(isWorkingDay(cal, '2025-10-01'), true);
    assert.is(isWorkingDay(cal, '2026-06-27'), false);
  });

  test(`${c.dir}: a draw of every category verifies, with the court's policy and panel mode`, () => {
    const zasady = zasadyOf(c);
    const calendar = calendarOf(c);
    let n = 0;
    for (const category of zasady.categories.keys()) {
      n++;
      const p = distribute({
        zasady,
        calendar,
        ledger: ledgerForZasady(zasady, '2026-03-10'),
        absences: {},
        // a working day: investigators' requests are drawn among investigating judges, not the duty one (4.6)
        case: { caseId: c.caseId(n), category, exclusions: [] },
        at: '2026-03-10T09:15:00+02:00',
        randomBytes: testBytes(c.dir, n),
      });
      assert.is.not(p.kind, 'impossibility', `${c.dir} ${category}`);
      if (p.kind === 'impossibility') continue;
      assert.is(p.policy.id, c.policy);
      assert.ok(verifyProtocol(JSON.parse(JSON.stringify(p))).ok, `${c.dir} ${category}`);
      if (category === c.panel.category) assert.is(p.composition.mode, c.panel.mode);
    }
  });

  test(`${c.dir}: a judge is excluded two months before the end of powers`, () => {
    const z = zasadyOf(c);
    const on = (date: string) => judgeEligibility({ zasady: z, calendar: calendarOf(c), date, case: { caseId: 'x', category: 'civil-claim', exclusions: [] }, absences: {} }, c.powersEnd.judge);
    const off = on(c.powersEnd.excludedFrom);
    assert.ok(!off.eligible && off.reasons[0]!.code === 'POWERS_END_SOON');
    assert.ok(on(c.powersEnd.stillOn).eligible);
  });

  test(`${c.dir}: the court's own non-distribution windows (its 4.5), row by row`, () => {
    const z = zasadyOf(c);
    for (const [what, absence, date, expected] of c.windows) {
      const e = judgeEligibility({ zasady: z, calendar: calendarOf(c), date, case: { caseId: 'x', category: 'civil-claim', exclusions: [] }, absences: { [c.civilJudge]: [absence] } }, c.civilJudge);
      assert.equal(e.eligible ? [] : e.reasons.map((r) => `${r.code}@${r.rule}`), expected, `${c.dir}: ${what}`);
    }
  });

  test(`${c.dir}: document ids carry the court's jurisdiction letters`, () => {
    const z = zasadyOf(c);
    for (const [index, letter] of Object.entries(c.letters)) {
      const category = [...z.categories.values()].find((x) => x.proceedingIndex === index)!;
      assert.ok(category, `${c.dir}: a category of index ${index}`);
      assert.is(documentIdParts(z, 'distribution', 1, category.id).jurisdiction, letter, `${c.dir} ${index}`);
    }
  });
}

test('reshetylivka: a permanent panel member on vacation — the reserve sits (6.2), the panel is still drawn', () => {
  const c = COURTS[1]!;
  const zasady = zasadyOf(c);
  const p = distribute({
    zasady,
    calendar: calendarOf(c),
    ledger: ledgerForZasady(zasady, '2026-03-20'),
    absences: { 'RSH-02': [vacation10(MEMO)] },
    case: { caseId: '543/99/26', category: 'criminal-panel', exclusions: [] },
    at: '2026-03-20T09:15:00+02:00',
    randomBytes: testBytes('reserve', 1),
  });
  assert.is(p.kind, 'distribution');
  if (p.kind === 'impossibility') return;
  assert.equal(p.chosen.panelId, 'K1');
  assert.equal([p.chosen.presiding, ...p.chosen.members].sort(), ['RSH-01', 'RSH-03', 'RSH-04']);
  assert.ok(verifyProtocol(JSON.parse(JSON.stringify(p))).ok);
});

test.run();
