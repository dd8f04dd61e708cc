/**
 * docs/draw-spec.md test vectors (docs/draw-vectors.json): the file is what
 * the implementation produces today, and every vector is recomputed here
 * from the spec's text alone — HMAC over UTF-8, the 53 bits, the weights,
 * the strict cumulative pick, the step bytes, the VRF — without the
 * implementation's draw code (issue 13 item 13).
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createHash, createHmac, createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { verifyProtocol } from '../../actors/distribution/verify.ts';
import { verifyJurorProtocol } from '../../actors/distribution/verify-jurors.ts';
import { verifyDutyProtocol } from '../../actors/distribution/duty.ts';
import { vrfKeyId, vrfVerify } from '../../actors/pki/vrf.ts';
import { buildVectors, testVrfKey, VECTORS_FILE } from './support/draw-vectors.ts';

const test = suite('draw spec vectors');
const V = JSON.parse(readFileSync(VECTORS_FILE, 'utf8'));

// --- A reference written from docs/draw-spec.md, sharing no draw code with the implementation.
const hmac = (keyHex: string | Buffer, msg: string | Buffer) => createHmac('sha256', typeof keyHex === 'string' ? Buffer.from(keyHex, 'hex') : keyHex).update(msg).digest();
function refU(keyHex: string, message: string): number {
  const h = hmac(keyHex, Buffer.from(message, 'utf8')); // §5.2: message = UTF-8 of the case id
  const bits = BigInt('0x' + h.subarray(0, 8).toString('hex')) >> 11n; // the first 53 bits, most significant first
  return Number(bits) / 2 ** 53;
}
const refStepBytes = (rootHex: string, k: number, label: string) => (k === 0 ? rootHex : hmac(rootHex, Buffer.from(label, 'utf8')).toString('hex'));
function refWeights(policy: { id: string; params: { delta?: number } }, N: number[]): number[] {
  let nMin = N[0]!;
  for (const n of N) if (n < nMin) nMin = n;
  if (policy.id === 'min-window-v1') return N.map((n) => (n <= nMin + (policy.params.delta ?? 0) ? 1 : 0));
  return N.map((n) => 1 / (1 + n - nMin)); // ((1 + N) − N_min), then 1 / that
}
function refPick(w: number[], u: number): number {
  let S = 0;
  for (const x of w) S += x;
  const t = u * S;
  let c = 0;
  for (let i = 0; i < w.length; i++) {
    c += w[i]!;
    if (w[i]! > 0 && t < c) return i;
  }
  throw new Error('unreachable by §5.5');
}
function refAlpha(p: any, k: number, step: any): string {
  const f64 = (x: number) => {
    const b = Buffer.alloc(8);
    b.writeDoubleBE(x);
    return b.toString('hex');
  };
  const cands = step.candidates.map((c: any) => [c.judgeId ?? c.panelId, f64(c.w)]);
  // §6.2: keys in this (sorted) order, no whitespace, JSON string escapes.
  return JSON.stringify({ algorithm: 'asds-draw/2', candidates: cands, caseId: p.case.caseId, category: p.case.category, court: p.court, date: p.date, label: step.label, prev: p.vrf.prev, step: k, zasady: p.zasady.id });
}
/** RFC 9381 §4.3 verify with BigInt, from the spec text (independent of actors/pki/vrf.ts). */
function refVrf(spkiPem: string, alpha: Buffer, piHex: string): string | undefined {
  const jwk = createPublicKey(spkiPem).export({ format: 'jwk' }) as { n: string; e: string };
  const big = (s: string) => BigInt('0x' + Buffer.from(s, 'base64url').toString('hex'));
  const n = big(jwk.n);
  const e = big(jwk.e);
  const k = Buffer.from(jwk.n, 'base64url').length;
  const pi = Buffer.from(piHex, 'hex');
  let s = BigInt('0x' + piHex);
  if (pi.length !== k || s >= n) return undefined;
  let m = 1n;
  for (let x = e; x > 0n; x >>= 1n, s = (s * s) % n) if (x & 1n) m = (m * s) % n;
  const i2osp = (x: bigint, len: number) => Buffer.from(x.toString(16).padStart(len * 2, '0'), 'hex');
  const seed = Buffer.concat([Buffer.from([1, 1]), i2osp(BigInt(k), 4), i2osp(n, k), alpha]);
  let em = Buffer.alloc(0);
  for (let c = 0; em.length < k - 1; c++) em = Buffer.concat([em, createHash('sha256').update(seed).update(i2osp(BigInt(c), 4)).digest()]);
  if (!i2osp(m, k - 1).equals(em.subarray(0, k - 1))) return undefined;
  return createHash('sha256').update(Buffer.from([1, 2])).update(pi).digest('hex');
}

