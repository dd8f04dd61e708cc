/**
 * Issue 15 items 2 and 4, court side (Засади 17.1), against a real court node on a real NATS: the court's rules
 * list a case once legal force is recorded through the court API; the archivist confirms; the node builds a package
 * that validates; a receipt from a central node records the transfer and the card shows it (readable, changes
 * refused until a recall); a receipt signed by another court's node is refused (Forbidden, nothing written); the
 * centre's refusal keeps the case listed with its Ukrainian reason; a recall is journaled on the archive and the card.
 */
import { suite } from 'uvu';
import { randomBytes } from 'node:crypto';
import * as assert from 'uvu/assert';
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { headers as natsHeaders, type NatsConnection } from '@nats-io/transport-node';
import { ActorSystem, Forbidden } from '../../runtime/index.ts';
import { busSigner, signMessage } from '../../runtime/bus/passport.ts';
import { signerOf } from '../../runtime/bus/nats-sign.ts';
import { signArchiveReceipt } from '../../contracts/archive/index.ts';
import { validatePackage } from '../../actors/archive/index.ts';
import { cleanup, startNats, tempDir, type NatsHandle } from '../support/servers.ts';
import type { BusIdentity } from '../../runtime/bus/identity.ts';
import { lawfulZasadyFile } from '../court/distribution/lawful.ts';
import { testOperator } from '../support/identities.ts';
import { registeredDrawn } from '../court/stats-support.ts';
import { casePath, claim, newKey, PASSWORD, startCourt, today, type Court } from '../court/support.ts';

process.env.ASDS_LOG ??= 'silent';
const test = suite('court archive: rules, confirmation, package, receipt, refusal, recall');
const silent = { debug() {}, info() {}, warn() {}, error() {} };
const ctx: { nats?: NatsHandle; c?: Court; archivist?: string; nc?: NatsConnection; central?: ActorSystem; centralId?: BusIdentity; neighbour?: BusIdentity } = {};

const ARCHIVE_YAML = `schema: asds.archive/v1
automatic: false
dailyAt: '06:00'
defaultCategory: civil
categories:
  - { id: civil, title: цивільні справи, indexes: ['2', '2-о'], holdingDays: 0, retentionYears: 5, retentionSource: 'приклад для тесту' }
  - { id: criminal, title: кримінальні провадження, indexes: ['1-кп'], execution: true, holdingDays: 30, retentionYears: 15 }
`;

test.before(async () => {
  ctx.nats = await startNats();
  const dir = tempDir('asds-archive-zasady-');
  const zasady = join(dir, 'zasady.yaml');
  copyFileSync(lawfulZasadyFile(), zasady);
  writeFileSync(join(dir, 'archive.yaml'), ARCHIVE_YAML);
  ctx.c = await startCourt({ zasadyFile: zasady, key: newKey(), server: { natsUrl: ctx.nats.url, bus: await ctx.nats.bus.identity('court-537') } as never });
  await ctx.c.server.host.natsReady;
  const created = await ctx.c.api.call('POST', '/users', { token: ctx.c.tokens.admin, body: { login: 'archive.sydorenko', fullName: 'Сидоренко Ганна Петрівна', role: 'archivist', password: PASSWORD, order: { number: '9-к', date: '2025-01-10' } } });
  assert.is(created.status, 201, JSON.stringify(created.body));
  ctx.archivist = await ctx.c.api.login('archive.sydorenko');
  ctx.centralId = await ctx.nats.bus.identity('central-1');
  ctx.neighbour = await ctx.nats.bus.identity('court-538');
  ctx.nc = await ctx.nats.bus.connect('central-1');
  ctx.central = new ActorSystem({ node: 'central-1', nats: ctx.nc, bus: ctx.centralId, logger: silent }).start();
});

test.after(async () => {
  await ctx.central?.shutdown();
  await ctx.nc?.close();
  await ctx.c?.server.stop();
  await cleanup();
});

const call = (method: string, path: string, token?: string, body?: unknown) => ctx.c!.api.call(method, path, { ...(token ? { token } : {}), ...(body !== undefined ? { body } : {}) });

