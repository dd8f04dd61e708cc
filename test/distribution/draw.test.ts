/** The draw (spec §4) and its verifier: recomputation and tamper detection. */
import { createHmac } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { protocolJsonSchema, type DrawProtocol } from '../../contracts/distribution/protocol.ts';
import { distribute } from '../../actors/distribution/distribute.ts';
import { DrawInputInvalid } from '../../actors/distribution/errors.ts';
import { pickIndex } from '../../actors/distribution/policy.ts';
import { stepBytes, uniformFrom } from '../../actors/distribution/random.ts';
import { verifyProtocol } from '../../actors/distribution/verify.ts';
import { baseZasady } from './support/fixtures.ts';
import { drawInput } from './support/draw-input.ts';

const test = suite('draw + verifier');

function single(over = {}, i = 1): DrawProtocol {
  const p = distribute(drawInput(over, 'civil-claim', i));
  if (p.kind === 'impossibility') throw new Error('unexpected impossibility');
  return JSON.parse(JSON.stringify(p)) as DrawProtocol;
}

test('u: documented construction on a known vector', () => {
  // Independent recomputation with BigInt: first 53 bits of HMAC-SHA-256(key = 32 zero bytes, "537/1/25").
  const mac = createHmac('sha256', Buffer.alloc(32)).update('537/1/25').digest();
  const expected = Number(BigInt('0x' + mac.subarray(0, 7).toString('hex')) >> 3n) / 2 ** 53;
  const u = uniformFrom(new Uint8Array(32), '537/1/25');
  assert.is(u, expected);
  assert.ok(u >= 0 && u < 1);
  assert.is(u, uniformFrom(new Uint8Array(32), '537/1/25'));
  assert.is.not(u, uniformFrom(new Uint8Array(32), '537/2/25'));
  assert.throws(() => uniformFrom(new Uint8Array(31), 'x'), (e: unknown) => e instanceof DrawInputInvalid);
});

test('pick by cumulative weights', () => {
  assert.is(pickIndex([1, 1, 2], 0), 0);
  assert.is(pickIndex([1, 1, 2], 0.2499), 0);
  assert.is(pickIndex([1, 1, 2], 0.25), 1);
  assert.is(pickIndex([1, 1, 2], 0.5), 2);
  assert.is(pickIndex([1, 0, 2], 1 / 3), 2); // zero weight is never picked
  assert.is(pickIndex([1, 1, 0], 0.9999999999999999), 1);
});

test('protocol records everything: version, policy, figures, exclusions, bytes, u, choice', () => {
  const p = single({ absences: { J04: [{ kind: 'sick-leave', from: '2025-06-09', basis: { kind: 'memo', number: '7', date: '2025-06-09' } }] } });
  assert.is(p.v, 1);
  assert.is(p.algorithm, 'asds-draw/1');
  assert.equal(p.zasady, { id: 'test-2025-01', decisionNumber: '№1', effectiveFrom: '2025-01-13' });
  assert.equal(p.policy, { id: 'inverse-load-v1', version: 1, params: {} });
  assert.is(p.date, '2025-06-10');
  assert.is(p.randomBytes!.length, 64);
  assert.equal(p.excluded.map((e) => [e.judgeId, e.reasons[0]!.code]), [['J04', 'SICK_LEAVE']]);
  const step = p.steps[0]!;
  assert.equal(step.candidates.map((c) => ('judgeId' in c ? c.judgeId : '')), ['J01', 'J02', 'J03', 'J05']);
  // J01: 4 claims, r 0.5 → N = 4 × D/D / 0.5 = 8; J05: 0 → N_min = 0.
  const j01 = step.candidates[0]! as { N: number; w: number; r: number };
  assert.equal([j01.N, j01.r, j01.w], [8, 0.5, 1 / 9]);
  assert.ok(Math.abs(step.candidates.reduce((s, c) => s + c.p, 0) - 1) < 1e-12);
  assert.is(step.u, uniformFrom(stepBytes(Buffer.from(p.randomBytes!, 'hex'), 0, 'presiding'), p.case.caseId));
  assert.is(p.chosen.presiding, step.chosen);
  assert.equal(p.chosen.members, []);
});

test('same bytes → same choice; the draw is a pure function', () => {
  assert.equal(single({}, 3), single({}, 3));
});

test('verifier accepts an untouched protocol', () => {
  for (let i = 1; i <= 20; i++) assert.equal(verifyProtocol(single({}, i)), { ok: true, mismatches: [] });
});

function tampered(edit: (p: DrawProtocol) => void): ReturnType<typeof verifyProtocol> {
  const p = single({}, 5);
  edit(p);
  return verifyProtocol(p);
}

