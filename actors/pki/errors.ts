/**
 * Typed errors of the PKI library. `name` and `code` are stable: callers and
 * logs match on them, never on the message text.
 */
export class PkiError extends Error {
  readonly code: string;
  constructor(name: string, code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = name;
    this.code = code;
  }
}

/** `initCourtCa` found a CA already in the directory; a court CA is never silently replaced. */
export class CaAlreadyExistsError extends PkiError {
  constructor(readonly dir: string) {
    super('CaAlreadyExistsError', 'PKI_CA_EXISTS', `a court CA already exists in ${dir}`);
  }
}

/** The directory holds no court CA (run `initCourtCa` first). */
export class CaNotFoundError extends PkiError {
  constructor(readonly dir: string) {
    super('CaNotFoundError', 'PKI_CA_NOT_FOUND', `no court CA in ${dir}`);
  }
}

/** A login that could escape `users/` or is otherwise unusable as a file name. */
export class InvalidLoginError extends PkiError {
  constructor(readonly login: string) {
    super('InvalidLoginError', 'PKI_INVALID_LOGIN', `invalid login ${JSON.stringify(login)}: use [A-Za-z0-9._-], 1-64 chars, not starting with a dot`);
  }
}

/** A user certificate for this login already exists; re-issue means revoke first, then remove. */
export class CertificateExistsError extends PkiError {
  constructor(readonly path: string) {
    super('CertificateExistsError', 'PKI_CERT_EXISTS', `certificate already exists: ${path}`);
  }
}

/** Validity window that ends before it starts. */
export class InvalidValidityError extends PkiError {
  constructor(message: string) {
    super('InvalidValidityError', 'PKI_INVALID_VALIDITY', message);
  }
}

/** Input that is not a parseable X.509 certificate. */
export class InvalidCertificateError extends PkiError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('InvalidCertificateError', 'PKI_INVALID_CERT', message, options);
  }
}

/** Asked to trust a certificate that is not a CA: an end-entity is never a trust anchor. */
export class NotCaCertificateError extends PkiError {
  constructor(readonly subject: string) {
    super('NotCaCertificateError', 'PKI_NOT_CA', `not a CA certificate, cannot be trusted as an anchor: ${subject}`);
  }
}

/** The private key given to the signer does not belong to the certificate. */
export class KeyMismatchError extends PkiError {
  constructor() {
    super('KeyMismatchError', 'PKI_KEY_MISMATCH', 'private key does not match the certificate');
  }
}

/** Key type the signer cannot produce a CMS signature with. */
export class UnsupportedKeyError extends PkiError {
  constructor(readonly keyType: string) {
    super('UnsupportedKeyError', 'PKI_UNSUPPORTED_KEY', `unsupported signing key type: ${keyType}`);
  }
}

/** Serial that this CA never issued (a typo would otherwise revoke nothing, silently). */
export class UnknownSerialError extends PkiError {
  constructor(readonly serial: string) {
    super('UnknownSerialError', 'PKI_UNKNOWN_SERIAL', `no certificate with serial ${serial} was issued by this CA`);
  }
}

/** A CRL that cannot be parsed. */
export class InvalidCrlError extends PkiError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('InvalidCrlError', 'PKI_INVALID_CRL', message, options);
  }
}

/** A CA or seal private key stored without encryption (data dir of an older version). */
export class KeyNotEncryptedError extends PkiError {
  constructor(readonly path: string) {
    super(
      'KeyNotEncryptedError',
      'PKI_KEY_NOT_ENCRYPTED',
      `the private key ${path} is not encrypted (written by an older version); encrypt it once with ` +
        '`ASDS_KEY_PASSPHRASE=… asds pki encrypt-keys --data <data dir>` (or --key-passphrase-file <file>), then start again',
    );
  }
}

/** The passphrase does not open the key (or the file is damaged). */
export class KeyPassphraseError extends PkiError {
  constructor(readonly path: string, options?: { cause?: unknown }) {
    super('KeyPassphraseError', 'PKI_KEY_PASSPHRASE', `cannot open the private key ${path}: wrong passphrase or damaged file`, options);
  }
}

/** A key or passphrase file that group or others can read (or write). */
export class KeyFilePermissionError extends PkiError {
  constructor(readonly path: string, readonly mode: number, what: string) {
    super(
      'KeyFilePermissionError',
      'PKI_KEY_FILE_PERMISSIONS',
      `${what} ${path} is accessible to group/others (mode ${(mode & 0o777).toString(8).padStart(4, '0')}); it must be owner-only: chmod 600 ${path}`,
    );
  }
}

/** No passphrase, or one too short to protect a key. */
export class KeyPassphraseMissingError extends PkiError {
  constructor(message: string) {
    super('KeyPassphraseMissingError', 'PKI_KEY_PASSPHRASE_MISSING', message);
  }
}
