/**
 * Qualified signatures at the hub (issue 17 §A: "кваліфікований електронний підпис чи печатка учасників обміну";
 * the head's signature registers a regional office's cabinet, п. 5.1). A detached CMS is verified with actors/pki
 * against the qualified CAs' trust store; anything short of TOTAL_PASSED is refused with the verifier's reason.
 *
 * For E2 (documents of a cabinet): `checkCabinetSignature` also demands that the signer is the cabinet's head now —
 * a former head's certificate is refused from the change on (п. 13):
 *
 *   const { verification, signer } = await checkCabinetSignature({ system, trust: ctx.qualified(), orgId: org.id, content, cms });
 *   // throws CabinetSignatureRefused: SIGNATURE_INVALID (details.reason: UNKNOWN_ISSUER, CERT_EXPIRED_NO_POE, HASH_FAILURE, …),
 *   //   CABINET_NOT_FOUND, HEAD_CHANGE_PENDING, SIGNER_FORMER_HEAD, SIGNER_NOT_HEAD
 */
import type { ActorSystem } from '../../../../runtime/index.ts';
import { verifyDetached, type TrustStore, type VerificationResult } from '../../../pki/index.ts';
import { cmsToDer, parseSignedData } from '../../../pki/cms-parse.ts';
import type { CertParts } from '../../../pki/cert-parts.ts';
import type { CabinetV1, HeadCertificateV1 } from '../../../../contracts/exchange/cabinets.ts';
import { ExchangeRefused } from '../http.ts';
import { headOf, sameCertificate } from './certificates.ts';
import { CABINETS_ID, CABINETS_KIND } from './registry.ts';

export type CabinetSignatureCode = 'SIGNATURE_INVALID' | 'CABINET_NOT_FOUND' | 'HEAD_CHANGE_PENDING' | 'SIGNER_FORMER_HEAD' | 'SIGNER_NOT_HEAD';

export class CabinetSignatureRefused extends ExchangeRefused {
  constructor(code: CabinetSignatureCode, message: string, details?: unknown) {
    super(code === 'CABINET_NOT_FOUND' ? 404 : 422, code, message, details);
  }
}

export interface QualifiedSignature {
  verification: VerificationResult;
  /** The signer's certificate (from the CMS). */
  parts: CertParts;
}

/** Verify a detached CMS over `content` on the qualified trust store; TOTAL_PASSED or a typed refusal. */
export function verifyQualified(o: { content: Buffer; cms: Buffer | string; trust: TrustStore; at?: Date }): QualifiedSignature {
  const verification = verifyDetached({ content: o.content, cms: o.cms, trustStore: o.trust, ...(o.at ? { at: o.at } : {}) });
  if (verification.indication !== 'TOTAL_PASSED' || !verification.signer) {
    throw new CabinetSignatureRefused('SIGNATURE_INVALID', `кваліфікований підпис не прийнято: ${verification.reason.uk}`, { reason: verification.reason.code, indication: verification.indication });
  }
  const s = verification.signer;
  const parts = parseSignedData(cmsToDer(o.cms)).certificates.find((c) => c.serial === s.serial && c.x509.issuer === s.issuer);
  if (!parts) throw new CabinetSignatureRefused('SIGNATURE_INVALID', 'сертифікат підписувача не знайдено в підписі', { reason: 'NO_SIGNING_CERTIFICATE' });
  return { verification, parts };
}

/** The certificate a cabinet trusts now (its head's), null while a change waits for the new one; undefined: no cabinet. */
export async function cabinetSigner(system: ActorSystem, orgId: string): Promise<HeadCertificateV1 | null | undefined> {
  const cab = (await system.ref(CABINETS_KIND, CABINETS_ID).ask({ type: 'get', orgId })) as CabinetV1 | null;
  return cab ? cab.head : undefined;
}

/** Whether `cert` may sign for the cabinet: its head's now; a typed refusal otherwise. */
export function assertHead(cab: CabinetV1 | null, cert: HeadCertificateV1): void {
  if (!cab) throw new CabinetSignatureRefused('CABINET_NOT_FOUND', 'електронний кабінет цього органу прокуратури не зареєстровано');
  if (cab.head && sameCertificate(cab.head, cert)) return;
  if (cab.formerHeads.some((f) => sameCertificate(f.head, cert))) {
    throw new CabinetSignatureRefused('SIGNER_FORMER_HEAD', 'документ підписано сертифікатом колишнього керівника: після зміни керівника він не приймається');
  }
  if (!cab.head) throw new CabinetSignatureRefused('HEAD_CHANGE_PENDING', 'керівника змінено, а дані сертифіката нового керівника ще не надано');
  throw new CabinetSignatureRefused('SIGNER_NOT_HEAD', 'документ підписано не сертифікатом керівника, зареєстрованим для кабінету');
}

/** A document of a cabinet: a valid qualified signature by the cabinet's head now. Writes nothing. */
export async function checkCabinetSignature(o: { system: ActorSystem; trust: TrustStore; orgId: string; content: Buffer; cms: Buffer | string; at?: Date }): Promise<{ verification: VerificationResult; signer: HeadCertificateV1 }> {
  const { verification, parts } = verifyQualified(o);
  const signer = headOf(parts);
  const cab = (await o.system.ref(CABINETS_KIND, CABINETS_ID).ask({ type: 'get', orgId: o.orgId })) as CabinetV1 | null;
  assertHead(cab, signer);
  return { verification, signer };
}
