/** `asds verify-protocol <file>` recomputes juror (Засади 7.6) and duty (4.6) protocols; a tampered one exits 1 naming the mismatch. */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jurorsBehavior } from '../../../actors/court/jurors/index.ts';
import { dutyBehavior } from '../../../actors/court/duty/index.ts';
import { cleanup, tempDir } from '../../support/servers.ts';
import { kyiv, ORDER, startNode } from './support.ts';

const test = suite('asds verify-protocol: juror and duty protocols');
test.after(cleanup);

function asds(args: string[]) {
  const r = spawnSync(process.execPath, ['bin/asds.js', ...args], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, ASDS_LOG: 'error' } });
  return { code: r.status, out: r.stdout + r.stderr };
}

test('juror and duty documents verify; a changed choice is a mismatch (exit 1)', async () => {
  const node = startNode([jurorsBehavior(), dutyBehavior()], { now: kyiv('2025-06-14', 10) });
  for (let i = 0; i < 9; i++) await node.ask('jurors', { type: 'add-juror', fullName: `П ${i}`, addedOn: '2025-01-01', basis: { kind: 'decision', number: 'р-1', date: '2024-12-01' } });
  const sel = await node.ask('jurors', { type: 'select', case: { caseId: '537/5/25' }, proceeding: 'criminal' });
  await node.ask('duty', { type: 'set-investigating-judges', count: 2, judgeIds: ['J02', 'J03'], decision: { kind: 'decision', number: 'з-2', date: '2025-01-10' } });
  await node.ask('duty', { type: 'approve-schedule', order: ORDER('ч-1'), entries: [{ date: '2025-06-14', judgeIds: ['J02', 'J03'] }] });
  const duty = await node.ask('duty', { type: 'assign-request', case: { caseId: '537/6/25', category: 'investigating-judge' } });
  await node.system.shutdown();

  const dir = tempDir();
  for (const [name, doc] of [['juror.json', sel.document], ['duty.json', duty.document]] as const) {
    const file = join(dir, name);
    writeFileSync(file, JSON.stringify(doc));
    const ok = asds(['verify-protocol', file]);
    assert.is(ok.code, 0, ok.out);
    assert.match(ok.out, /OK — draw recomputed/);
  }
  const bad = structuredClone(sel.document);
  bad.protocol.steps[1].chosen = bad.protocol.steps[1].candidates.find((id: string) => id !== sel.document.protocol.steps[1].chosen);
  writeFileSync(join(dir, 'bad.json'), JSON.stringify(bad));
  const r = asds(['verify-protocol', join(dir, 'bad.json')]);
  assert.is(r.code, 1, r.out);
  assert.match(r.out, /MISMATCH protocol\/steps\/1\/chosen/);
});

test.run();
