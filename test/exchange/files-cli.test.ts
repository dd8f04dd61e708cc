/** `asds central serve --exchange-agreements`: the information files' agreements belong to the exchange hub. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { cleanup, tempDir } from '../support/servers.ts';
import { AGREEMENTS_FILE } from './files-fixtures.ts';

test.after(cleanup);

test('--exchange-agreements without --exchange-port is a one-line usage error (exit 2)', () => {
  const r = spawnSync(process.execPath, ['bin/asds.js', 'central', 'serve', '--data', tempDir(), '--nats', 'nats://127.0.0.1:1', '--exchange-agreements', AGREEMENTS_FILE], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, ASDS_LOG: 'error' } });
  assert.is(r.status, 2, r.stderr);
  assert.match(r.stderr, /--exchange-agreements needs --exchange-port/);
  assert.not.match(r.stderr, /\n\s+at /);
});

test.run();
