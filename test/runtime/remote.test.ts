import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { NatsConnection } from '@nats-io/transport-node';
import { headers as natsHeaders } from '@nats-io/transport-node';
import { ActorSystem, DomainRejected, NodeUnreachable, ValidationFailed, AskTimeout, Forbidden } from '../../runtime/index.ts';
import { busSigner, signMessage } from '../../runtime/bus/passport.ts';
import type { BusIdentity } from '../../runtime/bus/identity.ts';
import { cleanup, startNats, tempDir, type NatsHandle } from '../support/servers.ts';
import { startNodeProcess, type NodeProcess } from '../support/processes.ts';

process.env.ASDS_LOG ??= 'silent';
const test = suite('runtime: remote ask over a real nats-server');
const ctx: { nats?: NatsHandle; node?: NodeProcess; nc?: NatsConnection; sys?: ActorSystem; data?: string; id?: BusIdentity } = {};

/** A raw request signed as the test's central identity, so that it passes the bus gate and reaches validation. */
function signedHeaders(subject: string, data: Uint8Array) {
  const h = natsHeaders();
  for (const [k, v] of Object.entries(signMessage(busSigner(ctx.id!.seed, ctx.id!.passport), subject, data))) h.set(k, v);
  return h;
}

test.before(async () => {
  ctx.nats = await startNats();
  ctx.data = tempDir();
  ctx.node = startNodeProcess('test/support/ledger-node.ts', ['--node', 'court-7', '--data', ctx.data, '--nats', ctx.nats.url, '--bus', await ctx.nats.bus.bundle('court-7')]);
  await ctx.node.waitFor(/^READY$/);
  // the caller is a central worker: the identity allowed to reach a court's actor subjects
  const id = (ctx.id = await ctx.nats.bus.identity('central-tester'));
  ctx.nc = await ctx.nats.bus.connect('central-tester');
  ctx.sys = new ActorSystem({ node: id.node, nats: ctx.nc, bus: id, logger: silent() }).start();
});

test.after(async () => {
  await ctx.sys?.shutdown();
  await ctx.nc?.close();
  await cleanup();
});

function silent() {
  const noop = () => undefined;
  return { debug: noop, info: noop, warn: noop, error: noop };
}

function countEvents(): number {
  const db = new Database(join(ctx.data!, 'journal.sqlite'), { readonly: true });
  const n = (db.prepare("SELECT count(*) AS n FROM events WHERE actor LIKE 'ledger/%'").get() as { n: number }).n;
  db.close();
  return n;
}

test('ask a remote actor in another OS process; replies and order as if local', async () => {
  const ref = ctx.sys!.ref('ledger', 'case/527/1.25', 'court-7'); // id with "/" and "." travels in the subject
  const replies = [];
  for (let i = 0; i < 20; i++) replies.push(await ref.ask({ type: 'append', value: i }));
  assert.equal(replies[19], { seq: 20, count: 20 });
  const state = (await ref.ask({ type: 'get' })) as { values: number[] };
  assert.equal(state.values, Array.from({ length: 20 }, (_, i) => i));
});

test('remote errors arrive as the same typed classes', async () => {
  const ref = ctx.sys!.ref('ledger', 'e', 'court-7');
  try {
    await ref.ask({ type: 'append', value: -5 });
    assert.unreachable();
  } catch (e) {
    assert.instance(e, DomainRejected);
    assert.is((e as DomainRejected).code, 'NEGATIVE');
  }
  try {
    await ctx.sys!.ref('no-such-kind', 'x', 'court-7').ask({});
    assert.unreachable();
  } catch (e) {
    assert.instance(e, Forbidden); // an unknown kind declares no remote commands
  }
  try {
    await ctx.sys!.ref('ledger', 'x', 'court-404').ask({ type: 'get' }, { timeoutMs: 1000 });
    assert.unreachable();
  } catch (e) {
    assert.ok(e instanceof NodeUnreachable || e instanceof AskTimeout, String(e));
  }
});

test('idempotent repeat over the wire returns the first reply', async () => {
  const ref = ctx.sys!.ref('ledger', 'idem', 'court-7');
  const a = await ref.ask({ type: 'append', value: 1 }, { commandId: 'wire-1' });
  const before = countEvents();
  const b = await ref.ask({ type: 'append', value: 1 }, { commandId: 'wire-1' });
  assert.equal(b, a);
  assert.is(countEvents(), before);
});

test('malformed and schema-invalid messages get a typed error reply, never a journal write, never a crash', async () => {
  const before = countEvents();
  const enc = new TextEncoder();
  const bodies: Uint8Array[] = [
    enc.encode('not json at all'),
    enc.encode('{"v":2,"command":{}}'),
    enc.encode('{"command":{"type":"append","value":1}}'),
    enc.encode('{"v":1,"command":{"type":"append","value":"one"}}'),
    enc.encode('{"v":1,"command":{"type":"append","value":1},"extra":true}'),
    enc.encode('[]'),
    new Uint8Array([0xff, 0xfe, 0x00, 0x01]),
  ];
  for (const body of bodies) {
    const msg = await ctx.nc!.request('asds.court-7.ledger.fuzz', body, { timeout: 2000, headers: signedHeaders('asds.court-7.ledger.fuzz', body) });
    const reply = JSON.parse(new TextDecoder().decode(msg.data));
    assert.is(reply.ok, false);
    assert.is(reply.error.name, 'ValidationFailed');
    assert.is(reply.error.code, 'VALIDATION_FAILED');
  }
  // malformed subjects under the node's prefix are refused the same way
  for (const subject of ['asds.court-7.ledger', 'asds.court-7.ledger.a.b', 'asds.court-7.ledger.%E0%A4%A']) {
    const data = enc.encode('{"v":1,"command":{"type":"get"}}');
    const msg = await ctx.nc!.request(subject, data, { timeout: 2000, headers: signedHeaders(subject, data) });
    const reply = JSON.parse(new TextDecoder().decode(msg.data));
    assert.is(reply.ok, false, subject);
    assert.is(reply.error.code, 'VALIDATION_FAILED', subject);
  }
  assert.is(countEvents(), before);
  // the node is still alive and serving
  const r = await ctx.sys!.ref('ledger', 'alive', 'court-7').ask({ type: 'append', value: 3 });
  assert.equal(r, { seq: 1, count: 1 });
  assert.is(ctx.node!.child.exitCode, null);
  try {
    await ctx.sys!.ref('ledger', 'v', 'court-7').ask({ type: 'append', value: 'x' });
    assert.unreachable();
  } catch (e) {
    assert.instance(e, ValidationFailed);
  }
});

test.run();
