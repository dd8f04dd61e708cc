/**
 * Check a juror (Засади 7.6, 7.9) or duty (4.6) protocol — the court
 * document wrapping it, or the bare protocol — from itself: recompute the
 * draw, and check the document's id, kind and sequence agree. Used by
 * `asds verify-protocol`, which dispatches here on the `kind` field.
 * These documents are not sealed yet (see the issue report), so there is
 * no signature to check.
 */
import { verifyDutyProtocol } from '../../distribution/duty.ts';
import { verifyJurorProtocol } from '../../distribution/verify-jurors.ts';

const KINDS = new Set(['juror-selection', 'juror-impossibility', 'duty-assignment', 'duty-impossibility']);

/** True for a juror/duty document or protocol (dispatch on `kind`). */
export function isJurorOrDutyRecord(doc: unknown): boolean {
  return typeof doc === 'object' && doc !== null && KINDS.has(String((doc as { kind?: unknown }).kind));
}

export interface RecordCheck {
  ok: boolean;
  problems: string[];
  seal: string;
}

export function checkJurorOrDutyRecord(doc: unknown): RecordCheck {
  const d = doc as { kind: string; schema?: string; protocol?: unknown; documentId?: string; attempt?: { seq?: number } };
  const problems: string[] = [];
  const wrapped = d.schema === 'asds.juror-document/v1' || d.schema === 'asds.duty-document/v1';
  const protocol = (wrapped ? d.protocol : doc) as { kind?: string } | undefined;
  if (wrapped) {
    if (protocol?.kind !== d.kind) problems.push(`kind ${d.kind} differs from the protocol's ${protocol?.kind}`);
    const m = /^\d{1,4}-(\d{9})-/.exec(d.documentId ?? '');
    if (!m || Number(m[1]) !== d.attempt?.seq) problems.push(`documentId ${d.documentId} does not carry the attempt seq ${d.attempt?.seq}`);
  }
  const kind = String(protocol?.kind ?? d.kind);
  const v = kind.startsWith('duty-') ? verifyDutyProtocol(protocol) : verifyJurorProtocol(protocol);
  for (const m of v.mismatches) problems.push(`protocol${m.path}: expected ${JSON.stringify(m.expected)}, found ${JSON.stringify(m.actual)}`);
  return { ok: problems.length === 0, problems, seal: 'not sealed (juror/duty protocol)' };
}
