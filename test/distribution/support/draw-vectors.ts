/**
 * The test vectors of docs/draw-spec.md, built from fixed inputs with the
 * implementation. `docs/draw-vectors.json` is this function's output;
 * test/distribution/draw-spec.test.ts checks the file against it and
 * recomputes every vector from the spec's text alone.
 *
 *   node --import tsx test/distribution/support/draw-vectors.ts --write    # regenerate docs/draw-vectors.json
 *
 * The VRF key (support/vrf-test-key.ts) is a TEST key, published with the
 * vectors so that anyone can reproduce the proofs; it seals nothing.
 */
import { createHash, createPrivateKey, createPublicKey, createHmac } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { distribute, replaceMember } from '../../../actors/distribution/distribute.ts';
import { assignToDuty, type DutyInput } from '../../../actors/distribution/duty.ts';
import { selectCivil } from '../../../actors/distribution/jurors.ts';
import { pickIndex, probabilities, sum, weights } from '../../../actors/distribution/policy.ts';
import { stepBytes, toHex, uniformFrom } from '../../../actors/distribution/random.ts';
import { f64hex, uniformVrfAlpha, vrfAlpha, VRF_SUITE_V2 } from '../../../actors/distribution/randomness.ts';
import { vrfKeyId, vrfProver } from '../../../actors/pki/vrf.ts';
import type { Absence } from '../../../contracts/distribution/inputs.ts';
import type { PolicyRef } from '../../../contracts/distribution/protocol.ts';
import { drawInput } from './draw-input.ts';
import { baseZasady, martialCalendar, testBytes } from './fixtures.ts';
import { jurorInput } from './jurors.ts';
import { VRF_TEST_KEY_PEM } from './vrf-test-key.ts';

export const VECTORS_FILE = 'docs/draw-vectors.json';

export function testVrfKey() {
  const privateKey = createPrivateKey(VRF_TEST_KEY_PEM);
  return { privateKey, publicKey: createPublicKey(privateKey), prover: vrfProver(privateKey) };
}

const sick = (from: string): Absence => ({ kind: 'sick-leave', from, basis: { kind: 'memo', number: '1', date: from } });
const json = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
const PREV = createHash('sha256').update('draw-spec prev').digest('hex');
const PREV_JURORS = createHash('sha256').update('draw-spec prev jurors').digest('hex');
const PREV_DUTY = createHash('sha256').update('draw-spec prev duty').digest('hex');

/** A request on a day off with two judges on duty (4.6): one is drawn. */
function dutyInput(i: number): DutyInput {
  return {
    court: '537',
    case: { caseId: `1-кс/537/${i}/25`, category: 'investigating-judge' },
    at: '2025-06-14T10:00:00.000+03:00',
    date: '2025-06-14',
    calendar: martialCalendar,
    schedule: [{ date: '2025-06-14', judgeIds: ['J03', 'J02'], basis: { kind: 'order', number: '3-од', date: '2025-06-01', issuer: 'голова суду' } }],
    randomBytes: testBytes('spec-duty', i),
  };
}

function uVector(key: Uint8Array, message: string) {
  const h = createHmac('sha256', key).update(message, 'utf8').digest();
  return { key: toHex(key), message, messageUtf8: Buffer.from(message, 'utf8').toString('hex'), hmac: h.toString('hex'), first53: (BigInt('0x' + h.subarray(0, 8).toString('hex')) >> 11n).toString(), u: uniformFrom(key, message) };
}

function weightVector(policy: PolicyRef, N: number[]) {
  const w = weights(policy, N);
  return { policy, N, nMin: Math.min(...N), w, wHex: w.map(f64hex), sum: sum(w), p: probabilities(w) };
}

