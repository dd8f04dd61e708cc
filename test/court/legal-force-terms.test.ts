/**
 * Appeal terms and the three ЄДРСР deadlines of Засади 11.2 on the court
 * calendar (pure): a holiday that is a day off (no martial law), the same
 * holiday worked under martial law, weekends, rulings vs decisions, the
 * configuration file and its validation, Kyiv midnight across DST.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { loadCalendar, defaultCalendarConfig } from '../../actors/distribution/calendar.ts';
import { appealTerm as termOrNot, DEFAULT_LEGAL_FORCE, edrsrDeadline, kyivMidnight, loadLegalForceConfig, loadLegalForceFiles, type AppealTerm, type LegalForceRules } from '../../actors/court/legal-force/config.ts';
import { DEFAULT_ZASADY } from '../../actors/court/distribution/config.ts';

const test = suite('court: appeal terms and ЄДРСР deadlines');

// 2025-08-22 Fri, 23 Sat, 24 Sun (Independence Day), 25 Mon — made a holiday here, 26 Tue, 27 Wed, 28 Thu.
const peace = loadCalendar({ ...defaultCalendarConfig(), id: 'test-peace', martialLaw: undefined, holidays: [{ date: '2025-08-24', name: 'День Незалежності' }, { date: '2025-08-25', name: 'перенесений вихідний (тест)' }] });
const martial = loadCalendar({ ...defaultCalendarConfig(), holidays: [{ date: '2025-08-25', name: 'перенесений вихідний (тест)' }] });
const rules = (calendar = peace): LegalForceRules => ({ config: DEFAULT_LEGAL_FORCE, calendar });
/** A started term (or null); fails on a term still awaiting its event. */
const appealTerm = (...a: Parameters<typeof termOrNot>): AppealTerm | null => {
  const t = termOrNot(...a);
  if (t && 'awaiting' in t) throw new Error(`term awaiting ${t.awaiting}`);
  return t;
};

test('civil decision: 30 days from the day after; the last day on a weekend + holiday moves to the next working day', () => {
  // 2025-07-25 + 30 = 2025-08-24 (Sunday) → Mon 25 is a holiday → Tue 26.
  const t = appealTerm(rules(), '2/537/1/25', { outcome: 'decision', date: '2025-07-25' })!;
  assert.equal(t, { category: 'civil', days: 30, start: 'full-text', from: '2025-07-25', lastDay: '2025-08-26', legalForceDate: '2025-08-27', source: 'ЦПК ст. 354 ч. 1' });
  // Under martial law the holiday is a working day (calendar.yaml): Mon 25.
  assert.is(appealTerm(rules(martial), '2/537/1/25', { outcome: 'decision', date: '2025-07-25' })!.lastDay, '2025-08-25');
});

test('the term runs from the full text when given; rulings have their own term; categories by proceeding index', () => {
  assert.is(appealTerm(rules(), '2/537/1/25', { outcome: 'decision', date: '2025-07-20', fullTextDate: '2025-07-25' })!.from, '2025-07-25');
  assert.is(appealTerm(rules(), '2/537/1/25', { outcome: 'left-without-consideration', date: '2025-09-01' })!.days, 15);
  assert.is(appealTerm(rules(), '1-кп/537/1/25', { outcome: 'sentence', date: '2025-09-01' })!.days, 30);
  assert.is(appealTerm(rules(), '1-кп/537/1/25', { outcome: 'ruling-closing', date: '2025-09-01' })!.days, 7);
  assert.is(appealTerm(rules(), '1-кс/537/1/25', { outcome: 'decision', date: '2025-09-01' })!.days, 5);
  assert.is(appealTerm(rules(), '3/537/1/25', { outcome: 'decision', date: '2025-09-01' })!.category, 'administrative-offence');
  assert.is(appealTerm(rules(), '2-а/537/1/25', { outcome: 'decision', date: '2025-09-01' })!.category, 'administrative');
  // The body says it cannot be appealed; or the configuration has no term.
  assert.is(appealTerm(rules(), '2/537/1/25', { outcome: 'decision', date: '2025-09-01', appealable: false }), null);
  const none: LegalForceRules = { config: { ...DEFAULT_LEGAL_FORCE, categories: DEFAULT_LEGAL_FORCE.categories.map((c) => (c.id === 'civil' ? { ...c, terms: { decision: 30, ruling: null } } : c)) }, calendar: peace };
  assert.is(appealTerm(none, '2/537/1/25', { outcome: 'returned', date: '2025-09-01' }), null);
  assert.is(appealTerm(none, '2/537/1/25', { outcome: 'decision', date: '2025-09-01' })!.days, 30, 'bare days still read (v1 files)');
});

