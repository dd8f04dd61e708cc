/**
 * Judges' absences for the duty draw (Засади 4.6 with 4.2, 4.5). For a judge
 * in the Засади the one record of absences is the distribution actor
 * (http/judges.ts); the duty actor reads it from the court journal — the
 * durable record, not a copy told over (a tell is lost if the node dies in
 * between, and absences recorded before would never arrive). Read on each
 * request on a day off: a handful a week.
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import type { Absence } from '../../../contracts/distribution/inputs.ts';
import { absenceWindows, covers } from '../../distribution/absence.ts';
import type { Calendar } from '../../distribution/calendar.ts';
import type { IsoDate } from '../../distribution/dates.ts';
import { reason } from '../../distribution/reasons.ts';

const BASIS: Record<Absence['basis']['kind'], string> = { order: 'наказ', memo: 'службова записка', decision: 'рішення', 'sick-note': 'листок непрацездатності', ruling: 'ухвала', other: 'документ' };

export type AbsenceSource = (court: string) => Readonly<Record<string, readonly Absence[]>>;

/** The distribution actor's absences as journaled: `absence-recorded` minus `absence-cancelled`, with `absence-shortened` applied (same rule as its evolve). */
export function journalAbsences(journalPath: string): AbsenceSource {
  return (court) => {
    if (!existsSync(journalPath)) return {};
    const db = new Database(journalPath, { readonly: true, fileMustExist: true });
    try {
      const rows = db
        .prepare("SELECT data FROM events WHERE actor = ? AND type IN ('absence-recorded', 'absence-cancelled', 'absence-shortened') ORDER BY aseq")
        .all(`distribution/${court}`) as Array<{ data: string }>;
      const out: Record<string, Absence[]> = {};
      for (const { data } of rows) {
        const e = JSON.parse(data) as { type: string; judgeId: string; absence?: Absence; kind?: string; from?: string; to?: string };
        if (e.type === 'absence-recorded') (out[e.judgeId] ??= []).push(e.absence!);
        else if (e.type === 'absence-shortened') out[e.judgeId] = (out[e.judgeId] ?? []).map((a) => (a.kind === e.kind && a.from === e.from ? { ...a, to: e.to! } : a));
        else out[e.judgeId] = (out[e.judgeId] ?? []).filter((a) => !(a.kind === e.kind && a.from === e.from));
      }
      return out;
    } finally {
      db.close();
    }
  };
}

/**
 * Judges of `judgeIds` who cannot take a request on `date`, with the reason
 * as the protocol states it: the same non-distribution windows (4.5) the
 * distribution actor's eligibility applies — sick leave, vacation, trip,
 * training and the days before them, appointment, suspension, dismissal.
 */
export function unavailableOn(cal: Calendar, absences: Readonly<Record<string, readonly Absence[]>>, judgeIds: readonly string[], date: IsoDate): Map<string, string> {
  const out = new Map<string, string>();
  for (const id of judgeIds) {
    const texts: string[] = [];
    for (const a of absences[id] ?? []) {
      let windows: ReturnType<typeof absenceWindows>;
      try {
        windows = absenceWindows(cal, a);
      } catch {
        continue; // checked when recorded; an unreadable record cannot be applied either way
      }
      for (const w of windows.filter((x) => covers(x, date))) {
        const r = reason(w.code, { detail: w.detail });
        texts.push(`${r.text} (${r.rule}; ${BASIS[a.basis.kind] ?? a.basis.kind} № ${a.basis.number} від ${a.basis.date})`);
      }
    }
    if (texts.length > 0) out.set(id, texts.join('; '));
  }
  return out;
}
