/**
 * The court's trust material (anchors + CRL) held in memory, so that the
 * documents actor's `decide` verifies a signature without touching the disk
 * (decide stays pure: what it needs from elsewhere comes as data).
 *
 *   const trust = courtTrust(`${dataDir}/pki`);
 *   trust.refresh();                  // outside decide: the HTTP layer, before it asks
 *   verifyWithTrust(trust.current(), content, cms, new Date());
 *
 * `refresh()` re-reads the folder only when a file in it changed (inode,
 * size and mtime of `ca.crt.pem`, `crl.pem` and `trust/*.crt.pem`), so a CRL
 * built by `asds pki revoke` takes effect at the next signature without a
 * restart.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DomainRejected } from '../../../runtime/index.ts';
import { loadTrustStore, verifyDetached, type TrustStore, type VerificationResult } from '../../pki/index.ts';

export interface CourtTrustMaterial {
  readonly pkiDir: string;
  readonly store: TrustStore;
  readonly crl?: Buffer;
}

const stampOf = (path: string): string => {
  try {
    const s = statSync(path);
    return `${path}:${s.ino}:${s.size}:${s.mtimeMs}`;
  } catch {
    return `${path}:-`;
  }
};

export class CourtTrust {
  private material: CourtTrustMaterial | undefined;
  private stamp = '';

  constructor(readonly pkiDir: string) {
    this.refresh();
  }

  /** Re-read anchors and CRL if any of their files changed since the last read. */
  refresh(): void {
    const trustFolder = join(this.pkiDir, 'trust');
    const extra = existsSync(trustFolder) ? readdirSync(trustFolder).filter((n) => n.endsWith('.crt.pem')).sort().map((n) => join(trustFolder, n)) : [];
    const stamp = [join(this.pkiDir, 'ca.crt.pem'), join(this.pkiDir, 'crl.pem'), ...extra].map(stampOf).join('|');
    if (stamp === this.stamp) return;
    this.stamp = stamp;
    if (!existsSync(join(this.pkiDir, 'ca.crt.pem'))) {
      this.material = undefined;
      return;
    }
    const crlFile = join(this.pkiDir, 'crl.pem');
    this.material = { pkiDir: this.pkiDir, store: loadTrustStore(this.pkiDir), ...(existsSync(crlFile) ? { crl: readFileSync(crlFile) } : {}) };
  }

  /** What was last read; undefined when the court has no CA yet. */
  current(): CourtTrustMaterial | undefined {
    return this.material;
  }
}

const byDir = new Map<string, CourtTrust>();

/** One in-memory copy per PKI folder, shared by the documents actor and the HTTP layer. */
export function courtTrust(pkiDir: string): CourtTrust {
  const key = resolve(pkiDir);
  let t = byDir.get(key);
  if (!t) byDir.set(key, (t = new CourtTrust(pkiDir)));
  return t;
}

/** Verify a detached CMS over a document's content with the given trust material (pure: no file reads). */
export function verifyWithTrust(trust: CourtTrustMaterial | undefined, content: Buffer, cms: Buffer, at: Date, pkiDir = trust?.pkiDir ?? 'pki'): VerificationResult {
  if (!trust) throw new DomainRejected('PKI_NOT_CONFIGURED', `no court CA in ${pkiDir}: run \`asds pki init --data <dir>\``);
  return verifyDetached({ content, cms, trustStore: trust.store, at, ...(trust.crl ? { crl: trust.crl } : {}) });
}
