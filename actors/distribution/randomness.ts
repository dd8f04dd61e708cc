/**
 * Where a draw step's 32 bytes come from (docs/draw-spec.md §5–§6).
 *
 * `asds-draw/1`: one CSPRNG value (`randomBytes`) per attempt; step 0 uses
 * it, step k ≥ 1 uses HMAC-SHA-256(key = it, message = label). Correct but
 * unverifiable: whoever runs the node could have drawn other bytes.
 *
 * `asds-draw/2`: each step's bytes are the output of a verifiable random
 * function (RSA-FDH-VRF-SHA256, RFC 9381 §4) under the court seal key, over
 * an input `alpha` that fixes the step completely — court, case, category,
 * date, Засади version, the actor's stream head before the attempt (`prev`),
 * step index and label, and every candidate with its weight. For that alpha
 * exactly one output exists and anyone with the seal certificate checks it
 * from the recorded proof; nobody, the node's administrator included, can
 * pick another. Pure: the proving function is injected (the court node
 * passes its seal's), the verifier passes a proof check instead.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical.ts';
import { DrawInputInvalid } from './errors.ts';
import { assertRandomBytes, stepBytes, toHex } from './random.ts';

export const DRAW_V1 = 'asds-draw/1' as const;
export const DRAW_V2 = 'asds-draw/2' as const;
export type DrawAlgorithm = typeof DRAW_V1 | typeof DRAW_V2;
export const VRF_SUITE_V2 = 'RSA-FDH-VRF-SHA256' as const;

/** A candidate as the alpha names it: stable id (judge or panel) and weight. */
export type WeightedId = readonly [id: string, w: number];

export interface StepRandom {
  bytes: Uint8Array;
  /** asds-draw/2: the VRF proof pi, lower-case hex. */
  proof?: string;
}

export interface Randomness {
  readonly algorithm: DrawAlgorithm;
  step(index: number, label: string, candidates: readonly WeightedId[]): StepRandom;
}

/** What an asds-draw/2 alpha binds besides the step (all strings; docs/draw-spec.md §6.2). */
export interface VrfAttempt {
  court: string;
  caseId: string;
  category: string;
  /** Court-local date of the draw. */
  date: string;
  /** Засади version id. */
  zasady: string;
  /** Head of the actor's event stream before the attempt (64 hex). */
  prev: string;
}

/** The node's VRF: the seal key's prover (actors/pki/vrf.ts) and the key's id. */
export interface VrfInput {
  suite: typeof VRF_SUITE_V2;
  /** SHA-256 (hex) of the seal key's SubjectPublicKeyInfo DER. */
  keyId: string;
  /** Head of the actor's event stream before the attempt. */
  prev: string;
  prove(alpha: Uint8Array): Uint8Array;
}

/** IEEE 754 binary64 of x, big-endian, 16 lower-case hex digits: the same text in every language. */
export function f64hex(x: number): string {
  const b = Buffer.alloc(8);
  b.writeDoubleBE(x);
  return b.toString('hex');
}

/** The VRF input of one step: UTF-8 of canonical JSON (keys sorted, no whitespace). */
export function vrfAlpha(a: VrfAttempt, index: number, label: string, candidates: readonly WeightedId[]): Buffer {
  if (!/^[0-9a-f]{64}$/.test(a.prev)) throw new DrawInputInvalid(`prev must be 64 lower-case hex digits, got ${a.prev}`);
  const value = {
    algorithm: DRAW_V2,
    candidates: candidates.map(([id, w]) => [id, f64hex(w)]),
    caseId: a.caseId,
    category: a.category,
    court: a.court,
    date: a.date,
    label,
    prev: a.prev,
    step: index,
    zasady: a.zasady,
  };
  return Buffer.from(canonicalJson(value), 'utf8');
}

/** beta = SHA-256(0x01 ‖ 0x02 ‖ pi) (RFC 9381 §4.2, suite 0x01). */
export function proofToBytes(pi: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(Buffer.from([0x01, 0x02])).update(pi).digest());
}

export function csprngRandomness(root: Uint8Array): Randomness {
  assertRandomBytes(root);
  return { algorithm: DRAW_V1, step: (index, label) => ({ bytes: stepBytes(root, index, label) }) };
}

export function vrfRandomness(attempt: VrfAttempt, prove: (alpha: Uint8Array) => Uint8Array): Randomness {
  return {
    algorithm: DRAW_V2,
    step(index, label, candidates) {
      const pi = prove(vrfAlpha(attempt, index, label, candidates));
      return { bytes: proofToBytes(pi), proof: toHex(pi) };
    },
  };
}

/**
 * What a juror (Засади 7) or duty (4.6) alpha binds besides the step (docs/draw-spec.md §9.6). These draws
 * have equal weights (7.2 "рівна ймовірність"; one of the judges on duty), so the alpha lists the candidates'
 * ids only; `draw` separates the three alphas (a judge alpha has no such key).
 */
export type UniformVrfAttempt =
  | { draw: 'jurors'; court: string; caseId: string; proceeding: string; stage: string; date: string; prev: string }
  | { draw: 'duty'; court: string; caseId: string; category: string; calendar: string; date: string; prev: string };

/** The VRF input of a uniform (juror, duty) step: UTF-8 of canonical JSON. */
export function uniformVrfAlpha(a: UniformVrfAttempt, index: number, label: string, candidates: readonly string[]): Buffer {
  if (!/^[0-9a-f]{64}$/.test(a.prev)) throw new DrawInputInvalid(`prev must be 64 lower-case hex digits, got ${a.prev}`);
  return Buffer.from(canonicalJson({ ...a, algorithm: DRAW_V2, candidates: [...candidates], label, step: index }), 'utf8');
}

/** A uniform draw's randomness: one CSPRNG value per attempt (v1) or the VRF over each step (v2). */
export interface UniformRandomness {
  readonly algorithm: DrawAlgorithm;
  step(index: number, label: string, candidates: readonly string[]): StepRandom;
}

export function csprngUniform(root: Uint8Array): UniformRandomness {
  assertRandomBytes(root);
  return { algorithm: DRAW_V1, step: (index, label) => ({ bytes: stepBytes(root, index, label) }) };
}

export function vrfUniform(attempt: UniformVrfAttempt, prove: (alpha: Uint8Array) => Uint8Array): UniformRandomness {
  return {
    algorithm: DRAW_V2,
    step(index, label, candidates) {
      const pi = prove(uniformVrfAlpha(attempt, index, label, candidates));
      return { bytes: proofToBytes(pi), proof: toHex(pi) };
    },
  };
}
