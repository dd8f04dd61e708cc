/**
 * Issue 10 item 8: faults of the court's storage, clock and journal file.
 *
 * A full disk is simulated for real: the court's data folder is a small tmpfs
 * (the test runs as root, like the CI container) filled by a filler file, so
 * SQLite's own write of the WAL at COMMIT fails with SQLITE_FULL (ENOSPC from
 * the kernel) — the code path of the crash in the issue, not a mock of it.
 */
import { TEST_KEY_PASSPHRASE } from '../support/keys.ts';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup, tempDir } from '../support/servers.ts';
import { startCourtServer } from '../../actors/court/node.ts';
import { ADMIN_PASSWORD, api, casePath, claim, PASSWORD, startCourt } from '../court/support.ts';

process.env.ASDS_LOG ??= 'silent';
const test = suite('security: storage faults');
const mounts: string[] = [];
test.after(async () => {
  for (const m of mounts) spawnSync('umount', ['-l', m]);
  await cleanup();
});

/** A tmpfs of `mb` megabytes (root only: `mount` refuses otherwise, and the test says so). */
function smallDisk(mb: number): string {
  const dir = tempDir('asds-disk-');
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${mb}m`, 'tmpfs', dir], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`this test mounts a ${mb} MB tmpfs to fill the disk for real and needs root: ${r.stderr.trim()}`);
  mounts.push(dir);
  return dir;
}

/** Write zeros until the kernel says ENOSPC. */
function fillDisk(dir: string): string {
  const file = join(dir, 'filler');
  const fd = openSync(file, 'w');
  try {
    for (const size of [1 << 20, 1 << 12, 512]) {
      const chunk = Buffer.alloc(size);
      for (;;) {
        try {
          writeSync(fd, chunk);
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code === 'ENOSPC') break;
          throw e;
        }
      }
    }
  } finally {
    closeSync(fd);
  }
  return file;
}

test('a full disk: writes answer 503 STORAGE_UNAVAILABLE, reads keep working, the node stays up and writes again once space returns', async () => {
  const disk = smallDisk(48);
  const c = await startCourt({ dataDir: disk });
  try {
    const before = await c.api.call('POST', '/registrations', { token: c.tokens.registrar, body: claim() });
    assert.is(before.status, 201, JSON.stringify(before.body));

    const filler = fillDisk(disk);
    const refused = await Promise.all(Array.from({ length: 5 }, () => c.api.call('POST', '/registrations', { token: c.tokens.registrar, body: claim() })));
    for (const r of refused) {
      assert.is(r.status, 503, JSON.stringify(r.body));
      assert.is(r.body.error.code, 'STORAGE_UNAVAILABLE');
      assert.match(r.body.error.message.uk, /диск заповнений/);
    }
    // Reads: the card and the list, with a token issued before.
    const card = await c.api.call('GET', casePath(before.body.ueun), { token: c.tokens.auditor });
    assert.is(card.status, 200, JSON.stringify(card.body));
    const list = await c.api.call('GET', '/cases?offset=0&limit=10', { token: c.tokens.chief });
    assert.is(list.status, 200);
    assert.ok(list.body.items.some((i: { ueun: string }) => i.ueun === before.body.ueun));

    rmSync(filler);
    const after = await c.api.call('POST', '/registrations', { token: c.tokens.registrar, body: claim() });
    assert.is(after.status, 201, JSON.stringify(after.body));
    const n = (ueun: string) => Number(ueun.split('/')[1]);
    assert.is(n(after.body.ueun), n(before.body.ueun) + 1, 'a refused registration consumed a number');
  } finally {
    await c.server.stop();
  }
});

/**
 * Storage that turns read-only under a running node (ext4 remounts itself
 * read-only on I/O errors) cannot be produced here: the kernel refuses to
 * remount a file system with files open for writing (EBUSY), and root's open
 * descriptors ignore `chattr +i`. So the node's own SQLite connection is
 * switched to read-only (`PRAGMA query_only`): SQLite then refuses every write
 * with SQLITE_READONLY — the error a read-only file gives — through the real
 * journal, cell and HTTP path.
 */
test('storage that turns read-only: writes answer 503 STORAGE_UNAVAILABLE, reads keep working, writes resume after', async () => {
  const c = await startCourt();
  try {
    const before = await c.api.call('POST', '/registrations', { token: c.tokens.registrar, body: claim() });
    assert.is(before.status, 201);
    const db = c.server.host.journal.database;
    db.pragma('query_only = 1');
    const write = await c.api.call('POST', '/registrations', { token: c.tokens.registrar, body: claim() });
    assert.is(write.status, 503, JSON.stringify(write.body));
    assert.is(write.body.error.code, 'STORAGE_UNAVAILABLE');
    assert.match(write.body.error.message.uk, /лише для читання/);
    assert.is((await c.api.call('GET', casePath(before.body.ueun), { token: c.tokens.auditor })).status, 200);
    db.pragma('query_only = 0');
    const after = await c.api.call('POST', '/registrations', { token: c.tokens.registrar, body: claim() });
    assert.is(after.status, 201, JSON.stringify(after.body));
  } finally {
    await c.server.stop();
  }
});

test('a read-only data folder at start: the court does not start, one line naming the journal, nothing changed', async () => {
  const c = await startCourt({ withUsers: false });
  await c.server.stop();
  // A read-only bind mount of the data folder (root ignores file modes; a read-only mount it cannot).
  const ro = tempDir('asds-ro-');
  for (const args of [['--bind', c.dataDir, ro], ['-o', 'remount,ro,bind', ro]]) {
    const r = spawnSync('mount', args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`this test needs root to mount the data folder read-only: ${r.stderr.trim()}`);
  }
  mounts.push(ro);
  const digest = readFileSync(c.journalPath).toString('base64');
  const r = asds(['court', 'serve', '--court', '537', '--data', ro, '--port', '0']);
  assert.is(r.code, 1);
  assert.is(r.err.trim().split('\n').length, 1, r.err);
  assert.match(r.err, new RegExp(`journal ${join(ro, 'journal.sqlite')} cannot write: SQLITE_CANTOPEN`));
  assert.is(readFileSync(c.journalPath).toString('base64'), digest);
});

test('a clock that jumps backwards: numbers are never dated before earlier ones, and the jump is in the run log', async () => {
  let offset = 0;
  const s = await startCourtServer({ court: '537', dataDir: tempDir(), port: 0, adminPassword: ADMIN_PASSWORD, keyPassphrase: TEST_KEY_PASSPHRASE, clock: () => Date.now() + offset });
  try {
    const a = api(s.url);
    const admin = await a.login('admin', ADMIN_PASSWORD);
    const created = await a.call('POST', '/users', {
      token: admin,
      body: { login: 'registrar1', fullName: 'Тест реєстратор', role: 'registrar', password: PASSWORD, order: { number: 'наказ-1', date: '2025-01-10' } },
    });
    assert.is(created.status, 201, JSON.stringify(created.body));
    const registrar = await a.login('registrar1');
    const first = await a.call('POST', '/registrations', { token: registrar, body: claim() });
    assert.is(first.status, 201, JSON.stringify(first.body));

    offset = -3 * 86_400_000; // the wall clock is set three days back
    const second = await a.call('POST', '/registrations', { token: registrar, body: claim() });
    assert.is(second.status, 201, JSON.stringify(second.body));
    assert.ok(second.body.registrationDate >= first.body.registrationDate, `${second.body.registrationDate} < ${first.body.registrationDate}`);
    assert.ok(Date.parse(second.body.registeredAt) >= Date.parse(first.body.registeredAt), 'registered before the earlier registration');

    // Every event of the journal is dated no earlier than the one before it.
    const ts = s.host.journal.database.prepare('SELECT ts FROM events ORDER BY gseq').all() as Array<{ ts: number }>;
    ts.forEach((t, i) => assert.ok(i === 0 || t.ts >= ts[i - 1]!.ts, `event ${i + 1} dated before event ${i}`));

    const node = s.host.system.ref('node', 'court-537');
    let status: { clockAlarms?: number } = {};
    for (let i = 0; i < 50 && !status.clockAlarms; i++) {
      status = await node.ask({ type: 'status' });
      if (!status.clockAlarms) await new Promise((r) => setTimeout(r, 20));
    }
    assert.is(status.clockAlarms, 1);
  } finally {
    await s.stop();
  }
});

function asds(args: string[]) {
  const r = spawnSync(process.execPath, ['bin/asds.js', ...args], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, ASDS_LOG: 'error', ASDS_ADMIN_PASSWORD: 'admin-password-1', ASDS_KEY_PASSPHRASE: TEST_KEY_PASSPHRASE } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function assertOneLineRefusal(r: { code: number | null; err: string }, file: string): void {
  assert.is.not(r.code, 0);
  assert.is.not(r.code, null, 'the node did not exit');
  const lines = r.err.trim().split('\n');
  assert.is(lines.length, 1, `more than one line on stderr:\n${r.err}`);
  assert.not.match(r.err, /\n\s+at /);
  assert.ok(lines[0]!.includes(file), `the message does not name ${file}: ${lines[0]}`);
  assert.match(lines[0]!, /unreadable/);
  assert.match(lines[0]!, /restore the file from a backup/);
}

test('a journal file that is not a database: the court does not start, one line naming the file and what to do', async () => {
  const data = tempDir();
  const file = join(data, 'journal.sqlite');
  writeFileSync(file, Buffer.alloc(8192, 'not a database '));
  const r = asds(['court', 'serve', '--court', '537', '--data', data, '--port', '0']);
  assertOneLineRefusal(r, file);
  assert.match(r.err, /SQLITE_NOTADB/);
});

test('a journal with damaged pages: the court does not start, one line, no stack trace', async () => {
  const c = await startCourt({ withUsers: false });
  await c.server.stop();
  const bytes = readFileSync(c.journalPath);
  const page = 4096;
  assert.ok(statSync(c.journalPath).size > 3 * page);
  // Keep the header and the schema (page 1); every table's pages become noise.
  for (let off = page; off < bytes.length; off++) bytes[off] = (off * 7919) & 0xff;
  writeFileSync(c.journalPath, bytes);
  const r = asds(['court', 'serve', '--court', '537', '--data', c.dataDir, '--port', '0']);
  assertOneLineRefusal(r, c.journalPath);
  assert.match(r.err, /SQLITE_CORRUPT/);
});

test.run();
