/**
 * The control lists' pure rules (issue 13 item 10): numeric order of case
 * numbers, the 4.18 deadline by the court's calendar (a weekend, a day off
 * by the calendar), what counts as the hand-over, and every reason of the
 * 4.1 list the node scenario does not reach.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { compareCaseNumbers, controlHtml, notHandedOverRows, undistributedRows, waitingRows, type CaseDistribution } from '../../actors/court/control/index.ts';
import { defaultCalendarConfig, loadCalendar } from '../../actors/distribution/calendar.ts';
import type { IsoDate } from '../../actors/distribution/dates.ts';
import type { CardV1, CaseListItemV1 } from '../../contracts/court/index.ts';

const test = suite('control lists: pure rules (4.1, 4.18, 4.10)');

const NAMES: Record<string, string> = { 'lub-05': 'Мельник Ірина Василівна', 'lub-06': 'Шевченко Тарас Григорович', 'LUB-02': 'Коваленко Ольга Петрівна' };
const nameOf = (id: string) => NAMES[id] ?? 'суддя (ПІБ не внесено)';
const cat = (id: string) => (id === 'civil-claim' ? 'Цивільні справи позовного провадження' : id);
const by = { login: 'registrar1', role: 'registrar' };

function card(ueun: string, p: { at?: string; judge?: string; members?: string[]; decided?: boolean; moves?: Array<{ kind: string; at: string; proceedingNumber?: string }>; category?: string; extra?: string } = {}): CardV1 {
  const pn = `2/${ueun}`;
  const proceeding = (proceedingNumber: string, assigned: boolean) => ({
    proceedingNumber,
    ordinal: 7,
    registeredAt: '2026-12-04T08:00:00.000Z',
    registrationDate: '2026-12-04',
    registeredBy: by,
    original: { category: p.category ?? 'civil-claim' },
    current: { category: p.category ?? 'civil-claim' },
    corrections: [],
    ...(assigned && p.judge ? { assignment: { judge: p.judge, members: p.members ?? [], protocol: `протокол-${ueun}`, at: p.at!, by } } : {}),
    ...(p.decided ? { decision: { outcome: 'decision', date: '2026-12-08', judge: p.judge! } } : {}),
  });
  return {
    ueun,
    covert: false,
    proceedings: [proceeding(pn, true), ...(p.extra ? [proceeding(p.extra, false)] : [])],
    movements: (p.moves ?? []).map((m) => ({ at: m.at, proceedingNumber: m.proceedingNumber ?? pn, kind: m.kind, to: 'суддя', by })),
    attachments: [],
  } as unknown as CardV1;
}

test('numeric order: 537/2/26 before 537/10/26, a year before the next, proceeding numbers alike', () => {
  assert.equal(['537/10/26', '537/2/26', '537/1/26', '537/900/25'].sort(compareCaseNumbers), ['537/900/25', '537/1/26', '537/2/26', '537/10/26']);
  assert.ok(compareCaseNumbers('2/537/2/26', '2/537/10/26') < 0);
  assert.ok(compareCaseNumbers('1-кп/537/3/26', '1-кп/537/12/26') < 0);
});

test('4.18: the deadline is the next working day of the court’s calendar; Friday → Monday, a day off by the calendar moves it', () => {
  const plain = loadCalendar(defaultCalendarConfig());
  const friday = card('537/3/26', { judge: 'lub-05', members: ['lub-06'], at: '2026-12-11T09:00:00.000Z' }); // Friday (Kyiv)
  assert.equal(notHandedOverRows([friday], '2026-12-14' as IsoDate, plain, nameOf, cat), [], 'Monday is still in time');
  const late = notHandedOverRows([friday], '2026-12-15' as IsoDate, plain, nameOf, cat);
  assert.equal(late.map((r) => [r.ueun, r.deadline, r.presiding, r.members, r.category]), [['537/3/26', '2026-12-14', 'Мельник Ірина Василівна', ['Шевченко Тарас Григорович'], 'Цивільні справи позовного провадження']]);
  const court = loadCalendar({ ...defaultCalendarConfig(), id: 'court', extraNonWorkingDays: ['2026-12-14'] });
  assert.equal(notHandedOverRows([friday], '2026-12-15' as IsoDate, court, nameOf, cat), [], 'Monday off by the court calendar: Tuesday is in time');
  // Late evening in Kyiv is already the next day: the distribution day is a Kyiv day.
  const evening = card('537/4/26', { judge: 'lub-05', at: '2026-12-10T22:30:00.000Z' }); // Friday 00:30 Kyiv
  assert.is(notHandedOverRows([evening], '2026-12-15' as IsoDate, plain, nameOf, cat)[0]!.deadline, '2026-12-14');
});

test('4.18: a to-judge movement of that proceeding after the assignment is the hand-over; an older one, another kind or a decided case', () => {
  const cal = loadCalendar(defaultCalendarConfig());
  const at = '2026-12-07T09:00:00.000Z';
  const cards = [
    card('537/1/26', { judge: 'lub-05', at, moves: [{ kind: 'to-judge', at: '2026-12-07T10:00:00.000Z' }] }),
    card('537/2/26', { judge: 'lub-05', at, moves: [{ kind: 'to-judge', at: '2026-12-07T08:00:00.000Z' }] }), // before a re-distribution
    card('537/10/26', { judge: 'lub-05', at, moves: [{ kind: 'to-archive', at: '2026-12-07T10:00:00.000Z' }] }),
    card('537/11/26', { judge: 'lub-05', at, moves: [{ kind: 'to-judge', at: '2026-12-07T10:00:00.000Z', proceedingNumber: '2/537/99/26' }] }),
    card('537/12/26', { judge: 'lub-05', at, decided: true }),
    card('537/13/26', {}),
  ];
  assert.equal(notHandedOverRows(cards, '2026-12-09' as IsoDate, cal, nameOf, cat).map((r) => r.ueun), ['537/2/26', '537/10/26', '537/11/26']);
});

test('4.1: every reason — waiting for a judge (5.4, named), a draw the card lacks, a hand-off not yet made, no Засади', () => {
  const items: CaseListItemV1[] = ['537/1/26', '537/2/26', '537/10/26', '537/11/26'].map((ueun, n) => ({ ordinal: n + 1, ueun, proceedingNumber: `2/${ueun}`, arrivalDate: '2026-12-07', registrationDate: '2026-12-07', covert: false }));
  const cards = new Map(items.map((i) => [i.ueun, card(i.ueun)]));
  const distribution = new Map<string, CaseDistribution>([
    ['2/537/1/26', { assignment: null, pending: { why: 'waiting', runOn: '2026-12-21', waitingFor: { judgeId: 'LUB-02', rule: '5.4' } } }],
    ['2/537/2/26', { assignment: null, pending: { why: 'impossible', runOn: null } }],
    ['2/537/10/26', { assignment: { presiding: 'LUB-02' }, pending: null }],
  ]);
  const roster = { zasady: 'lubny-2025', categories: ['civil-claim'] };
  const rows = undistributedRows({ court: '537', items, cards, distribution, roster, nameOf, categoryName: cat });
  assert.equal(
    rows.map((r) => [r.ueun, r.reason, r.rule, r.judge, r.forecast]),
    [
      ['537/1/26', 'waiting-for-judge', '5.4', 'Коваленко Ольга Петрівна', '2026-12-21'],
      ['537/2/26', 'impossible', '4.10', null, null],
      ['537/10/26', 'card-not-updated', '4.1', null, null],
      ['537/11/26', 'handoff-pending', '4.1', null, null],
    ],
  );
  const none = undistributedRows({ court: '537', items: items.slice(3), cards, distribution, roster: null, nameOf, categoryName: cat });
  assert.is(none[0]!.reason, 'no-zasady');
  // Another court's ЄУН (3.3) waits for a person's routing decision (4.17, 5.1).
  const other = { ...items[3]!, ueun: '1620/5/26', proceedingNumber: '2/1620/5/26' };
  const foreign = undistributedRows({ court: '537', items: [other], cards: new Map([[other.ueun, card(other.ueun)]]), distribution: new Map(), roster, nameOf, categoryName: cat });
  assert.is(foreign[0]!.reason, 'route-decision');
});

test('waiting rows and the page: names, not ids; "не відомий" for an open-ended forecast; values escaped', () => {
  const rows = waitingRows(
    [
      { caseId: '2/537/10/26', uniqueNumber: '537/10/26', category: 'civil-claim', why: 'waiting', judgeId: 'LUB-02', ground: '5.4: додаткове рішення', rule: '5.4', since: '2026-12-01', runOn: null, recheckOn: null, protocol: null },
      { caseId: '2/537/2/26', uniqueNumber: '537/2/26', category: '<script>', why: 'impossible', judgeId: null, ground: null, rule: '4.10', since: null, runOn: '2026-12-21', recheckOn: null, protocol: 'p1' },
    ],
    nameOf,
    cat,
  );
  assert.equal(rows.map((r) => r.ueun), ['537/2/26', '537/10/26']);
  const html = controlHtml({ list: 'waiting', court: { code: '537', name: 'Лубенський міськрайонний суд Полтавської області' }, date: '2026-12-07', generatedAt: '2026-12-07T10:00:00.000Z', rows });
  assert.ok(html.includes('Коваленко Ольга Петрівна'));
  assert.not.ok(html.includes('LUB-02'));
  assert.ok(html.includes('не відомий'));
  assert.ok(html.includes('21 грудня 2026 р.'));
  assert.ok(html.includes('7 грудня 2026 р., 12:00'), 'Kyiv time');
  assert.ok(html.includes('&lt;script&gt;'));
  assert.not.ok(html.includes('<script>'));
});

test.run();