test('start of the term per category: criminal and КУпАП from the proclamation, civil/administrative from the full text (item 5b)', () => {
  // Sentence proclaimed Tue 2025-07-01, full text Fri 07-04: 30 days from 07-01 → Thu 07-31.
  assert.equal(appealTerm(rules(), '1-кп/537/1/25', { outcome: 'sentence', date: '2025-07-01', fullTextDate: '2025-07-04' }), { category: 'criminal', days: 30, start: 'decision', from: '2025-07-01', lastDay: '2025-07-31', legalForceDate: '2025-08-01', source: 'КПК ст. 395 ч. 2 п. 1' });
  // КУпАП постанова 07-01, full text 07-03: 10 days from 07-01 → Fri 07-11.
  assert.equal(appealTerm(rules(), '3/537/1/25', { outcome: 'decision', date: '2025-07-01', fullTextDate: '2025-07-03' }), { category: 'administrative-offence', days: 10, start: 'decision', from: '2025-07-01', lastDay: '2025-07-11', legalForceDate: '2025-07-12', source: 'КУпАП ст. 294 ч. 2' });
  // Civil with the full text on 07-10: 30 days from 07-10 → Sat 08-09 → Mon 08-11.
  assert.equal(appealTerm(rules(), '2/537/1/25', { outcome: 'decision', date: '2025-07-01', fullTextDate: '2025-07-10' })!.lastDay, '2025-08-11');
  assert.equal(appealTerm(rules(), '2-а/537/1/25', { outcome: 'ruling-closing', date: '2025-07-01', fullTextDate: '2025-07-10' })!.from, '2025-07-10');
});

test("item 6: '1-в' decisions are ухвали (7 days), '2-н' waits for service (15 days), КАС ст. 286 by termCategory; source labels", () => {
  const v = appealTerm(rules(), '1-в/537/1/25', { outcome: 'decision', date: '2025-07-01' })!;
  assert.equal([v.category, v.days, v.lastDay, v.source], ['criminal-execution', 7, '2025-07-08', 'КПК ст. 395 ч. 2 п. 2, ст. 539']);
  assert.equal(termOrNot(rules(), '2-н/537/1/25', { outcome: 'decision', date: '2025-07-01' }), { awaiting: 'service' });
  const n = appealTerm(rules(), '2-н/537/1/25', { outcome: 'decision', date: '2025-07-01', servedDate: '2025-07-07' })!;
  assert.equal([n.category, n.days, n.start, n.from, n.lastDay], ['court-order', 15, 'service', '2025-07-07', '2025-07-22']);
  // A ruling in наказне провадження runs from its full text as usual.
  assert.is(appealTerm(rules(), '2-н/537/1/25', { outcome: 'returned', date: '2025-07-01' })!.from, '2025-07-01');
  const k = appealTerm(rules(), '2-а/537/1/25', { outcome: 'decision', date: '2025-07-01', termCategory: 'administrative-286' })!;
  assert.equal([k.category, k.days, k.start, k.lastDay, k.source], ['administrative-286', 10, 'decision', '2025-07-11', 'КАС ст. 286 ч. 4']);
  // Labels were swapped: the investigating judge is п. 3, other rulings п. 2.
  assert.is(appealTerm(rules(), '1-кс/537/1/25', { outcome: 'decision', date: '2025-07-01' })!.source, 'КПК ст. 395 ч. 2 п. 3');
  assert.is(appealTerm(rules(), '1-кп/537/1/25', { outcome: 'ruling-closing', date: '2025-07-01' })!.source, 'КПК ст. 395 ч. 2 п. 2');
});

