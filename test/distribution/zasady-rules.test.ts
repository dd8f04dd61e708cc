/**
 * Issue 13 item 11: the rules that were constants in code come from the court's Засади — the 4.5 lead
 * windows (days, thresholds, whether an order is needed), the jurisdiction letters — and a court's rule
 * files are validated together with EVERY error listed. A version without the new fields keeps the Lubny
 * values it was used with (compatibility of journaled versions).
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parse, stringify } from 'yaml';
import type { Absence } from '../../contracts/distribution/inputs.ts';
import { judgeEligibility } from '../../actors/distribution/eligibility.ts';
import { ConfigInvalid } from '../../actors/distribution/errors.ts';
import { LUBNY_LEAD_WINDOWS, loadZasady, zasadyIssues } from '../../actors/distribution/zasady.ts';
import { loadRulesFiles, rulesIssues } from '../../actors/court/distribution/config.ts';
import { documentIdParts } from '../../actors/court/distribution/documents.ts';
import { baseConfig, baseZasady, martialCalendar } from './support/fixtures.ts';
import { tempDir, cleanup } from '../support/servers.ts';

const test = suite('Засади rules as data');
test.after(cleanup);

const MEMO = { kind: 'memo' as const, number: 'сз-1', date: '2026-03-02' };
const ORDER = { kind: 'order' as const, number: 'в-1', date: '2026-03-02' };

/** The reason codes of J05 on `date` with one absence (a civil case: J05 is a civil judge). */
function codesOn(z: ReturnType<typeof baseZasady>, date: string, absence: Absence): string[] {
  const e = judgeEligibility({ zasady: z, calendar: martialCalendar, date, case: { caseId: 'x', category: 'civil-claim', exclusions: [] }, absences: { J05: [absence] } }, 'J05');
  return e.eligible ? [] : e.reasons.map((r) => `${r.code}@${r.rule}`);
}

// A vacation of 10 calendar days from Monday 2026-03-16 (under martial law every weekday is a working day).
const vacation = (basis: Absence['basis']): Absence => ({ kind: 'vacation', from: '2026-03-16', to: '2026-03-25', basis });

test('no leadWindows: the Lubny 4.5 values, as the code hard-wired them (5 working days before 5–13 days, only with an order)', () => {
  const z = baseZasady();
  assert.equal(z.leadWindows, LUBNY_LEAD_WINDOWS);
  assert.equal(codesOn(z, '2026-03-09', vacation(ORDER)), ['VACATION_BEFORE@Засади 4.5']);
  assert.equal(codesOn(z, '2026-03-06', vacation(ORDER)), []);
  assert.equal(codesOn(z, '2026-03-13', vacation(MEMO)), [], 'Lubny 4.5: "(за наявності наказу голови суду)" — a memo has no lead window');
});

test('compatibility: the Lubny example states its rules explicitly, and they equal what a version without them gets', () => {
  const file = loadZasady(parse(readFileSync('deploy/examples/lubny/zasady.yaml', 'utf8')));
  const bare = parse(readFileSync('deploy/examples/lubny/zasady.yaml', 'utf8'));
  delete bare.leadWindows;
  delete bare.outage;
  for (const p of bare.proceedingIndexes) delete p.jurisdiction;
  const old = loadZasady(bare);
  assert.equal(file.leadWindows, old.leadWindows);
  assert.equal(file.outage, old.outage);
  assert.equal([...file.jurisdictions], [...old.jurisdictions]);
  assert.is(file.rosterVersion, 'lubny-2025-04-01');
});

test('the court’s own lead windows decide: other days, other thresholds, no order needed, its paragraph cited', () => {
  const z = baseZasady((c) => {
    c.leadWindows = {
      rule: '3.6',
      vacation: { bands: [{ fromDays: 1, workingDays: 0 }, { fromDays: 7, workingDays: 3 }], requiresOrder: false },
      businessTrip: { bands: [{ fromDays: 1, workingDays: 2 }], requiresOrder: false },
      training: { bands: [{ fromDays: 1, workingDays: 0 }], requiresOrder: true },
      powersEndMonths: 3,
    };
  });
  // 3 working days before a 10-day vacation, on a memo too; not the 5 of Lubny.
  assert.equal(codesOn(z, '2026-03-11', vacation(MEMO)), ['VACATION_BEFORE@Засади 3.6']);
  assert.equal(codesOn(z, '2026-03-13', vacation(MEMO)), ['VACATION_BEFORE@Засади 3.6']);
  assert.equal(codesOn(z, '2026-03-10', vacation(ORDER)), []);
  // a short vacation: band of 0 days — no window before it
  assert.equal(codesOn(z, '2026-03-13', { kind: 'vacation', from: '2026-03-16', to: '2026-03-18', basis: ORDER }), []);
  // a 2-day trip: 2 working days before (Lubny: 1)
  assert.equal(codesOn(z, '2026-03-12', { kind: 'business-trip', from: '2026-03-16', to: '2026-03-17', basis: MEMO }), ['TRIP_BEFORE@Засади 3.6']);
  // training: no day before
  assert.equal(codesOn(z, '2026-03-13', { kind: 'training', from: '2026-03-16', to: '2026-03-16', basis: ORDER }), []);
  // three months before the end of powers
  const ending = baseZasady((c) => {
    c.leadWindows = { ...LUBNY_LEAD_WINDOWS, rule: '3.6', powersEndMonths: 3 };
    c.judges[4]!.powersEnd = '2026-06-01';
  });
  const e = judgeEligibility({ zasady: ending, calendar: martialCalendar, date: '2026-03-02', case: { caseId: 'x', category: 'civil-claim', exclusions: [] }, absences: {} }, 'J05');
  assert.equal(e.eligible ? [] : e.reasons.map((r) => `${r.code}@${r.rule}`), ['POWERS_END_SOON@Засади 3.6']);
});

