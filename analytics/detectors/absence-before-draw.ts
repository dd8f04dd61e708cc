/**
 * (a) Absences recorded, moved or cancelled shortly before a draw that
 * narrowed the pool for that case (integrity-and-statistics.md §4: 29 judges
 * "ill" at once so one remained). For every random draw in scope: the judges
 * the protocol excluded for an absence (Засади 4.5: sick leave, vacation,
 * trip, training and the days before them) whose absence was recorded at most
 * `windowHours` before the draw are "recent"; a recent absence is "undone"
 * if cancelled, or shortened to end before the draw's date, within
 * `undoneWithinHours` after the draw; "late" if it is a planned absence
 * (vacation, trip, training) recorded after its Засади 4.5 lead window had
 * begun. Alarm when the recent judges made up at least `minShare` of the pool
 * the case would have had, and either at least `minJudges` of them with one
 * undone or late, or at least `minJudgesWithoutUndo`, or all of them undone.
 * (Two judges of a small pool falling ill the same morning happens; that their
 * absence vanishes right after the draw, or a trip nobody knew of the day
 * before, does not.) A re-recorded ("moved") absence is a new record and counts.
 */
import type { Absence } from '../../contracts/distribution/inputs.ts';
import type { Calendar } from '../../actors/distribution/calendar.ts';
import { absenceWindows, covers } from '../../actors/distribution/absence.ts';
import { deploymentCalendar } from './calendar.ts';
import type { NewAlarm } from '../alarms.ts';
import type { AnalyticsEngine } from '../engine.ts';
import { configOf, courtsIn, HOUR, inScope, isRandomDraw, protocolDate, streamOf, type DetectorScope, type StreamEvent } from './facts.ts';

export const KIND = 'detector:absence-before-draw' as const;

/** Reason codes of actors/distribution/reasons.ts that come from an absence record. */
const ABSENCE_REASONS = new Set(['SICK_LEAVE', 'VACATION', 'VACATION_BEFORE', 'TRIP', 'TRIP_BEFORE', 'TRAINING', 'TRAINING_BEFORE']);

interface Recorded {
  seq: number;
  ts: number;
  judgeId: string;
  absence: { kind: string; from: string; to?: string; basis?: unknown };
}

export async function absenceBeforeDraw(engine: AnalyticsEngine, scope: DetectorScope & { calendarFor?: (court: string) => Calendar }): Promise<NewAlarm[]> {
  const out: NewAlarm[] = [];
  for (const court of await courtsIn(engine, scope)) out.push(...inCourt(court, await streamOf(engine, court, scope), scope, scope.calendarFor?.(court) ?? deploymentCalendar()));
  return out;
}

/**
 * Recorded after the Засади 4.5 lead window of a planned absence (vacation, trip, training) had begun —
 * such absences are known days ahead; sick leave cannot be, and is never late.
 */
function late(a: Recorded, calendar: Calendar, timeZone: string): boolean {
  if (a.absence.kind === 'sick-leave' || a.absence.to === undefined) return false;
  try {
    const first = absenceWindows(calendar, a.absence as Absence).reduce((m, w) => (w.from < m ? w.from : m), a.absence.from);
    return localDate(a.ts, timeZone) > first;
  } catch {
    return false;
  }
}

function localDate(ts: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date(ts));
}

