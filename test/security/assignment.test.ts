/**
 * Issue 10 item 4, tried as a corrupt insider would — through the HTTP API of
 * a real court node (537, the Lubny Засади), with staff tokens only. Each
 * lever that steered a case to a wanted judge is refused with a typed code
 * and a Ukrainian message, and writes nothing (journal and card unchanged);
 * the lawful path beside it works and is marked on the card, in the protocol
 * list and in the event central monitoring reads (`assignmentMode`).
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import Database from 'better-sqlite3';
import { cleanup } from '../support/servers.ts';
import { casePath, claim, PASSWORD, startCourt, today, type Court } from '../court/support.ts';

const test = suite('security: assignments only by the automated system');
const CIVIL = ['LUB-01', 'LUB-05', 'LUB-06', 'LUB-07'];

let c: Court;
const t: Record<string, string> = {};
const call = (method: string, path: string, token: string, body?: unknown) => c.api.call(method, path, { token, ...(body !== undefined ? { body } : {}) });

/** Every journal row (all actors): a refusal must not add one. */
function journalRows(): number {
  const db = new Database(c.journalPath, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** After a registration the registry confirms the card's opening on its own (open-confirmed): wait until the journal is still. */
async function quiet(): Promise<number> {
  let last = journalRows();
  for (let still = 0; still < 3; ) {
    await new Promise((r) => setTimeout(r, 40));
    const n = journalRows();
    still = n === last ? still + 1 : 0;
    last = n;
  }
  return last;
}

function eventsOf(type: string): Array<Record<string, any>> {
  const db = new Database(c.journalPath, { readonly: true });
  try {
    return (db.prepare('SELECT data FROM events WHERE type = ? ORDER BY gseq').all(type) as Array<{ data: string }>).map((r) => JSON.parse(r.data));
  } finally {
    db.close();
  }
}

async function card(ueun: string) {
  const r = await call('GET', casePath(ueun), t.registrar!);
  assert.is(r.status, 200);
  return r.body;
}

const proc = (cardBody: any, pn: string) => cardBody.proceedings.find((p: { proceedingNumber: string }) => p.proceedingNumber === pn);

/** A refusal: 4xx, the stable code, a Ukrainian message, and nothing written anywhere. */
async function refused(r: { status: number; body: any }, status: number, code: string, before: number) {
  assert.is(r.status, status, JSON.stringify(r.body));
  assert.is(r.body.error.code, code);
  assert.match(r.body.error.message.uk, /[А-Яа-яІіЇїЄєҐґ]/, 'a message for people, in Ukrainian');
  const now = journalRows();
  assert.is(now, before, `${code}: nothing written, but: ${JSON.stringify(rowsAbove(before))}`);
}

/** The rows above `gseq` count (actor and type): what a failed "nothing written" names. */
function rowsAbove(count: number): Array<[string, string]> {
  const db = new Database(c.journalPath, { readonly: true });
  try {
    return (db.prepare('SELECT actor, type FROM events ORDER BY gseq LIMIT -1 OFFSET ?').all(count) as Array<{ actor: string; type: string }>).map((r) => [r.actor, r.type]);
  } finally {
    db.close();
  }
}

/** A civil claim registered with a Засади category: drawn on registration (4.1). */
async function drawnClaim(extra: Record<string, unknown> = {}) {
  const reg = await call('POST', '/registrations', t.registrar!, claim({ category: 'civil-claim', ...extra }));
  assert.is(reg.status, 201, JSON.stringify(reg.body));
  assert.is(reg.body.distribution.status, 'distributed', JSON.stringify(reg.body.distribution));
  await quiet();
  return { ueun: reg.body.ueun as string, pn: reg.body.proceedingNumber as string, judge: reg.body.distribution.presiding as string, protocol: reg.body.distribution.documentId as string };
}

/** A registration the hand-off does not draw (free-text category, or filed in an existing case). */
async function undrawn(extra: Record<string, unknown> = {}) {
  const reg = await call('POST', '/registrations', t.registrar!, claim(extra));
  assert.is(reg.status, 201, JSON.stringify(reg.body));
  assert.is(reg.body.distribution.status, 'skipped');
  await quiet();
  return { ueun: reg.body.ueun as string, pn: reg.body.proceedingNumber as string };
}

test.before(async () => {
  c = await startCourt();
  Object.assign(t, c.tokens);
  for (const j of ['lub-01', 'lub-05', 'lub-06', 'lub-07']) {
    const u = await call('POST', '/users', c.tokens.admin, { login: j, fullName: `Суддя ${j}`, role: 'judge', password: PASSWORD, order: { number: `${j}-к`, date: '2025-01-10' } });
    assert.is(u.status, 201);
  }
});
test.after(async () => {
  await c.server.stop();
  await cleanup();
});

test('a drawn case: the card shows the judge with assignmentMode random, the event says so', async () => {
  const a = await drawnClaim();
  const p = proc(await card(a.ueun), a.pn);
  assert.is(p.assignment.judge, a.judge.toLowerCase());
  assert.is(p.assignment.assignmentMode, 'random');
  const ev = eventsOf('case-distributed').find((e) => e.caseId === a.pn)!;
  assert.is(ev.assignmentMode, 'random');
  const list = await call('GET', `/protocols?caseId=${encodeURIComponent(a.pn)}`, t.registrar!);
  assert.equal(list.body.protocols.map((x: any) => [x.id, x.assignmentMode]), [[a.protocol, 'random']]);
});

test('lever a: writing any judge on the card while citing a real protocol is refused; only the protocol of this proceeding writes its own judge', async () => {
  const a = await drawnClaim();
  const other = CIVIL.find((j) => j !== a.judge)!.toLowerCase();
  const before = journalRows();
  // The judge in the body: the old free-form route is gone — no body can name a judge.
  await refused(await call('POST', `${casePath(a.ueun)}/assignment`, t.officer!, { judge: other, protocol: a.protocol }), 400, 'VALIDATION_FAILED', before);
  assert.is(proc(await card(a.ueun), a.pn).assignment.judge, a.judge.toLowerCase(), 'card unchanged');

  // A real protocol of another case, cited for an undrawn proceeding (a covert one included): refused.
  const b = await undrawn();
  const b0 = journalRows();
  await refused(await call('POST', `${casePath(b.ueun)}/assignment`, t.officer!, { protocol: a.protocol }), 422, 'PROTOCOL_NOT_OF_CASE', b0);
  assert.is(proc(await card(b.ueun), b.pn).assignment, undefined);
  // The registrar cannot either; a judge may not call it at all.
  assert.is((await call('POST', `${casePath(b.ueun)}/assignment`, t.judge!, { protocol: a.protocol })).status, 403);

  // Re-writing the card from its own current protocol is harmless: the same judge, nothing new.
  const same = await call('POST', `${casePath(a.ueun)}/assignment`, t.officer!, { protocol: a.protocol });
  assert.is(same.status, 201, JSON.stringify(same.body));
  assert.equal([same.body.assigned, same.body.judge, same.body.assignmentMode], [false, a.judge.toLowerCase(), 'random']);
  assert.is(journalRows(), b0);
});

test('lever b: no category at registration, then "4.11 to a named judge" without the ruling is refused; with the ruling of that case\'s judge it is a marked non-random transfer', async () => {
  const wanted = CIVIL[3]!; // the insider's judge
  const split = await undrawn();
  const item = (route: Record<string, unknown>) => ({ case: { caseId: split.pn, uniqueNumber: split.ueun, proceedingNumber: split.pn, category: 'civil-claim', exclusions: [] }, route });
  const before = journalRows();
  await refused(await call('POST', '/distribution/cases', t.officer!, item({ ground: '4.11', judgeId: wanted })), 422, 'RELATED_CASE_REQUIRED', before);

  // The earlier case the split comes from, and a ruling that is not its judge's.
  const from = await drawnClaim();
  const notTheJudge = CIVIL.find((j) => j !== from.judge)!;
  const base = journalRows();
  await refused(await call('POST', '/distribution/cases', t.officer!, item({ ground: '4.11', relatedCaseId: from.pn })), 422, 'TRANSFER_LINK_NOT_PROVEN', base);
  const ruling = (issuer: string) => ({ kind: 'ruling', number: `2/537/${split.pn}`, date: today(), issuer });
  await refused(await call('POST', '/distribution/cases', t.officer!, item({ ground: '4.11', relatedCaseId: from.pn, basis: ruling(notTheJudge) })), 422, 'TRANSFER_LINK_NOT_PROVEN', base);
  await refused(await call('POST', '/distribution/cases', t.officer!, item({ ground: '4.11', relatedCaseId: from.pn, judgeId: notTheJudge, basis: ruling(from.judge) })), 422, 'NAMED_JUDGE_MISMATCH', base);
  await refused(await call('POST', '/distribution/cases', t.officer!, item({ ground: '4.11', relatedCaseId: from.pn, basis: { kind: 'order', number: '1', date: today(), issuer: from.judge } })), 422, 'TRANSFER_LINK_NOT_PROVEN', base);
  assert.is(proc(await card(split.ueun), split.pn).assignment, undefined);

  // Lawful: the ruling of the judge who split the case.
  const ok = await call('POST', '/distribution/cases', t.officer!, item({ ground: '4.11', relatedCaseId: from.pn, basis: ruling(from.judge) }));
  assert.is(ok.status, 201, JSON.stringify(ok.body));
  assert.is(ok.body.status, 'transferred');
  assert.ok(ok.body.cardUpdated);
  const p = proc(await card(split.ueun), split.pn);
  assert.equal([p.assignment.judge, p.assignment.assignmentMode, p.assignment.ground.code, p.assignment.basis.issuer], [from.judge.toLowerCase(), 'non-random', '4.11', from.judge]);
  const ev = eventsOf('case-distributed').find((e) => e.caseId === split.pn)!;
  assert.equal([ev.assignmentMode, ev.ground], ['non-random', '4.11']);
  const list = await call('GET', `/protocols?caseId=${encodeURIComponent(split.pn)}`, t.auditor!);
  assert.equal(list.body.protocols.map((x: any) => [x.kind, x.assignmentMode, x.ground]), [['transfer', 'non-random', '4.11']]);
});

test('lever c: exclusions in the request that leave one judge are refused; a recusal recorded with its ruling excludes the judge', async () => {
  const x = await undrawn();
  const stack = CIVIL.slice(0, 3).map((judgeId) => ({ judgeId, text: 'брав участь у справі' }));
  const body = { case: { caseId: x.pn, uniqueNumber: x.ueun, proceedingNumber: x.pn, category: 'civil-claim', exclusions: stack } };
  const before = journalRows();
  await refused(await call('POST', '/distribution/cases', t.officer!, body), 422, 'EXCLUSIONS_NOT_ACCEPTED', before);
  await refused(await call('POST', '/distribution/batches', t.registrar!, { items: [body] }), 422, 'EXCLUSIONS_NOT_ACCEPTED', before);
  assert.is(proc(await card(x.ueun), x.pn).assignment, undefined);

  // The recusal API: a ruling with its number, date and author; the author of the record comes from the token.
  const recusal = { caseId: x.pn, judgeId: 'lub-01', kind: 'self-recusal', ruling: { kind: 'ruling', number: `сам-${x.pn}`, date: today(), issuer: 'LUB-01' } };
  await refused(await call('POST', '/distribution/recusals', t.officer!, { ...recusal, ruling: { kind: 'memo', number: '1', date: today() } }), 422, 'RULING_REQUIRED', before);
  await refused(await call('POST', '/distribution/recusals', t.officer!, { ...recusal, by: { author: 'lub-07', role: 'judge' } }), 400, 'VALIDATION_FAILED', before);
  await refused(await call('POST', '/distribution/recusals', t.officer!, { ...recusal, judgeId: 'nobody' }), 422, 'UNKNOWN_JUDGE', before);
  assert.is((await call('POST', '/distribution/recusals', t.judge!, recusal)).status, 403);
  const rec = await call('POST', '/distribution/recusals', t.officer!, recusal);
  assert.is(rec.status, 201, JSON.stringify(rec.body));
  const r2 = journalRows();
  await refused(await call('POST', '/distribution/recusals', t.officer!, recusal), 409, 'ALREADY_RECORDED', r2);
  const ev = eventsOf('recusal-recorded').find((e) => e.caseId === x.pn)!;
  assert.equal([ev.judgeId, ev.kind, ev.ruling.number, ev.by], ['LUB-01', 'self-recusal', recusal.ruling.number, { author: 'officer1', role: 'distribution_officer' }]);

  const d = await call('POST', '/distribution/cases', t.officer!, { ...body, case: { ...body.case, exclusions: [] } });
  assert.is(d.status, 201, JSON.stringify(d.body));
  const candidates = d.body.document.protocol.steps[0].candidates.map((k: { judgeId: string }) => k.judgeId);
  assert.not.ok(candidates.includes('LUB-01'), 'the recused judge is no candidate');
  assert.ok(candidates.length >= 2, `the others stay candidates: ${candidates}`);
  assert.match(JSON.stringify(d.body.document.protocol), new RegExp(recusal.ruling.number), 'the ruling is quoted in the protocol');
  assert.ok(d.body.cardUpdated);
  assert.is(proc(await card(x.ueun), x.pn).assignment.judge, d.body.document.protocol.chosen.presiding.toLowerCase());
});

test('lever d: a 5.1.x transfer citing an unrelated earlier case of the wanted judge is refused; the same ЄУН or a party in common is accepted', async () => {
  const earlier = await drawnClaim({ parties: [{ role: 'позивач', name: 'Петренко Петро Петрович' }, { role: 'відповідач', name: 'ПАТ «Банк»' }] });
  const stranger = await undrawn({ parties: [{ role: 'позивач', name: 'Сидоренко Олена' }, { role: 'відповідач', name: 'ТОВ «Інше»' }] });
  const item = (k: { ueun: string; pn: string }, ground: string) => ({ case: { caseId: k.pn, uniqueNumber: k.ueun, proceedingNumber: k.pn, category: 'civil-claim', exclusions: [] }, route: { ground, relatedCaseId: earlier.pn } });
  const before = journalRows();
  for (const ground of ['5.1.2', '5.1.8', '4.17.2', '5.1.9', '5.1.6']) {
    await refused(await call('POST', '/distribution/cases', t.officer!, item(stranger, ground)), 422, 'TRANSFER_LINK_NOT_PROVEN', before);
  }
  // A routed item that is no registration of this court at all.
  await refused(await call('POST', '/distribution/cases', t.officer!, { case: { caseId: '537/999/25', category: 'civil-claim', exclusions: [] }, route: { ground: '5.1.2', relatedCaseId: earlier.pn } }), 422, 'CASE_NOT_ON_RECORD', before);
  await refused(await call('POST', '/distribution/cases', t.officer!, { ...item(stranger, '5.1.2'), case: { ...item(stranger, '5.1.2').case, uniqueNumber: earlier.ueun } }), 422, 'CASE_NOT_ON_RECORD', before);
  assert.is(proc(await card(stranger.ueun), stranger.pn).assignment, undefined);

  // Lawful: an application filed in the very case (same ЄУН) follows its judge (5.1.2).
  const inCase = await undrawn({ existingUeun: earlier.ueun });
  assert.is(inCase.ueun, earlier.ueun);
  const t1 = await call('POST', '/distribution/cases', t.officer!, item(inCase, '5.1.2'));
  assert.is(t1.status, 201, JSON.stringify(t1.body));
  assert.equal([t1.body.status, t1.body.document.protocol.to.presiding], ['transferred', earlier.judge]);
  // A counterclaim between the same parties (4.17.2): a party in common.
  const counter = await undrawn({ parties: [{ role: 'позивач', name: 'ПАТ "Банк"' }, { role: 'відповідач', name: 'Петренко  Петро Петрович' }] });
  const t2 = await call('POST', '/distribution/cases', t.officer!, item(counter, '4.17.2'));
  assert.is(t2.status, 201, JSON.stringify(t2.body));
  assert.is(t2.body.status, 'transferred');
  assert.is(proc(await card(counter.ueun), counter.pn).assignment.assignmentMode, 'non-random');
});

test('15.3: an urgent case in an outage goes only to a judge of the roster, by the assembly decision; the card marks it non-random', async () => {
  const open = await call('POST', '/outages', t.head!, { startedAt: new Date(Date.now() - 3_600_000).toISOString() });
  assert.is(open.status, 201, JSON.stringify(open.body));
  const id = open.body.outageId as string;
  const k = await undrawn({ index: '1-кс', category: 'клопотання про тримання під вартою', parties: [{ role: 'особа', name: 'Коваленко Іван' }] });
  const body = { at: new Date().toISOString(), category: 'detention', case: { caseId: k.pn, uniqueNumber: k.ueun, proceedingNumber: k.pn }, judges: ['lub-07'], decision: { kind: 'decision', number: 'зб-3', date: today(), issuer: 'збори суддів' } };
  const before = journalRows();
  await refused(await call('POST', `/outages/${id}/urgent-assignments`, t.officer!, { ...body, judges: ['judge.petrenko'] }), 422, 'UNKNOWN_JUDGE', before);
  // 15.4: the urgent case is a registered case with its card — not a bare number.
  await refused(await call('POST', `/outages/${id}/urgent-assignments`, t.officer!, { ...body, case: { caseId: k.pn } }), 422, 'CASE_NOT_ON_RECORD', before);
  const ok = await call('POST', `/outages/${id}/urgent-assignments`, t.officer!, body);
  assert.is(ok.status, 201, JSON.stringify(ok.body));
  assert.ok(ok.body.cardUpdated);
  const p = proc(await card(k.ueun), k.pn);
  assert.equal([p.assignment.judge, p.assignment.assignmentMode, p.assignment.ground.code, p.assignment.basis.number], ['lub-07', 'non-random', '15.3', 'зб-3']);
  const ev = eventsOf('judge-assigned').find((e) => e.proceedingNumber === k.pn)!;
  assert.equal([ev.assignmentMode, ev.ground.code], ['non-random', '15.3']);
  // In the distribution record: a sealed protocol on the card, and the judge's load counts the case (6.4).
  assert.is(p.assignment.protocol, ok.body.documentId);
  const load = await call('GET', `/distribution/assignments?judgeId=LUB-07`, t.head!);
  assert.ok(load.body.assignments.some((x: any) => x.caseId === k.pn), JSON.stringify(load.body));
});

test('absences: cancelled and shortened through the API as attributed events; refusals write nothing', async () => {
  const from = today();
  const plus = (n: number) => new Date(Date.parse(`${from}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
  const put = await call('PUT', '/judges/lub-06/availability', t.head!, { kind: 'vacation', from, to: plus(20), basis: { kind: 'order', number: 'відп-6', date: from } });
  assert.is(put.status, 201, JSON.stringify(put.body));
  const before = await quiet();
  const shorten = { judgeId: 'lub-06', kind: 'vacation', from, to: plus(5), basis: { kind: 'order', number: 'відп-6-зм', date: from } };
  assert.is((await call('POST', '/distribution/absences/shortening', t.registrar!, shorten)).status, 403);
  assert.is((await call('POST', '/distribution/absences/shortening', t.officer!, shorten)).status, 403);
  await refused(await call('POST', '/distribution/absences/shortening', t.head!, { ...shorten, to: plus(30) }), 422, 'NOT_SHORTER', before);
  await refused(await call('POST', '/distribution/absences/shortening', t.head!, { ...shorten, from: plus(1) }), 404, 'NO_SUCH_ABSENCE', before);
  await refused(await call('POST', '/distribution/absences/shortening', t.head!, { ...shorten, to: '2025-02-30' }), 400, 'BAD_DATE', before);
  await refused(await call('POST', '/distribution/absences/shortening', t.head!, { ...shorten, author: 'chief1' }), 400, 'VALIDATION_FAILED', before);

  const s = await call('POST', '/distribution/absences/shortening', t.head!, shorten);
  assert.is(s.status, 201, JSON.stringify(s.body));
  const av = await call('GET', '/judges/lub-06/availability', t.head!);
  assert.equal(av.body.map((a: { to: string }) => a.to), [plus(5)]);
  const se = eventsOf('absence-shortened').at(-1)!;
  assert.equal([se.judgeId, se.to, se.previousTo, se.by], ['LUB-06', plus(5), plus(20), { author: 'head1', role: 'head_of_staff' }]);

  const cancel = { judgeId: 'lub-06', kind: 'vacation', from, basis: { kind: 'order', number: 'відп-6-скас', date: from } };
  const x = await call('POST', '/distribution/absences/cancellation', t.head!, cancel);
  assert.is(x.status, 201, JSON.stringify(x.body));
  assert.equal((await call('GET', '/judges/lub-06/availability', t.head!)).body, []);
  const ce = eventsOf('absence-cancelled').at(-1)!;
  assert.equal(ce.by, { author: 'head1', role: 'head_of_staff' });
  const after = journalRows();
  await refused(await call('POST', '/distribution/absences/cancellation', t.head!, cancel), 404, 'NO_SUCH_ABSENCE', after);
});

test.run();
