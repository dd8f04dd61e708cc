import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync } from 'node:fs';
import { createConnection } from 'node:net';
import { cleanup, startNats, startRedis, tempDir } from '../support/servers.ts';

const test = suite('test harness: real servers on free loopback ports, stopped by PID');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function redisPing(port: number, password?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = createConnection({ port, host: '127.0.0.1' }, () => s.write(password ? `AUTH ${password}\r\nPING\r\n` : 'PING\r\n'));
    let got = '';
    s.on('data', (d) => {
      got += d.toString();
      if (password && got.split('\r\n').length < 3) return;
      s.destroy();
      resolve(got.trim().split('\r\n').pop()!);
    });
    s.once('error', reject);
  });
}

test('nats-server with JetStream and redis-server start on their own ports and stop by PID', async () => {
  const nats = await startNats({ jetstream: true });
  const redis = await startRedis();
  assert.is.not(nats.port, 4222, 'never the machine-wide NATS port');
  assert.is.not(redis.port, 6379, 'never the machine-wide Redis port');
  const nc = await nats.bus.connect('central-1');
  assert.ok(nc.info?.jetstream, 'JetStream is enabled');
  assert.ok(nc.info?.tls_required, 'the harness runs the secure shape: TLS required');
  assert.ok(nc.info?.auth_required, 'and authentication required');
  await nc.close();
  assert.match(await redisPing(redis.port), /^-NOAUTH/, 'Redis refuses a client without the password');
  assert.is(await redisPing(redis.port, redis.password), '+PONG');
  await nats.kill();
  await redis.stop();
  assert.not.ok(alive(nats.pid));
  assert.not.ok(alive(redis.pid));
});

test('cleanup kills what is left and removes temporary dirs', async () => {
  const dir = tempDir();
  const nats = await startNats();
  await cleanup();
  assert.not.ok(alive(nats.pid));
  assert.not.ok(existsSync(dir));
});

test.run();
