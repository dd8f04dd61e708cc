/**
 * The documented, deterministic construction turning caller-supplied
 * CSPRNG bytes into a number in [0, 1) (spec §4, algorithm `asds-draw/1`):
 *
 *   u = first 53 bits of HMAC-SHA-256(key = 32 bytes, message = caseId, UTF-8) / 2^53
 *
 * 53 bits because that is exactly what an IEEE double represents without
 * rounding, so every verifier gets the same u.
 *
 * Multi-step draws (panels): step 0 uses the supplied bytes; step k ≥ 1
 * uses HMAC-SHA-256(key = supplied bytes, message = step label, UTF-8),
 * e.g. label "member-2". One fresh 32-byte value therefore fixes the whole
 * panel, and each step's bytes can be recomputed from the protocol.
 */
import { createHmac } from 'node:crypto';
import { DrawInputInvalid } from './errors.ts';

export const RANDOM_BYTES = 32;

export function assertRandomBytes(bytes: Uint8Array): void {
  if (bytes.length !== RANDOM_BYTES) throw new DrawInputInvalid(`a draw needs exactly ${RANDOM_BYTES} random bytes, got ${bytes.length}`);
}

export function hmac(key: Uint8Array, message: string): Uint8Array {
  return new Uint8Array(createHmac('sha256', key).update(message, 'utf8').digest());
}

/** Map bytes + case id to [0, 1). */
export function uniformFrom(bytes: Uint8Array, caseId: string): number {
  assertRandomBytes(bytes);
  const h = hmac(bytes, caseId);
  const view = new DataView(h.buffer, h.byteOffset, h.byteLength);
  const hi = view.getUint32(0); // 32 bits
  const lo = view.getUint32(4) >>> 11; // next 21 bits
  return (hi * 2 ** 21 + lo) / 2 ** 53;
}

/** Bytes for step `index` labelled `label` (see module comment). */
export function stepBytes(root: Uint8Array, index: number, label: string): Uint8Array {
  assertRandomBytes(root);
  return index === 0 ? root : hmac(root, label);
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

export function fromHex(hex: string): Uint8Array {
  if (!/^[0-9a-f]*$/.test(hex) || hex.length % 2 !== 0) throw new DrawInputInvalid(`not lower-case hex: ${hex}`);
  return new Uint8Array(Buffer.from(hex, 'hex'));
}
