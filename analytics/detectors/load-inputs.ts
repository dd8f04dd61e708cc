/**
 * (f) The centre recomputes every protocol's load inputs (Засади 6.4–6.6:
 * L, L′, r, N, D_window, D_available) from the replicated facts with the
 * court's own pure code, and alarms on a difference (the lesson of Poland's
 * SLPS: witness the inputs of a draw, not only its result). Replay of the
 * court's distribution stream in journal order through the actor's `evolve`
 * (actors/court/distribution/state.ts), except that the load is never taken
 * from the court: each assignment's load is rebuilt by `assignedEvent` from
 * the composition, the case's category and the Засади in force, and each
 * accrual of non-distribution days by `accrualEvents` from the replicated
 * absences — at the court's accrual points, and before any protocol whose
 * date the court left unaccrued. Before each draw, `loadSnapshot` of the
 * replayed ledger is compared with every candidate's figures.
 *
 * The court's calendar is not replicated: the centre uses the deployment's
 * (deploy/examples/lubny/calendar.yaml — Ukraine-wide) unless given one per court.
 */
import type { NewAlarm } from '../alarms.ts';
import type { AnalyticsEngine } from '../engine.ts';
import type { Calendar } from '../../actors/distribution/calendar.ts';
import { assignedEvent, loadSnapshot, type LoadEvent } from '../../actors/distribution/load.ts';
import { loadZasady, ZasadyHistory, type Zasady } from '../../actors/distribution/zasady.ts';
import { accrualEvents } from '../../actors/court/distribution/accrual.ts';
import { evolve, initialState, type DistributionEvent, type DistributionState } from '../../actors/court/distribution/state.ts';
import { deploymentCalendar } from './calendar.ts';
import { configOf, courtsIn, inScope, isRandomDraw, protocolDate, streamOf, type DetectorScope, type StreamEvent } from './facts.ts';

export const KIND = 'detector:load-inputs' as const;

const FIELDS = ['L', 'Lp', 'r', 'N', 'dWindow', 'dAvailable'] as const;
type Field = (typeof FIELDS)[number];

export interface LoadInputsScope extends DetectorScope {
  /** The court's production calendar (default: the deployment's). */
  calendarFor?: (court: string) => Calendar;
}

export interface Difference {
  documentId: string;
  seq: number;
  date: string;
  judge: string;
  field: Field;
  held: number;
  recomputed: number;
}

export async function loadInputs(engine: AnalyticsEngine, scope: LoadInputsScope): Promise<NewAlarm[]> {
  const out: NewAlarm[] = [];
  for (const court of await courtsIn(engine, scope)) {
    const calendar = scope.calendarFor?.(court) ?? deploymentCalendar();
    out.push(...alarmsOf(court, replay(await streamOf(engine, court, scope), calendar, scope), scope));
  }
  return out;
}

/** Every figure of every draw in scope that differs from the recomputed one. */
export function replay(stream: StreamEvent[], calendar: Calendar, scope: DetectorScope): Difference[] {
  const tol = configOf(scope).loadInputs.tolerance;
  let s: DistributionState = initialState('');
  let history: ZasadyHistory | undefined;
  const zasadyOn = (date: string): Zasady => (history ??= new ZasadyHistory(s.zasady.map((c) => loadZasady(c)))).inForceOn(date);
  const accrue = (date: string) => {
    const load = accrualEvents(s.ledger!, zasadyOn(date), calendar, s.absences, s.accruedThrough ?? date, date);
    s = evolve(s, { type: 'load-accrued', through: date, load });
  };
  const diffs: Difference[] = [];
  for (const e of stream) {
    const ev = { type: e.type, ...e.data } as DistributionEvent;
    if (ev.type === 'zasady-loaded') history = undefined;
    if (!s.ledger && ev.type !== 'zasady-loaded' && ev.type !== 'load-history-imported') continue; // nothing to recompute before the first Засади
    if (ev.type === 'load-accrued') {
      accrue(ev.through);
      continue;
    }
    if (ev.type === 'case-distributed' || ev.type === 'distribution-impossible') {
      const date = protocolDate(e);
      if ((s.accruedThrough ?? date) < date) accrue(date);
      if (isRandomDraw(e) && inScope(date, scope)) diffs.push(...compare(e, s, zasadyOn(date), date, tol));
      if (ev.type === 'case-distributed') {
        s = evolve(s, { ...ev, load: loadOf(zasadyOn(date), e, date) });
        continue;
      }
    }
    s = evolve(s, ev);
  }
  return diffs;
}

