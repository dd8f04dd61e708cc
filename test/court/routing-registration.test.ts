/**
 * Routing at registration (Засади 4.1 with 4.11, 4.17, 5.1.11, 5.2, 5.4) on a
 * real court node (Lubny Засади, court key for the person index): the 4.1
 * hand-off routes BEFORE it draws — a split-off case goes to the judge who
 * split it, a further request in the same ЄРДР proceeding to the same
 * investigating judge, a second administrative-offence protocol against the
 * same person (the first not decided) to the first case's judge; a 5.4
 * exception whose judge is absent waits in the list, a route the records do
 * not bear out is held there for a person's decision; bad route input
 * registers nothing; the indexes survive a restart (they are journaled).
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import Database from 'better-sqlite3';
import { cleanup } from '../support/servers.ts';
import { casePath, claim, newKey, PASSWORD, startCourt, today, type Court } from './support.ts';
import { kyivDate } from '../../actors/court/dates.ts';
import type { CourtKey } from '../../actors/court/covert/vault.ts';

process.env.ASDS_LOG ??= 'silent';
const test = suite('court: routing at registration (Засади 4.11, 5.1.11, 5.2, 5.4)');

let c: Court;
let key: CourtKey;
const ERDR = '12026170000000123';
const in10 = () => kyivDate(Date.now() + 10 * 86_400_000);

type Reg = { status: number; body: any };
const register = (body: Record<string, unknown>): Promise<Reg> => c.api.call('POST', '/registrations', { token: c.tokens.registrar, body });

/** Registered and handed off: the reply carries the 4.1 outcome (waits ≤ 5 s for it). */
async function registered(body: Record<string, unknown>) {
  const r = await register(body);
  assert.is(r.status, 201, JSON.stringify(r.body));
  assert.is.not(r.body.distribution.status, 'pending', 'the hand-off answered within the wait');
  return r.body as { ueun: string; proceedingNumber: string; distribution: any };
}

const investigatorRequest = (route: Record<string, unknown>) =>
  claim({ index: '1-кс', category: 'investigator-request', document: { kind: 'клопотання', title: 'про тимчасовий доступ до речей і документів', sender: 'Слідчий СВ Лубенського РВП' }, description: 'клопотання слідчого', parties: [{ role: 'слідчий', name: 'Слідчий СВ Лубенського РВП' }], route });
const protocol = (person: Record<string, unknown>, name = 'Петренко Петро Петрович') =>
  claim({ index: '3', category: 'admin-offence', document: { kind: 'протокол про адміністративне правопорушення', title: 'ст. 130 КУпАП', sender: 'ВП ГУНП' }, description: 'керування у стані сп’яніння', parties: [{ role: 'особа, яка притягується до відповідальності', name }], route: { person } });

async function casesTotal(): Promise<number> {
  return (await c.api.call('GET', '/cases?offset=0&limit=1', { token: c.tokens.registrar })).body.total;
}

async function start(dataDir?: string) {
  c = await startCourt({ key, ...(dataDir ? { dataDir, withUsers: false } : {}) });
  if (dataDir) for (const [k, login] of [['registrar', 'registrar1'], ['officer', 'officer1'], ['head', 'head1']] as const) c.tokens[k] = await c.api.login(login, PASSWORD);
  // 4.6: on a day off investigators' requests go to the judge on duty — the schedule covers today, so the test runs any day.
  await c.server.host.system.ref('distribution', '537').ask({ type: 'record-duty', entry: { date: today(), judgeIds: ['LUB-02', 'LUB-03', 'LUB-04'], basis: { kind: 'order', number: 'черг-1', date: today() } } }, { meta: { author: 'head1', role: 'head_of_staff' } });
}

