/**
 * (b) Repeated distributions and non-random assignments per court, judge and
 * ground. A non-random assignment (transfer to an earlier judge: Засади 4.11,
 * 4.17, 5.1–5.2, marked `assignmentMode: 'non-random'` with its ground) and a
 * repeated distribution on the head of staff's order (4.12–4.15, ground
 * `повторний:<reason>`) are legitimate one by one; an "unlogged manual
 * assignment" shows as many of them going to one judge. For each judge and
 * ground: the densest `windowDays` window; alarm when it holds ≥ `minCount`
 * such assignments that are ≥ `minJudgeShare` of the judge's assignments in
 * it. Per court: alarm when one ground carries ≥ `maxCourtShare` of all the
 * court's assignments in a window (and ≥ `minCount`).
 */
import type { NewAlarm } from '../alarms.ts';
import type { AnalyticsEngine } from '../engine.ts';
import { configOf, courtsIn, DAY, inScope, protocolDate, streamOf, type DetectorScope, type StreamEvent } from './facts.ts';

export const KIND = 'detector:non-random-rate' as const;

interface Assignment {
  seq: number;
  date: string;
  day: number;
  judge: string;
  ground: string | null;
  documentId: string;
  caseId: string;
}

export async function nonRandomRate(engine: AnalyticsEngine, scope: DetectorScope): Promise<NewAlarm[]> {
  const out: NewAlarm[] = [];
  for (const court of await courtsIn(engine, scope)) out.push(...inCourt(court, await streamOf(engine, court, scope), scope));
  return out;
}

/** The ground of a non-random or repeated assignment; null for an ordinary draw. */
export function groundOf(e: StreamEvent): string | null {
  const d = e.data;
  const kind = d.document?.kind;
  if (d.assignmentMode === 'non-random' || kind === 'transfer') return String(d.ground ?? d.document.protocol.ground?.code ?? 'невідома');
  if (kind === 'repeated-distribution' || kind === 'member-replacement') return `повторний:${d.document.order?.reason ?? 'без розпорядження'}`;
  return null;
}

function inCourt(court: string, stream: StreamEvent[], scope: DetectorScope): NewAlarm[] {
  const cfg = configOf(scope).nonRandomRate;
  const rows: Assignment[] = [];
  for (const e of stream) {
    if (e.type !== 'case-distributed') continue;
    const date = protocolDate(e);
    if (!inScope(date, { ...scope, from: shift(scope.from, -cfg.windowDays) })) continue;
    rows.push({ seq: e.seq, date, day: Date.parse(date) / DAY, judge: String(e.data.composition.presiding), ground: groundOf(e), documentId: String(e.data.document.documentId), caseId: String(e.data.caseId) });
  }
  const out: NewAlarm[] = [];
  const groups = new Map<string, Assignment[]>();
  for (const r of rows) if (r.ground !== null) groups.set(`${r.judge}\u0000${r.ground}`, [...(groups.get(`${r.judge}\u0000${r.ground}`) ?? []), r]);
  for (const [k, list] of groups) {
    const [judge, ground] = k.split('\u0000') as [string, string];
    const w = densest(list, cfg.windowDays);
    if (w.items.length < cfg.minCount || !inScope(w.items[w.items.length - 1]!.date, scope)) continue;
    const all = rows.filter((r) => r.judge === judge && r.day >= w.start && r.day < w.start + cfg.windowDays).length;
    const share = w.items.length / all;
    if (share < cfg.minJudgeShare) continue;
    out.push(alarm(court, `judge:${judge}:ground:${ground}:from:${w.items[0]!.date}`, `Судді ${judge} за ${cfg.windowDays} днів передано ${w.items.length} справ без автоматизованого розподілу з підстави ${ground} (${Math.round(share * 100)} % його справ за цей час)`, { judge, ground, count: w.items.length, judgeAssignments: all, share, w }));
  }
  const byGround = new Map<string, Assignment[]>();
  for (const r of rows) if (r.ground !== null) byGround.set(r.ground, [...(byGround.get(r.ground) ?? []), r]);
  for (const [ground, list] of byGround) {
    const w = densest(list, cfg.windowDays);
    if (w.items.length < cfg.minCount || !inScope(w.items[w.items.length - 1]!.date, scope)) continue;
    const all = rows.filter((r) => r.day >= w.start && r.day < w.start + cfg.windowDays).length;
    const share = w.items.length / all;
    if (share < cfg.maxCourtShare) continue;
    out.push(alarm(court, `court:ground:${ground}:from:${w.items[0]!.date}`, `У суді за ${cfg.windowDays} днів ${w.items.length} справ (${Math.round(share * 100)} %) визначено без автоматизованого розподілу з підстави ${ground}`, { judge: null, ground, count: w.items.length, courtAssignments: all, share, w }));
  }
  return out;
}

function alarm(court: string, key: string, summary: string, f: { judge: string | null; ground: string; count: number; share: number; w: { items: Assignment[] }; [k: string]: unknown }): NewAlarm {
  const { w, ...rest } = f;
  return {
    court,
    kind: KIND,
    key,
    summary,
    evidence: { ...rest, from: w.items[0]!.date, to: w.items[w.items.length - 1]!.date, protocols: w.items.map((x) => ({ documentId: x.documentId, seq: x.seq, caseId: x.caseId, date: x.date, judge: x.judge })) },
    at: Date.parse(w.items[w.items.length - 1]!.date),
  };
}

/** The window of `days` days holding the most items (sorted by day); start = first item's day. */
function densest(items: Assignment[], days: number): { start: number; items: Assignment[] } {
  const xs = [...items].sort((a, b) => a.day - b.day || a.seq - b.seq);
  let best = { start: xs[0]!.day, from: 0, to: 0 };
  for (let i = 0, j = 0; i < xs.length; i++) {
    while (xs[i]!.day - xs[j]!.day >= days) j++;
    if (i - j > best.to - best.from) best = { start: xs[j]!.day, from: j, to: i };
  }
  return { start: best.start, items: xs.slice(best.from, best.to + 1) };
}

function shift(date: string, days: number): string {
  return new Date(Date.parse(date) + days * DAY).toISOString().slice(0, 10);
}
