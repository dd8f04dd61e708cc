/**
 * asds PKI: court CA, staff and seal certificates, CRLs, detached CMS
 * (CAdES-BES-like) signatures and their verification. Files + Node crypto +
 * node-forge only; no servers.
 *
 * Usage (runnable with `node --import tsx`):
 *
 *   import { mkdtempSync } from 'node:fs';
 *   import { tmpdir } from 'node:os';
 *   import { join } from 'node:path';
 *   import * as pki from './actors/pki/index.ts';
 *
 *   const dir = mkdtempSync(join(tmpdir(), 'court-pki-'));
 *   const passphrase = process.env.ASDS_KEY_PASSPHRASE!; // keys are encrypted at rest (README.md)
 *   pki.initCourtCa({ dir, courtCode: '2601', courtName: 'Печерський районний суд міста Києва', passphrase });
 *   const judge = pki.issueUserCertificate({ dir, login: 'ivanenko', fullName: 'Іваненко Іван Іванович', role: 'суддя', passphrase });
 *   const content = Buffer.from('Протокол автоматизованого розподілу справи № 757/1/26');
 *   const cms = pki.signDetached({ content, certPem: judge.certPem, keyPem: judge.keyPem });
 *
 *   const seal = pki.createSigner(pki.readSeal(dir, passphrase)); // parse the key once, sign thousands
 *   const sealed = seal.sign(content);
 *
 *   const { der: crl } = pki.buildCrl({ dir, passphrase });
 *   const trustStore = pki.loadTrustStore(dir);
 *   for (const signature of [cms, sealed]) {
 *     const result = pki.verifyDetached({ content, cms: signature, trustStore, crl });
 *     console.log(result.indication, result.reason.uk); // TOTAL_PASSED Підпис дійсний.
 *   }
 */
export { initCourtCa, readSeal, encryptCourtKeys, requirePassphrase, type CourtCaInfo, type InitCourtCaOptions } from './court-ca.ts';
export { encryptPrivateKeyPem, openPrivateKey, isEncryptedPem, MIN_PASSPHRASE_LENGTH, PBKDF2_ITERATIONS } from './keys.ts';
export { assertOwnerOnly, readSecretFile, resolveKeyPassphrase, demoKeyPassphraseFile, KEY_PASSPHRASE_ENV, type KeyPassphrase } from './passphrase.ts';
export { writeFileDurable, fsyncDir, type DurableStep, type DurableWriteOptions } from '../../runtime/durable-file.ts';
export { issueUserCertificate, type IssueUserOptions, type IssuedCertificate } from './staff.ts';
export { importExternalCertificate, type ImportExternalOptions, type ImportedCertificate } from './external.ts';
export { createTrustStore, loadTrustStore, type TrustAnchor, type TrustStore } from './trust-store.ts';
export { revokeCertificate, CRL_REASONS, type CrlReason, type RevocationEntry, type RevokeOptions } from './revocations.ts';
export { buildCrl, type BuildCrlOptions, type BuiltCrl } from './crl-build.ts';
export { parseCrl, type CrlInput, type ParsedCrl } from './crl-parse.ts';
export { createSigner, signDetached, signDetachedPem, type Signer, type SignerKeys, type SignDetachedOptions } from './cms-sign.ts';
export { verifyDetached, type VerifyOptions } from './verify.ts';
export { vrfProve, vrfProver, vrfVerify, vrfProofToHash, vrfKeyId, VRF_SUITE, type VrfProver } from './vrf.ts';
export { courtSealAnchor, loadCourtSealAnchor, notCourtSeal, verifyCourtSeal, type CourtSealAnchor, type CourtSealVerification } from './court-seal.ts';
export { REASONS, type Indication, type ReasonCode, type SignerSummary, type SubIndication, type VerificationResult } from './outcome.ts';
export {
  PkiError,
  CaAlreadyExistsError,
  CaNotFoundError,
  CertificateExistsError,
  InvalidCertificateError,
  InvalidCrlError,
  InvalidLoginError,
  InvalidValidityError,
  KeyMismatchError,
  KeyNotEncryptedError,
  KeyPassphraseError,
  KeyFilePermissionError,
  KeyPassphraseMissingError,
  NotCaCertificateError,
  UnknownSerialError,
  UnsupportedKeyError,
} from './errors.ts';