/** A judge's absence, entered as the head of staff does (PUT /judges/:login/availability; the login is the Засади id in lower case). */
async function absent(judgeId: string) {
  const login = judgeId.toLowerCase();
  const u = await c.api.call('POST', '/users', { token: c.tokens.admin, body: { login, fullName: `Суддя ${judgeId}`, role: 'judge', password: PASSWORD, order: { number: `${login}-к`, date: '2025-01-10' } } });
  assert.ok(u.status === 201 || u.status === 409, JSON.stringify(u.body));
  const av = await c.api.call('PUT', `/judges/${login}/availability`, { token: c.tokens.head, body: { kind: 'vacation', from: today(), to: in10(), basis: { kind: 'order', number: `відп-${login}`, date: today() } } });
  assert.is(av.status, 201, JSON.stringify(av.body));
}

test.before(async () => {
  key = newKey();
  await start();
});
test.after(async () => {
  await c?.server.stop();
  cleanup();
});

test('4.11: a split-off case goes at registration to the judge who split it (transfer protocol, judge on the card), not to a draw', async () => {
  const first = await registered(claim({ category: 'civil-claim' }));
  assert.is(first.distribution.status, 'distributed');
  const judge = first.distribution.presiding as string;
  const split = await registered(
    claim({ category: 'civil-claim', description: 'виділені в окреме провадження вимоги', route: { ground: '4.11', relatedProceeding: first.proceedingNumber, splitRuling: { number: `2/537/${first.proceedingNumber}`, date: today(), judge } } }),
  );
  assert.is(split.distribution.status, 'transferred', JSON.stringify(split.distribution));
  assert.is(split.distribution.presiding, judge);
  const d = await c.api.call('GET', `/distribution/case?caseId=${encodeURIComponent(split.proceedingNumber)}`, { token: c.tokens.officer });
  assert.is(d.body.protocols[0].assignmentMode, 'non-random');
  assert.is(d.body.protocols[0].ground, '4.11');
  const card = await c.api.call('GET', casePath(split.ueun), { token: c.tokens.registrar });
  assert.is(card.body.proceedings[0].assignment.judge, judge.toLowerCase());
});

let investigating = '';
test('5.2: a further request in the same ЄРДР proceeding goes to the same investigating judge; an indictment with that number is drawn', async () => {
  const first = await registered(investigatorRequest({ erdr: ERDR }));
  assert.is(first.distribution.status, 'distributed', JSON.stringify(first.distribution));
  investigating = first.distribution.presiding;
  const again = await registered(investigatorRequest({ erdr: ERDR }));
  assert.is(again.distribution.status, 'transferred', JSON.stringify(again.distribution));
  assert.is(again.distribution.presiding, investigating);
  const protocols = await c.api.call('GET', `/distribution/case?caseId=${encodeURIComponent(again.proceedingNumber)}`, { token: c.tokens.officer });
  assert.is(protocols.body.protocols[0].ground, '5.2');
  // The 5.2 ground names the investigator's category: a trial case of the same proceeding is not the investigating judge's.
  const indictment = await registered(claim({ index: '1-кп', category: 'criminal', document: { kind: 'обвинувальний акт', title: 'ч. 1 ст. 185 КК', sender: 'Лубенська окружна прокуратура' }, description: 'обвинувальний акт', route: { erdr: ERDR } }));
  assert.is(indictment.distribution.status, 'distributed');
});