/** The load an assignment adds, as the court's draws.ts loadFor builds it. */
function loadOf(z: Zasady, e: StreamEvent, date: string): LoadEvent[] {
  const d = e.data;
  const category = String(d.document.protocol.case.category);
  const ev = (judgeId: string, form: 'presiding' | 'member' | 'reserve') => assignedEvent(z, { judgeId, caseId: String(d.caseId), category, form, date });
  const out = [ev(d.composition.presiding, 'presiding'), ...(d.composition.members as string[]).map((m) => ev(m, 'member'))];
  const reserve = d.document.protocol.chosen?.reserve;
  if (d.document.kind !== 'transfer' && reserve !== undefined && z.config.participation.reserve > 0) out.push(ev(reserve, 'reserve'));
  return out;
}

function compare(e: StreamEvent, s: DistributionState, z: Zasady, date: string, tol: number): Difference[] {
  const held = new Map<string, Record<Field, number>>();
  for (const step of e.data.document.protocol.steps as Array<{ candidates: Array<Record<string, any>> }>) {
    for (const c of step.candidates) for (const f of c.judgeId ? [c] : (c.members as Array<Record<string, any>>)) held.set(String(f.judgeId), f as Record<Field, number>);
  }
  const ids = [...held.keys()].filter((id) => s.ledger!.judges[id]);
  const out: Difference[] = [];
  for (const mine of loadSnapshot(s.ledger!, z, date, ids)) {
    const theirs = held.get(mine.judgeId)!;
    for (const field of FIELDS) {
      const a = Number(theirs[field]);
      const b = mine[field];
      if (Math.abs(a - b) > tol * Math.max(1, Math.abs(b))) out.push({ documentId: String(e.data.document.documentId), seq: e.seq, date, judge: mine.judgeId, field, held: a, recomputed: b });
    }
  }
  for (const id of held.keys()) if (!s.ledger!.judges[id]) out.push({ documentId: String(e.data.document.documentId), seq: e.seq, date, judge: id, field: 'L', held: Number(held.get(id)!.L), recomputed: NaN });
  return out;
}

function alarmsOf(court: string, diffs: Difference[], scope: DetectorScope): NewAlarm[] {
  const max = configOf(scope).loadInputs.maxEvidence;
  const byJudge = new Map<string, Difference[]>();
  for (const d of diffs) byJudge.set(d.judge, [...(byJudge.get(d.judge) ?? []), d]);
  return [...byJudge].map(([judge, list]) => {
    const protocols = [...new Set(list.map((d) => d.documentId))];
    const fields = [...new Set(list.map((d) => d.field))];
    const first = list[0]!;
    return {
      court,
      kind: KIND,
      key: `judge:${judge}:first:${first.documentId}`,
      summary: `Вхідні дані навантаження судді ${judge} у ${protocols.length} протоколах (з ${first.date} по ${list[list.length - 1]!.date}) не збігаються з перерахованими центром з реплікованих розподілів і відсутностей (${fields.join(', ')}): у першому ${first.field} = ${first.held}, має бути ${first.recomputed}`,
      evidence: { judge, fields, protocols: protocols.length, from: first.date, to: list[list.length - 1]!.date, differences: list.slice(0, max * fields.length) },
      at: Date.parse(first.date),
    };
  });
}
