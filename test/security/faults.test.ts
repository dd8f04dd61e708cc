/**
 * Issue 10 item 8: faults of the court's storage, clock and journal file.
 *
 * A full disk is simulated for real: the court's data folder is a small tmpfs
 * (the test runs as root, like the CI container) filled by a filler file, so
 * SQLite's own write of the WAL at COMMIT fails with SQLITE_FULL (ENOSPC from
 * the kernel) — the code path of the crash in the issue, not a mock of it.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup, tempDir } from '../support/servers.ts';
import { casePath, claim, startCourt } from '../court/support.ts';

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

test.run();