test('the vectors file is exactly what the implementation produces', () => {
  assert.equal(V, JSON.parse(JSON.stringify(buildVectors())));
});

test('u: HMAC-SHA-256 over the UTF-8 case id, the first 53 bits / 2^53', () => {
  for (const x of V.u) {
    assert.is(Buffer.from(x.message, 'utf8').toString('hex'), x.messageUtf8);
    assert.is(hmac(x.key, Buffer.from(x.message, 'utf8')).toString('hex'), x.hmac);
    assert.is(refU(x.key, x.message), x.u);
    assert.is(Number(x.first53) / 2 ** 53, x.u);
  }
});

test('step bytes, weights (N_min, δ, zeros) and the pick (strict <, rounding edge)', () => {
  for (const s of V.stepBytes) assert.is(refStepBytes(s.root, s.index, s.label), s.bytes, s.label);
  for (const w of V.weights) {
    assert.equal(refWeights(w.policy, w.N), w.w);
    let S = 0;
    for (const x of w.w) S += x;
    assert.is(S, w.sum);
    assert.equal(w.w.map((x: number) => x / S), w.p);
  }
  for (const p of V.pick) assert.is(refPick(p.w, p.u), p.index, p.why);
});

test('asds-draw/1 protocols: every step recomputed by the reference; the implementation verifies each', () => {
  for (const [name, p] of Object.entries<any>(V.protocols)) {
    if (p.kind === 'juror-selection') {
      assert.ok(verifyJurorProtocol(p).ok, name);
      p.steps.forEach((s: any, k: number) => {
        assert.is(s.bytes, refStepBytes(p.randomBytes, k, s.label));
        assert.is(s.u, refU(s.bytes, p.case.caseId));
        assert.is(s.candidates[refPick(s.candidates.map(() => 1), s.u)], s.chosen);
      });
      continue;
    }
    if (p.kind === 'duty-assignment') {
      assert.ok(verifyDutyProtocol(p).ok, name);
      assert.is(p.step.bytes, refStepBytes(p.randomBytes, 0, 'duty'));
      assert.is(p.step.candidates[refPick(p.step.candidates.map(() => 1), refU(p.step.bytes, p.case.caseId))], p.chosen);
      continue;
    }
    assert.equal(verifyProtocol(p), { ok: true, mismatches: [] }, name);
    if (p.kind === 'impossibility') continue;
    p.steps.forEach((s: any, k: number) => {
      assert.is(s.bytes, refStepBytes(p.randomBytes, k, s.label), `${name} ${s.label}`);
      assert.is(s.u, refU(s.bytes, p.case.caseId));
      const N = s.candidates.map((c: any) => c.N);
      assert.equal(s.candidates.map((c: any) => c.w), refWeights(p.policy, N), `${name} ${s.label} weights`);
      const i = refPick(s.candidates.map((c: any) => c.w), s.u);
      assert.is(s.candidates[i].judgeId ?? s.candidates[i].panelId, s.chosen, `${name} ${s.label}`);
    });
  }
});

