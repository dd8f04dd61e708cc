/**
 * The centre's statistics desk (Засади 16.1.6, 16.3; issue 14 item 5): a
 * court's signed report over NATS is received, compared with the centre's
 * own computation of the same form (16.1.3), accepted when equal, returned
 * with the differing cells named and an integrity alarm when not; a bad
 * signature, a forged CA or a foreign sender is refused with nothing stored.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { NatsConnection } from '@nats-io/transport-node';
import { openEngine, type AnalyticsEngine } from '../../analytics/engine.ts';
import { listAlarms } from '../../analytics/alarms.ts';
import { insertCards } from '../../analytics/stats-sql/index.ts';
import { evaluateForm } from '../../analytics/stats/index.ts';
import { StatsDesk } from '../../actors/central/stats/desk.ts';
import { listSubmissions } from '../../actors/central/stats/store.ts';
import { canonicalJson } from '../../actors/distribution/canonical.ts';
import { initCourtCa, issueUserCertificate, loadCourtSealAnchor } from '../../actors/pki/index.ts';
import type { BusIdentity } from '../../runtime/bus/identity.ts';
import { statsStatusSubject, type StatCardV1, type StatReportV1, type StatStatusV1, type StatSubmissionV1 } from '../../contracts/stats/index.ts';
import { cleanup, startNats, tempDir, type NatsHandle } from '../support/servers.ts';
import { TEST_KEY_PASSPHRASE } from '../support/keys.ts';
import { TEST_FORM, randomCards, signedSubmission, submitAs } from './stats-support.ts';

const test = suite('stats: the centre receives, checks and answers signed reports');
const silent = { debug() {}, info() {}, warn() {}, error() {} };
const period = { kind: 'year' as const, from: '2026-01-01', to: '2026-12-31' };
let engine: AnalyticsEngine;
let nats: NatsHandle;
let desk: StatsDesk;
let court: NatsConnection;
let courtId: BusIdentity;
let pki: string;
/** The desk's own connection: closed after it, or its reconnect loop keeps the process alive. */
let centralNc: Awaited<ReturnType<NatsHandle['bus']['connect']>>;
type User = { certPem: string; keyPem: string };
let user: User;
let forgedUser: User;
const statuses: StatStatusV1[] = [];
let cards: StatCardV1[] = [];

test.before(async () => {
  engine = await openEngine({ dataDir: join(tempDir('asds-stats-desk-'), 'analytics') });
  nats = await startNats();
  pki = tempDir('asds-stats-pki-');
  initCourtCa({ dir: pki, courtCode: '537', courtName: 'Лубенський міськрайонний суд Полтавської області', passphrase: TEST_KEY_PASSPHRASE });
  user = issueUserCertificate({ dir: pki, login: 'stat', fullName: 'Петренко Олена Іванівна', role: 'статистик', passphrase: TEST_KEY_PASSPHRASE });
  // an insider's home-made CA with the same court code
  const forged = tempDir('asds-stats-forged-');
  initCourtCa({ dir: forged, courtCode: '537', courtName: 'Лубенський міськрайонний суд Полтавської області', passphrase: TEST_KEY_PASSPHRASE });
  forgedUser = issueUserCertificate({ dir: forged, login: 'stat', fullName: 'Петренко Олена Іванівна', role: 'статистик', passphrase: TEST_KEY_PASSPHRASE });
  cards = randomCards(14, ['537'], 300);
  await insertCards(engine, cards.map((c, i) => ({ card: c, caseKey: c.proceedingNumber, version: i + 1 })));
  const centralId = await nats.bus.identity('central-1');
  courtId = await nats.bus.identity('court-537');
  const anchor = loadCourtSealAnchor(pki)!;
  centralNc = await nats.bus.connect('central-1');
  desk = new StatsDesk({
    nc: centralNc,
    bus: centralId,
    engine: () => engine,
    courtAnchor: async (c) => (c === '537' ? anchor : undefined),
    forms: (id, v) => (id === TEST_FORM.id && v === TEST_FORM.version ? TEST_FORM : undefined),
    log: silent,
  }).start();
  court = await nats.bus.connect('court-537');
  court.subscribe(statsStatusSubject('537'), { callback: (_e, m) => void statuses.push(JSON.parse(new TextDecoder().decode(m.data)) as StatStatusV1) });
  await court.flush();
});
test.after(async () => {
  await desk.stop();
  await centralNc.close();
  await court.close();
  await engine.close();
  await cleanup();
});

function signed(report: StatReportV1, documentId: string, by: User = user): StatSubmissionV1 {
  return signedSubmission(report, documentId, by);
}

function submit(s: unknown, conn: NatsConnection = court, id: BusIdentity = courtId): Promise<Record<string, unknown>> {
  return submitAs(conn, id, s);
}

