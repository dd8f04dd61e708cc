/**
 * Manipulation detectors (issue 11 item 4), each figure beside its target:
 * - detectors.recall, one line per scenario: planted patterns found / planted (target ≥ 0.9);
 *   each scenario planted once, at a random time, in each of PER courts of its own;
 * - detectors.false_alarm_rate: clean court-months with any detector alarm / clean court-months (target ≤ 0.01).
 * Workload: the court's replicated journal made by the court's own distribution code
 * (actors/court/simulator/journal.ts, redacted by the real policy) straight into chdb —
 * 8 judges, ~10 cases a working day, a month of warm-up, then three examined months.
 * Sizes: ASDS_BENCH_DETECTORS_CLEAN (courts, default 40) and ASDS_BENCH_DETECTORS_PER (default 15);
 * ASDS_BENCH_DETECTORS_SEED (default 2026) draws another workload.
 */
import { join } from 'node:path';
import { openEngine } from '../analytics/engine.ts';
import { DEFAULT_CONFIG, DETECTORS, FactsCache } from '../analytics/detectors/index.ts';
import type { NewAlarm } from '../analytics/alarms.ts';
import { detectedBy, plantedCourts, SCENARIOS, type PlantedRun } from '../actors/court/simulator/manipulate.ts';
import { cleanup, tempDir } from '../test/support/servers.ts';
import type { Figure } from './index.ts';
import { round } from './stats.ts';

const SCOPE = { from: '2025-06-01', to: '2025-08-31' };
const MONTHS = 3;
const BASE = { from: '2025-05-01', days: 123, warmUpDays: 31, casesPerDay: 10 };

export async function run(): Promise<Figure[]> {
  const cleanCourts = Number(process.env.ASDS_BENCH_DETECTORS_CLEAN ?? 40);
  const per = Number(process.env.ASDS_BENCH_DETECTORS_PER ?? 15);
  const seed = Number(process.env.ASDS_BENCH_DETECTORS_SEED ?? 2026);
  const engine = await openEngine({ dataDir: join(tempDir('asds-bench-detectors-'), 'analytics') });
  const out: Figure[] = [];
  try {
    const sink = (rows: Parameters<typeof engine.insert>[1]) => engine.insert('events', rows);
    const t0 = performance.now();
    const clean = await plantedCourts({ ...BASE, seed, first: 1000, courts: cleanCourts }, sink);
    const runs = new Map<string, PlantedRun>();
    for (const [k, scenario] of SCENARIOS.entries()) runs.set(scenario, await plantedCourts({ ...BASE, seed: seed + 1000 + k, first: 2000 + k * 100, courts: per, scenario }, sink));
    const genS = (performance.now() - t0) / 1000;
    const t1 = performance.now();
    const alarms: NewAlarm[] = [];
    const courts = [...clean.courts, ...[...runs.values()].flatMap((r) => r.courts)];
    for (const court of courts) {
      const scope = { ...SCOPE, court, cache: new FactsCache(), config: DEFAULT_CONFIG };
      for (const detect of Object.values(DETECTORS)) alarms.push(...(await detect(engine, scope)));
    }
    const detectS = (performance.now() - t1) / 1000;
    for (const [scenario, r] of runs) {
      const found = r.truth.filter((t) => detectedBy(t, alarms)).length;
      const recall = r.truth.length > 0 ? found / r.truth.length : 0;
      const offTarget = alarms.filter((a) => r.courts.includes(a.court) && a.kind !== `detector:${scenario}`).length;
      out.push({ name: 'detectors.recall', scenario, seed, value: round(recall, 3), unit: 'share', target: 0.9, met: recall >= 0.9, planted: r.truth.length, detected: found, other_alarms: offTarget });
    }
    const cleanSet = new Set(clean.courts);
    const onClean = alarms.filter((a) => cleanSet.has(a.court));
    const months = new Set(onClean.map((a) => `${a.court} ${new Date(a.at ?? Date.parse(SCOPE.from)).toISOString().slice(0, 7)}`));
    const rate = months.size / (clean.courts.length * MONTHS);
    const byKind: Record<string, number> = {};
    for (const a of onClean) byKind[a.kind] = (byKind[a.kind] ?? 0) + 1;
    out.push({ name: 'detectors.false_alarm_rate', seed, value: round(rate, 4), unit: 'share of clean court-months', target: 0.01, met: rate <= 0.01, court_months: clean.courts.length * MONTHS, with_alarm: months.size, alarms: byKind });
    out.push({ name: 'detectors.run_s_per_court_month', value: round(detectS / (courts.length * MONTHS), 3), unit: 's', courts: courts.length, generate_s: round(genS, 1) });
  } finally {
    await engine.close();
    await cleanup();
  }
  return out;
}