test('asds-draw/2: alpha text, the proof under the published key (reference RFC 9381 verify), bytes, u, pick', () => {
  assert.is(vrfKeyId(createPublicKey(V.v2.key.spkiPem)), V.v2.key.keyId);
  for (const p of [V.v2.single, V.v2.adHocPanel]) {
    assert.is(p.algorithm, 'asds-draw/2');
    assert.is(p.randomBytes, undefined);
    assert.equal(p.vrf, { suite: 'RSA-FDH-VRF-SHA256', key: V.v2.key.keyId, prev: V.v2.prev });
    p.steps.forEach((s: any, k: number) => {
      const alpha = refAlpha(p, k, s);
      if (p === V.v2.single && k === 0) assert.is(alpha, V.v2.alphaOfSingleStep0);
      assert.is(refVrf(V.v2.key.spkiPem, Buffer.from(alpha, 'utf8'), s.proof), s.bytes, `${s.label}: beta`);
      assert.is(s.u, refU(s.bytes, p.case.caseId));
      assert.is(s.candidates[refPick(s.candidates.map((c: any) => c.w), s.u)].judgeId, s.chosen);
    });
    const key = createPublicKey(V.v2.key.spkiPem);
    assert.equal(verifyProtocol(p, { vrf: { keyId: V.v2.key.keyId, check: (a, pi) => vrfVerify(key, a, pi) } }), { ok: true, mismatches: [] });
  }
  // Every exclusion of a v2 protocol names its basis; the roster is named.
  for (const x of V.v2.adHocPanel.excluded) for (const r of x.reasons) assert.ok(r.basis, `${x.judgeId} ${r.code}`);
  assert.equal(Object.keys(V.v2.adHocPanel.roster).sort(), ['digest', 'judges', 'version']);
});

test('asds-draw/2 refuses: another weight, another prev, another key, a missing key, a v1 field', () => {
  const { publicKey } = testVrfKey();
  const opts = { vrf: { keyId: V.v2.key.keyId, check: (a: Uint8Array, pi: Uint8Array) => vrfVerify(publicKey, a, pi) } };
  const paths = (p: any, o: any = opts) => verifyProtocol(p, o).mismatches.map((m) => m.path);
  const w = structuredClone(V.v2.single);
  w.steps[0].candidates[0].w = 1; // a weight changed: the alpha is not the one proven
  assert.ok(paths(w).includes('/steps/0/proof'));
  const prev = structuredClone(V.v2.single);
  prev.vrf.prev = 'ab'.repeat(32); // drawn at another moment
  assert.ok(paths(prev).includes('/steps/0/proof'));
  const other = { vrf: { keyId: 'cd'.repeat(32), check: () => undefined } };
  assert.ok(paths(V.v2.single, other).includes('/vrf/key (the seal key that verifies)'));
  assert.equal(paths(V.v2.single, {}), ['/vrf']);
  const mixed = structuredClone(V.v2.single);
  mixed.randomBytes = '00'.repeat(32); // someone adds CSPRNG bytes to a v2 protocol
  assert.equal(paths(mixed), ['/vrf']);
  // The proof is unique: a different pi for the same alpha does not verify.
  const pi = Buffer.from(V.v2.single.steps[0].proof, 'hex');
  pi[pi.length - 1]! ^= 1;
  assert.is(refVrf(V.v2.key.spkiPem, Buffer.from(V.v2.alphaOfSingleStep0, 'utf8'), pi.toString('hex')), undefined);
  assert.is(vrfVerify(publicKey, Buffer.from(V.v2.alphaOfSingleStep0, 'utf8'), pi), undefined);
});

/** §9.6: the alpha of a juror or duty step, from the spec's text (keys sorted, ids only: equal weights). */
function refUniformAlpha(p: any, k: number, label: string, candidates: string[]): string {
  const common = { algorithm: 'asds-draw/2', candidates, caseId: p.case.caseId, court: p.court, date: p.date };
  if (p.kind === 'juror-selection') return JSON.stringify({ ...common, draw: 'jurors', label, prev: p.vrf.prev, proceeding: p.proceeding, stage: p.stage, step: k });
  return JSON.stringify({ algorithm: 'asds-draw/2', calendar: p.calendar, candidates, caseId: p.case.caseId, category: p.case.category, court: p.court, date: p.date, draw: 'duty', label, prev: p.vrf.prev, step: k });
}

