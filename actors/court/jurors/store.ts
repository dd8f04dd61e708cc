/**
 * Juror (Засади 7.6, 7.9) and duty (4.6) protocols read by id straight from
 * the court journal — for `asds verify-protocol <id> --data <dir>`, which
 * must judge what is on disk, not what a running actor says. Their number
 * is their own sequence, not the event's aseq, so the event is found by the
 * document id inside it (tens of protocols a year: no index needed).
 */
import Database from 'better-sqlite3';
import { rowIntact } from '../seal/journal-row.ts';
import type { StoredEvent } from '../../../runtime/index.ts';
import { JUROR_KIND } from '../../../contracts/court/jurors.ts';
import { DUTY_KIND } from '../../../contracts/court/duty.ts';
import { JUROR_DOCUMENT_TYPE } from './behavior.ts';
import { DUTY_DOCUMENT_TYPE } from '../duty/behavior.ts';

const SOURCES: Record<string, { kind: string; event: string }> = {
  [JUROR_DOCUMENT_TYPE]: { kind: JUROR_KIND, event: 'juror-protocol' },
  [DUTY_DOCUMENT_TYPE]: { kind: DUTY_KIND, event: 'duty-assigned' },
};

/** `537-000000003-протокол-присяжних-к` → where its event lives, or undefined for another document type. */
export function recordSource(documentId: string): { actor: string; event: string } | undefined {
  const m = /^(\d{1,4})-\d{9}-(.+)-[а-яіїєґ]$/u.exec(documentId);
  const s = m ? SOURCES[m[2]!] : undefined;
  return s && { actor: `${s.kind}/${m![1]}`, event: s.event };
}

export interface StoredRecord {
  document: unknown;
  /** The event row's hash recomputes and it links to the rows before and after it (review 13: not edited and re-hashed). */
  rowHashOk: boolean;
}

export function readRecord(journalPath: string, documentId: string): StoredRecord | undefined {
  const src = recordSource(documentId);
  if (!src) return undefined;
  const db = new Database(journalPath, { readonly: true, fileMustExist: true });
  try {
    const row = db
      .prepare("SELECT * FROM events WHERE actor = ? AND type = ? AND json_extract(data, '$.document.documentId') = ?")
      .get(src.actor, src.event, documentId) as Omit<StoredEvent, 'command_id'> | undefined;
    if (!row) return undefined;
    return { document: (JSON.parse(row.data) as { document: unknown }).document, rowHashOk: rowIntact(db, row) };
  } finally {
    db.close();
  }
}