test('Засади 11.2: the three deadlines on the calendar, a holiday included', () => {
  // 11.2.1: full text signed Fri 22 → next working day: Sat/Sun off, Mon 25 holiday → Tue 26; under martial law Mon 25.
  assert.is(edrsrDeadline(peace, '11.2.1', { fullTextDate: '2025-08-22', legalForceDate: '2025-08-22' }), '2025-08-26');
  assert.is(edrsrDeadline(martial, '11.2.1', { fullTextDate: '2025-08-22', legalForceDate: '2025-08-22' }), '2025-08-25');
  // 11.2.2: written proceedings, legal force Sun 24 → next working day after it: Tue 26.
  assert.is(edrsrDeadline(peace, '11.2.2', { fullTextDate: '2025-07-20', legalForceDate: '2025-08-24' }), '2025-08-26');
  assert.is(edrsrDeadline(peace, '11.2.2', { fullTextDate: '2025-07-20', legalForceDate: '2025-08-27' }), '2025-08-28');
  // 11.2.3: the term ended; the day of legal force, moved to a working day.
  assert.is(edrsrDeadline(peace, '11.2.3', { fullTextDate: '2025-07-25', legalForceDate: '2025-08-27' }), '2025-08-27');
  assert.is(edrsrDeadline(peace, '11.2.3', { fullTextDate: '2025-07-25', legalForceDate: '2025-08-23' }), '2025-08-26');
  // after a higher instance: next working day.
  assert.is(edrsrDeadline(peace, '11.1', { fullTextDate: '2025-07-25', legalForceDate: '2025-08-22' }), '2025-08-26');
});

test('Kyiv midnight across DST (the reminder fires at the start of the legal-force day)', () => {
  assert.is(new Date(kyivMidnight('2025-07-01')).toISOString(), '2025-06-30T21:00:00.000Z');
  assert.is(new Date(kyivMidnight('2025-01-15')).toISOString(), '2025-01-14T22:00:00.000Z');
  assert.is(new Date(kyivMidnight('2025-03-30')).toISOString(), '2025-03-29T22:00:00.000Z'); // DST starts that night
  assert.is(new Date(kyivMidnight('2025-10-26')).toISOString(), '2025-10-25T21:00:00.000Z'); // DST ends that night
});

test('configuration: the Lubny file equals the built-in defaults; invalid files are refused with the reason', () => {
  const file = loadLegalForceFiles(DEFAULT_ZASADY);
  assert.equal(file.config, DEFAULT_LEGAL_FORCE);
  assert.is(file.calendar.id, 'ua-2025-2026-martial-law');
  const text = parse(readFileSync(DEFAULT_ZASADY.replace('zasady.yaml', 'legal-force.yaml'), 'utf8'));
  const bad = (mutate: (c: any) => void, re: RegExp) => {
    const c = structuredClone(text);
    mutate(c);
    assert.throws(() => loadLegalForceConfig(c), re);
  };
  bad((c) => (c.categories[0].terms.decision = 0), /invalid/);
  bad((c) => (c.categories[0].terms.decision.from = 'announcement'), /invalid/);
  bad((c) => (c.categories[0].from = 'service-later'), /invalid/);
  bad((c) => (c.defaultCategory = 'nope'), /defaultCategory/);
  bad((c) => c.categories[1].indexes.push('2'), /two categories/);
  bad((c) => (c.categories[1].id = c.categories[0].id), /duplicate/);
  bad((c) => (c.schema = 'asds.legal-force/v0'), /invalid/);
});

test.run();
