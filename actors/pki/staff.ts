/** Staff (judges, clerks, …) certificates issued by the court CA. */
import { existsSync } from 'node:fs';
import { buildCertificate } from './cert-builder.ts';
import { addDays, loadCourtCa } from './court-ca.ts';
import { toSeconds } from './der.ts';
import { CertificateExistsError, InvalidValidityError } from './errors.ts';
import { generateRsaKeyPair } from './keys.ts';
import { userPaths, writePublic, writeSecret } from './layout.ts';
import { userSubject } from './names.ts';

export const DEFAULT_USER_DAYS = 730;

export interface IssueUserOptions {
  dir: string;
  /** Becomes the file name and the UID attribute: [A-Za-z0-9._-], 1-64 chars. */
  login: string;
  fullName: string;
  /** Position, e.g. "суддя"; goes into the `title` attribute. */
  role?: string;
  /** Default 730, counted from notBefore; ignored when notAfter is given. */
  validDays?: number;
  /** Explicit window, so tests can make expired or not-yet-valid certificates. */
  notBefore?: Date;
  notAfter?: Date;
  /** Opens the court CA key. */
  passphrase: string;
}

export interface IssuedCertificate {
  login: string;
  serial: string;
  certPem: string;
  keyPem: string;
  certPath: string;
  keyPath: string;
  notBefore: Date;
  notAfter: Date;
}

export function issueUserCertificate(options: IssueUserOptions): IssuedCertificate {
  const { dir, login, fullName, role } = options;
  const paths = userPaths(dir, login);
  if (existsSync(paths.cert) || existsSync(paths.key)) throw new CertificateExistsError(paths.cert);
  const ca = loadCourtCa(dir, options.passphrase);
  const notBefore = toSeconds(options.notBefore ?? new Date());
  const notAfter = toSeconds(options.notAfter ?? addDays(notBefore, options.validDays ?? DEFAULT_USER_DAYS));
  if (notAfter.getTime() <= notBefore.getTime()) {
    throw new InvalidValidityError(`notAfter ${notAfter.toISOString()} is not after notBefore ${notBefore.toISOString()}`);
  }
  const keys = generateRsaKeyPair();
  const cert = buildCertificate({
    subject: userSubject(ca.courtName, login, fullName, role),
    issuerName: ca.parts.subject,
    issuerKeyId: ca.keyId,
    subjectPublicKeyPem: keys.publicKeyPem,
    issuerKey: ca.key,
    notBefore,
    notAfter,
    isCa: false,
  });
  try {
    writeSecret(paths.key, keys.privateKeyPem);
  } catch (err) {
    // Lost a race with a concurrent issue for the same login: the other one stands.
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new CertificateExistsError(paths.key);
    throw err;
  }
  writePublic(paths.cert, cert.pem);
  return { login, serial: cert.serial, certPem: cert.pem, keyPem: keys.privateKeyPem, certPath: paths.cert, keyPath: paths.key, notBefore, notAfter };
}
