/** The shipped example: Lubny court's Засади and calendar load, validate and drive a draw. */
import { readFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { loadCalendarYaml } from '../../actors/distribution/calendar-yaml.ts';
import { isWorkingDay } from '../../actors/distribution/calendar.ts';
import { distribute } from '../../actors/distribution/distribute.ts';
import { ledgerForZasady } from '../../actors/distribution/load.ts';
import { verifyProtocol } from '../../actors/distribution/verify.ts';
import { loadZasadyYaml, zasadyIssues } from '../../actors/distribution/zasady.ts';
import { testBytes } from './support/fixtures.ts';

const test = suite('Lubny example configuration');

const dir = new URL('../../deploy/examples/lubny/', import.meta.url);
const zasadyText = readFileSync(new URL('zasady.yaml', dir), 'utf8');
const calendarText = readFileSync(new URL('calendar.yaml', dir), 'utf8');

test('zasady.yaml validates with no issues', () => {
  assert.equal(zasadyIssues(parse(zasadyText)), []);
  const z = loadZasadyYaml(zasadyText);
  assert.is(z.config.court.code, '537');
  assert.equal(z.config.version, { id: 'lubny-2025-04-01', decisionNumber: '№2', decisionDate: '2025-03-31', effectiveFrom: '2025-04-01' });
  assert.is(z.judges.size, 8);
  assert.equal(z.specialisationsFor.get('criminal-juvenile'), ['juvenile']);
  // 5.4's exceptions, in data: 5.1.2, 5.1.3 and counterclaims (4.17.2) wait; of 5.1.4 only sentence execution (seed 5.4, third dash).
  assert.equal([...z.config.notDistributed, ...z.config.transferGrounds].filter((g) => g.distributeIfJudgeAbsent === false).map((g) => g.code), ['4.17.2', '5.1.2', '5.1.3']);
  assert.equal(z.config.transferGrounds.filter((g) => g.waitsIfJudgeAbsentWhen).map((g) => [g.code, g.waitsIfJudgeAbsentWhen]), [['5.1.4', ['sentenceExecution']]]);
  assert.equal(z.config.judgeWillNotReturn, ['dismissal', 'powers-end']);
  assert.ok([...z.reduction.values()].every((r) => r <= 0.6));
});

test('calendar.yaml: under martial law weekday holidays are working days; weekends stay off', () => {
  const cal = loadCalendarYaml(calendarText);
  assert.is(isWorkingDay(cal, '2025-10-01'), true); // Wednesday holiday, worked under martial law
  assert.is(isWorkingDay(cal, '2025-12-25'), true);
  assert.is(isWorkingDay(cal, '2025-06-28'), false); // Saturday
});

test('a draw under the example configuration verifies', () => {
  const zasady = loadZasadyYaml(zasadyText);
  const calendar = loadCalendarYaml(calendarText);
  for (const category of ['civil-claim', 'criminal-panel', 'criminal-juvenile', 'investigator-request']) {
    const p = distribute({
      zasady,
      calendar,
      ledger: ledgerForZasady(zasady, '2025-06-10'),
      absences: {},
      case: { caseId: `537/${category}/25`, category, exclusions: [] },
      at: '2025-06-10T09:15:00+03:00',
      randomBytes: testBytes('lubny', 1),
    });
    assert.is.not(p.kind, 'impossibility', category);
    assert.ok(verifyProtocol(JSON.parse(JSON.stringify(p))).ok, category);
  }
});

test('judge LUB-08 (powers end 2026-07-05) is excluded from 2026-05-05 (Засади 4.5)', () => {
  const zasady = loadZasadyYaml(zasadyText);
  const p = distribute({
    zasady,
    calendar: loadCalendarYaml(calendarText),
    ledger: ledgerForZasady(zasady, '2026-05-05'),
    absences: {},
    case: { caseId: '537/9/26', category: 'civil-claim', exclusions: [] },
    at: '2026-05-05T10:00:00+03:00',
    randomBytes: testBytes('lubny', 2),
  });
  assert.ok(p.excluded.some((e) => e.judgeId === 'LUB-08' && e.reasons[0]!.code === 'POWERS_END_SOON'));
});

test.run();
