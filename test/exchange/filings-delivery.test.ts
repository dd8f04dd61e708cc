/**
 * Issue 17 §A.2 — delivery of prosecutors' filings to the court node and the notices back, on real parts: a
 * nats-server with bus identities, court 537 as a process (`asds court serve`, SIGKILLed mid-way) and the hub's
 * filings actor on an in-process central worker. The hub's HTTP layer is tested in filings-http.test.ts; here the
 * actor gets what that layer hands it (a checked, verified filing).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cleanup } from '../support/servers.ts';
import { ActorSystem, AsdsError } from '../../runtime/index.ts';
import { COURT, filingBody, hubRef, newCase, newFiling, startBench, startCourtProcess, startHub, until, type Bench } from './filings-support.ts';
import type { FilingReceiptV1, FilingStatusV1, NoticesPageV1 } from '../../contracts/exchange/filings.ts';
import { PROSECUTOR } from './filings-support.ts';

let b: Bench;

test.before(async () => {
  b = await startBench();
});

test.after(async () => {
  await b?.hub.shutdown();
  await b?.hubNc.close();
  await cleanup();
});

const file = (body: ReturnType<typeof filingBody>) => hubRef(b).ask<FilingReceiptV1>({ type: 'file', filing: newFiling(b, body) });
const status = (filingId: string) => hubRef(b).ask<FilingStatusV1>({ type: 'filing', organisation: PROSECUTOR.id, filingId });
const settled = (filingId: string) =>
  until(`filing ${filingId} settled`, async () => {
    const s = await status(filingId);
    return s.status === 'registered' || s.status === 'refused' ? s : undefined;
  });
const notices = (after = 0) => hubRef(b).ask<NoticesPageV1>({ type: 'notices', organisation: PROSECUTOR.id, after });
const correspondence = async (ueun: string) => {
  const r = await b.a.call('GET', `/cases/${ueun}/correspondence`, { token: b.tokens.registrar! });
  assert.is(r.status, 200, JSON.stringify(r.body));
  return r.body.items as Array<{ number: string; sender: string; title: string; outgoingNumber?: string }>;
};

test('a filing gets its receipt at once, then a notice: registered as incoming correspondence on the card', async () => {
  const c = await newCase(b);
  const body = filingBody(b, c.ueun, 'msg-registered-1');
  const receipt = await file(body);
  assert.match(receipt.filingId, /^f-[0-9a-f]{32}$/);
  assert.is(receipt.status, 'queued');
  const s = await settled(receipt.filingId);
  assert.is(s.status, 'registered', JSON.stringify(s));
  assert.is(s.verification.indication, 'TOTAL_PASSED');
  assert.match(s.registration!.number, /^[0-9]+\/[0-9]{2}$/);
  const page = await notices();
  const n = page.notices.find((x) => x.filingId === receipt.filingId)!;
  assert.is(n.status, 'registered');
  assert.is(n.registration!.number, s.registration!.number);
  // on the card of the case, from the prosecutor's office, under the prosecutor's message id
  const items = await correspondence(c.ueun);
  assert.is(items.length, 1);
  assert.is(items[0]!.number, s.registration!.number);
  assert.is(items[0]!.sender, PROSECUTOR.name);
  assert.is(items[0]!.outgoingNumber, 'msg-registered-1');
  // the court's journal of incoming correspondence lists it
  const journal = await b.a.call('GET', '/correspondence', { token: b.tokens.registrar! });
  assert.ok((journal.body.items as Array<{ number: string; ueun: string }>).some((x) => x.number === s.registration!.number && x.ueun === c.ueun));
  // the court told the outcome itself (signed `filing-outcome`), the hub did not have to ask for it
  const decided = b.hub.journal!.read(1, 10_000).filter((e) => e.type === 'exchange-filing-decided' && JSON.parse(e.data).filingId === receipt.filingId);
  assert.is(decided.length, 1);
  assert.is(JSON.parse(decided[0]!.meta).author, `node:court-${COURT}`);
});

test('the same message id: the same content gets the same receipt, other content MESSAGE_ID_REUSED and nothing queued', async () => {
  const c = await newCase(b);
  const body = filingBody(b, c.ueun, 'msg-replay-1');
  const first = await file(body);
  const again = await file(body);
  assert.equal(again, first);
  const before = await hubRef(b).ask<{ filings: number }>({ type: 'status' });
  try {
    await file(filingBody(b, c.ueun, 'msg-replay-1', { title: 'інший документ під тим самим ідентифікатором' }));
    assert.unreachable('a reused message id with other content must be refused');
  } catch (e) {
    assert.instance(e, AsdsError);
    assert.is((e as AsdsError).code, 'MESSAGE_ID_REUSED');
  }
  assert.is((await hubRef(b).ask<{ filings: number }>({ type: 'status' })).filings, before.filings);
  assert.is((await settled(first.filingId)).status, 'registered');
  assert.is((await correspondence(c.ueun)).length, 1, 'registered once');
});

test('an unknown case: the notice says refused, with the reason', async () => {
  const receipt = await file(filingBody(b, `${COURT}/999999/26`, 'msg-unknown-case'));
  const s = await settled(receipt.filingId);
  assert.is(s.status, 'refused');
  assert.is(s.refusal!.code, 'CASE_NOT_FOUND');
  assert.is(s.refusal!.reason, 'Справу не знайдено');
  const n = (await notices()).notices.find((x) => x.filingId === receipt.filingId)!;
  assert.is(n.status, 'refused');
  assert.is(n.refusal!.code, 'CASE_NOT_FOUND');
});

test('an unknown proceeding number: refused CASE_NOT_FOUND', async () => {
  const receipt = await file(filingBody(b, undefined, 'msg-unknown-proceeding', { proceedingNumber: `2/${COURT}/99999/26` }));
  const s = await settled(receipt.filingId);
  assert.is(s.status, 'refused');
  assert.is(s.refusal!.code, 'CASE_NOT_FOUND');
});

test('notices are in order and resume from a cursor; another organisation sees neither notices nor filings', async () => {
  const all = await notices();
  assert.ok(all.notices.length >= 3);
  const cursors = all.notices.map((n) => n.cursor);
  assert.equal(cursors, [...cursors].sort((x, y) => x - y));
  const rest = await notices(cursors[0]);
  assert.equal(rest.notices, all.notices.slice(1));
  const other = await hubRef(b).ask<NoticesPageV1>({ type: 'notices', organisation: 'ogp-poltava', after: 0 });
  assert.equal(other.notices, []);
  try {
    await hubRef(b).ask({ type: 'filing', organisation: 'ogp-poltava', filingId: all.notices[0]!.filingId });
    assert.unreachable('another organisation’s filing is not found');
  } catch (e) {
    assert.is((e as AsdsError).code, 'FILING_NOT_FOUND');
  }
});

test('a restricted document reaching the court is refused there and never registered', async () => {
  const c = await newCase(b);
  const f = newFiling(b, filingBody(b, c.ueun, 'msg-restricted-court', { restriction: 'official-use' }));
  // the hub never sends one (its HTTP layer and actor refuse it): here a central node tries the court directly
  const r = await b.hub.ref('exchange-inbox', COURT, `court-${COURT}`).ask<{ status: string; refusal: { code: string } }>({
    type: 'file-document',
    filing: { filingId: `f-${'0'.repeat(31)}1`, from: f.organisation, messageId: f.messageId, ueun: f.ueun, kind: f.kind, title: f.title, restriction: 'official-use', document: f.document, signature: f.signature, verification: f.verification, receivedAt: Date.now() },
  });
  assert.is(r.status, 'refused');
  assert.is(r.refusal.code, 'DOCUMENT_RESTRICTED');
  try {
    await hubRef(b).ask({ type: 'file', filing: f });
    assert.unreachable('the hub actor refuses a restricted filing too');
  } catch (e) {
    assert.is((e as AsdsError).code, 'DOCUMENT_RESTRICTED');
  }
  assert.equal(await correspondence(c.ueun), []);
});

test('SIGKILL of the court node: three filings wait at the hub (itself restarted meanwhile) and are all registered, in order, once, after the restart', async () => {
  const c = await newCase(b);
  await b.court.kill('SIGKILL');
  const receipts: FilingReceiptV1[] = [];
  for (let i = 1; i <= 3; i++) receipts.push(await file(filingBody(b, c.ueun, `msg-offline-${i}`, { title: `документ № ${i}, поданий, коли суд був недоступний` })));
  await new Promise((r) => setTimeout(r, 1500));
  for (const r of receipts) assert.is((await status(r.filingId)).status, 'queued');
  // the hub's worker restarts too: the queue and its reminder come back from its journal
  await b.hub.shutdown();
  await b.hubNc.close();
  Object.assign(b, await startHub(b.nats, b.hubJournal));
  const restarted = await startCourtProcess(b);
  b.court = restarted.court;
  b.a = restarted.a;
  b.tokens.registrar = await b.a.login('registrar1');
  const done = [];
  for (const r of receipts) done.push(await settled(r.filingId));
  assert.ok(done.every((s) => s.status === 'registered'), JSON.stringify(done));
  const seqs = done.map((s) => Number(s.registration!.number.split('/')[0]));
  assert.ok(seqs[0]! < seqs[1]! && seqs[1]! < seqs[2]!, `numbers follow the filings' order: ${seqs.join(', ')}`);
  const items = await correspondence(c.ueun);
  assert.equal(items.map((i) => i.outgoingNumber), ['msg-offline-1', 'msg-offline-2', 'msg-offline-3']);
});

test('only a central node may deliver to the court inbox: a court node gets nothing recorded', async () => {
  const neighbourNc = await b.nats.bus.connect('court-538');
  const neighbour = new ActorSystem({ node: 'court-538', nats: neighbourNc, bus: await b.nats.bus.identity('court-538') }).start();
  const filingId = `f-${'0'.repeat(31)}2`;
  let refused: unknown;
  try {
    const f = newFiling(b, filingBody(b, `${COURT}/1/26`, 'msg-forged'));
    await neighbour.ref('exchange-inbox', COURT, `court-${COURT}`).ask({ type: 'file-document', filing: { filingId, from: f.organisation, messageId: f.messageId, ueun: f.ueun, kind: f.kind, title: f.title, restriction: 'none', document: f.document, signature: f.signature, verification: f.verification, receivedAt: Date.now() } }, { timeoutMs: 3000 });
  } catch (e) {
    refused = e;
  } finally {
    await neighbour.shutdown();
    await neighbourNc.close();
  }
  // the bus refuses the publish (runtime/bus/permissions.ts) — and were it let through, Behavior.remote would
  assert.ok(refused instanceof Error, 'the delivery fails');
  const seen = await b.hub.ref('exchange-inbox', COURT, `court-${COURT}`).ask<{ filings: unknown[] }>({ type: 'outcomes', filingIds: [filingId] });
  assert.equal(seen.filings, []);
});

test('a court sends documents only for its own cases and tells outcomes only of its own filings', async () => {
  const neighbourNc = await b.nats.bus.connect('court-538');
  const neighbour = new ActorSystem({ node: 'court-538', nats: neighbourNc, bus: await b.nats.bus.identity('court-538') }).start();
  const f = newFiling(b, filingBody(b, `${COURT}/1/26`, 'msg-neighbour'));
  const item = (court: string) => ({ outgoingId: `o-${'0'.repeat(31)}9`, court, organisation: PROSECUTOR.id, ueun: `${COURT}/1/26`, kind: 'ruling', title: 'ухвала', restriction: 'none', document: f.document, signature: f.signature, verification: f.verification, sentAt: Date.now() });
  const hubAt = () => neighbour.ref('exchange-filings', 'hub', 'central-1');
  const codes: string[] = [];
  try {
    for (const court of [COURT, '538']) {
      await hubAt().ask({ type: 'send-document', item: item(court) }, { timeoutMs: 5000 }).catch((e: AsdsError) => codes.push(e.code));
    }
    const someFiling = (await notices()).notices[0]!.filingId;
    await hubAt().ask({ type: 'filing-outcome', court: COURT, filingId: someFiling, status: 'refused', refusal: { code: 'X', reason: 'підробка' } }, { timeoutMs: 5000 }).catch((e: AsdsError) => codes.push(e.code));
  } finally {
    await neighbour.shutdown();
    await neighbourNc.close();
  }
  assert.equal(codes, ['WRONG_COURT', 'WRONG_COURT', 'WRONG_COURT']);
  assert.equal((await hubRef(b).ask<{ items: unknown[] }>({ type: 'inbox', organisation: PROSECUTOR.id })).items, []);
});

test.run();
