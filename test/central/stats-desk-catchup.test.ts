/**
 * A signed report that reaches the centre before the court's events it was
 * formed from (replication runs beside the report's journey; Засади 16.1.3):
 * the desk answers "received" and compares only once its copy of the court's
 * journal holds the sequence the court sent it at — never "returned" with a
 * false stats-difference alarm over facts still on their way.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import type { NatsConnection } from '@nats-io/transport-node';
import { openEngine, type AnalyticsEngine } from '../../analytics/engine.ts';
import { listAlarms } from '../../analytics/alarms.ts';
import { insertCards } from '../../analytics/stats-sql/index.ts';
import { evaluateForm } from '../../analytics/stats/index.ts';
import { StatsDesk } from '../../actors/central/stats/desk.ts';
import { listSubmissions } from '../../actors/central/stats/store.ts';
import { initCourtCa, issueUserCertificate, loadCourtSealAnchor } from '../../actors/pki/index.ts';
import { statsStatusSubject, type StatSubmissionV1 } from '../../contracts/stats/index.ts';
import { cleanup, startNats, tempDir, type NatsHandle } from '../support/servers.ts';
import { TEST_KEY_PASSPHRASE } from '../support/keys.ts';
import { TEST_FORM, randomCards, signedSubmission, submitAs } from './stats-support.ts';

const test = suite('stats: the desk waits for the court’s events before comparing');
const silent = { debug() {}, info() {}, warn() {}, error() {} };
const period = { kind: 'year' as const, from: '2026-01-01', to: '2026-12-31' };
let engine: AnalyticsEngine;
let nats: NatsHandle;
let desk: StatsDesk;
let court: NatsConnection;
/** The court's journal sequence the centre's cards are folded through (what the card folder reports). */
let held = 100;
let user: { certPem: string; keyPem: string };
let pkiDir = '';

/** The desk's own connection: closed after it, or its reconnect loop keeps the process alive. */
let centralNc: Awaited<ReturnType<NatsHandle['bus']['connect']>>;

test.before(async () => {
  engine = await openEngine({ dataDir: join(tempDir('asds-stats-catchup-'), 'analytics') });
  nats = await startNats();
  const pki = (pkiDir = tempDir('asds-stats-catchup-pki-'));
  initCourtCa({ dir: pki, courtCode: '537', courtName: 'Лубенський міськрайонний суд Полтавської області', passphrase: TEST_KEY_PASSPHRASE });
  const anchor = loadCourtSealAnchor(pki)!;
  centralNc = await nats.bus.connect('central-1');
  desk = new StatsDesk({
    nc: centralNc,
    bus: await nats.bus.identity('central-1'),
    engine: () => engine,
    courtAnchor: async (c) => (c === '537' ? anchor : undefined),
    forms: (id, v) => (id === TEST_FORM.id && v === TEST_FORM.version ? TEST_FORM : undefined),
    beforeCompare: async () => held,
    log: silent,
  }).start();
  court = await nats.bus.connect('court-537');
  user = issueUserCertificate({ dir: pki, login: 'stat', fullName: 'Петренко Олена Іванівна', role: 'статистик', passphrase: TEST_KEY_PASSPHRASE });
});
test.after(async () => {
  await desk.stop();
  await centralNc.close();
  await court.close();
  await engine.close();
  await cleanup();
});

/** A signed submission of the test form's report over `cards`, as the court's node sends it. */
function submission(documentId: string, cards: ReturnType<typeof randomCards>, journalThrough: number): StatSubmissionV1 {
  return signedSubmission(evaluateForm(TEST_FORM, cards, period, { kind: 'court', court: '537' }), documentId, user, journalThrough);
}

/** Sent on the court's subject, signed by its node; the desk's first answer. */
async function send(sub: StatSubmissionV1): Promise<string> {
  return (await submitAs(court, await nats.bus.identity('court-537'), sub)).status as string;
}

test('received at once; compared only when the centre holds the court’s events through journalThrough: accepted, no alarm', async () => {
  const cards = randomCards(5, ['537'], 200);
  // the centre holds only half of the court's facts yet (sequence 100 of 180)
  await insertCards(engine, cards.slice(0, 100).map((c, i) => ({ card: c, caseKey: c.proceedingNumber, version: i + 1 })));
  const sub = submission('537-статзвіт-000077', cards, 180);
  assert.is(await send(sub), 'received');
  // a few polls of the folder later, still behind: not compared, not returned, no alarm
  await new Promise((r) => setTimeout(r, 1000));
  assert.is((await listSubmissions(engine, { court: '537', documentId: sub.documentId }))[0]!.status, 'received');
  assert.equal(await listAlarms(engine, { court: '537', kind: 'stats-difference' }), []);
  // the rest of the events arrive and are folded
  await insertCards(engine, cards.slice(100).map((c, i) => ({ card: c, caseKey: c.proceedingNumber, version: i + 101 })));
  held = 180;
  await desk.idle();
  const [done] = await listSubmissions(engine, { court: '537', documentId: sub.documentId });
  assert.is(done!.status, 'accepted');
  assert.equal(done!.differences, []);
  assert.equal(await listAlarms(engine, { court: '537', kind: 'stats-difference' }), []);
});

test('a report still behind when the wait ends stays received; the desk compares it again by itself and tells the court: no resend needed', async () => {
  await desk.stop();
  desk = new StatsDesk({
    nc: centralNc,
    bus: await nats.bus.identity('central-1'),
    engine: () => engine,
    courtAnchor: async (c) => (c === '537' ? loadCourtSealAnchor(pkiDir)! : undefined),
    forms: (id, v) => (id === TEST_FORM.id && v === TEST_FORM.version ? TEST_FORM : undefined),
    beforeCompare: async () => held,
    catchUpMs: 300,
    recheckMs: 200,
    log: silent,
  }).start();
  // the new desk's subscription is at the server before the court sends
  await centralNc.flush();
  const statuses: string[] = [];
  const sub0 = court.subscribe(statsStatusSubject('537'), { callback: (_e, m) => void statuses.push((JSON.parse(new TextDecoder().decode(m.data)) as { status: string }).status) });
  const sub = submission('537-статзвіт-000078', randomCards(5, ['537'], 200), 400);
  assert.is(await send(sub), 'received');
  // the wait ends (300 ms) and a few rechecks pass while the centre is still behind: received, nothing returned
  await new Promise((r) => setTimeout(r, 1200));
  const [waiting] = await listSubmissions(engine, { court: '537', documentId: sub.documentId });
  assert.is(waiting!.status, 'received');
  assert.is(waiting!.journalThrough, 400, 'the sequence the court formed it at is kept for the recheck');
  assert.equal(statuses, []);
  // the court's events arrive; the court sends nothing again
  held = 400;
  const end = Date.now() + 20_000;
  while (!statuses.includes('accepted') && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
  assert.equal(statuses, ['accepted'], 'the court is told by the recheck');
  assert.is((await listSubmissions(engine, { court: '537', documentId: sub.documentId }))[0]!.status, 'accepted');
  sub0.unsubscribe();
});

test.run();
