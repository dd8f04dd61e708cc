/**
 * The bytes of a file the hub writes: JSON with keys in sorted order (one text for one content, so the digest
 * the hub journals is the digest the recipient computes over what it got).
 *
 *   sha256Hex(canonicalJson({ b: 1, a: 2 })) // over '{"a":2,"b":1}'
 */
import { createHash } from 'node:crypto';

export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v as object).sort()) out[k] = sortKeys((v as Record<string, unknown>)[k]);
  return out;
}

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
export const byteLength = (text: string): number => Buffer.byteLength(text, 'utf8');
