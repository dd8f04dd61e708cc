/**
 * (c) A Засади version (specialisation, coefficients, reductions) followed by
 * concentration of a category on one judge (integrity-and-statistics.md §4:
 * edits to specialisations just before a filing). For every version that
 * took effect in scope, the categories it touched — who may hear them
 * (specialisations, Засади 6.1), their complexity (6.4) or the reduction r of
 * a judge who may hear them (6.5) — are compared over `horizonDays` before and
 * after its effective date: alarm when one judge took ≥ `minShare` of the
 * category's draws after it (at least `minCases` draws) and that share grew by
 * ≥ `minIncrease` — a judge the version favoured (favouredBy: others lost the
 * category or got a larger reduction; a judge who gains a specialisation is
 * expected to catch up on load, 6.4, and is not flagged). The protocols' probabilities cannot reveal this: the new
 * version makes the concentration "expected", which is the point of it.
 */
import type { ZasadyConfig } from '../../contracts/distribution/zasady.ts';
import type { NewAlarm } from '../alarms.ts';
import type { AnalyticsEngine } from '../engine.ts';
import { configOf, courtsIn, DAY, inScope, isRandomDraw, protocolDate, streamOf, type DetectorScope, type StreamEvent } from './facts.ts';

export const KIND = 'detector:zasady-concentration' as const;

export async function zasadyConcentration(engine: AnalyticsEngine, scope: DetectorScope): Promise<NewAlarm[]> {
  const out: NewAlarm[] = [];
  for (const court of await courtsIn(engine, scope)) out.push(...inCourt(court, await streamOf(engine, court, scope), scope));
  return out;
}

interface Version {
  seq: number;
  ts: number;
  config: ZasadyConfig;
}

function inCourt(court: string, stream: StreamEvent[], scope: DetectorScope): NewAlarm[] {
  const cfg = configOf(scope).zasadyConcentration;
  const versions: Version[] = stream.filter((e) => e.type === 'zasady-loaded').map((e) => ({ seq: e.seq, ts: e.ts, config: e.data.config as ZasadyConfig }));
  versions.sort((a, b) => (a.config.version.effectiveFrom < b.config.version.effectiveFrom ? -1 : 1));
  const draws = stream.filter(isRandomDraw).map((e) => ({ e, date: protocolDate(e), category: String(e.data.document.protocol.case.category), presiding: String(e.data.composition.presiding) }));
  const out: NewAlarm[] = [];
  for (let i = 1; i < versions.length; i++) {
    const prev = versions[i - 1]!.config;
    const v = versions[i]!;
    const effective = v.config.version.effectiveFrom;
    if (!inScope(effective, scope)) continue;
    const end = addDays(effective, cfg.horizonDays);
    const start = addDays(effective, -cfg.horizonDays);
    for (const [category, changes] of touched(prev, v.config)) {
      const after = draws.filter((d) => d.category === category && d.date >= effective && d.date < end);
      const before = draws.filter((d) => d.category === category && d.date >= start && d.date < effective);
      if (after.length < cfg.minCases) continue;
      const favoured = favouredBy(prev, v.config, category);
      for (const judge of new Set(after.map((d) => d.presiding))) {
        if (!favoured.has(judge)) continue;
        const nAfter = after.filter((d) => d.presiding === judge).length;
        const nBefore = before.filter((d) => d.presiding === judge).length;
        const shareAfter = nAfter / after.length;
        const shareBefore = before.length > 0 ? nBefore / before.length : 0;
        if (shareAfter < cfg.minShare || shareAfter - shareBefore < cfg.minIncrease) continue;
        out.push({
          court,
          kind: KIND,
          key: `version:${v.config.version.id}:category:${category}:judge:${judge}`,
          summary: `Після змін Засад (${v.config.version.decisionNumber}, чинні з ${effective}) суддя ${judge} отримав ${Math.round(shareAfter * 100)} % справ категорії «${category}» (до змін — ${Math.round(shareBefore * 100)} %)`,
          evidence: {
            version: v.config.version.id,
            previousVersion: prev.version.id,
            decisionNumber: v.config.version.decisionNumber,
            effectiveFrom: effective,
            loadedSeq: v.seq,
            loadedAt: new Date(v.ts).toISOString(),
            category,
            changes,
            judge,
            after: { from: effective, to: addDays(end, -1), draws: after.length, judge: nAfter, share: shareAfter },
            before: { from: start, to: addDays(effective, -1), draws: before.length, judge: nBefore, share: shareBefore },
            protocols: after.filter((d) => d.presiding === judge).slice(0, 20).map((d) => ({ documentId: d.e.data.document.documentId, seq: d.e.seq, date: d.date })),
          },
          at: v.ts,
        });
      }
    }
  }
  return out;
}