let pendingPerson: { proceedingNumber: string; judge: string };
test('5.1.11: a second protocol against the same person goes to the first case’s judge while it is not decided; drawn once it is', async () => {
  const first = await registered(protocol({ name: 'Петренко Петро Петрович', birthDate: '1990-05-17' }));
  assert.is(first.distribution.status, 'distributed', JSON.stringify(first.distribution));
  const judge = first.distribution.presiding as string;
  // The clerk types the name differently (case, spaces): the same person.
  const second = await registered(protocol({ name: '  ПЕТРЕНКО   петро Петрович', birthDate: '1990-05-17' }));
  assert.is(second.distribution.status, 'transferred', JSON.stringify(second.distribution));
  assert.is(second.distribution.presiding, judge);
  const d = await c.api.call('GET', `/distribution/case?caseId=${encodeURIComponent(second.proceedingNumber)}`, { token: c.tokens.officer });
  assert.is(d.body.protocols[0].ground, '5.1.11');
  assert.not.ok(JSON.stringify(d.body).includes('personKeys'), 'the person index stays inside the actor');
  // Another person (other date of birth) is drawn.
  assert.is((await registered(protocol({ name: 'Петренко Петро Петрович', birthDate: '1991-01-01' }))).distribution.status, 'distributed');
  // Both cases of the person decided: the next protocol is drawn (5.1.11 "якщо справа ще не розглянута").
  for (const r of [first, second]) {
    const dec = await c.api.call('POST', `${casePath(r.ueun)}/decision`, { token: c.tokens.head, body: { proceedingNumber: r.proceedingNumber, outcome: 'decision', date: today() } });
    assert.is(dec.status, 201, JSON.stringify(dec.body));
  }
  const third = await registered(protocol({ name: 'Петренко Петро Петрович', birthDate: '1990-05-17' }));
  assert.is(third.distribution.status, 'distributed', JSON.stringify(third.distribution));
  // A person by РНОКПП, left pending for the restart test.
  const p = await registered(protocol({ rnokpp: '3012345678' }, 'Коваль Ольга Іванівна'));
  assert.is(p.distribution.status, 'distributed');
  pendingPerson = { proceedingNumber: p.proceedingNumber, judge: p.distribution.presiding };
  // The person is never stored in clear: not the РНОКПП, not the date of birth.
  const db = new Database(c.journalPath, { readonly: true });
  try {
    const hits = db.prepare("SELECT count(*) AS n FROM events WHERE data LIKE '%3012345678%' OR data LIKE '%1990-05-17%'").get() as { n: number };
    assert.is(hits.n, 0);
  } finally {
    db.close();
  }
});

test('5.4: a ground whose judge is absent and that waits for the judge lands in the waiting list, not drawn', async () => {
  const first = await registered(claim({ category: 'civil-claim' }));
  const judge = first.distribution.presiding as string;
  await absent(judge);
  // 5.1.2 (correction of a decision) in the same case — a 5.4 exception in the Lubny Засади.
  const correction = await registered(claim({ category: 'civil-claim', existingUeun: first.ueun, document: { kind: 'заява', title: 'про виправлення описки', sender: 'Іваненко Іван Іванович' }, route: { ground: '5.1.2', relatedProceeding: first.proceedingNumber } }));
  assert.is(correction.distribution.status, 'waiting', JSON.stringify(correction.distribution));
  const d = await c.api.call('GET', `/distribution/case?caseId=${encodeURIComponent(correction.proceedingNumber)}`, { token: c.tokens.officer });
  assert.is(d.body.assignment, null, 'not drawn');
  const w = await c.api.call('GET', '/control/waiting', { token: c.tokens.officer });
  const row = w.body.rows.find((x: any) => x.caseId === correction.proceedingNumber);
  assert.ok(row, 'in the waiting list');
  assert.is(row.rule, '5.4');
  assert.ok(row.reasonText.includes('очікує суддю'), row.reasonText);
  assert.ok(row.forecast > today());
  // the vacation is cancelled by order: later tests (the restart's 5.1.11) must not meet a judge absent by chance
  const cancel = await c.api.call('POST', '/distribution/absences/cancellation', { token: c.tokens.head, body: { judgeId: judge, kind: 'vacation', from: today(), basis: { kind: 'order', number: `скас-${judge}`, date: today() } } });
  assert.is(cancel.status, 201, JSON.stringify(cancel.body));
});

