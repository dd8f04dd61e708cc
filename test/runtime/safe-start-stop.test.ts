/**
 * Safe starts and stops (issue 12 item 3): one process per data folder; a
 * node whose bus is unreachable says so with backoff, leaks nothing, and
 * stops on SIGTERM/SIGINT within 5 s.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { cleanup, freePort, startNats, tempDir, trackChild, type NatsHandle } from '../support/servers.ts';
import { TEST_KEY_PASSPHRASE } from '../support/keys.ts';

const test = suite('safe starts and stops');
const ctx: { nats?: NatsHandle } = {};
test.before(async () => {
  ctx.nats = await startNats({ jetstream: true });
});
test.after(cleanup);

interface Run {
  child: ChildProcess;
  out: () => string;
  err: () => string;
  exited: Promise<{ code: number | null; at: number }>;
}

function asds(args: string[]): Run {
  const child = spawn(process.execPath, ['bin/asds.js', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ASDS_LOG: 'warn', ASDS_KEY_PASSPHRASE: TEST_KEY_PASSPHRASE, ASDS_ADMIN_PASSWORD: 'admin-password-1' },
  });
  trackChild(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  const exited = new Promise<{ code: number | null; at: number }>((r) => child.on('exit', (code) => r({ code, at: Date.now() })));
  return { child, out: () => out, err: () => err, exited };
}

async function until(fn: () => boolean, what: string, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!fn()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('bus unreachable: retries are logged with backoff and the URL; a second process on the folder is refused naming the holder; SIGTERM stops within 5 s', async () => {
  const data = tempDir('asds-court-');
  const bus = await ctx.nats!.bus.bundle('court-611');
  const nowhere = `tls://127.0.0.1:${await freePort()}`;
  const first = asds(['court', 'serve', '--court', '611', '--data', data, '--nats', nowhere, '--bus', bus, '--port', '0', '--no-distribution']);
  await until(() => /"ready":true/.test(first.out()), 'the court to be ready', 60_000);
  await until(() => /retry 3 in 4 s/.test(first.err()), 'three retries', 30_000);
  assert.match(first.err(), new RegExp(`NATS unreachable at ${nowhere.replace(/[.]/g, '\\.')}, retry 1 in 1 s`));
  assert.match(first.err(), /retry 2 in 2 s/);

  const second = asds(['court', 'serve', '--court', '611', '--data', data, '--port', '0', '--no-distribution']);
  const s = await second.exited;
  assert.is.not(s.code, 0);
  // one line for the refusal (beside the --no-distribution notice), no stack trace
  const lines = second.err().trim().split('\n').filter((l) => !/WITHOUT automated distribution/.test(l));
  assert.is(lines.length, 1, second.err());
  assert.match(lines[0]!, new RegExp(`${data.replace(/[.]/g, '\\.')} is in use by process ${first.child.pid}`));

  const sent = Date.now();
  first.child.kill('SIGTERM');
  const f = await first.exited;
  assert.ok(f.at - sent < 5000, `stopped in ${f.at - sent} ms`);
  assert.is(f.code, 0, 'a graceful stop, not the forced exit');
  assert.not.match(first.err(), /MaxListenersExceeded/);

  // the folder is free again: a new process takes it (and SIGINT stops it the same way)
  const third = asds(['court', 'serve', '--court', '611', '--data', data, '--nats', nowhere, '--bus', bus, '--no-distribution']);
  await until(() => /"ready":true/.test(third.out()), 'the court to be ready again', 60_000);
  const sent3 = Date.now();
  third.child.kill('SIGINT');
  const t = await third.exited;
  assert.ok(t.at - sent3 < 5000, `stopped in ${t.at - sent3} ms`);
  assert.is(t.code, 0);
});

test('a court without its Засади refuses to start unless told --no-distribution, which it then says at start and in /health', async () => {
  const none = asds(['court', 'serve', '--court', '612', '--data', tempDir('asds-court-'), '--port', '0']);
  assert.is((await none.exited).code, 2);
  assert.match(none.err(), /court 612 has no Засади in force: give --zasady <file> .* or --no-distribution/);
  const off = asds(['court', 'serve', '--court', '612', '--data', tempDir('asds-court-'), '--port', '0', '--no-distribution']);
  await until(() => /"ready":true/.test(off.out()), 'the court to be ready', 60_000);
  assert.match(off.err(), /court 612 runs WITHOUT automated distribution/);
  assert.match(off.out(), /"distribution":"off"/);
  const url = /"url":"([^"]+)"/.exec(off.out())![1]!;
  assert.equal(await (await fetch(`${url}/health`)).json(), { ok: true, court: '612', node: 'court-612', distribution: 'off' });
  off.child.kill('SIGTERM');
  await off.exited;
});

test('a central worker whose bus is unreachable stops on SIGTERM within 5 s', async () => {
  const data = tempDir('asds-central-');
  const bus = await ctx.nats!.bus.bundle('central-9');
  const nowhere = `tls://127.0.0.1:${await freePort()}`;
  const w = asds(['central', 'serve', '--node', 'central-9', '--data', data, '--nats', nowhere, '--bus', bus]);
  await until(() => /"ready":true/.test(w.out()) && /retry 2/.test(w.err()), 'the worker to be ready and retrying', 60_000);
  const sent = Date.now();
  w.child.kill('SIGTERM');
  const r = await w.exited;
  assert.ok(r.at - sent < 5000, `stopped in ${r.at - sent} ms`);
  assert.is(r.code, 0);
});

test.run();
