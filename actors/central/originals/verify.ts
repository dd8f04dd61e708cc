/**
 * The centre re-verifies each signature of an Original (Засади 13.2; issue 15 item 1) with Node crypto
 * (actors/pki verifyDetached) against the court's CA as the centre holds it — the operator's
 * `court-cas/<court>.crt.pem`, else the CA pinned from the court's sealed checkpoints (actors/central/witness) —
 * at the time the court's journal recorded the signature (its proof of existence), never trusting the court's own
 * verdict. The outcome is recorded, whatever it is: an Original is kept even when its signatures fail, so the
 * finding is visible.
 */
import { verifyDetached, type CourtSealAnchor } from '../../pki/index.ts';
import { sha256 } from '../../court/documents/behavior.ts';
import type { SignedOver } from './assemble.ts';

export type Verdict = 'valid' | 'invalid' | 'indeterminate' | 'no-ca';

export interface SignatureCheck {
  login: string;
  at: string;
  indication: string;
  subIndication?: string;
  reason: string;
  /** The SHA-256 the court recorded for the signed content equals the centre's recomputation. */
  contentMatches: boolean;
  signer?: { subject: string; serial: string };
}

export interface OriginalVerification {
  verdict: Verdict;
  checks: SignatureCheck[];
  /** Required signers with no signature among the events (should never happen for an Original). */
  missingSigners: string[];
}

export function verifyOriginal(o: { court: string; signed: readonly SignedOver[]; requiredSigners: readonly string[]; anchor: CourtSealAnchor | undefined }): OriginalVerification {
  const missingSigners = o.requiredSigners.filter((l) => !o.signed.some((s) => s.signature.login === l));
  if (!o.anchor) {
    return { verdict: 'no-ca', missingSigners, checks: o.signed.map((s) => ({ login: s.signature.login, at: s.signature.at, indication: 'NOT_CHECKED', reason: `центр не має сертифіката ЦСК суду ${o.court}`, contentMatches: s.signature.contentSha256 === sha256(s.content) })) };
  }
  const checks: SignatureCheck[] = o.signed.map((s) => {
    const contentMatches = s.signature.contentSha256 === sha256(s.content);
    const at = new Date(s.signature.at);
    const r = verifyDetached({ content: s.content, cms: Buffer.from(s.signature.cms, 'base64'), trustStore: o.anchor!.trustStore, ...(o.anchor!.crl ? { crl: o.anchor!.crl } : {}), ...(Number.isNaN(at.getTime()) ? {} : { at }) });
    return {
      login: s.signature.login,
      at: s.signature.at,
      indication: r.indication,
      ...(r.subIndication ? { subIndication: r.subIndication } : {}),
      reason: r.reason.code,
      contentMatches,
      ...(r.signer ? { signer: { subject: r.signer.subject, serial: r.signer.serial } } : {}),
    };
  });
  const anchorMismatch = o.anchor.courtCode !== o.court;
  let verdict: Verdict = 'valid';
  if (anchorMismatch || missingSigners.length > 0 || checks.some((c) => c.indication === 'TOTAL_FAILED' || !c.contentMatches)) verdict = 'invalid';
  else if (checks.length === 0 || checks.some((c) => c.indication !== 'TOTAL_PASSED')) verdict = 'indeterminate';
  return { verdict, checks, missingSigners };
}