/** The court's own report: its engine over its own cards (the centre holds the same cards, replicated). */
async function courtReport(): Promise<StatReportV1> {
  return evaluateForm(TEST_FORM, cards, period, { kind: 'court', court: '537' });
}

test('a report equal to the centre computation: answered received, then accepted on the status subject', async () => {
  const answer = await submit(signed(await courtReport(), '537/СТ/2026/1'));
  assert.is(answer.status, 'received');
  await desk.idle();
  const [held] = await listSubmissions(engine, { court: '537', documentId: '537/СТ/2026/1' });
  assert.is(held!.status, 'accepted');
  assert.is(held!.author.name, 'Петренко Олена Іванівна');
  await until(() => statuses.some((s) => s.documentId === '537/СТ/2026/1' && s.status === 'accepted'));
  // sent again (the court lost the answer): the current status, nothing new stored
  const again = await submit(signed(await courtReport(), '537/СТ/2026/1'));
  assert.is(again.status, 'accepted');
});

test('a report that differs: returned with every differing cell named in Ukrainian, and a stats-difference alarm', async () => {
  const r = await courtReport();
  r.cells.s1!.family!.res = r.cells.s1!.family!.res! + 2;
  r.cells.s2!.all!.recv = r.cells.s2!.all!.recv! - 1;
  const answer = await submit(signed(r, '537/СТ/2026/2'));
  assert.is(answer.status, 'received');
  await desk.idle();
  const [held] = await listSubmissions(engine, { court: '537', documentId: '537/СТ/2026/2' });
  assert.is(held!.status, 'returned');
  assert.equal(held!.differences.map((d) => d.ref).sort(), ['s1.family.res', 's2.all.recv']);
  assert.match(held!.remarks, /рядок 1\.1 «Сімейні», графа 3 «Розглянуто»: у звіті суду \d+, за даними центру \d+/);
  assert.match(held!.remarks, /Розділ 2\. Кримінальні провадження, рядок 1 «Усього», графа 1 «Надійшло»/);
  const alarms = await listAlarms(engine, { court: '537', kind: 'stats-difference' });
  assert.is(alarms.length, 1);
  assert.equal((alarms[0]!.evidence.differences as unknown[]).length, 2);
  await until(() => statuses.some((s) => s.documentId === '537/СТ/2026/2' && s.status === 'returned' && /Сімейні/.test(s.remarks ?? '')));
});

test('a report for a period the form is not made for: received, then returned with the reason, no alarm', async () => {
  const r = await courtReport();
  const odd = { ...r, period: { kind: 'month' as const, from: '2026-01-01', to: '2026-12-31' } };
  assert.is((await submit(signed(odd, '537/СТ/2026/9'))).status, 'received');
  await desk.idle();
  const [held] = await listSubmissions(engine, { court: '537', documentId: '537/СТ/2026/9' });
  assert.is(held!.status, 'returned');
  assert.match(held!.remarks, /не є періодом виду «month»/);
  assert.is((await listAlarms(engine, { court: '537', kind: 'stats-difference' })).filter((a) => (a.evidence.documentId as string) === '537/СТ/2026/9').length, 0);
});

test('refused, nothing stored: a changed report under a valid signature, a signature under a forged CA, a changed Original, a foreign sender', async () => {
  const before = (await listSubmissions(engine)).length;
  const good = signed(await courtReport(), '537/СТ/2026/3');
  const tampered = { ...good, report: { ...good.report, cards: good.report.cards + 1 } };
  let a = await submit(tampered);
  assert.is(a.code, 'STATS_SIGNATURE_INVALID');
  // digest recomputed by the tamperer: the CMS still covers the old content
  const content = Buffer.from(canonicalJson(tampered.report));
  a = await submit({ ...tampered, reportSha256: createHash('sha256').update(content).digest('hex') });
  assert.is(a.code, 'STATS_SIGNATURE_INVALID');
  a = await submit(signed(await courtReport(), '537/СТ/2026/4', forgedUser));
  assert.is(a.code, 'STATS_SIGNATURE_INVALID');
  assert.match(String(a.error), /does not verify/);
  // the accepted Original 1 sent again with other content
  const other = await courtReport();
  other.cells.s1!.all!.recv = 999;
  a = await submit(signed(other, '537/СТ/2026/1'));
  assert.is(a.code, 'STATS_ORIGINAL_CHANGED');
  // a frame whose bus signature is another court's (a relayed or forged frame)
  a = await submit(good, court, await nats.bus.identity('court-538'));
  assert.is(a.code, 'STATS_SENDER_REFUSED');
  await desk.idle();
  assert.is((await listSubmissions(engine)).length, before, 'nothing stored');
  assert.is((await listSubmissions(engine, { documentId: '537/СТ/2026/1' }))[0]!.status, 'accepted', 'the Original kept');
});

async function until(cond: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

test.run();