test('asds-draw/2 juror and duty draws (§9.6): alpha text, proof under the published key, bytes, u, the equal-weight pick', () => {
  const key = createPublicKey(V.v2.key.spkiPem);
  const opts = { vrf: { keyId: V.v2.key.keyId, check: (a: Uint8Array, pi: Uint8Array) => vrfVerify(key, a, pi) } };
  const j = V.v2.jurors;
  assert.is(j.algorithm, 'asds-draw/2');
  assert.is(j.randomBytes, undefined);
  assert.equal(j.vrf, { suite: 'RSA-FDH-VRF-SHA256', key: V.v2.key.keyId, prev: V.v2.prevJurors });
  j.steps.forEach((s: any, k: number) => {
    const alpha = refUniformAlpha(j, k, s.label, s.candidates);
    if (k === 0) assert.is(alpha, V.v2.alphaOfJurorsStep0);
    assert.is(refVrf(V.v2.key.spkiPem, Buffer.from(alpha, 'utf8'), s.proof), s.bytes, `${s.label}: beta`);
    assert.is(s.u, refU(s.bytes, j.case.caseId));
    assert.is(s.candidates[refPick(s.candidates.map(() => 1), s.u)], s.chosen);
  });
  assert.equal(verifyJurorProtocol(j, opts), { ok: true, mismatches: [] });
  const d = V.v2.duty;
  assert.equal(d.vrf, { suite: 'RSA-FDH-VRF-SHA256', key: V.v2.key.keyId, prev: V.v2.prevDuty });
  assert.is(d.randomBytes, undefined);
  const alpha = refUniformAlpha(d, 0, 'duty', d.step.candidates);
  assert.is(refVrf(V.v2.key.spkiPem, Buffer.from(alpha, 'utf8'), d.step.proof), d.step.bytes);
  assert.is(d.step.candidates[refPick(d.step.candidates.map(() => 1), refU(d.step.bytes, d.case.caseId))], d.chosen);
  assert.equal(verifyDutyProtocol(d, opts), { ok: true, mismatches: [] });
});

test('asds-draw/2 juror and duty draws refuse: another prev, another stage, a proof moved between steps, no key, CSPRNG bytes added', () => {
  const { publicKey } = testVrfKey();
  const opts = { vrf: { keyId: V.v2.key.keyId, check: (a: Uint8Array, pi: Uint8Array) => vrfVerify(publicKey, a, pi) } };
  const jpaths = (p: any, o: any = opts) => verifyJurorProtocol(p, o).mismatches.map((m) => m.path);
  const prev = structuredClone(V.v2.jurors);
  prev.vrf.prev = 'ab'.repeat(32); // a re-roll at "another moment"
  assert.ok(jpaths(prev).includes('/steps/0/proof'));
  const stage = structuredClone(V.v2.jurors);
  stage.stage = 'civil-replacement'; // the alpha names the stage
  assert.ok(jpaths(stage).includes('/steps/0/proof'));
  const moved = structuredClone(V.v2.jurors);
  moved.steps[1].proof = moved.steps[0].proof;
  assert.ok(jpaths(moved).includes('/steps/1/proof'));
  assert.equal(jpaths(V.v2.jurors, {}), ['/vrf']);
  const mixed = structuredClone(V.v2.jurors);
  mixed.randomBytes = '00'.repeat(32);
  assert.equal(jpaths(mixed), ['/vrf']);
  const dpaths = (p: any, o: any = opts) => verifyDutyProtocol(p, o).mismatches.map((m) => m.path);
  const dprev = structuredClone(V.v2.duty);
  dprev.vrf.prev = 'cd'.repeat(32);
  assert.ok(dpaths(dprev).includes('/step/proof'));
  const dcal = structuredClone(V.v2.duty);
  dcal.calendar = 'another-calendar'; // the day off is the court calendar's: bound too
  assert.ok(dpaths(dcal).includes('/step/proof'));
  assert.equal(dpaths(V.v2.duty, {}), ['/vrf']);
  // The juror alpha and the judge alpha differ for the same words: domain separated by `draw`.
  assert.not.ok(V.v2.alphaOfJurorsStep0.includes('"zasady"'));
  // asds-draw/1 juror and duty protocols keep verifying without any key.
  assert.ok(verifyJurorProtocol(V.protocols.jurors).ok);
  assert.ok(verifyDutyProtocol(V.protocols.duty).ok);
});

test('the prover is deterministic: the same alpha always gives the same proof', () => {
  const { prover } = testVrfKey();
  const alpha = Buffer.from(V.v2.alphaOfSingleStep0, 'utf8');
  assert.is(prover.prove(alpha).toString('hex'), V.v2.single.steps[0].proof);
  assert.is(prover.prove(alpha).toString('hex'), V.v2.single.steps[0].proof);
});

test.run();
