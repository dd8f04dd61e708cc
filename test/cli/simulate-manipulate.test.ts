/**
 * `asds simulate --manipulate`: refuses what it cannot do, and plants a
 * scenario with its ground truth written out, found by the detectors (--detect).
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup, tempDir } from '../support/servers.ts';

const test = suite('asds simulate --manipulate: planted patterns with their ground truth');
test.after(() => cleanup());

function asds(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ['bin/asds.js', ...args], { env: { ...process.env, ASDS_LOG: 'error' } });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (b) => (stdout += b));
    p.stderr.on('data', (b) => (stderr += b));
    p.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

test('an unknown scenario, or --nats with --manipulate, is refused with the reason', async () => {
  const bad = await asds(['simulate', '--manipulate', 'crystal-ball', '--data', tempDir()]);
  assert.is(bad.status, 2);
  assert.match(bad.stderr, /absence-before-draw, non-random-rate/);
  const nats = await asds(['simulate', '--manipulate', 'a', '--nats', 'nats://127.0.0.1:4222', '--data', tempDir()]);
  assert.is(nats.status, 2);
  assert.match(nats.stderr, /does not run court nodes/);
});

test('re-filing planted at one of two courts: truth file names the filings, the detectors find them', async () => {
  const data = tempDir('asds-sim-manip-');
  const r = await asds(['simulate', '--manipulate', 'd', '--courts', '2', '--planted', '1', '--days', '62', '--cases-per-day', '6', '--seed', '5', '--data', data, '--detect']);
  assert.is(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout.trim().split('\n').pop()!) as { planted: Array<{ court: string; ueuns: string[] }>; detection: { recall: number; byDetector: Record<string, number> } };
  assert.is(out.planted.length, 1);
  assert.ok(out.planted[0]!.ueuns.length >= 2);
  const truth = JSON.parse(readFileSync(join(data, 'planted-refiling.json'), 'utf8')) as { planted: unknown[] };
  assert.equal(truth.planted, out.planted);
  assert.ok(existsSync(join(data, 'central', 'analytics')));
  assert.is(out.detection.recall, 1);
  assert.is(out.detection.byDetector.refiling, 1);
});

test.run();
