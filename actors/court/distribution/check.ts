/**
 * Check a protocol document from the document alone: recompute the draw
 * (verifyProtocol), validate the shape, and verify the court seal's
 * detached CMS over the canonical content. Used by `asds verify-protocol`
 * and the HTTP verify endpoint.
 */
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { ProtocolDocumentSchema, type ProtocolDocument } from '../../../contracts/court/distribution.ts';
import type { X509Certificate } from 'node:crypto';
import { verifyProtocol, type VerifyOptions } from '../../distribution/verify.ts';
import { vrfKeyId, vrfVerify, type CourtSealAnchor } from '../../pki/index.ts';
import { checkSeal } from '../seal/index.ts';
import { formatDocumentId } from './documents.ts';

const shape = TypeCompiler.Compile(ProtocolDocumentSchema);

export interface ProtocolCheck {
  ok: boolean;
  /** Every problem found, one line each. */
  problems: string[];
  /** Seal verification summary, e.g. `TOTAL_PASSED Підпис дійсний.` */
  seal: string;
}

export function checkProtocolDocument(input: unknown, anchor?: CourtSealAnchor): ProtocolCheck {
  const problems: string[] = [];
  if (!shape.Check(input)) {
    for (const e of shape.Errors(input)) problems.push(`schema ${e.path || '/'}: ${e.message}`);
    return { ok: false, problems, seal: 'not checked' };
  }
  const doc = input as ProtocolDocument;
  if (formatDocumentId(doc.idParts) !== doc.documentId) problems.push(`documentId ${doc.documentId} does not match its parts ${formatDocumentId(doc.idParts)}`);
  if (Number(doc.idParts.documentNo) !== doc.attempt.seq) problems.push(`document no ${doc.idParts.documentNo} is not the attempt seq ${doc.attempt.seq}`);
  // Засади 13: sealed by THIS court (the one the id names) — not any CA we happen to trust.
  const seal = checkSeal(doc, anchor, doc.idParts.courtDbCode);
  if (doc.protocol.kind !== 'transfer') {
    // The draw itself: recomputed from the protocol alone (docs/draw-spec.md); asds-draw/2 proofs under the seal's key.
    const v = verifyProtocol(JSON.parse(JSON.stringify(doc.protocol)), vrfOptions(seal.certificate));
    for (const m of v.mismatches) problems.push(`protocol${m.path}: expected ${JSON.stringify(m.expected)}, found ${JSON.stringify(m.actual)}`);
    const expectedKind = doc.protocol.kind;
    if (expectedKind !== doc.kind) problems.push(`kind ${doc.kind} differs from the protocol's ${expectedKind}`);
  } else if (doc.kind !== 'transfer') problems.push(`kind ${doc.kind} differs from the protocol's transfer`);

  if (doc.protocol.court !== doc.idParts.courtDbCode) problems.push(`protocol court ${doc.protocol.court} differs from the document's court ${doc.idParts.courtDbCode}`);
  problems.push(...seal.problems);
  return { ok: problems.length === 0, problems, seal: seal.line };
}

/** The VRF check of an asds-draw/2 protocol: only with a seal certificate that verified as this court's. */
export function vrfOptions(certificate: X509Certificate | undefined): VerifyOptions {
  if (!certificate) return {};
  const key = certificate.publicKey;
  if (key.asymmetricKeyType !== 'rsa') return {};
  return { vrf: { keyId: vrfKeyId(key), check: (alpha, pi) => vrfVerify(key, alpha, pi) } };
}
