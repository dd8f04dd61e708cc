/** Calendar as data (spec §7) and date arithmetic. */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { CalendarConfig } from '../../contracts/distribution/calendar.ts';
import { addWorkingDays, defaultCalendarConfig, isWorkingDay, loadCalendar, nextWorkingDay, workingDayOnOrAfter, workingDaysBefore } from '../../actors/distribution/calendar.ts';
import { addMonths, dayNumber, isoWeekday, localDateOf } from '../../actors/distribution/dates.ts';
import { ConfigInvalid, InvalidDate } from '../../actors/distribution/errors.ts';

const test = suite('calendar');

const martial = loadCalendar(defaultCalendarConfig());

function peacetime(extra: Partial<CalendarConfig> = {}) {
  return loadCalendar({
    ...defaultCalendarConfig(),
    id: 'ua-peacetime',
    martialLaw: undefined,
    holidays: [
      { date: '2025-06-28', name: 'День Конституції' },
      { date: '2025-08-25', name: 'test holiday on a Monday' },
    ],
    ...extra,
  });
}

test('weekends are days off, weekdays working', () => {
  assert.is(isoWeekday('2025-06-14'), 6);
  assert.is(isWorkingDay(martial, '2025-06-13'), true);
  assert.is(isWorkingDay(martial, '2025-06-14'), false);
  assert.is(isWorkingDay(martial, '2025-06-15'), false);
});

test('martial law (default): a public holiday on a weekday is a working day; without it, not', () => {
  const withHoliday = loadCalendar({ ...defaultCalendarConfig(), holidays: [{ date: '2025-08-25', name: 'x' }] });
  assert.is(isWorkingDay(withHoliday, '2025-08-25'), true);
  assert.is(isWorkingDay(peacetime(), '2025-08-25'), false);
  // Before martial law began the holiday rule applies again.
  const early = loadCalendar({ ...defaultCalendarConfig(), holidays: [{ date: '2022-01-07', name: 'Різдво' }] });
  assert.is(isWorkingDay(early, '2022-01-07'), false);
});

test('explicit overrides win: extra working Saturday, extra day off', () => {
  const c = peacetime({ extraWorkingDays: ['2025-06-14'], extraNonWorkingDays: ['2025-06-13'] });
  assert.is(isWorkingDay(c, '2025-06-14'), true);
  assert.is(isWorkingDay(c, '2025-06-13'), false);
});

test('workingDaysBefore counts back from X excluding X', () => {
  assert.is(workingDaysBefore(martial, '2025-06-16', 1), '2025-06-13'); // Mon → Fri
  assert.is(workingDaysBefore(martial, '2025-06-16', 5), '2025-06-09');
  assert.is(workingDaysBefore(martial, '2025-06-16', 7), '2025-06-05');
  assert.is(workingDaysBefore(martial, '2025-06-14', 1), '2025-06-13'); // from a Saturday
  assert.is(workingDaysBefore(peacetime(), '2025-08-26', 1), '2025-08-22'); // over a Monday holiday
  assert.throws(() => workingDaysBefore(martial, '2025-06-16', 0), RangeError);
});

test('addWorkingDays / nextWorkingDay / workingDayOnOrAfter', () => {
  assert.is(addWorkingDays(martial, '2025-06-13', 1), '2025-06-16');
  assert.is(addWorkingDays(martial, '2025-06-13', 0), '2025-06-13');
  assert.is(addWorkingDays(martial, '2025-06-16', -2), '2025-06-12');
  assert.is(nextWorkingDay(martial, '2025-06-13'), '2025-06-16');
  assert.is(nextWorkingDay(peacetime(), '2025-08-22'), '2025-08-26');
  assert.is(workingDayOnOrAfter(martial, '2025-06-13'), '2025-06-13');
  assert.is(workingDayOnOrAfter(martial, '2025-06-14'), '2025-06-16');
});

test('invalid calendars are refused with every error', () => {
  const bad = { ...defaultCalendarConfig(), extraWorkingDays: ['2025-02-30', '2025-06-14'], extraNonWorkingDays: ['2025-06-14'] };
  try {
    loadCalendar(bad);
    assert.unreachable('should throw');
  } catch (e) {
    assert.instance(e, ConfigInvalid);
    assert.equal((e as ConfigInvalid).errors.map((x) => x.code), ['INVALID_DATE', 'CONTRADICTORY_OVERRIDE']);
  }
  assert.throws(() => loadCalendar({ ...defaultCalendarConfig(), weekend: [8] }), (e: unknown) => e instanceof ConfigInvalid);
});

test('dates: strict parsing, month clamping, court-local date of an instant (DST)', () => {
  assert.throws(() => dayNumber('2025-02-29'), (e: unknown) => e instanceof InvalidDate);
  assert.throws(() => dayNumber('2025-6-1'), (e: unknown) => e instanceof InvalidDate);
  assert.is(dayNumber('2024-02-29') - dayNumber('2024-02-28'), 1);
  assert.is(addMonths('2026-03-31', -2), '2026-01-31');
  assert.is(addMonths('2026-04-30', -2), '2026-02-28');
  assert.is(addMonths('2025-01-15', -1), '2024-12-15');
  assert.is(localDateOf('2025-03-30T21:30:00Z'), '2025-03-31'); // summer time (UTC+3)
  assert.is(localDateOf('2025-01-31T21:59:59Z'), '2025-01-31'); // winter time (UTC+2)
  assert.is(localDateOf('2025-01-31T22:00:00Z'), '2025-02-01');
});

test.run();
