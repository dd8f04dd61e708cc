/**
 * The court seal on protocols (Засади 13: a document in state "Original";
 * spec §1): one module for every protocol family — distribution, jurors
 * (7.6, 7.9), duty (4.6). `<data>/pki` holds the court CA and its seal
 * certificate (actors/pki), created on the node's first start if absent.
 *
 * What is signed: the canonical JSON (keys sorted, no whitespace) of the
 * document without `signature` and `journal` — the journal block (global
 * sequence, hash-chain value) is known only after the commit, so it is
 * added on read and checked against the journal, not signed.
 */
import type { X509Certificate } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  createSigner,
  demoKeyPassphraseFile,
  initCourtCa,
  KEY_PASSPHRASE_ENV,
  loadCourtSealAnchor,
  readSeal,
  resolveKeyPassphrase,
  verifyCourtSeal,
  type CourtSealAnchor,
  type KeyPassphrase,
  type Signer,
} from '../../pki/index.ts';
import { canonicalJson } from '../../distribution/canonical.ts';
import { cmsToDer, parseSignedData } from '../../pki/cms-parse.ts';

export interface SealSignature {
  format: 'cms-detached-der-base64';
  cms: string;
  signer: string;
}

/** Any sealed document: the seal and the unsigned journal block sit beside the signed content. */
export interface Sealable {
  signature?: SealSignature;
  journal?: unknown;
}

export function courtPkiDir(dataDir: string): string {
  return join(dataDir, 'pki');
}

/**
 * The passphrase of a node started without one (in-process use: tests,
 * embedding): env ASDS_KEY_PASSPHRASE, else the demo file
 * `<data>/key-passphrase` (0600, created on first use). `asds court serve`
 * never falls back: it refuses to start without env or --key-passphrase-file.
 */
export function defaultKeyPassphrase(dataDir: string): KeyPassphrase {
  const fromEnv = resolveKeyPassphrase({ env: process.env[KEY_PASSPHRASE_ENV] });
  if (fromEnv) return fromEnv;
  return resolveKeyPassphrase({ file: demoKeyPassphraseFile(dataDir) })!;
}

/**
 * Load the seal signer, creating the court CA + seal first if this data dir
 * has none. The keys are encrypted at rest with `passphrase`; the seal key is
 * decrypted into memory once here (an HSM would keep it inside: see
 * actors/pki/README.md).
 */
export function ensureCourtSeal(dataDir: string, courtCode: string, courtName: string, passphrase?: string): Signer {
  const dir = courtPkiDir(dataDir);
  const secret = passphrase ?? defaultKeyPassphrase(dataDir).passphrase;
  if (!existsSync(join(dir, 'seal.key.pem'))) initCourtCa({ dir, courtCode, courtName, passphrase: secret });
  return createSigner(readSeal(dir, secret));
}

/** Deterministic JSON (docs/draw-spec.md §3): one definition for seals and draw inputs. */
export { canonicalJson } from '../../distribution/canonical.ts';

/** The bytes the seal signs. */
export function signedContentOf(doc: Sealable): Buffer {
  const { signature: _s, journal: _j, ...rest } = doc;
  return Buffer.from(canonicalJson(rest), 'utf8');
}

/** The document with the court seal's detached CMS over its canonical content. */
export function sealDocument<T extends Sealable>(doc: T, signer: Signer, at: Date): T & { signature: SealSignature } {
  const cms = signer.sign(signedContentOf(doc), at);
  return { ...doc, signature: { format: 'cms-detached-der-base64', cms: cms.toString('base64'), signer: signer.certificate.subject.replace(/\n/g, ', ') } };
}

export interface SealCheck {
  /** Summary for people, e.g. `TOTAL_PASSED Підпис дійсний.` */
  line: string;
  problems: string[];
  /** The seal certificate (trusted only when the seal verified): its key checks asds-draw/2 proofs. */
  certificate?: X509Certificate;
  certificateTrusted?: boolean;
}

/**
 * Verify the seal of a document of `court` (Засади 13: an "Original" under
 * the court seal). Only THIS court's seal certificate, issued by this
 * court's own CA, passes (actors/pki/court-seal.ts): not another court's or a
 * provider's CA imported as trusted, not a staff certificate of our CA, not a
 * self-made one. Anything short of TOTAL_PASSED is a problem — INDETERMINATE
 * is never "OK" — and so is the lack of the court CA to check against.
 */
export function checkSeal(doc: Sealable, anchor: CourtSealAnchor | undefined, court: string): SealCheck {
  const sig = doc.signature;
  if (!sig || typeof sig.cms !== 'string') return { line: 'no signature', problems: ['the document carries no seal signature'] };
  if (!anchor) return { line: 'not verified', problems: ['seal: no court CA to verify against (give --ca <ca.crt.pem> or --data <court data dir>)'], ...embedded(sig.cms) };
  const cms = Buffer.from(sig.cms, 'base64');
  if (cms.length === 0) return { line: 'unreadable signature', problems: ['seal: the signature is empty or not base64'] };
  const v = verifyCourtSeal({ content: signedContentOf(doc), cms, anchor, court });
  const line = `${v.result.indication} ${v.result.reason.uk}`;
  return v.ok ? { line, problems: [], ...(v.signer ? { certificate: v.signer.x509 } : {}) } : { line, problems: [`seal: ${v.problem}`], ...embedded(sig.cms) };
}

/**
 * A seal that did not verify still names its certificate: the draw is checked under it too, so every
 * mismatch is listed (the document already fails on its seal; `certificateTrusted` says which case it is).
 */
function embedded(cms: string): { certificate?: X509Certificate; certificateTrusted: false } {
  try {
    const cert = parseSignedData(cmsToDer(Buffer.from(cms, 'base64'))).certificates[0];
    return cert ? { certificate: cert.x509, certificateTrusted: false } : { certificateTrusted: false };
  } catch {
    return { certificateTrusted: false };
  }
}

/** The court CA of a node's data dir (`<data>/pki/ca.crt.pem` only, never the imported `trust/`), or undefined. */
export function courtSealAnchorOf(dataDir: string): CourtSealAnchor | undefined {
  return loadCourtSealAnchor(courtPkiDir(dataDir));
}

/**
 * Numbers of the jurors' and duty protocols (spec §1, Засади 13.2). Each
 * document type has its own sequence from 1 — the way a court office keeps a
 * separate register per type — so the unique id
 * `<court>-<number>-<type>-<jurisdiction>` is unique through its type part.
 * The actor keeps every document of its type; the next number is the highest
 * number used + 1, read from every id: a data dir from before
 * this numbering holds ids made of the event seq (legacy, no `number`), and a
 * count-based number could equal one of them — the new document would
 * replace the old in the map, the count would stop growing and numbers would
 * repeat. So on a fresh court the sequence is gapless from 1; after legacy
 * ids it continues above the highest of them, and never reuses an id.
 */
export function protocolNumber(documents: Record<string, { number?: number }>): number {
  let max = 0;
  for (const [id, d] of Object.entries(documents)) max = Math.max(max, d.number ?? 0, numberInId(id));
  return max + 1;
}

/** The 9-digit number inside `<court>-<number>-<type>-<jurisdiction>` (0 when the id has another form). */
export function numberInId(documentId: string): number {
  const m = /^\d{1,4}-(\d{9})-/.exec(documentId);
  return m ? Number(m[1]) : 0;
}

export function protocolDocumentId(court: string, number: number, type: string, jurisdiction: string): string {
  return `${court}-${String(number).padStart(9, '0')}-${type}-${jurisdiction}`;
}