test('a route the records do not bear out (the ruling’s judge is not the judge of that case) is held in the list with the reason in Ukrainian, never drawn', async () => {
  const first = await registered(claim({ category: 'civil-claim' }));
  const other = first.distribution.presiding === 'LUB-05' ? 'LUB-06' : 'LUB-05';
  const held = await registered(claim({ category: 'civil-claim', route: { ground: '4.11', relatedProceeding: first.proceedingNumber, splitRuling: { number: '2/537/99', date: today(), judge: other } } }));
  assert.is(held.distribution.status, 'held', JSON.stringify(held.distribution));
  assert.is(held.distribution.code, 'TRANSFER_LINK_NOT_PROVEN');
  const d = await c.api.call('GET', `/distribution/case?caseId=${encodeURIComponent(held.proceedingNumber)}`, { token: c.tokens.officer });
  assert.is(d.body.assignment, null, 'not drawn');
  const waiting = await c.api.call('GET', '/distribution/waiting', { token: c.tokens.officer });
  const row = waiting.body.waiting.find((x: any) => x.caseId === held.proceedingNumber);
  assert.is(row?.why, 'held');
  assert.ok(/Не розподілено: .*рішення відповідальної особи/.test(row.reason), row.reason);
  const today_ = await c.api.call('GET', `/control/undistributed?date=${today()}`, { token: c.tokens.officer });
  const line = today_.body.rows.find((x: any) => x.proceedingNumber === held.proceedingNumber);
  assert.is(line?.reason, 'route-held');
  assert.ok(line.reasonText.includes('4.11'), line.reasonText);
  // The person's decision ends the hold: the distribution officer distributes it by lot (no route).
  const decided = await c.api.call('POST', '/distribution/cases', { token: c.tokens.officer, body: { case: { caseId: held.proceedingNumber, uniqueNumber: held.ueun, proceedingNumber: held.proceedingNumber, category: 'civil-claim', exclusions: [] } } });
  assert.is(decided.status, 201, JSON.stringify(decided.body));
  assert.is(decided.body.status, 'distributed');
});

test('bad route input: a clear error code and nothing registered', async () => {
  const first = await registered(claim({ category: 'civil-claim' }));
  const before = await casesTotal();
  const cases: Array<[Record<string, unknown>, number, string]> = [
    [claim({ category: 'civil-claim', route: { ground: '9.9.9', relatedProceeding: first.proceedingNumber } }), 422, 'UNKNOWN_GROUND'],
    [claim({ category: 'civil-claim', route: { ground: '4.11', relatedProceeding: first.proceedingNumber } }), 422, 'ROUTE_SPLIT_RULING_REQUIRED'],
    [claim({ category: 'civil-claim', route: { ground: '5.1.1' } }), 422, 'ROUTE_RELATED_CASE_REQUIRED'],
    [claim({ category: 'civil-claim', route: { ground: '5.1.1', relatedProceeding: '2/537/99999/26' } }), 422, 'ROUTE_RELATED_CASE_UNKNOWN'],
    [claim({ category: 'civil-claim', route: { relatedProceeding: first.proceedingNumber } }), 422, 'ROUTE_GROUND_REQUIRED'],
    [claim({ route: { ground: '5.1.1', relatedProceeding: first.proceedingNumber } }), 422, 'ROUTE_NEEDS_CATEGORY'],
    [protocol({ name: 'Петренко Петро Петрович' }), 400, 'ROUTE_PERSON_INCOMPLETE'],
    [investigatorRequest({ erdr: '123' }), 400, 'VALIDATION_FAILED'],
    [claim({ category: 'civil-claim', route: { ground: '4.11', splitRuling: { number: '1', date: today() } } }), 400, 'VALIDATION_FAILED'],
  ];
  for (const [body, status, code] of cases) {
    const r = await register(body);
    assert.is(r.status, status, `${code}: ${JSON.stringify(r.body)}`);
    assert.is(r.body.error.code, code);
    assert.ok(r.body.error.message.uk.length > 10);
  }
  assert.is(await casesTotal(), before, 'nothing registered');
});

test('the indexes survive a restart: rebuilt from the journal, the same ЄРДР and the same pending person still route', async () => {
  const dataDir = c.dataDir;
  await c.server.stop();
  await start(dataDir);
  const again = await registered(investigatorRequest({ erdr: ERDR }));
  assert.is(again.distribution.status, 'transferred', JSON.stringify(again.distribution));
  assert.is(again.distribution.presiding, investigating);
  const second = await registered(protocol({ rnokpp: '3012345678' }, 'Коваль Ольга Іванівна'));
  assert.is(second.distribution.status, 'transferred', JSON.stringify(second.distribution));
  assert.is(second.distribution.presiding, pendingPerson.judge);
});

test.run();