export function buildVectors() {
  const permanent = baseZasady((c) => {
    c.categories.find((x) => x.id === 'criminal-panel')!.composition = { size: 3, mode: 'permanent' };
    c.panels = [
      { id: 'P1', name: 'Колегія №1', specialisation: 'criminal', members: ['J01', 'J02', 'J03'], reserve: 'J04' },
      { id: 'P2', name: 'Колегія №2', specialisation: 'criminal', members: ['J02', 'J03', 'J04'] },
    ];
  });
  const minWindow = baseZasady((c) => {
    c.selection = { policy: 'min-window-v1', params: { delta: 2 } };
  });
  const basis = { kind: 'order' as const, number: '15-р', date: '2025-06-09', issuer: 'керівник апарату суду' };
  const { prover } = testVrfKey();
  const vrf = { suite: VRF_SUITE_V2, keyId: prover.keyId, prev: PREV, prove: prover.prove };
  const v2single = json(distribute({ ...drawInput({}, 'civil-claim', 21), randomBytes: undefined, vrf }));
  const v2panel = json(distribute({ ...drawInput({}, 'criminal-panel', 22), randomBytes: undefined, vrf }));
  // Juror (7.5) and duty (4.6) draws on asds-draw/2 (docs/draw-spec.md §9.6): each with its own actor's stream head.
  const v2jurors = json(selectCivil({ ...jurorInput({ proceeding: 'civil-special' }, 23), randomBytes: undefined, vrf: { ...vrf, prev: PREV_JURORS } }));
  const v2duty = json(assignToDuty({ ...dutyInput(24), randomBytes: undefined, vrf: { ...vrf, prev: PREV_DUTY } }));
  const jurorAlpha = v2jurors.kind === 'juror-selection' ? uniformVrfAlpha({ draw: 'jurors', court: '537', caseId: v2jurors.case.caseId, proceeding: v2jurors.proceeding, stage: v2jurors.stage, date: v2jurors.date, prev: PREV_JURORS }, 0, v2jurors.steps[0]!.label, v2jurors.steps[0]!.candidates).toString('utf8') : '';
  const alpha = v2single.kind === 'impossibility' ? '' : vrfAlpha({ court: '537', caseId: v2single.case.caseId, category: v2single.case.category, date: v2single.date, zasady: v2single.zasady.id, prev: PREV }, 0, 'presiding', (v2single.steps[0]!.candidates as Array<{ judgeId: string; w: number }>).map((c) => [c.judgeId, c.w] as const)).toString('utf8');
  return {
    schema: 'asds.draw-vectors/v1',
    note: 'docs/draw-spec.md; generated by test/distribution/support/draw-vectors.ts, checked by test/distribution/draw-spec.test.ts',
    u: [uVector(testBytes('spec', 1), '537/1/25'), uVector(testBytes('spec', 2), '1-кс/537/5/25'), uVector(new Uint8Array(32).fill(0xff), 'Справа №7')],
    stepBytes: ['presiding', 'member-2', 'member-3', 'panel', 'rapporteur'].map((label, k) => ({ root: toHex(testBytes('spec', 3)), index: k, label, bytes: toHex(stepBytes(testBytes('spec', 3), k, label)) })),
    weights: [
      weightVector({ id: 'inverse-load-v1', version: 1, params: {} }, [4, 3.5, 4.65]),
      weightVector({ id: 'inverse-load-v1', version: 1, params: {} }, [0, 0.1, 0.30000000000000004, 12.75]),
      weightVector({ id: 'min-window-v1', version: 1, params: { delta: 2 } }, [8, 2, 6, 1, 0]),
      weightVector({ id: 'min-window-v1', version: 1, params: { delta: 0 } }, [1.5, 1.5, 2]),
    ],
    pick: [
      { w: [1, 1], u: 0.5, index: pickIndex([1, 1], 0.5), why: 'u·Σw = 1 equals the first cumulative sum: strict < moves on to index 1' },
      { w: [1, 1, 2], u: 0.5, index: pickIndex([1, 1, 2], 0.5), why: 'u·Σw = 2 = w0 + w1: index 2' },
      { w: [0, 1, 0, 1, 1], u: 0, index: pickIndex([0, 1, 0, 1, 1], 0), why: 'u = 0: the first POSITIVE weight (a zero weight never wins)' },
      { w: [0, 1, 0, 1, 1], u: 0.5, index: pickIndex([0, 1, 0, 1, 1], 0.5), why: 'target 1.5: cumulative 0,1,1,2 → index 3' },
      { w: [0.1, 0.2, 0.3], u: (2 ** 53 - 1) / 2 ** 53, index: pickIndex([0.1, 0.2, 0.3], (2 ** 53 - 1) / 2 ** 53), why: 'largest u: u·Σw rounds below Σw, the last positive weight' },
    ],
    protocols: {
      single: json(distribute(drawInput({}, 'civil-claim', 11))),
      singleWithExclusion: json(distribute(drawInput({ absences: { J04: [sick('2025-06-09')] } }, 'civil-claim', 12))),
      minWindow: json(distribute(drawInput({ zasady: minWindow }, 'civil-claim', 13))),
      adHocPanel: json(distribute(drawInput({}, 'criminal-panel', 14))),
      permanentPanel: json(distribute(drawInput({ zasady: permanent }, 'criminal-panel', 15))),
      permanentWithReserve: json(distribute(drawInput({ zasady: permanent, absences: { J01: [sick('2025-06-09')] } }, 'criminal-panel', 16))),
      memberReplacement: json(replaceMember({ ...drawInput({}, 'criminal-panel', 17), panel: { presiding: 'J01', members: ['J02', 'J03'] }, replacedJudgeId: 'J03', basis })),
      impossibility: json(distribute(drawInput({ absences: { J01: [sick('2025-06-09')], J02: [sick('2025-06-09')], J03: [sick('2025-06-09')], J04: [sick('2025-06-09')] } }, 'criminal-panel', 18))),
      jurors: json(selectCivil(jurorInput({ proceeding: 'civil-special' }, 19))),
      duty: json(assignToDuty(dutyInput(20))),
    },
    v2: {
      key: { suite: VRF_SUITE_V2, spkiPem: createPublicKey(testVrfKey().privateKey).export({ type: 'spki', format: 'pem' }), keyId: vrfKeyId(testVrfKey().privateKey), privateKeyFile: 'test/distribution/support/vrf-test-key.ts' },
      prev: PREV,
      alphaOfSingleStep0: alpha,
      single: v2single,
      adHocPanel: v2panel,
      prevJurors: PREV_JURORS,
      alphaOfJurorsStep0: jurorAlpha,
      jurors: v2jurors,
      prevDuty: PREV_DUTY,
      duty: v2duty,
    },
  };
}

if (process.argv.includes('--write')) {
  writeFileSync(VECTORS_FILE, JSON.stringify(buildVectors(), null, 2) + '\n');
  process.stdout.write(`wrote ${VECTORS_FILE}\n`);
}
