/**
 * A refusal of a package (issue 15 item 6): a stable code (contracts/archive/refusal.ts) and the Ukrainian reason the
 * court's archivist reads, naming the file or event. Thrown inside the transfer job and turned into a
 * `record-refusal` for the court; never retried (the same bytes give the same answer).
 */
import { AsdsError } from '../../../runtime/errors.ts';
import type { ArchiveRefusalCode } from '../../../contracts/archive/index.ts';

export class PackageRefused extends AsdsError {
  constructor(
    readonly refusal: ArchiveRefusalCode,
    readonly reason: string,
  ) {
    super('ARCHIVE_PACKAGE_REFUSED', reason, { code: refusal });
  }
}

export interface PackageProblem {
  code: string;
  file?: string;
  message: string;
}

/**
 * validatePackage's problems (actors/archive/validate.ts) as one refusal: the most specific code among them (a
 * missing file before an altered one before a bad seal before a broken journal proof — the first cause hides the
 * later ones) and every problem in the reason.
 */
export function refusalOf(problems: readonly PackageProblem[]): PackageRefused {
  const rank: ArchiveRefusalCode[] = ['FILE_MISSING', 'FIXITY_MISMATCH', 'BAD_SEAL', 'BAD_JOURNAL_PROOF', 'BAD_SIGNATURE', 'WRONG_PACKAGE', 'INVALID_PACKAGE'];
  const codes = problems.map((p) => refusalCodeOf(p.code));
  const code = rank.find((c) => codes.includes(c)) ?? 'INVALID_PACKAGE';
  const named = problems.slice(0, 10).map((p) => `${p.file ? `${p.file}: ` : ''}${p.message} [${p.code}]`);
  if (problems.length > 10) named.push(`і ще ${problems.length - 10}`);
  return new PackageRefused(code, `${REASON_HEAD[code]}: ${named.join('; ')}`);
}

/** validatePackage's codes (docs/archive-package.md §7) and the refusal each one is. */
export const PROBLEM_REFUSALS: Record<string, ArchiveRefusalCode> = {
  BAG_NOT_FOUND: 'FILE_MISSING',
  BAGIT_DECLARATION_INVALID: 'INVALID_PACKAGE',
  BAG_INFO_INVALID: 'INVALID_PACKAGE',
  MANIFEST_MISSING: 'FILE_MISSING',
  MANIFEST_LINE_INVALID: 'INVALID_PACKAGE',
  FILE_MISSING: 'FILE_MISSING',
  FILE_ALTERED: 'FIXITY_MISMATCH',
  FILE_EXTRA: 'FIXITY_MISMATCH',
  OXUM_MISMATCH: 'FIXITY_MISMATCH',
  SEAL_MISSING: 'BAD_SEAL',
  SEAL_NO_CA: 'BAD_SEAL',
  SEAL_INVALID: 'BAD_SEAL',
  PROOF_MALFORMED: 'BAD_JOURNAL_PROOF',
  CHAIN_HASH_MISMATCH: 'BAD_JOURNAL_PROOF',
  CHAIN_BROKEN: 'BAD_JOURNAL_PROOF',
  CHECKPOINT_HASH_MISMATCH: 'BAD_JOURNAL_PROOF',
  CHECKPOINT_SEAL_INVALID: 'BAD_JOURNAL_PROOF',
  CASE_EVENT_NOT_IN_CHAIN: 'BAD_JOURNAL_PROOF',
  CASE_EVENT_MISMATCH: 'BAD_JOURNAL_PROOF',
  CASE_EVENT_OMITTED: 'BAD_JOURNAL_PROOF',
  RECEIPT_MISMATCH: 'BAD_JOURNAL_PROOF',
  RECEIPT_INVALID: 'BAD_JOURNAL_PROOF',
  DOCUMENT_SIGNATURE_INVALID: 'BAD_SIGNATURE',
  PROTOCOL_SEAL_INVALID: 'BAD_SIGNATURE',
};

/** A validator's problem code to the refusal code the court is told (a code added later: by its words). */
export function refusalCodeOf(code: string): ArchiveRefusalCode {
  const known = PROBLEM_REFUSALS[code];
  if (known) return known;
  const c = code.toUpperCase();
  if (/MISSING|NOT_FOUND|ABSENT/.test(c)) return 'FILE_MISSING';
  if (/SEAL|SIGNATURE|CMS|CERT/.test(c)) return 'BAD_SEAL';
  if (/CHAIN|JOURNAL|CHECKPOINT|PROOF|RECEIPT/.test(c)) return 'BAD_JOURNAL_PROOF';
  if (/SHA|FIXITY|HASH|DIGEST|OXUM|SIZE|ALTERED|MISMATCH|MANIFEST|EXTRA|UNLISTED/.test(c)) return 'FIXITY_MISMATCH';
  return 'INVALID_PACKAGE';
}

export const REASON_HEAD: Record<ArchiveRefusalCode, string> = {
  FILE_MISSING: 'У пакеті бракує файлу',
  FIXITY_MISMATCH: 'Вміст файлу пакета не збігається з маніфестом',
  BAD_SEAL: 'Печатка суду на пакеті не перевіряється',
  BAD_JOURNAL_PROOF: 'Сегмент журналу в пакеті не доводить подій справи',
  BAD_SIGNATURE: 'Підпис документа або печатка протоколу в пакеті не перевіряється',
  EVENTS_DISAGREE: 'Події справи в пакеті не збігаються з копією центральної бази',
  WRONG_PACKAGE: 'Пакет не відповідає справі або суду',
  INVALID_PACKAGE: 'Пакет не відповідає формату архівного пакета',
};
