/**
 * Verification outcomes, after ETSI EN 319 102-1 (5.1.3): a main indication,
 * an ETSI sub-indication, and our own stable reason code with texts in
 * Ukrainian and English. Each reason code fixes its indication, so the same
 * situation is always reported the same way.
 */
export type Indication = 'TOTAL_PASSED' | 'TOTAL_FAILED' | 'INDETERMINATE';

export type SubIndication =
  | 'FORMAT_FAILURE'
  | 'HASH_FAILURE'
  | 'SIG_CRYPTO_FAILURE'
  | 'CRYPTO_CONSTRAINTS_FAILURE'
  | 'NO_SIGNING_CERTIFICATE_FOUND'
  | 'NO_CERTIFICATE_CHAIN_FOUND'
  | 'NOT_YET_VALID'
  | 'EXPIRED'
  | 'OUT_OF_BOUNDS_NO_POE'
  | 'REVOKED_NO_POE'
  | 'CERTIFICATE_CHAIN_GENERAL_FAILURE'
  | 'TRY_LATER';

interface ReasonSpec {
  indication: Indication;
  subIndication?: SubIndication;
  uk: string;
  en: string;
}

export const REASONS = {
  OK: {
    indication: 'TOTAL_PASSED',
    uk: 'Підпис дійсний.',
    en: 'The signature is valid.',
  },
  FORMAT_FAILURE: {
    indication: 'TOTAL_FAILED',
    subIndication: 'FORMAT_FAILURE',
    uk: 'Підпис пошкоджений або має невідомий формат (очікується відокремлений CMS).',
    en: 'The signature is malformed or not a detached CMS SignedData.',
  },
  HASH_FAILURE: {
    indication: 'TOTAL_FAILED',
    subIndication: 'HASH_FAILURE',
    uk: 'Документ змінено після підписання: геш не збігається.',
    en: 'The document was changed after signing: the digest does not match.',
  },
  SIG_CRYPTO_FAILURE: {
    indication: 'TOTAL_FAILED',
    subIndication: 'SIG_CRYPTO_FAILURE',
    uk: 'Криптографічна перевірка підпису не пройдена.',
    en: 'The signature value does not verify with the signer’s public key.',
  },
  UNSUPPORTED_ALGORITHM: {
    indication: 'INDETERMINATE',
    subIndication: 'CRYPTO_CONSTRAINTS_FAILURE',
    uk: 'Алгоритм гешування або підпису не підтримується чи вважається ненадійним.',
    en: 'The digest or signature algorithm is unsupported or not considered secure.',
  },
  NO_SIGNING_CERTIFICATE: {
    indication: 'INDETERMINATE',
    subIndication: 'NO_SIGNING_CERTIFICATE_FOUND',
    uk: 'Сертифікат підписувача не знайдено в підписі.',
    en: 'The signer’s certificate is not present in the signature.',
  },
  SIGNING_CERTIFICATE_MISMATCH: {
    indication: 'INDETERMINATE',
    subIndication: 'NO_SIGNING_CERTIFICATE_FOUND',
    uk: 'Сертифікат у підписі не відповідає підписаному посиланню на сертифікат (signing-certificate-v2).',
    en: 'The certificate does not match the signed signing-certificate-v2 reference.',
  },
  UNKNOWN_ISSUER: {
    indication: 'INDETERMINATE',
    subIndication: 'NO_CERTIFICATE_CHAIN_FOUND',
    uk: 'Сертифікат підписувача видано невідомим (недовіреним) центром сертифікації.',
    en: 'The signer’s certificate was not issued by a trusted CA.',
  },
  CERT_NOT_YET_VALID: {
    indication: 'TOTAL_FAILED',
    subIndication: 'NOT_YET_VALID',
    uk: 'Підпис існував раніше, ніж набув чинності сертифікат підписувача.',
    en: 'The signature existed before the signer’s certificate became valid.',
  },
  SIGNING_TIME_BEFORE_CERT: {
    indication: 'INDETERMINATE',
    subIndication: 'NOT_YET_VALID',
    uk: 'Зазначений час підписання передує початку дії сертифіката.',
    en: 'The claimed signing time is before the certificate’s validity.',
  },
  CERT_REVOKED: {
    indication: 'INDETERMINATE',
    subIndication: 'REVOKED_NO_POE',
    uk: 'Сертифікат підписувача скасовано, і немає доказу, що підпис створено до скасування.',
    en: 'The signer’s certificate is revoked and nothing proves the signature predates the revocation.',
  },
  CERT_EXPIRED: {
    indication: 'INDETERMINATE',
    subIndication: 'EXPIRED',
    uk: 'Строк дії сертифіката підписувача сплив до зазначеного часу підписання.',
    en: 'The signer’s certificate had expired before the claimed signing time.',
  },
  CERT_EXPIRED_NO_POE: {
    indication: 'INDETERMINATE',
    subIndication: 'OUT_OF_BOUNDS_NO_POE',
    uk: 'Строк дії сертифіката сплив, і немає доказу, що підпис створено в період його дії.',
    en: 'The certificate has expired and nothing proves the signature was made while it was valid.',
  },
  CRL_INVALID: {
    indication: 'INDETERMINATE',
    subIndication: 'CERTIFICATE_CHAIN_GENERAL_FAILURE',
    uk: 'Список відкликаних сертифікатів пошкоджений або не підписаний центром сертифікації.',
    en: 'The CRL is malformed or not signed by the issuing CA.',
  },
  CRL_STALE: {
    indication: 'INDETERMINATE',
    subIndication: 'TRY_LATER',
    uk: 'Список відкликаних сертифікатів застарів на момент перевірки; потрібен свіжий.',
    en: 'The CRL had expired (nextUpdate) at the validation time; a fresh one is needed.',
  },
} as const satisfies Record<string, ReasonSpec>;

export type ReasonCode = keyof typeof REASONS;

export interface SignerSummary {
  subject: string;
  issuer: string;
  serial: string;
  notBefore: Date;
  notAfter: Date;
}

export interface VerificationResult {
  indication: Indication;
  subIndication?: SubIndication;
  reason: { code: ReasonCode; uk: string; en: string; detail?: string };
  signer?: SignerSummary;
  /** The signingTime attribute: what the signer claims, not a proof of time. */
  signingTime?: Date;
  /** Whether a CRL from the signer's CA was available and consulted. */
  revocationChecked: boolean;
}

export interface OutcomeContext {
  signer?: SignerSummary;
  signingTime?: Date;
  revocationChecked?: boolean;
  detail?: string;
}

export function outcome(code: ReasonCode, context: OutcomeContext = {}): VerificationResult {
  const spec: ReasonSpec = REASONS[code];
  return {
    indication: spec.indication,
    ...(spec.subIndication ? { subIndication: spec.subIndication } : {}),
    reason: { code, uk: spec.uk, en: spec.en, ...(context.detail ? { detail: context.detail } : {}) },
    ...(context.signer ? { signer: context.signer } : {}),
    ...(context.signingTime ? { signingTime: context.signingTime } : {}),
    revocationChecked: context.revocationChecked ?? false,
  };
}
