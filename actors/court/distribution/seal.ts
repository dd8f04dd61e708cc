/**
 * The court seal for protocols: `<data>/pki` holds the court CA and its seal
 * certificate (actors/pki). Created on the node's first start if absent.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createSigner, initCourtCa, readSeal, type Signer } from '../../pki/index.ts';

export function courtPkiDir(dataDir: string): string {
  return join(dataDir, 'pki');
}

/** Load the seal signer, creating the court CA + seal first if this data dir has none. */
export function ensureCourtSeal(dataDir: string, courtCode: string, courtName: string): Signer {
  const dir = courtPkiDir(dataDir);
  if (!existsSync(join(dir, 'seal.key.pem'))) initCourtCa({ dir, courtCode, courtName });
  return createSigner(readSeal(dir));
}
