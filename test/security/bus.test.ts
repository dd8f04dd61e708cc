/**
 * The bus as an attacker on loopback would try it (issue 10 items 1, 3, 9), against real nats-server processes
 * in the production shape (TLS with the bus CA, nkey users, subject permissions; runtime/bus).
 *
 * nats.js reports permission violations asynchronously: a refused subscription gets the error in its callback,
 * a refused publish shows up on the connection's `status()` stream. The tests assert on those refusals and, where
 * it matters, that the victim's subscriber received nothing.
 */
import { TEST_KEY_PASSPHRASE } from '../support/keys.ts';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, readFileSync } from 'node:fs';
import { connect as tcpConnect } from 'node:net';
import { join } from 'node:path';
import { connect, type NatsConnection, type Msg } from '@nats-io/transport-node';
import { startNats, cleanup, freePort, tempDir, testOperator, trackChild, waitForPort, type NatsHandle } from '../support/servers.ts';
import { startNodeProcess } from '../support/processes.ts';
import { startCentralWorker, until } from '../replication/support.ts';
import { OperatorFolder, busConnectOptions, loadBusIdentity, BusCredentialsError, bundlePaths } from '../../runtime/bus/index.ts';
import { consoleAuth } from '../support/console-token.ts';

process.env.ASDS_LOG ??= 'silent';
const test = suite('security: the bus (auth, TLS, permissions, onboarding, revocation)');
const ctx = {} as { nats: NatsHandle };

test.before(async () => {
  ctx.nats = await startNats({ jetstream: true });
});
test.after(async () => {
  await cleanup();
});

/** Every error the server reported on this connection (permission violations arrive here). */
function refusals(nc: NatsConnection): string[] {
  const out: string[] = [];
  void (async () => {
    for await (const s of nc.status()) if (s.type === 'error') out.push(String((s as { error?: Error }).error?.message ?? s));
  })();
  return out;
}

/** Subscribe and resolve with the error the server sends for it (or undefined if it is accepted within 2 s). */
function trySubscribe(nc: NatsConnection, subject: string, got: Msg[] = []): Promise<string | undefined> {
  return new Promise((resolve) => {
    const t = setTimeout(() => resolve(undefined), 2000);
    nc.subscribe(subject, {
      callback: (err, m) => {
        if (err) {
          clearTimeout(t);
          resolve(err.message);
        } else got.push(m);
      },
    });
  });
}

const asds = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, ['bin/asds.js', ...args], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, ASDS_OPERATOR: 'test-operator', ASDS_KEY_PASSPHRASE: TEST_KEY_PASSPHRASE, ...env } });

test('anonymous connect is refused', async () => {
  const caPem = readFileSync(ctx.nats.bus.ops.paths.ca, 'utf8');
  try {
    await connect({ servers: ctx.nats.url, tls: { ca: caPem }, timeout: 3000, maxReconnectAttempts: 0 });
    assert.unreachable('an anonymous client connected');
  } catch (e) {
    assert.match(String((e as Error).message) + String((e as Error).cause ?? ''), /Authorization Violation/, String(e));
  }
});

test('a client without TLS is refused: the server requires TLS before anything else', async () => {
  const said = await new Promise<string>((resolve) => {
    let buf = '';
    let sent = false;
    const s = tcpConnect(ctx.nats.port, '127.0.0.1');
    s.on('data', (d) => {
      buf += d.toString();
      if (!sent && buf.includes('\r\n')) {
        sent = true;
        s.write('CONNECT {"verbose":true,"pedantic":false,"name":"plain"}\r\nPING\r\n');
      }
    });
    s.on('error', () => undefined);
    s.on('close', () => resolve(buf));
  });
  const info = JSON.parse(said.slice(said.indexOf('{'), said.indexOf('\r\n')));
  assert.is(info.tls_required, true);
  assert.not.match(said, /\+OK|PONG/, 'no plaintext client gets an answer');
});

test('a node refuses a server whose certificate is not from the bus CA (man in the middle)', async () => {
  // another operator folder: another CA, as an impostor server on the court's network would have
  const other = OperatorFolder.init(join(tempDir('asds-mitm-'), 'ops'), { port: await freePort(), jetstreamDir: null });
  const child = spawn('nats-server', ['-c', other.paths.config], { stdio: 'ignore' });
  trackChild(child);
  try {
    await waitForPort(other.server.port);
    const id = await ctx.nats.bus.identity('court-537');
    try {
      await connect(busConnectOptions(id, other.server.url, { timeout: 3000, maxReconnectAttempts: 0 }));
      assert.unreachable('connected to a server with a foreign certificate');
    } catch (e) {
      assert.match(String((e as Error).message), /certificate|self.signed|verify/i);
    }
  } finally {
    child.kill('SIGKILL');
  }
});

