/**
 * Check a juror (Засади 7.6, 7.9) or duty (4.6) protocol document from
 * itself: its shape, the draw recomputed, the id carrying its own number,
 * and the court seal over the canonical content (actors/court/seal — the
 * same check as the distribution protocols). Used by `asds verify-protocol`,
 * which dispatches here on the `kind` field. A bare protocol (no document
 * around it) is recomputed, and refused for want of the seal.
 */
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { JurorDocumentSchema, type JurorDocument } from '../../../contracts/court/jurors.ts';
import { DutyDocumentSchema, type DutyDocument } from '../../../contracts/court/duty.ts';
import { verifyDutyProtocol } from '../../distribution/duty.ts';
import { verifyJurorProtocol } from '../../distribution/verify-jurors.ts';
import type { CourtSealAnchor } from '../../pki/index.ts';
import type { VerifyOptions } from '../../distribution/verify.ts';
import { vrfOptions } from '../distribution/check.ts';
import { checkSeal, numberInId, protocolDocumentId } from '../seal/index.ts';
import { JUROR_DOCUMENT_TYPE } from './behavior.ts';
import { DUTY_DOCUMENT_TYPE } from '../duty/behavior.ts';

const KINDS = new Set(['juror-selection', 'juror-impossibility', 'duty-assignment', 'duty-impossibility']);
const jurorShape = TypeCompiler.Compile(JurorDocumentSchema);
const dutyShape = TypeCompiler.Compile(DutyDocumentSchema);

/** True for a juror/duty document or protocol (dispatch on `kind`). */
export function isJurorOrDutyRecord(doc: unknown): boolean {
  return typeof doc === 'object' && doc !== null && KINDS.has(String((doc as { kind?: unknown }).kind));
}

export interface RecordCheck {
  ok: boolean;
  problems: string[];
  seal: string;
}

/** The draw recomputed; an asds-draw/2 one with the VRF proofs checked under the seal certificate (`opts`). */
function recompute(protocol: unknown, problems: string[], opts: VerifyOptions = {}): void {
  const kind = String((protocol as { kind?: unknown } | undefined)?.kind);
  const v = kind.startsWith('duty-') ? verifyDutyProtocol(protocol, opts) : verifyJurorProtocol(protocol, opts);
  for (const m of v.mismatches) problems.push(`protocol${m.path}: expected ${JSON.stringify(m.expected)}, found ${JSON.stringify(m.actual)}`);
}

/**
 * A juror/duty document journaled before the protocols had their own
 * numbers and the seal: no `number`, its id's 9 digits are the event seq.
 * Not an error of the record — it was valid when made — but it cannot be
 * verified as a sealed Original, and its id is not a protocol number.
 */
export function legacyNote(doc: unknown): string | undefined {
  const d = doc as { number?: unknown; documentId?: unknown; attempt?: { seq?: unknown }; signature?: unknown };
  if (d.number !== undefined || typeof d.documentId !== 'string') return undefined;
  const seq = typeof d.attempt?.seq === 'number' ? d.attempt.seq : numberInId(d.documentId);
  return `legacy protocol ${d.documentId}: recorded before protocol numbering and sealing — its id carries the journal event seq ${seq}, not a protocol number, and it has ${d.signature ? 'no verifiable' : 'no'} court seal (not verifiable as an Original)`;
}

export function checkJurorOrDutyRecord(doc: unknown, anchor?: CourtSealAnchor): RecordCheck {
  const d = doc as { schema?: unknown };
  const problems: string[] = [];
  const juror = d.schema === 'asds.juror-document/v1';
  if (!juror && d.schema !== 'asds.duty-document/v1') {
    // Recomputed, but refused: only the court document carries the seal, and stripping it must not pass (13: "Original").
    recompute(doc, problems);
    problems.push('a bare protocol, not the sealed court document (asds.juror-document/v1 or asds.duty-document/v1)');
    return { ok: false, problems, seal: 'none' };
  }
  const legacy = legacyNote(doc);
  if (legacy) {
    // Recorded before protocol numbers and the seal (review 11): said so plainly, the draw still recomputed.
    recompute((doc as { protocol?: unknown }).protocol, problems);
    problems.push(legacy);
    return { ok: false, problems, seal: 'none (legacy)' };
  }
  const shape = juror ? jurorShape : dutyShape;
  if (!shape.Check(doc)) {
    for (const e of shape.Errors(doc)) problems.push(`schema ${e.path || '/'}: ${e.message}`);
    return { ok: false, problems, seal: 'not checked' };
  }
  const document = doc as JurorDocument | DutyDocument;
  const p = document.protocol;
  if (p.kind !== document.kind) problems.push(`kind ${document.kind} differs from the protocol's ${p.kind}`);
  const jurisdiction = juror && (p as JurorDocument['protocol']).proceeding !== 'criminal' ? 'ц' : 'к';
  const expectedId = protocolDocumentId(p.court, document.number, juror ? JUROR_DOCUMENT_TYPE : DUTY_DOCUMENT_TYPE, jurisdiction);
  if (document.documentId !== expectedId) problems.push(`documentId ${document.documentId} is not ${expectedId} (court, number ${document.number}, type, jurisdiction)`);
  // Засади 13: sealed by the court the protocol names, with its own seal certificate — whose key checks the
  // asds-draw/2 proofs (docs/draw-spec.md §9.4, §9.6).
  const seal = checkSeal(document, anchor, p.court);
  recompute(p, problems, vrfOptions(seal.certificate));
  problems.push(...seal.problems);
  return { ok: problems.length === 0, problems, seal: seal.line };
}