test('jurisdiction letters come from the Засади list; an unlisted letter keeps the built-in rule', () => {
  const z = baseZasady((c) => {
    c.proceedingIndexes.push({ index: '6', name: 'Інші матеріали', jurisdiction: 'а' });
    c.categories.push({ id: 'other', name: 'Інші', complexity: 0.3, proceedingIndex: '6' });
    c.specialisations[0]!.categories.push('other');
  });
  assert.is(documentIdParts(z, 'distribution', 7, 'other').jurisdiction, 'а', 'configured (built-in rule: і)');
  assert.is(documentIdParts(z, 'distribution', 7, 'civil-claim').jurisdiction, 'ц');
});

test('Засади: a schema error and semantic errors elsewhere are listed together (not the schema errors only)', () => {
  const c = baseConfig() as any;
  c.participation.presiding = 'one'; // schema
  c.judges[1].specialisations.push('maritime'); // semantic
  c.categories[0].proceedingIndex = '9-x'; // semantic
  c.leadWindows = { ...LUBNY_LEAD_WINDOWS, vacation: { bands: [{ fromDays: 5, workingDays: 5 }], requiresOrder: true } }; // semantic (no band from 1 day)
  const codes = zasadyIssues(c).map((i) => i.code);
  for (const code of ['SCHEMA', 'UNKNOWN_SPECIALISATION', 'UNKNOWN_PROCEEDING_INDEX', 'LEAD_BANDS_INCOMPLETE']) assert.ok(codes.includes(code), `${code} missing in ${codes.join(',')}`);
  try {
    loadZasady(c);
    assert.unreachable();
  } catch (e) {
    assert.ok(e instanceof ConfigInvalid);
  }
});

test('a court’s rule files are checked together: every error of the Засади, the calendar and legal-force in one refusal', () => {
  const dir = tempDir('asds-rules-');
  cpSync('deploy/examples/lubny', dir, { recursive: true });
  const z = parse(readFileSync(join(dir, 'zasady.yaml'), 'utf8'));
  z.judges[0].reductions = ['nobody'];
  z.proceedingIndexes.push({ index: '22-ц', name: 'Не районний індекс' });
  writeFileSync(join(dir, 'zasady.yaml'), stringify(z));
  const cal = parse(readFileSync(join(dir, 'calendar.yaml'), 'utf8'));
  cal.extraWorkingDays = ['2026-02-30'];
  writeFileSync(join(dir, 'calendar.yaml'), stringify(cal));
  const lf = parse(readFileSync(join(dir, 'legal-force.yaml'), 'utf8'));
  lf.defaultCategory = 'nowhere';
  writeFileSync(join(dir, 'legal-force.yaml'), stringify(lf));
  const issues = rulesIssues(join(dir, 'zasady.yaml'));
  assert.equal(issues.map((i) => `${i.path.split(':')[0]} ${i.code}`).sort(), [
    'calendar.yaml INVALID_DATE',
    'legal-force.yaml UNKNOWN_CATEGORY',
    'zasady.yaml PROCEEDING_INDEX_FORMAT',
    'zasady.yaml UNKNOWN_REDUCTION',
  ]);
  try {
    loadRulesFiles(join(dir, 'zasady.yaml'));
    assert.unreachable();
  } catch (e) {
    assert.ok(e instanceof ConfigInvalid);
    assert.is((e as ConfigInvalid).errors.length, 4);
  }
});

test('across files: a legal-force index the Засади do not list is an error', () => {
  const dir = tempDir('asds-rules-');
  cpSync('deploy/examples/lubny', dir, { recursive: true });
  const z = parse(readFileSync(join(dir, 'zasady.yaml'), 'utf8'));
  z.proceedingIndexes = z.proceedingIndexes.filter((p: { index: string }) => p.index !== '4-с');
  z.categories = z.categories.filter((c: { id: string }) => c.id !== 'enforcement-control');
  z.specialisations.find((s: { id: string }) => s.id === 'civil').categories = ['civil-claim', 'civil-special', 'civil-writ'];
  writeFileSync(join(dir, 'zasady.yaml'), stringify(z));
  assert.equal(rulesIssues(join(dir, 'zasady.yaml')).map((i) => [i.path, i.code]), [['legal-force.yaml:/categories/3/indexes/2', 'UNKNOWN_PROCEEDING_INDEX']]);
});

test.run();
