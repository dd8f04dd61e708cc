/**
 * The jurors / duty / load / outage API: roles (401/403), schema refusals
 * (400), domain refusals with their own code (4xx), nothing half-written,
 * PDF and printable load page.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cleanup } from '../../support/servers.ts';
import { pdfText } from '../../support/pdf-text.ts';
import { isWorkingDay, loadCalendar, defaultCalendarConfig } from '../../../actors/distribution/calendar.ts';
import { addDays } from '../../../actors/distribution/dates.ts';
import { callerOf, startCourt, today, type Court } from '../support.ts';

const test = suite('court HTTP: jurors, duty, load, outage');
let court: Court;
test.before(async () => {
  court = await startCourt();
});
test.after(async () => {
  await court.server.stop('test over');
  await cleanup();
});

const COUNCIL = { kind: 'decision', number: 'р-15', date: '2024-12-20' };
const call = callerOf(() => court);

test('jurors: roles, validation, a selection and its PDF', async () => {
  assert.is((await call('POST', '/jurors', undefined, { fullName: 'А', addedOn: '2025-01-01', basis: COUNCIL })).status, 401);
  const forbidden = await call('POST', '/jurors', court.tokens.registrar, { fullName: 'А', addedOn: '2025-01-01', basis: COUNCIL });
  assert.is(forbidden.status, 403);
  assert.is(forbidden.body.error.code, 'FORBIDDEN');
  assert.is((await call('POST', '/jurors', court.tokens.head, { addedOn: '2025-01-01', basis: COUNCIL })).status, 400);
  for (let i = 0; i < 8; i++) assert.is((await call('POST', '/jurors', court.tokens.head, { fullName: `Присяжний ${i}`, addedOn: '2025-01-01', basis: COUNCIL })).status, 201);
  const memo = await call('POST', '/jurors/P0001/unavailability', court.tokens.head, { absence: { kind: 'sickness', from: '2025-01-02', basis: { kind: 'memo', number: '1', date: '2025-01-02' } } });
  assert.is(memo.status, 422);
  assert.is(memo.body.error.code, 'ORDER_REQUIRED');
  assert.is((await call('POST', '/jurors/selections', court.tokens.registrar, { case: { caseId: '537/900/25' }, proceeding: 'criminal' })).status, 403);
  const sel = await call('POST', '/jurors/selections', court.tokens.officer, { case: { caseId: '537/900/25' }, proceeding: 'criminal' });
  assert.is(sel.status, 201, JSON.stringify(sel.body));
  assert.is(sel.body.composition.candidates.length, 7);
  const again = await call('POST', '/jurors/selections', court.tokens.officer, { case: { caseId: '537/900/25' }, proceeding: 'criminal' });
  assert.is(again.status, 409);
  assert.is(again.body.error.code, 'ALREADY_SELECTED');
  assert.is((await call('GET', '/jurors/selections/537%2F999%2F25', court.tokens.judge)).status, 404);
  // Sealed by the court (the node's <data>/pki), numbered in the juror protocols' own sequence.
  assert.is(sel.body.document.signature.format, 'cms-detached-der-base64');
  assert.is(sel.body.documentId, '537-000000001-протокол-присяжних-к');
  const v = await call('GET', `/jurors/documents/${encodeURIComponent(sel.body.documentId)}/verify`, court.tokens.judge);
  assert.is(v.status, 200, JSON.stringify(v.body));
  assert.equal([v.body.ok, v.body.trustAnchor, v.body.journalRowOk, v.body.problems], [true, true, true, []]);
  assert.match(v.body.seal, /^TOTAL_PASSED/);
  assert.is((await call('GET', '/jurors/documents/537-000000009-протокол-присяжних-к/verify', court.tokens.judge)).status, 404);
  const pdf = await call('GET', `/jurors/documents/${encodeURIComponent(sel.body.documentId)}/pdf`, court.tokens.judge);
  assert.is(pdf.status, 200);
  assert.is(pdf.bytes.subarray(0, 5).toString(), '%PDF-');
  // court language (issue 13 item 12): the court in full, the time in Kyiv time in words
  const text = pdfText(pdf.bytes).replace(/\s+/g, ' ');
  assert.ok(text.startsWith('Лубенський міськрайонний суд Полтавської області'), text.slice(0, 200));
  assert.match(text, /Дата і час: \d{1,2} [а-яі]+ \d{4} року о \d{2}:\d{2} \(за київським часом\)/);
  assert.not.match(text, /\d{4}-\d{2}-\d{2}T/);
});

test('duty: only the chief judge approves the schedule; days off only', async () => {
  await call('PUT', '/duty/investigating-judges', court.tokens.chief, { count: 1, judgeIds: ['J01'], decision: { kind: 'decision', number: 'з-1', date: '2025-01-10' } });
  const cal = loadCalendar(defaultCalendarConfig());
  let off = today();
  while (isWorkingDay(cal, off)) off = addDays(off, 1);
  const body = { order: { kind: 'order', number: 'н-1', date: today() }, entries: [{ date: off, judgeIds: ['J01'] }] };
  assert.is((await call('POST', '/duty/schedules', court.tokens.head, body)).status, 403);
  const ok = await call('POST', '/duty/schedules', court.tokens.chief, body);
  assert.is(ok.status, 201, JSON.stringify(ok.body));
  let work = today();
  while (!isWorkingDay(cal, work)) work = addDays(work, 1);
  const bad = await call('POST', '/duty/schedules', court.tokens.chief, { ...body, entries: [{ date: work, judgeIds: ['J01'] }] });
  assert.is(bad.status, 422);
  assert.is(bad.body.error.details.problems[0].code, 'NOT_A_DAY_OFF');
  const sched = await call('GET', '/duty/schedules', court.tokens.officer);
  assert.equal(sched.body.schedule.map((e: any) => e.date), [off]);
});

test('load information: judges and the head of staff; JSON, printable HTML, yearly report', async () => {
  assert.is((await call('GET', '/load', court.tokens.registrar)).status, 403);
  const j = await call('GET', '/load', court.tokens.judge);
  assert.is(j.status, 200, JSON.stringify(j.body));
  assert.ok(j.body.judges.length > 0);
  assert.ok(j.body.coefficients.categories.length > 0, 'coefficients of the Засади in force');
  const html = await call('GET', '/load?format=html', court.tokens.head);
  assert.match(html.headers.get('content-type') ?? '', /text\/html/);
  assert.match(html.bytes.toString('utf8'), /Інформація щодо стану навантаження на суддів/);
  const report = await call('GET', '/load/report', court.tokens.head);
  assert.is(report.status, 200);
  assert.ok(typeof report.body.stats.cv === 'number');
});

test('outage: act, chronological backlog over HTTP; a refused entry writes nothing', async () => {
  const iso = (ms: number) => new Date(ms).toISOString();
  const now = Date.now();
  const open = await call('POST', '/outages', court.tokens.head, { startedAt: iso(now - 14 * 86_400_000) });
  assert.is(open.status, 201, JSON.stringify(open.body));
  const id = open.body.outageId;
  const item = (n: number, ms: number) => ({ item: { arrivalNumber: n, arrivedAt: iso(ms), description: `№ ${n}` } });
  const early = await call('POST', `/outages/${id}/backlog`, court.tokens.registrar, item(10, now - 10 * 86_400_000));
  assert.is(early.body.error.code, 'ACT_REQUIRED');
  const act = { act: { number: 'акт-1', startedAt: iso(now - 14 * 86_400_000), endedAt: iso(now - 3_600_000), causes: ['збій'], measures: ['ремонт'], commission: [{ fullName: 'К', position: 'керівник апарату', chair: true }] } };
  assert.is((await call('POST', `/outages/${id}/act`, court.tokens.registrar, act)).status, 403);
  const a = await call('POST', `/outages/${id}/act`, court.tokens.head, act);
  assert.is(a.status, 201, JSON.stringify(a.body));
  assert.is((await call('POST', `/outages/${id}/backlog`, court.tokens.registrar, item(10, now - 10 * 86_400_000))).status, 201);
  const ooo = await call('POST', `/outages/${id}/backlog`, court.tokens.registrar, item(11, now - 11 * 86_400_000));
  assert.is(ooo.status, 422);
  assert.is(ooo.body.error.code, 'BACKLOG_OUT_OF_ORDER');
  const o = await call('GET', `/outages/${id}`, court.tokens.auditor);
  assert.is(o.body.backlog.length, 1);
  const h = await call('POST', `/outages/${id}/hand-over`, court.tokens.officer, { when: 'now' });
  assert.is(h.status, 201);
  assert.equal(h.body.arrivalNumbers, [10]);
});

test.run();
