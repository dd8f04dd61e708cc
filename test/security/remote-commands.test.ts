/**
 * Issue 10 item 2 — identity never comes from a message body. Whoever reaches a court's subjects on the bus
 * (even with a valid central identity) cannot create users, mint tokens, read password hashes or covert fields,
 * register cases, record absences or load Засади: those commands enter only through the node's authenticated
 * HTTP layer. Each attempt gets a typed `Forbidden` reply and the court's journal does not change.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { headers as natsHeaders, type NatsConnection } from '@nats-io/transport-node';
import { ActorSystem, Forbidden, type Behavior } from '../../runtime/index.ts';
import { busSigner, signMessage } from '../../runtime/bus/passport.ts';
import { sessionHeaders, type SessionGrant } from '../../runtime/bus/sessions.ts';
import { startCourtServer, courtBehaviors, type CourtServer } from '../../actors/court/node.ts';
import { nodeBehavior } from '../../runtime/node-log.ts';
import { cleanup, startNats, tempDir, type NatsHandle } from '../support/servers.ts';
import { testOperator } from '../support/identities.ts';
import { TEST_KEY_PASSPHRASE } from '../support/keys.ts';
import type { BusIdentity } from '../../runtime/bus/identity.ts';

process.env.ASDS_LOG ??= 'silent';
const suiteOf = suite('security: no authority over the bus');
/** uvu cannot print an error whose `details` is an object (AsdsError): rethrow such failures as plain errors. */
const test = Object.assign(
  (name: string, fn: () => unknown) =>
    suiteOf(name, async () => {
      try {
        await fn();
      } catch (e) {
        if (e instanceof assert.Assertion) throw e;
        throw new Error(`${(e as Error).name}: ${(e as Error).message} ${JSON.stringify((e as { details?: unknown }).details ?? null)}`);
      }
    }),
  { before: suiteOf.before, after: suiteOf.after, run: suiteOf.run },
);
const ctx: { nats?: NatsHandle; court?: CourtServer; data?: string; nc?: NatsConnection; central?: ActorSystem; own?: BusIdentity; neighbour?: BusIdentity } = {};
const silent = { debug() {}, info() {}, warn() {}, error() {} };

test.before(async () => {
  ctx.nats = await startNats();
  ctx.data = tempDir('asds-court-');
  ctx.court = await startCourtServer({ court: '537', dataDir: ctx.data, port: 0, adminPassword: 'admin-password-1', keyPassphrase: TEST_KEY_PASSPHRASE, natsUrl: ctx.nats.url, bus: await ctx.nats.bus.identity('court-537') });
  await ctx.court.host.natsReady;
  // the strongest identity that can reach a court's subjects at all: a central worker's
  ctx.own = await ctx.nats.bus.identity('central-1');
  ctx.neighbour = await ctx.nats.bus.identity('court-538');
  ctx.nc = await ctx.nats.bus.connect('central-1');
  ctx.central = new ActorSystem({ node: 'central-1', nats: ctx.nc, bus: ctx.own, logger: silent }).start();
});

test.after(async () => {
  await ctx.central?.shutdown();
  await ctx.nc?.close();
  await ctx.court?.stop();
  await cleanup();
});

