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
import { appealTerm, DEFAULT_LEGAL_FORCE, edrsrDeadline, kyivMidnight, loadLegalForceConfig, loadLegalForceFiles, type LegalForceRules } from '../../actors/court/legal-force/config.ts';
import { DEFAULT_ZASADY } from '../../actors/court/distribution/config.ts';

const test = suite('court: appeal terms and ЄДРСР deadlines');

// 2025-08-22 Fri, 23 Sat, 24 Sun (Independence Day), 25 Mon — made a holiday here, 26 Tue, 27 Wed, 28 Thu.
const peace = loadCalendar({ ...defaultCalendarConfig(), id: 'test-peace', martialLaw: undefined, holidays: [{ date: '2025-08-24', name: 'День Незалежності' }, { date: '2025-08-25', name: 'перенесений вихідний (тест)' }] });
const martial = loadCalendar({ ...defaultCalendarConfig(), holidays: [{ date: '2025-08-25', name: 'перенесений вихідний (тест)' }] });
const rules = (calendar = peace): LegalForceRules => ({ config: DEFAULT_LEGAL_FORCE, calendar });

test('civil decision: 30 days from the day after; the last day on a weekend + holiday moves to the next working day', () => {
  // 2025-07-25 + 30 = 2025-08-24 (Sunday) → Mon 25 is a holiday → Tue 26.
  const t = appealTerm(rules(), '2/537/1/25', { outcome: 'decision', date: '2025-07-25' })!;
  assert.equal(t, { category: 'civil', days: 30, from: '2025-07-25', lastDay: '2025-08-26', legalForceDate: '2025-08-27', source: 'ЦПК ст. 354 ч. 1' });
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
  bad((c) => (c.defaultCategory = 'nope'), /defaultCategory/);
  bad((c) => c.categories[1].indexes.push('2'), /two categories/);
  bad((c) => (c.categories[1].id = c.categories[0].id), /duplicate/);
  bad((c) => (c.schema = 'asds.legal-force/v0'), /invalid/);
});

test.run();
