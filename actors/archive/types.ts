/**
 * What buildPackage and validatePackage take and give (plan.md, issue 15 items 3 and 5): the shapes the
 * court archive actor and the central archive job build against.
 */
import type { Signer } from '../pki/index.ts';

export interface BuildOptions {
  /** The package is made in `<outDir>/<packageId>/` (a new directory; refused when it exists). */
  outDir: string;
  /** The court seal (actors/court/seal ensureCourtSeal). */
  seal: Signer;
  /** PEM of the court CA that issued the seal: carried in the package so it verifies offline. */
  caPem: string;
}

export interface PackageFile {
  /** Relative to the bag's root, `/`-separated (e.g. `data/documents/…/content.json`, `manifest-sha256.txt`). */
  path: string;
  size: number;
  sha256: string;
}

export interface BuiltPackage {
  packageId: string;
  /** Absolute path of the bag directory. */
  dir: string;
  /** Every file of the bag (payload, tag files and the seal), sorted by path. */
  files: PackageFile[];
  /** Sum of `files[].size`. */
  bytes: number;
  /** SHA-256 of tagmanifest-sha256.txt: what the seal signs; names the package in the court's events. */
  tagmanifestSha256: string;
}

export interface ValidateOptions {
  /** The court CA to check the seal and the checkpoint against; default: `data/proof/court-ca.crt.pem` in the package. */
  caPem?: string;
  /** The bus operator's public key (nkey): the centre's receipt, when the package holds one, is checked with it. */
  operatorKey?: string;
  /** Judge the seals as of this time (a proof of existence, e.g. the centre's archive receipt); default now. */
  at?: Date;
}

export interface PackageProblem {
  /** Stable code (validate.ts PROBLEM_CODES). */
  code: string;
  /** The bag-relative file it concerns. */
  file?: string;
  /** Ukrainian, for the person running the check. */
  message: string;
}

export interface CaseEventRef {
  gseq: number;
  actor: string;
  type: string;
  hash: string;
}

export interface ValidationReport {
  ok: boolean;
  problems: PackageProblem[];
  bagInfo: Record<string, string>;
  /** The case's journal rows as proven by the package: the centre compares them with its replicated copy. */
  caseEvents: CaseEventRef[];
  /** Ukrainian notes that are not failures: what could not be checked, and against which CA the seal was. */
  notes: string[];
}