test("court A's credentials cannot subscribe to >, to the ingest of all courts, to B's subjects or to another node's inbox", async () => {
  const a = await ctx.nats.bus.connect('court-537');
  const got: Msg[] = [];
  for (const subject of ['>', 'asds.>', 'asds.ingest.>', 'asds.ingest.538', 'asds.court-538.>', 'asds.court.538.ingest-mark', 'asds.court.538.checkpoint-now', 'asds.central.witness.checkpoint.538', 'asds.pull.>', 'asds.pull.538.>', 'asds.pull.538.chunk', '_INBOX.>', '_INBOX_court-538.>', '_INBOX_central-1.>', '$JS.API.>']) {
    const err = await trySubscribe(a, subject, got);
    assert.ok(err, `court-537 may not subscribe to ${subject}`);
    assert.match(err!, /Permissions Violation for Subscription/);
  }
  // B's traffic meanwhile reaches A through none of them
  const b = await ctx.nats.bus.connect('court-538');
  b.publish('asds.ingest.538', 'b-frame');
  await b.flush();
  await new Promise((r) => setTimeout(r, 300));
  assert.is(got.length, 0);
  // its own subjects are fine
  assert.is(await trySubscribe(a, 'asds.court-537.>'), undefined);
  assert.is(await trySubscribe(a, 'asds.pull.537.>'), undefined, 'its own database-pull subjects (Засади 18.3)');
  await a.close();
  await b.close();
});

test("court A cannot publish into B's ingest, push a mark to a court, command B's actors, or use the JetStream API", async () => {
  const a = await ctx.nats.bus.connect('court-537');
  const seen = refusals(a);
  const tap = await ctx.nats.bus.wiretap();
  const leaked: string[] = [];
  tap.subscribe('asds.>', { callback: (_e, m) => void leaked.push(m.subject) });
  tap.subscribe('$JS.API.>', { callback: (_e, m) => void leaked.push(m.subject) });
  await tap.flush();
  const attempts = [
    'asds.ingest.538', // forge B's replication
    'asds.central.ingest-mark.538', // ask the centre about B
    'asds.central.witness.checkpoint.538', // send a checkpoint as B
    'asds.court.538.ingest-mark', // push a mark to B
    'asds.court.537.ingest-mark', // push a mark to itself (only the centre does)
    'asds.court-538.registry.main', // command B's actors
    'asds.central.query.lag', // central queries are for operators
    'asds.central.central-1.analytics-restart', // disturb a central worker
    '$JS.API.STREAM.DELETE.ASDS_INGEST', // JetStream administration
  ];
  for (const s of attempts) a.publish(s, '{"v":1,"command":{"type":"forged"}}');
  await a.flush();
  await until(() => seen.length >= attempts.length, 'a refusal for each publish', 5000);
  for (const s of attempts) assert.ok(seen.some((m) => m.includes(`Permissions Violation for Publish to "${s}"`)), `refused: ${s}; got ${seen.join(' | ')}`);
  await new Promise((r) => setTimeout(r, 200));
  assert.equal(leaked, [], 'nothing reached any subscriber');
  // its own replication and checkpoint subjects are allowed
  a.publish('asds.ingest.537', '{}');
  a.publish('asds.central.witness.checkpoint.537', '{}');
  await a.flush();
  await until(() => leaked.includes('asds.ingest.537') && leaked.includes('asds.central.witness.checkpoint.537'), 'its own frame and checkpoint on the wire', 5000);
  await a.close();
  await tap.close();
});

test('a central worker cannot forge court frames or read a court inbox; an operator CLI reaches only queries and node status', async () => {
  const c = await ctx.nats.bus.connect('central-9');
  const seenC = refusals(c);
  c.publish('asds.ingest.537', '{}');
  c.publish('asds.central.ingest-mark.537', '{}');
  c.publish('asds.central.witness.checkpoint.537', '{}');
  await c.flush();
  await until(() => seenC.length >= 3, 'central refusals', 5000);
  assert.match(seenC.join('|'), /Publish to "asds\.ingest\.537"/);
  assert.match(seenC.join('|'), /Publish to "asds\.central\.witness\.checkpoint\.537"/);
  assert.match(await trySubscribe(c, '_INBOX_court-537.>') ?? '', /Permissions Violation/);
  assert.match(await trySubscribe(c, 'asds.ingest.>') ?? '', /Permissions Violation/);
  const o = await ctx.nats.bus.connect('ops-auditor');
  const seenO = refusals(o);
  o.publish('asds.court-537.users.main', '{}');
  o.publish('asds.court-537.registry.main', '{}');
  await o.flush();
  await until(() => seenO.length >= 2, 'ops refusals', 5000);
  assert.match(seenO.join('|'), /Publish to "asds\.court-537\.users\.main"/);
  assert.match(await trySubscribe(o, '>') ?? '', /Permissions Violation/);
  await c.close();
  await o.close();
});