test('verifier detects a tampered weight', () => {
  const v = tampered((p) => {
    p.steps[0]!.candidates[1]!.w = 0.99;
  });
  assert.is(v.ok, false);
  assert.ok(v.mismatches.some((m) => m.path === '/steps/0/candidates/1/w'), JSON.stringify(v.mismatches));
});

test('verifier detects tampered load figures (L changed, N left as it was)', () => {
  const v = tampered((p) => {
    (p.steps[0]!.candidates[2] as { L: number }).L = 0;
  });
  assert.ok(v.mismatches.some((m) => m.path === '/steps/0/candidates/2/Lp'));
});

test('verifier detects tampered random bytes', () => {
  const v = tampered((p) => {
    p.randomBytes = p.randomBytes!.replace(/^./, (c) => (c === '0' ? '1' : '0'));
  });
  assert.is(v.ok, false);
  const paths = v.mismatches.map((m) => m.path);
  assert.ok(paths.includes('/steps/0/bytes'), paths.join(','));
  assert.ok(paths.includes('/steps/0/u'), paths.join(','));
});

test('verifier detects a tampered choice', () => {
  const v = tampered((p) => {
    const other = p.steps[0]!.candidates.map((c) => ('judgeId' in c ? c.judgeId : '')).find((id) => id !== p.chosen.presiding)!;
    p.steps[0]!.chosen = other;
    p.chosen.presiding = other;
  });
  assert.is(v.ok, false);
  assert.ok(v.mismatches.some((m) => m.path === '/steps/0/chosen'));
});

test('verifier detects an excluded judge slipped back among candidates, and reordering', () => {
  const p = single({ absences: { J04: [{ kind: 'sick-leave', from: '2025-06-09', basis: { kind: 'memo', number: '7', date: '2025-06-09' } }] } }, 6);
  p.excluded.push({ judgeId: 'J05', reasons: [{ code: 'SICK_LEAVE', rule: 'Засади 4.5', text: 'x' }] });
  p.steps[0]!.candidates.reverse();
  const paths = verifyProtocol(p).mismatches.map((m) => m.path);
  assert.ok(paths.includes('/steps/0/candidates'), paths.join(','));
  assert.ok(paths.includes('/steps/0/candidates (order by stable id)'), paths.join(','));
});

test('schema violations are reported (r above 0.6, missing field)', () => {
  const p = single({}, 7) as unknown as Record<string, unknown>;
  delete p.policy;
  const v = verifyProtocol(p);
  assert.is(v.ok, false);
  assert.ok(v.mismatches.length > 0 && v.mismatches.every((m) => m.expected === 'schema'));
});

test('min-window-v1: only judges within N_min + Δ have weight, uniformly', () => {
  const zasady = baseZasady((c) => {
    c.selection = { policy: 'min-window-v1', params: { delta: 2 } };
  });
  const p = single({ zasady }, 8);
  assert.equal(p.policy, { id: 'min-window-v1', version: 1, params: { delta: 2 } });
  // N: J01 8, J02 2, J03 6, J04 1, J05 0 → window N ≤ 2: J02, J04, J05.
  assert.equal(p.steps[0]!.candidates.map((c) => c.w), [0, 1, 0, 1, 1]);
  assert.ok(['J02', 'J04', 'J05'].includes(p.chosen.presiding));
  assert.ok(verifyProtocol(p).ok);
});

test('repeated distribution records the replaced judge and its order', () => {
  const basis = { kind: 'order', number: '15-р', date: '2025-06-10' } as const;
  const input = drawInput({}, 'civil-claim', 9);
  const p = distribute({ ...input, case: { ...input.case, replacingJudgeId: 'J05', repeatedBasis: basis } });
  if (p.kind === 'impossibility') throw new Error('unexpected');
  assert.is(p.kind, 'repeated-distribution');
  assert.equal(p.replaced, { judgeId: 'J05', basis });
  assert.ok(p.excluded.some((e) => e.judgeId === 'J05' && e.reasons[0]!.code === 'BEING_REPLACED'));
  assert.ok(verifyProtocol(JSON.parse(JSON.stringify(p))).ok);
});

test('runtime-filled journal fields are optional and accepted; plain JSON Schema exported', () => {
  const p = single({}, 11);
  p.journal = { gseq: 42, aseq: 11, hash: 'ab'.repeat(32), prevHash: 'cd'.repeat(32) };
  assert.ok(verifyProtocol(p).ok);
  const schema = protocolJsonSchema();
  assert.is(schema.$id, 'asds.distribution-protocol/v1');
  assert.equal(JSON.parse(JSON.stringify(schema)), schema);
});

test('draw date comes from the instant in the court time zone', () => {
  const p = single({ at: '2025-06-09T21:30:00Z' }, 10);
  assert.is(p.date, '2025-06-10');
});

test.run();