async function until<T>(what: string, f: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function journal(sql: string, ...args: unknown[]): Array<Record<string, unknown>> {
  const db = new Database(ctx.c!.journalPath, { readonly: true });
  try {
    return db.prepare(sql).all(...args) as Array<Record<string, unknown>>;
  } finally {
    db.close();
  }
}

const eventCount = () => Number(journal('SELECT count(*) AS n FROM events')[0]!.n);

/** A civil case decided today without appeal: legal force today (Засади 11.1), recorded through the court API. */
async function inForce(): Promise<{ ueun: string; path: string }> {
  const c = await registeredDrawn(ctx.c!);
  const r = await call('POST', `${c.path}/decision`, ctx.c!.tokens.head, { outcome: 'decision', date: today(), appealable: false });
  assert.is(r.status, 201, JSON.stringify(r.body));
  assert.is(r.body.legalForce, today());
  return c;
}

const archivePath = (ueun: string) => `/archive/cases/${ueun}`;

async function listed(ueun: string, state: string, path = '/archive/due') {
  return until(`${ueun} ${state} in ${path}`, async () => {
    const r = await call('GET', path, ctx.archivist);
    assert.is(r.status, 200, JSON.stringify(r.body));
    return (r.body.cases as Array<{ ueun: string; state: string }>).find((x) => x.ueun === ueun && x.state === state) as any;
  });
}

async function built(ueun: string) {
  return listed(ueun, 'built', '/archive/packages');
}

function receiptFor(ueun: string, p: { packageId: string; tagmanifestSha256: string; files: number; bytes: number }) {
  return signArchiveReceipt({ v: 1, court: '537', ueun, packageId: p.packageId, tagmanifestSha256: p.tagmanifestSha256, files: p.files, bytes: p.bytes, acceptedAt: Date.now(), centre: 'central-1' }, signerOf(ctx.centralId!));
}

let transferred: { ueun: string; path: string; packageId: string } | undefined;

test('a case in legal force is due under the rules; an open case is not; the archivist confirms; the package is built and validates', async () => {
  const open = await registeredDrawn(ctx.c!);
  const c = await inForce();
  const due = await listed(c.ueun, 'due');
  assert.is(due.dueDate, today());
  assert.is(due.category, 'civil');
  assert.match(due.note, /Підлягає передачі/);
  assert.is(due.retention.years, 5);
  // the open case is not listed; confirming it names why
  const all = (await call('GET', '/archive/due', ctx.archivist)).body.cases as Array<{ ueun: string }>;
  assert.not.ok(all.some((x) => x.ueun === open.ueun));
  // the daily due list is a durable reminder of the court's archive actor
  const reminder = journal("SELECT name, due_at FROM reminders WHERE actor = 'archive/537'");
  assert.equal(reminder.map((x) => x.name), ['archive-daily']);
  assert.ok(Number(reminder[0]!.due_at) > Date.now());
  // execution steps: never in the future; recorded with the archivist's name
  const future = await call('POST', `${archivePath(c.ueun)}/execution`, ctx.archivist, { date: '2099-01-01' });
  assert.is(future.status, 422);
  assert.is(future.body.error.code, 'ARCHIVE_EXECUTION_DATE_INVALID');
  assert.is((await call('POST', `${archivePath(c.ueun)}/execution`, ctx.archivist, { date: today(), note: 'виконавче провадження закінчено' })).status, 201);
  // a registrar may not confirm
  assert.is((await call('POST', `${archivePath(c.ueun)}/confirm`, ctx.c!.tokens.registrar)).status, 403);
  const ok = await call('POST', `${archivePath(c.ueun)}/confirm`, ctx.archivist);
  assert.is(ok.status, 201, JSON.stringify(ok.body));
  const again = await call('POST', `${archivePath(c.ueun)}/confirm`, ctx.archivist);
  assert.is(again.status, 409);
  assert.is(again.body.error.code, 'ARCHIVE_ALREADY_CONFIRMED');

  const b = await built(c.ueun);
  const dir = join(ctx.c!.dataDir, 'archive', 'packages', b.package.packageId);
  assert.ok(existsSync(join(dir, 'manifest-sha256.txt')), 'the bag is in <data>/archive/packages/<packageId>');
  const report = await validatePackage(dir);
  assert.ok(report.ok, JSON.stringify(report.problems));
  assert.is(report.bagInfo['ASDS-Case-UEUN'], c.ueun);
  assert.ok(report.caseEvents.some((e) => e.actor === `case/${c.ueun}` && e.type === 'legal-force-recorded'), 'the case rows are in the package');
  // the event the centre starts its transfer from, with its redaction rule: everything it needs passes
  const ev = journal("SELECT data, pub FROM events WHERE type = 'package-built' ORDER BY gseq DESC LIMIT 1")[0]!;
  const pub = JSON.parse(String(ev.pub)) as { data: Record<string, unknown>; redacted: string[] };
  assert.equal(pub.redacted, []);
  assert.is(pub.data.packageId, b.package.packageId);
  assert.is(pub.data.tagmanifestSha256, b.package.tagmanifestSha256);
  transferred = { ...c, packageId: b.package.packageId };

  // not marked transferred before the centre's receipt
  const card = await call('GET', c.path, ctx.c!.tokens.registrar);
  assert.is(card.body.archive, undefined);
});

test("a receipt signed by another court's node is refused: Forbidden, nothing written", async () => {
  const t = transferred!;
  const b = await built(t.ueun);
  const before = eventCount();
  const enc = new TextEncoder();
  const subject = 'asds.court-537.archive.537';
  const body = enc.encode(JSON.stringify({ v: 1, command: { type: 'record-receipt', packageId: t.packageId, receipt: receiptFor(t.ueun, b.package) } }));
  const n = ctx.neighbour!;
  const hs = natsHeaders();
  for (const [k, v] of Object.entries(signMessage(busSigner(n.seed, n.passport), subject, body))) hs.set(k, v);
  const msg = await ctx.nc!.request(subject, body, { timeout: 10_000, headers: hs });
  const reply = JSON.parse(new TextDecoder().decode(msg.data));
  assert.is(reply.ok, false);
  assert.is(reply.error.code, 'FORBIDDEN');
  assert.is(reply.error.details.reason, 'WRONG_SENDER');
  assert.is(eventCount(), before, 'nothing written');
  // a central node may not use any other command of the archive either
  try {
    await ctx.central!.ref('archive', '537', 'court-537').ask({ type: 'confirm', ueun: t.ueun }, { timeoutMs: 10_000 });
    assert.unreachable('accepted');
  } catch (e) {
    assert.instance(e, Forbidden);
    assert.is(((e as Forbidden).details as { reason: string }).reason, 'NOT_REMOTE');
  }
  assert.is(eventCount(), before, 'nothing written');
});

test('a receipt that does not match the package is refused and writes nothing', async () => {
  const t = transferred!;
  const b = await built(t.ueun);
  const before = eventCount();
  const wrong = receiptFor(t.ueun, { ...b.package, files: b.package.files + 1 });
  try {
    await ctx.central!.ref('archive', '537', 'court-537').ask({ type: 'record-receipt', packageId: t.packageId, receipt: wrong }, { timeoutMs: 10_000 });
    assert.unreachable('accepted');
  } catch (e) {
    assert.is((e as { code?: string }).code, 'ARCHIVE_RECEIPT_MISMATCH');
    assert.equal(((e as { details?: { fields?: string[] } }).details ?? {}).fields, ['files']);
  }
  assert.is(eventCount(), before);
  // well-formed, matching, sent by central-1 — but signed under another operator's passport: its signature does not prove it
  const stranger = signArchiveReceipt({ ...receiptFor(t.ueun, b.package) }, signerOf(testOperator().identity('central-1')));
  try {
    await ctx.central!.ref('archive', '537', 'court-537').ask({ type: 'record-receipt', packageId: t.packageId, receipt: stranger }, { timeoutMs: 10_000 });
    assert.unreachable('accepted');
  } catch (e) {
    assert.is((e as { code?: string }).code, 'ARCHIVE_RECEIPT_MISMATCH');
    assert.equal(((e as { details?: { fields?: string[] } }).details ?? {}).fields, ['signature']);
  }
  assert.is(eventCount(), before);
});

test("the central node's receipt records the transfer; the card shows it, stays readable, refuses changes", async () => {
  const t = transferred!;
  const b = await built(t.ueun);
  const r = await ctx.central!.ref('archive', '537', 'court-537').ask<{ recorded: boolean }>({ type: 'record-receipt', packageId: t.packageId, receipt: receiptFor(t.ueun, b.package) }, { timeoutMs: 10_000 });
  assert.is(r.recorded, true);
  const card = await until('the card marked', async () => {
    const x = await call('GET', t.path, ctx.c!.tokens.registrar);
    return x.body.archive ? x : undefined;
  });
  assert.is(card.status, 200);
  assert.is(card.body.archive.state, 'transferred');
  assert.is(card.body.archive.packageId, t.packageId);
  assert.match(card.body.archive.note, /^Передано до електронного архіву \d+ [а-яі]+ \d{4} року$/);
  const moved = await call('POST', `${t.path}/movements`, ctx.c!.tokens.registrar, { kind: 'to-judge', to: 'суддя' });
  assert.is(moved.status, 409, JSON.stringify(moved.body));
  assert.is(moved.body.error.code, 'CASE_ARCHIVED');
  assert.match(moved.body.error.message.uk, /витребування справи з архіву/);
  const v = await call('GET', archivePath(t.ueun), ctx.archivist);
  assert.is(v.body.state, 'transferred');
  // the centre's retried job: the same receipt again is one transfer
  const again = await ctx.central!.ref('archive', '537', 'court-537').ask<{ recorded: boolean }>({ type: 'record-receipt', packageId: t.packageId, receipt: receiptFor(t.ueun, b.package) }, { timeoutMs: 10_000 });
  assert.is(again.recorded, false);
});

test("the centre's refusal keeps the case listed with the Ukrainian reason; nothing is marked transferred", async () => {
  const c = await inForce();
  await listed(c.ueun, 'due');
  assert.is((await call('POST', `${archivePath(c.ueun)}/confirm`, ctx.archivist)).status, 201);
  const b = await built(c.ueun);
  const reason = `Печатка суду над tagmanifest-sha256.txt не перевіряється сертифікатом центру сертифікації суду (пакет ${b.package.packageId})`;
  const r = await ctx.central!.ref('archive', '537', 'court-537').ask<{ recorded: boolean }>({ type: 'record-refusal', packageId: b.package.packageId, code: 'BAD_SEAL', reason }, { timeoutMs: 10_000 });
  assert.is(r.recorded, true);
  const refused = await listed(c.ueun, 'refused');
  assert.is(refused.refusals[0].code, 'BAD_SEAL');
  assert.is(refused.refusals[0].reason, reason);
  assert.is(refused.refusals[0].from, 'central-1');
  assert.match(refused.note, /^Центр відмовив у прийнятті архівного пакета: Печатка суду/);
  const card = await call('GET', c.path, ctx.c!.tokens.registrar);
  assert.is(card.body.archive, undefined, 'not transferred');
  // the archivist confirms again once the cause is fixed: a new package is built
  assert.is((await call('POST', `${archivePath(c.ueun)}/confirm`, ctx.archivist)).status, 201);
  const rebuilt = await built(c.ueun);
  assert.is.not(rebuilt.package.packageId, b.package.packageId);
});

test('a recall is journaled on the archive and the card; the card accepts changes again', async () => {
  const t = transferred!;
  const notTransferred = await call('POST', `${archivePath('537/99999/25')}/recall`, ctx.archivist, { reason: 'перегляд' });
  assert.is(notTransferred.status, 404);
  const r = await call('POST', `${archivePath(t.ueun)}/recall`, ctx.archivist, { reason: 'Витребувано для перегляду за нововиявленими обставинами' });
  assert.is(r.status, 201, JSON.stringify(r.body));
  const card = await until('the card recalled', async () => {
    const x = await call('GET', t.path, ctx.c!.tokens.registrar);
    return x.body.archive?.state === 'recalled' ? x : undefined;
  });
  assert.is(card.body.archive.recalls[0].reason, 'Витребувано для перегляду за нововиявленими обставинами');
  assert.is(card.body.archive.recalls[0].by.login, 'archive.sydorenko');
  const rows = journal("SELECT actor, type, meta FROM events WHERE type = 'archive-recalled' ORDER BY gseq");
  assert.equal(rows.map((x) => x.actor), ['archive/537', `case/${t.ueun}`]);
  assert.match(String(rows[0]!.meta), /archive\.sydorenko/);
  const moved = await call('POST', `${t.path}/movements`, ctx.c!.tokens.registrar, { kind: 'to-judge', to: 'суддя' });
  assert.is(moved.status, 201, JSON.stringify(moved.body));
  const again = await call('POST', `${archivePath(t.ueun)}/recall`, ctx.archivist, { reason: 'ще раз' });
  assert.is(again.status, 409);
  assert.is(again.body.error.code, 'ARCHIVE_NOT_TRANSFERRED');
});

test('a scan also attached to a covert case stops the package: those bytes never leave the court (Засади 3.1 ¶2)', async () => {
  const scan = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(3000)]);
  const cov = await call('POST', '/registrations', ctx.c!.tokens.registrar, claim({ index: '1-кс', category: 'НСРД', description: 'клопотання про НСРД', parties: [], covert: { person: 'Особа НСРД', action: 'дія НСРД' } }));
  assert.is(cov.status, 201, JSON.stringify(cov.body));
  const up = (ueun: string) => ctx.c!.api.call('POST', `${casePath(ueun)}/attachments`, { token: ctx.c!.tokens.registrar, raw: scan, type: 'application/pdf' });
  assert.is((await up(cov.body.ueun)).status, 201);
  const c = await inForce();
  assert.is((await up(c.ueun)).status, 201);
  assert.is((await call('POST', `${archivePath(c.ueun)}/confirm`, ctx.archivist)).status, 201);
  const failed = await until('the build refused', async () => {
    const r = await call('GET', '/archive/due', ctx.archivist);
    return (r.body.cases as Array<{ ueun: string; failures: Array<{ message: string }> }>).find((x) => x.ueun === c.ueun && x.failures.length > 0);
  });
  assert.match(failed.failures[0]!.message, /долучено також до справи з негласними діями/);
  assert.is(readdirSync(join(ctx.c!.dataDir, 'archive', 'packages')).filter((d) => d.includes(c.ueun.replaceAll('/', '-'))).length, 0, 'no package of it');
});

test.run();