function journalCount(): number {
  const db = new Database(join(ctx.data!, 'journal.sqlite'), { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

async function refused(p: Promise<unknown>, reason: string): Promise<void> {
  try {
    await p;
    assert.unreachable('the command was accepted');
  } catch (e) {
    assert.instance(e, Forbidden, String(e));
    assert.is((e as Forbidden).code, 'FORBIDDEN');
    assert.is(((e as Forbidden).details as { reason: string }).reason, reason, String(e));
  }
}

const hash = { alg: 'scrypt', N: 16384, r: 8, p: 1, salt: 'AAAAAAAAAAAAAAAAAAAAAA', hash: 'A'.repeat(43) };
const ATTACKS: Array<[string, string, string, unknown]> = [
  ['create a tech_admin', 'users', '537', { type: 'create', user: { login: 'evil', fullName: 'Зловмисник', role: 'tech_admin', order: { number: '1', date: '2025-01-10' } }, password: hash }],
  ['issue a token for a judge without a password', 'users', '537', { type: 'issue-token', login: 'admin', tokenHash: 'a'.repeat(64), expiresAt: Date.now() + 3600_000 }],
  ['read password hashes', 'users', '537', { type: 'credentials', login: 'admin' }],
  ['list users', 'users', '537', { type: 'list' }],
  ['register a case', 'registry', '537', { type: 'register', registration: {} }],
  ['record an absence', 'distribution', '537', { type: 'record-absence', judgeId: 'J1', absence: {} }],
  ['load a new Засади version', 'distribution', '537', { type: 'load-zasady', config: {} }],
  ['distribute a case', 'distribution', '537', { type: 'distribute', caseId: 'x' }],
  ['read a case card (covert fields)', 'case', '537/1/26', { type: 'card' }],
  ['write a node start record', 'node', 'court-537', { type: 'record-start', role: 'court', version: 'x', pid: 1 }],
];

for (const [what, kind, id, command] of ATTACKS) {
  test(`a central identity cannot ${what} over the bus`, async () => {
    const before = journalCount();
    await refused(ctx.central!.ref(kind, id, 'court-537').ask(command, { timeoutMs: 10_000 }), 'NOT_REMOTE');
    assert.is(journalCount(), before, 'nothing written');
  });
}

test('an unsigned request claiming a judge in its body is refused before anything else', async () => {
  const before = journalCount();
  const enc = new TextEncoder();
  const bodies = [
    { v: 1, command: { type: 'status' } },
    { v: 1, command: { type: 'create', user: { login: 'evil', fullName: 'Зловмисник', role: 'tech_admin', order: { number: '1', date: '2025-01-10' } }, password: hash }, meta: { author: 'judge.petrenko', role: 'tech_admin' } },
  ];
  for (const body of bodies) {
    const kind = body.command.type === 'status' ? 'node.court-537' : 'users.537';
    const msg = await ctx.nc!.request(`asds.court-537.${kind}`, enc.encode(JSON.stringify(body)), { timeout: 10_000 });
    const reply = JSON.parse(new TextDecoder().decode(msg.data));
    assert.is(reply.ok, false);
    assert.ok(['FORBIDDEN', 'VALIDATION_FAILED'].includes(reply.error.code), JSON.stringify(reply));
  }
  assert.is(journalCount(), before);
});

test('a declared remote command is served to the kind of node it names, with the author the signature proves', async () => {
  const st = await ctx.central!.ref('node', 'court-537', 'court-537').ask<{ node: string }>({ type: 'status' }, { timeoutMs: 10_000 });
  assert.is(st.node, 'court-537');
});

test('another court\'s signature, a passport from another operator, a tampered body and a stale message are refused', async () => {
  const enc = new TextEncoder();
  const subject = 'asds.court-537.node.court-537';
  const send = async (data: Uint8Array, h: Record<string, string>) => {
    const hs = natsHeaders();
    for (const [k, v] of Object.entries(h)) hs.set(k, v);
    const msg = await ctx.nc!.request(subject, data, { timeout: 10_000, headers: hs });
    return JSON.parse(new TextDecoder().decode(msg.data));
  };
  const body = enc.encode(JSON.stringify({ v: 1, command: { type: 'status' } }));
  const stranger = testOperator().identity('central-1');
  const neighbour = ctx.neighbour!;
  const r1 = await send(body, signMessage(busSigner(stranger.seed, stranger.passport), subject, body));
  assert.is(r1.error?.details?.reason, 'BAD_PASSPORT');
  const own = ctx.own!;
  // signed by another court (the server would not even let it publish here; the gate refuses it on its own)
  const r0 = await send(body, signMessage(busSigner(neighbour.seed, neighbour.passport), subject, body));
  assert.is(r0.error?.details?.reason, 'WRONG_SENDER');
  const signed = signMessage(busSigner(own.seed, own.passport), subject, body);
  const r2 = await send(enc.encode(JSON.stringify({ v: 1, command: { type: 'status' }, commandId: 'x' })), signed);
  assert.is(r2.error?.details?.reason, 'BAD_SIGNATURE');
  const r3 = await send(body, signMessage(busSigner(own.seed, own.passport), subject, body, Date.now() - 3600_000));
  assert.is(r3.error?.details?.reason, 'STALE_MESSAGE');
  const r4 = await send(body, signed);
  assert.is(r4.ok, true, 'the same signed message, untouched, is served');
});

test('a signed request earns a session; its MAC stands in for the signature, a forged MAC or unknown session does not', async () => {
  const enc = new TextEncoder();
  const subject = 'asds.court-537.node.court-537';
  const body = enc.encode(JSON.stringify({ v: 1, command: { type: 'status' } }));
  const ask = async (h: Record<string, string>, data = body) => {
    const hs = natsHeaders();
    for (const [k, v] of Object.entries(h)) hs.set(k, v);
    const msg = await ctx.nc!.request(subject, data, { timeout: 10_000, headers: hs });
    return JSON.parse(new TextDecoder().decode(msg.data));
  };
  const own = ctx.own!;
  const first = await ask(signMessage(busSigner(own.seed, own.passport), subject, body));
  assert.is(first.ok, true);
  const grant = first.session as SessionGrant;
  assert.ok(grant?.id && grant.key, 'the reply to a signed request, on the sender\'s own inbox, carries a session');
  const next = await ask(sessionHeaders(grant, subject, body));
  assert.is(next.ok, true);
  assert.is(next.session, undefined, 'a session request earns no new session');
  const other = enc.encode(JSON.stringify({ v: 1, command: { type: 'status' }, commandId: 'y' }));
  assert.is((await ask(sessionHeaders(grant, subject, body), other)).error?.details?.reason, 'BAD_SIGNATURE', 'the MAC covers the body');
  assert.is((await ask(sessionHeaders({ ...grant, key: Buffer.alloc(32).toString('base64url') }, subject, body))).error?.details?.reason, 'BAD_SIGNATURE');
  assert.is((await ask(sessionHeaders({ ...grant, id: 'no-such-session' }, subject, body))).error?.details?.reason, 'SESSION_UNKNOWN');
  assert.is((await ask(sessionHeaders(grant, subject, body, Date.now() - 3600_000))).error?.details?.reason, 'STALE_MESSAGE');
  // a request signed by another central node but answered to this connection's inbox: served, no key handed out
  const second = await ctx.nats!.bus.identity('central-2');
  const replayed = await ask(signMessage(busSigner(second.seed, second.passport), subject, body));
  assert.is(replayed.ok, true);
  assert.is(replayed.session, undefined, 'a session key goes only to the signer\'s own inbox');
});

test('the runtime uses sessions: many asks after the first are served, and a node restart falls back to signing', async () => {
  for (let i = 0; i < 20; i++) assert.is((await ctx.central!.ref('node', 'court-537', 'court-537').ask<{ node: string }>({ type: 'status' }, { timeoutMs: 10_000 })).node, 'court-537');
  // restart the court: its grants are gone; the caller's next ask is refused with SESSION_UNKNOWN once, then signed
  await ctx.court!.stop();
  ctx.court = await startCourtServer({ court: '537', dataDir: ctx.data!, port: 0, keyPassphrase: TEST_KEY_PASSPHRASE, natsUrl: ctx.nats!.url, bus: await ctx.nats!.bus.identity('court-537') });
  await ctx.court.host.natsReady;
  const st = await ctx.central!.ref('node', 'court-537', 'court-537').ask<{ node: string; starts: number }>({ type: 'status' }, { timeoutMs: 10_000 });
  assert.is(st.node, 'court-537');
  assert.is(st.starts, 2, 'answered by the restarted court');
});

test('every court actor kind declares its remote commands; none carries a person\'s authority', () => {
  const declared: string[] = [];
  for (const b of [nodeBehavior, ...courtBehaviors({ court: '537', dataDir: tempDir() })] as Behavior[]) {
    for (const [type, from] of Object.entries(b.remote ?? {})) declared.push(`${b.kind}.${type}<-${[...from].sort().join(',')}`);
  }
  // the whole list, reviewed: the run log's status (read-only), and the centre's database-pull request
  // (Засади 18.3: journaled at the court; the copy itself goes only over the court's own pull subjects) and its status,
  // and the central archive's answer on a package (Засади 17.1: a receipt must match the court's own package and name
  // its sender; a refusal only lists the case with the reason — neither carries a person's authority), and the exchange
  // hub's delivery of a prosecutor's filing and its question about outcomes (issue 17 §A: the filing is registered as
  // incoming correspondence by the system, `system:exchange` — no person's authority)
  assert.equal(declared.sort(), [
    'archive.record-receipt<-central',
    'archive.record-refusal<-central',
    'database-pull.request-pull<-central',
    'database-pull.status<-central',
    'exchange-inbox.file-document<-central',
    'exchange-inbox.outcomes<-central',
    'node.status<-central,operator',
  ]);
});

test.run();