/** Categories whose draws the new version changes, with what changed (human-readable, for the evidence). */
export function touched(prev: ZasadyConfig, next: ZasadyConfig): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (c: string, why: string) => out.set(c, [...(out.get(c) ?? []), why]);
  const r = (z: ZasadyConfig, id: string) => {
    const shares = new Map(z.administrativeReductions.map((x) => [x.id, x.r]));
    return (z.judges.find((j) => j.id === id)?.reductions ?? []).reduce((s, x) => s + (shares.get(x) ?? 0), 0);
  };
  for (const c of next.categories) {
    const before = hearers(prev, c.id);
    const after = hearers(next, c.id);
    const lost = [...before].filter((j) => !after.has(j));
    const gained = [...after].filter((j) => !before.has(j));
    if (lost.length > 0) add(c.id, `спеціалізацію втратили: ${lost.join(', ')}`);
    if (gained.length > 0) add(c.id, `спеціалізацію отримали: ${gained.join(', ')}`);
    const old = prev.categories.find((x) => x.id === c.id);
    if (old && old.complexity !== c.complexity) add(c.id, `коефіцієнт складності ${old.complexity} → ${c.complexity}`);
    for (const j of after) {
      const a = r(prev, j);
      const b = r(next, j);
      if (a !== b) add(c.id, `зменшення навантаження ${j}: ${a} → ${b}`);
    }
  }
  return out;
}

/**
 * Judges the version favours for `category`: ones who could hear it before and after (a judge who gains a
 * specialisation catches up on load, as 6.4 intends), when others lost it, another's reduction r grew or their
 * own shrank (6.5), or the category's coefficient changed (6.4).
 */
export function favouredBy(prev: ZasadyConfig, next: ZasadyConfig, category: string): Set<string> {
  const before = hearers(prev, category);
  const after = hearers(next, category);
  const steady = [...before].filter((j) => after.has(j));
  const rOf = (z: ZasadyConfig, id: string) => {
    const shares = new Map(z.administrativeReductions.map((x) => [x.id, x.r]));
    return (z.judges.find((j) => j.id === id)?.reductions ?? []).reduce((sum, x) => sum + (shares.get(x) ?? 0), 0);
  };
  const lost = [...before].some((j) => !after.has(j));
  const coefficient = prev.categories.find((c) => c.id === category)?.complexity !== next.categories.find((c) => c.id === category)?.complexity;
  return new Set(
    steady.filter((j) => lost || coefficient || rOf(next, j) < rOf(prev, j) || steady.some((o) => o !== j && rOf(next, o) > rOf(prev, o))),
  );
}

/** Judges whose specialisation lets them hear `category` (Засади 6.1). */
function hearers(z: ZasadyConfig, category: string): Set<string> {
  const specs = new Set(z.specialisations.filter((s) => s.categories.includes(category)).map((s) => s.id));
  return new Set(z.judges.filter((j) => j.specialisations.some((s) => specs.has(s))).map((j) => j.id));
}

function addDays(date: string, n: number): string {
  return new Date(Date.parse(date) + n * DAY).toISOString().slice(0, 10);
}
