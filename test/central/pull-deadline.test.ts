import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadCalendar, defaultCalendarConfig } from '../../actors/distribution/index.ts';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pullDeadline, kyivMidnight, defaultPullCalendar, defaultCourtCalendar } from '../../actors/central/pulls/index.ts';

// a calendar with the project's holidays in force (martial law ended), to check the holiday rule
const peacetime = loadCalendar({ ...defaultPullCalendar().config, martialLaw: undefined });
const kyiv = (s: string) => Date.parse(s); // ISO with offset

test('a Friday request is due at the end of Monday (Kyiv time)', () => {
  const d = pullDeadline(kyiv('2026-03-13T16:45:00+02:00'), peacetime);
  assert.is(d.dueDate, '2026-03-16');
  assert.is(d.dueAt, kyiv('2026-03-17T00:00:00+02:00'));
});

test('a request late on Friday in Kyiv (already Friday evening in UTC) is still Friday\'s request', () => {
  assert.is(pullDeadline(kyiv('2026-03-13T23:30:00+02:00'), peacetime).dueDate, '2026-03-16');
});

test('a Saturday request is due at the end of Monday, a Monday one at the end of Tuesday', () => {
  assert.is(pullDeadline(kyiv('2026-03-14T10:00:00+02:00'), peacetime).dueDate, '2026-03-16');
  assert.is(pullDeadline(kyiv('2026-03-16T10:00:00+02:00'), peacetime).dueDate, '2026-03-17');
});

test('a request on the eve of a holiday is due after it (30 April → 1 May holiday → 4 May, Monday)', () => {
  const d = pullDeadline(kyiv('2026-04-30T11:00:00+03:00'), peacetime);
  assert.is(d.dueDate, '2026-05-04');
  assert.is(d.dueAt, kyiv('2026-05-05T00:00:00+03:00'), 'summer time: midnight is 21:00 UTC');
});

test('under martial law (the default calendar) a public holiday is a working day', () => {
  assert.is(pullDeadline(kyiv('2026-04-30T11:00:00+03:00')).dueDate, '2026-05-01');
  assert.is(pullDeadline(kyiv('2026-04-30T11:00:00+03:00'), loadCalendar(defaultCalendarConfig())).dueDate, '2026-05-01');
});

test('Kyiv midnight across the daylight-saving change', () => {
  assert.is(kyivMidnight('2026-03-29'), Date.parse('2026-03-28T22:00:00Z'));
  assert.is(kyivMidnight('2026-03-30'), Date.parse('2026-03-29T21:00:00Z'));
});

test("the court's own calendar from the centre's court-calendars folder: a transferred day off moves the deadline", () => {
  const dir = mkdtempSync(join(tmpdir(), 'asds-cal-'));
  try {
    mkdirSync(join(dir, 'court-calendars'));
    writeFileSync(join(dir, 'court-calendars', '537.yaml'), 'schema: asds.calendar/v1\nid: c537\nweekend: [6, 7]\nholidays: []\nextraWorkingDays: []\nextraNonWorkingDays: [2026-03-17]\n');
    const cal = defaultCourtCalendar(dir, '537')!;
    assert.is(pullDeadline(kyiv('2026-03-16T10:00:00+02:00'), cal).dueDate, '2026-03-18');
    assert.is(defaultCourtCalendar(dir, '538'), undefined, 'no file: the default calendar applies');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
