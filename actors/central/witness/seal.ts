/**
 * Is a checkpoint sealed by its court? (Засади 13: the court seal; actors/pki
 * verifyCourtSeal — TOTAL_PASSED only, the signer must be THIS court's seal
 * certificate issued by the anchor CA.) The anchor is the court CA the centre
 * pinned on the court's first checkpoint (trust on first use, recorded in
 * `checkpoint_seal_pins`): a later checkpoint sealed under another CA is
 * refused and alarmed — a court that re-keys its CA needs the operator to pin
 * the new one, an insider with a home-made CA gets nowhere.
 */
import { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { courtSealAnchor, verifyCourtSeal } from '../../pki/index.ts';
import { checkpointSignedContent, type CheckpointV1 } from '../../../contracts/witness/index.ts';
import type { Pin } from './store.ts';

const CERT = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** The self-issued CA certificate in the checkpoint's chain, with its SHA-256 fingerprint. */
export function presentedCa(chainPem: string): Pin {
  for (const pem of chainPem.match(CERT) ?? []) {
    let x: X509Certificate;
    try {
      x = new X509Certificate(pem);
    } catch {
      continue;
    }
    if (x.ca && x.subject === x.issuer && x.checkIssued(x)) return { fingerprint: x.fingerprint256, pem: `${pem}\n` };
  }
  throw new Error('the seal chain holds no court CA certificate');
}

/** undefined when the seal verifies against `ca` as the seal of the checkpoint's court; else why not. */
export function sealProblem(c: CheckpointV1, ca: Pin): string | undefined {
  const { seal, ...unsealed } = c;
  let cms: Buffer;
  try {
    cms = Buffer.from(seal.cms, 'base64');
    const v = verifyCourtSeal({ content: checkpointSignedContent(unsealed), cms, anchor: courtSealAnchor(ca.pem), court: c.court });
    return v.ok ? undefined : (v.problem ?? 'the seal does not verify');
  } catch (e) {
    return `the seal cannot be read: ${(e as Error).message}`;
  }
}

/**
 * The CA an operator placed for a court in `<dataDir>/court-cas/<court>.crt.pem` (deploy/README), read when the
 * court's first checkpoint arrives; undefined when there is none. A file that holds no CA certificate is an
 * operator's mistake to see at once: it throws.
 */
export function operatorCaFiles(dataDir: string): (court: string) => Pin | undefined {
  return (court) => {
    const file = join(dataDir, 'court-cas', `${court}.crt.pem`);
    return existsSync(file) ? presentedCa(readFileSync(file, 'utf8')) : undefined;
  };
}
