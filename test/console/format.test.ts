/**
 * The consoles' Ukrainian formatting (console/web/lib/format.ts): dates дд.мм.рррр, long dates, Kyiv time, and
 * durations with the right plural (2 доби, 5 діб, 21 доба).
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { dateTimeUk, dateUk, durationUk, longDateUk, pluralUk } from '../../console/web/lib/format.ts';

const test = suite('console format');
const H = 3_600_000;

test('dates for people: дд.мм.рррр, the long form with the month in words, instants in Kyiv time', () => {
  assert.is(dateUk('2026-12-07'), '07.12.2026');
  assert.is(longDateUk('2026-01-05'), '5 січня 2026 р.');
  assert.is(dateTimeUk('2026-12-07T22:30:00Z'), '08.12.2026 00:30');
});

test('durations take the Ukrainian plural of доба', () => {
  assert.is(durationUk(30_000), 'менше хвилини');
  assert.is(durationUk(3 * H + 5 * 60_000), '3 год 5 хв');
  assert.is(durationUk(50 * H), '2 доби 2 год');
  assert.is(durationUk(5 * 24 * H), '5 діб 0 год');
  assert.is(durationUk(21 * 24 * H), '21 доба 0 год');
  assert.equal([1, 2, 4, 5, 11, 12, 14, 21, 22, 25, 111, 112].map((n) => pluralUk(n, 'a', 'b', 'c')), ['a', 'b', 'b', 'c', 'c', 'c', 'c', 'a', 'b', 'c', 'c', 'c']);
});

test.run();
