/**
 * (e) Per judge and month: draws won far from what the protocols' own
 * probabilities predict. Every step of every random draw records each
 * candidate's probability p and the chosen one (Засади 4.8; a panel
 * candidate's p counts for each of its sitting members). For judge j in a
 * month the wins X_j among the steps where j stood follow the
 * Poisson-binomial distribution of those p's if the draws were honest —
 * whatever the load policy did to the weights. Exact two-sided p-value
 * (poisson-binomial.ts); multiple testing: Benjamini–Hochberg at `fdr` within
 * each court-month family (all its judges with ≥ `minDraws` steps). Under the
 * null hypothesis for every judge of that court-month BH controls the
 * chance of any alarm at `fdr`, which is the false-alarm budget per clean
 * court-month. What it catches: secretly repeated draws, a chosen judge
 * written over the draw's result, a random source that is not.
 */
import type { NewAlarm } from '../alarms.ts';
import type { AnalyticsEngine } from '../engine.ts';
import { configOf, courtsIn, inScope, isRandomDraw, monthOf, protocolDate, streamOf, type DetectorScope, type StreamEvent } from './facts.ts';
import { benjaminiHochberg, twoSidedPValue } from './poisson-binomial.ts';

export const KIND = 'detector:draw-frequency' as const;

interface Tally {
  ps: number[];
  wins: number;
  protocols: Array<{ documentId: string; seq: number; p: number; won: boolean }>;
}

export async function drawFrequency(engine: AnalyticsEngine, scope: DetectorScope): Promise<NewAlarm[]> {
  const out: NewAlarm[] = [];
  for (const court of await courtsIn(engine, scope)) out.push(...inCourt(court, await streamOf(engine, court, scope), scope));
  return out;
}

/** month → judge → tally of the steps where the judge stood. */
export function tallies(stream: StreamEvent[], scope: DetectorScope): Map<string, Map<string, Tally>> {
  const out = new Map<string, Map<string, Tally>>();
  for (const e of stream) {
    const date = protocolDate(e);
    if (!isRandomDraw(e) || !inScope(date, scope)) continue;
    const month = out.get(monthOf(date)) ?? new Map<string, Tally>();
    out.set(monthOf(date), month);
    for (const step of e.data.document.protocol.steps as Array<{ chosen: string; candidates: Array<Record<string, any>> }>) {
      for (const c of step.candidates) {
        const won = (c.judgeId ?? c.panelId) === step.chosen;
        const judges: string[] = c.judgeId ? [c.judgeId] : (c.members as Array<{ judgeId: string }>).map((m) => m.judgeId);
        for (const j of judges) {
          const t = month.get(j) ?? { ps: [], wins: 0, protocols: [] };
          month.set(j, t);
          t.ps.push(Number(c.p));
          if (won) t.wins++;
          t.protocols.push({ documentId: String(e.data.document.documentId), seq: e.seq, p: Number(c.p), won });
        }
      }
    }
  }
  return out;
}

function inCourt(court: string, stream: StreamEvent[], scope: DetectorScope): NewAlarm[] {
  const cfg = configOf(scope).drawFrequency;
  const out: NewAlarm[] = [];
  for (const [period, judges] of tallies(stream, scope)) {
    const tested = [...judges].filter(([, t]) => t.ps.length >= cfg.minDraws).map(([judge, t]) => ({ judge, t, p: twoSidedPValue(t.ps, t.wins) }));
    for (const i of benjaminiHochberg(tested.map((x) => x.p), cfg.fdr)) {
      const { judge, t, p } = tested[i]!;
      const expected = t.ps.reduce((s, x) => s + x, 0);
      out.push({
        court,
        kind: KIND,
        key: `judge:${judge}:period:${period}`,
        summary: `Суддя ${judge} у ${period} визначений ${t.wins} разів з ${t.ps.length} розподілів, у яких брав участь, тоді як ймовірності протоколів дають у середньому ${expected.toFixed(1)} (точний тест, p = ${p.toExponential(2)}, BH q = ${cfg.fdr})`,
        evidence: {
          judge,
          period,
          draws: t.ps.length,
          wins: t.wins,
          expected,
          pValue: p,
          method: 'Poisson-binomial exact two-sided; Benjamini–Hochberg within court-month',
          fdr: cfg.fdr,
          family: tested.length,
          won: t.protocols.filter((x) => x.won).slice(0, 50),
        },
        at: Date.parse(`${period}-01`),
      });
    }
  }
  return out;
}