test('a seed file readable by others is refused at load, and the node does not start', async () => {
  const ops = testOperator();
  const { bundle } = ops.addNode('court-777');
  chmodSync(bundlePaths(bundle).seed, 0o644);
  try {
    loadBusIdentity(bundle);
    assert.unreachable();
  } catch (e) {
    assert.instance(e, BusCredentialsError);
    assert.is((e as BusCredentialsError).reason, 'SEED_EXPOSED');
  }
  const r = asds(['court', 'serve', '--court', '777', '--data', tempDir(), '--nats', ctx.nats.url, '--bus', bundle, '--no-distribution']);
  assert.is.not(r.status, 0);
  assert.match(r.stderr, /readable by others.*chmod 600/);
  assert.not.match(r.stderr, /\n\s+at /, 'one line, no stack trace');
  // and a node may not connect without credentials at all
  const none = asds(['court', 'serve', '--court', '778', '--data', tempDir(), '--nats', ctx.nats.url, '--no-distribution']);
  assert.is.not(none.status, 0);
  assert.match(none.stderr, /bus/);
});

test('asds ops court add: the printed command starts a node that connects; the running centre lists the court; revoke cuts its live connection and refuses the next', async () => {
  const ops = ctx.nats.bus.dir;
  const central = await startCentralWorker(ctx.nats, tempDir('asds-central-'), ['--http-port', '0', '--courts', join(ops, 'courts.yaml')], 'central-ops');
  const http = JSON.parse(await central.waitFor(/"ingest":"running"/)).http as string;
  const add = asds(['ops', 'court', 'add', '--ops', ops, '--court', '561', '--name', 'Тестовий районний суд', '--data', tempDir()]);
  assert.is(add.status, 0, add.stderr);
  assert.match(add.stdout, /nats-server reloaded/);
  const line = add.stdout.split('\n').find((l) => l.trim().startsWith('asds court serve'));
  assert.ok(line, add.stdout);
  const args = line!.trim().split(/\s+/).slice(1);
  // the running centre sees the court in its registry without a restart (it never reported yet)
  await until(async () => {
    const lag = (await (await fetch(`${http}/lag?all=1`, { headers: consoleAuth(ctx.nats.bus.ops, 'analyst') })).json()) as { courts: Array<{ court: string; name?: string }> };
    return lag.courts.some((c) => c.court === '561' && c.name === 'Тестовий районний суд');
  }, 'court 561 in the centre lag list', 10_000);
  const node = startNodeProcess('bin/cli.ts', args);
  await node.waitFor(/"nats":"connected"/, 60_000);

  // the same identity as a live connection watched by the test, then revoked by the operator; the attacker
  // kept a copy of the credentials (revoke deletes the seed from the operator's copy of the bundle)
  const stolen = loadBusIdentity(join(ops, 'bundles', 'court-561'));
  const live = await connect(busConnectOptions(stolen, ctx.nats.url, { maxReconnectAttempts: 5, reconnectTimeWait: 100 }));
  const closed = live.closed();
  const rev = asds(['ops', 'court', 'revoke', '561', '--ops', ops]);
  assert.is(rev.status, 0, rev.stderr);
  assert.match(rev.stdout, /court-561 revoked at .* by test-operator/);
  const why = await Promise.race([closed, new Promise((r) => setTimeout(() => r('still open'), 10_000))]);
  assert.match(String((why as Error | undefined)?.message ?? why), /Authorization Violation/, 'the live connection is cut');
  try {
    await connect(busConnectOptions(stolen, ctx.nats.url, { timeout: 3000, maxReconnectAttempts: 0 }));
    assert.unreachable('a revoked court connected');
  } catch (e) {
    assert.match(String((e as Error).message), /Authorization Violation/);
  }
  const registry = readFileSync(join(ops, 'courts.yaml'), 'utf8');
  assert.match(registry, /code: "561"[\s\S]*revoked:\s+at: .*\s+by: test-operator/);
  const nodes = JSON.parse(readFileSync(join(ops, 'nodes.json'), 'utf8')) as Array<{ node: string; revokedBy?: string }>;
  assert.is(nodes.find((n) => n.node === 'court-561')?.revokedBy, 'test-operator');
  await node.kill('SIGTERM');
  await central.kill('SIGTERM');
});

test('asds ops central add/revoke: a revoked worker cannot log in', async () => {
  const ops = ctx.nats.bus.dir;
  const add = asds(['ops', 'central', 'add', '--ops', ops, '--node', 'central-5']);
  assert.is(add.status, 0, add.stderr);
  assert.match(add.stdout, /asds central serve --node central-5 .*--bus .*central-5/);
  const id = loadBusIdentity(join(ops, 'bundles', 'central-5'));
  const nc = await connect(busConnectOptions(id, ctx.nats.url));
  await nc.close();
  assert.is(asds(['ops', 'central', 'revoke', 'central-5', '--ops', ops]).status, 0);
  try {
    await connect(busConnectOptions(id, ctx.nats.url, { timeout: 3000, maxReconnectAttempts: 0 }));
    assert.unreachable();
  } catch (e) {
    assert.match(String((e as Error).message), /Authorization Violation/);
  }
  const again = asds(['ops', 'central', 'revoke', 'central-5', '--ops', ops]);
  assert.is(again.status, 2);
  assert.match(again.stderr, /not an active bus node/);
});

test.run();
