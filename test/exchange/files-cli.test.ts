/**
 * The operator's command line for information files: `asds exchange files` (journals per participant, one
 * participant's journal, the printable page, the overdue list) over a real hub; and `central serve
 * --exchange-agreements` belongs with `--exchange-port`.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup, tempDir } from '../support/servers.ts';
import { startTestHub, type TestHub } from './support.ts';
import { AGREEMENTS_FILE, decision } from './files-fixtures.ts';

const test = suite('exchange files: operator CLI');
let h: TestHub;

function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ['bin/asds.js', 'exchange', 'files', ...args, '--hub', h.hub.adminUrl], { env: { ...process.env, ASDS_LOG: 'error', ASDS_CONSOLE_TOKEN: h.token } });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    p.on('close', (code) => resolve({ code: code ?? -1, out, err }));
  });
}

test.before(async () => {
  h = await startTestHub();
  await h.addOrg({ id: 'npu', kind: 'police', name: 'Національна поліція України', code: '40108578' });
  h.setNow(Date.now() - 7 * 86_400_000);
  await h.hub.infoFiles.sendInformationFile('npu', 'admin-offence-decision', decision());
  h.setNow(undefined);
});
test.after(async () => {
  await h?.stop();
  await cleanup();
});

test('summary, one journal, the printable page and the overdue list', async () => {
  const sum = await cli([]);
  assert.is(sum.code, 0, sum.err);
  assert.match(sum.out, /npu\tНаціональна поліція України: надіслано учасником 0, надіслано ДСА 1 \(непідтверджених 1, прострочених 0\)/);
  const one = await cli(['--org', 'npu', '--direction', 'received']);
  assert.is(one.code, 0, one.err);
  assert.match(one.out, /^1\t\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}:\d{2}\tДСА → учасник\tСудове рішення у справі про адміністративне правопорушення \(версія 1\)\t\d+ байт\t[0-9a-f]{64}\tнадіслано\n$/);
  const file = join(tempDir('asds-files-print-'), 'journal.html');
  const print = await cli(['--org', 'npu', '--print', file]);
  assert.is(print.code, 0, print.err);
  assert.match(readFileSync(file, 'utf8'), /Журнал обліку інформаційних файлів обміну, надісланих ДСА/);
  const overdue = await cli(['--overdue']);
  assert.is(overdue.code, 0, overdue.err);
  assert.match(overdue.out, /npu\tфайл, надісланий \d{4}-\d{2}-\d{2}, не підтверджено/);
  const unknown = await cli(['--org', 'nobody', '--print', file]);
  assert.is(unknown.code, 3);
  assert.match(unknown.err, /ORG_NOT_FOUND/);
  const bad = await cli(['--direction', 'sideways']);
  assert.is(bad.code, 2);
});

test('--exchange-agreements without --exchange-port is a one-line usage error (exit 2)', () => {
  const r = spawnSync(process.execPath, ['bin/asds.js', 'central', 'serve', '--data', tempDir(), '--nats', 'nats://127.0.0.1:1', '--exchange-agreements', AGREEMENTS_FILE], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, ASDS_LOG: 'error' } });
  assert.is(r.status, 2, r.stderr);
  assert.match(r.stderr, /--exchange-agreements needs --exchange-port/);
  assert.not.match(r.stderr, /\n\s+at /);
});

test.run();