function inCourt(court: string, stream: StreamEvent[], scope: DetectorScope, calendar: Calendar): NewAlarm[] {
  const cfg = configOf(scope).absenceBeforeDraw;
  const timeZone = String(stream.find((e) => e.type === 'zasady-loaded')?.data.config?.court?.timeZone ?? 'Europe/Kyiv');
  const recorded: Recorded[] = [];
  const undo: StreamEvent[] = [];
  for (const e of stream) {
    if (e.type === 'absence-recorded') recorded.push({ seq: e.seq, ts: e.ts, judgeId: String(e.data.judgeId), absence: e.data.absence });
    if (e.type === 'absence-cancelled' || e.type === 'absence-shortened') undo.push(e);
  }
  const out: NewAlarm[] = [];
  for (const e of stream) {
    if (!isRandomDraw(e) || !inScope(protocolDate(e), scope)) continue;
    const p = e.data.document.protocol;
    const byAbsence = (p.excluded as Array<{ judgeId: string; reasons: Array<{ code: string }> }>).filter((x) => x.reasons.some((r) => ABSENCE_REASONS.has(r.code)));
    const recent = byAbsence.flatMap((x) => {
      const r = latest(recorded, x.judgeId, e, cfg.windowHours * HOUR, calendar);
      return r ? [{ ...r, undone: undoneAfter(undo, r, e, cfg.undoneWithinHours * HOUR), late: late(r, calendar, timeZone) }] : [];
    });
    if (recent.length === 0) continue;
    const eligible = (p.steps[0].candidates as Array<{ judgeId?: string; members?: Array<{ judgeId: string }> }>).flatMap((c) => (c.judgeId ? [c.judgeId] : (c.members ?? []).map((m) => m.judgeId)));
    const share = recent.length / (recent.length + eligible.length);
    const allUndone = recent.every((r) => r.undone !== null);
    const irregular = recent.some((r) => r.undone !== null || r.late);
    const narrowed = recent.length >= cfg.minJudges && (irregular || recent.length >= cfg.minJudgesWithoutUndo);
    if (share < cfg.minShare || !(narrowed || allUndone)) continue;
    out.push({
      court,
      kind: KIND,
      key: `protocol:${e.data.document.documentId}`,
      summary: `Перед розподілом справи ${e.data.caseId} (${p.date}) за ${Math.round((e.ts - Math.min(...recent.map((r) => r.ts))) / 60_000)} хв внесено відсутність ${recent.length} суддів — пул звузився до ${eligible.length}${allUndone ? '; усі ці відсутності скасовано або скорочено одразу після розподілу' : ''}`,
      evidence: {
        documentId: e.data.document.documentId,
        seq: e.seq,
        caseId: e.data.caseId,
        date: p.date,
        drawnAt: p.at,
        chosen: p.chosen,
        eligible,
        share,
        absences: recent.map((r) => ({ judgeId: r.judgeId, seq: r.seq, recordedAt: new Date(r.ts).toISOString(), absence: r.absence, late: r.late, undone: r.undone })),
      },
      at: e.ts,
    });
  }
  return out;
}

/** The judge's latest absence record within the window before the draw that covers the draw's date (the one that excluded them). */
function latest(recorded: Recorded[], judgeId: string, draw: StreamEvent, windowMs: number, calendar: Calendar): Recorded | undefined {
  const date = protocolDate(draw);
  let found: Recorded | undefined;
  for (const r of recorded) {
    if (r.judgeId !== judgeId || r.seq > draw.seq || draw.ts - r.ts > windowMs) continue;
    if (excludesOn(r, date, calendar)) found = r;
  }
  return found;
}

function excludesOn(r: Recorded, date: string, calendar: Calendar): boolean {
  try {
    return absenceWindows(calendar, r.absence as Absence).some((w) => covers(w, date));
  } catch {
    return false;
  }
}

/** The cancellation, or a shortening that ends the absence before the draw's date, soon after the draw. */
function undoneAfter(undo: StreamEvent[], r: Recorded, draw: StreamEvent, withinMs: number): { seq: number; type: string; at: string } | null {
  const date = protocolDate(draw);
  for (const u of undo) {
    if (u.seq < draw.seq || u.ts - draw.ts > withinMs) continue;
    if (u.data.judgeId !== r.judgeId || u.data.kind !== r.absence.kind || u.data.from !== r.absence.from) continue;
    if (u.type === 'absence-cancelled' || String(u.data.to) < date) return { seq: u.seq, type: u.type, at: new Date(u.ts).toISOString() };
  }
  return null;
}
