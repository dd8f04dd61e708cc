/**
 * Manipulation detectors (issue 11 item 4): findings over the replicated
 * court events in the central database, each raised as an integrity alarm
 * (analytics/alarms.ts, kind `detector:<name>`) with its evidence — event
 * seqs, protocol ids, dates — and a Ukrainian summary. Methods, thresholds and
 * what reaches the centre: README.md in this folder.
 *
 *   import { openEngine } from '../engine.ts';
 *   import { runDetectors } from './index.ts';
 *   const engine = await openEngine({ dataDir: 'data/central/analytics' });
 *   const r = await runDetectors(engine, { from: '2025-06-01', to: '2025-06-30' }, 'central-1');
 *   console.log(r.alarms.length, r.byDetector);
 *   await engine.close();
 *
 * Each detector is a function `(engine, { from, to, court? }) => NewAlarm[]`;
 * `runDetectors` validates the run (contracts/detectors), runs them all with
 * one shared read of each court's stream, and raises the alarms (idempotent:
 * the same finding in the next run is the same alarm).
 */
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { DetectorRunV1 } from '../../contracts/detectors/index.ts';
import { createLogger, type Logger } from '../../runtime/log.ts';
import { raiseAlarms, type NewAlarm } from '../alarms.ts';
import type { AnalyticsEngine } from '../engine.ts';
import { absenceBeforeDraw } from './absence-before-draw.ts';
import { configWith, type DetectorConfigInput } from './config.ts';
import { drawFrequency } from './draw-frequency.ts';
import { courtsIn, FactsCache, type DetectorScope } from './facts.ts';
import { loadInputs } from './load-inputs.ts';
import { nonRandomRate } from './non-random-rate.ts';
import { refiling } from './refiling.ts';
import { zasadyConcentration } from './zasady-concentration.ts';

export { DEFAULT_CONFIG, configWith, type DetectorConfig, type DetectorConfigInput } from './config.ts';
export { FactsCache, type DetectorScope } from './facts.ts';
export { absenceBeforeDraw, nonRandomRate, zasadyConcentration, refiling, drawFrequency, loadInputs };
export { poissonBinomialPmf, twoSidedPValue, benjaminiHochberg } from './poisson-binomial.ts';

export type Detector = (engine: AnalyticsEngine, scope: DetectorScope) => Promise<NewAlarm[]>;

/** Name (the alarm kind after `detector:`) → detector; the letters a–f in order. */
export const DETECTORS: Record<string, Detector> = {
  'absence-before-draw': absenceBeforeDraw,
  'non-random-rate': nonRandomRate,
  'zasady-concentration': zasadyConcentration,
  refiling,
  'draw-frequency': drawFrequency,
  'load-inputs': loadInputs,
};

export interface DetectorRun {
  from: string;
  to: string;
  court?: string;
  config?: DetectorConfigInput;
  only?: string[];
}

export interface DetectorRunResult {
  alarms: NewAlarm[];
  /** Alarm ids as raised (stable per finding). */
  ids: string[];
  byDetector: Record<string, number>;
  courts: number;
}

const check = TypeCompiler.Compile(DetectorRunV1);

/** Run every detector (or `only` some) over [from, to] and raise what they find. */
function failedAlarm(name: string, court: string, opts: DetectorRun, e: unknown): NewAlarm {
  return {
    court,
    kind: 'detector:failed',
    key: `${name}:${opts.from}:${opts.to}`,
    summary: `Детектор «${name}» не зміг перевірити дані суду за ${opts.from} — ${opts.to}: дані суду не відповідають очікуваній формі`,
    evidence: { detector: name, from: opts.from, to: opts.to, error: String((e as Error)?.message ?? e).slice(0, 500) },
  };
}

export async function runDetectors(engine: AnalyticsEngine, opts: DetectorRun, raisedBy: string, log: Logger = createLogger('detectors')): Promise<DetectorRunResult> {
  if (!check.Check(opts)) {
    const e = [...check.Errors(opts)][0]!;
    throw new Error(`detector run: ${e.path || '/'} ${e.message}`);
  }
  if (opts.from > opts.to) throw new Error(`detector run: from ${opts.from} is after to ${opts.to}`);
  const unknown = (opts.only ?? []).filter((n) => !DETECTORS[n]);
  if (unknown.length > 0) throw new Error(`detector run: unknown detector(s) ${unknown.join(', ')}; known: ${Object.keys(DETECTORS).join(', ')}`);
  const config = configWith(opts.config);
  const alarms: NewAlarm[] = [];
  const byDetector: Record<string, number> = {};
  const courts = await courtsIn(engine, { from: opts.from, to: opts.to, ...(opts.court ? { court: opts.court } : {}) });
  for (const court of courts) {
    // one court at a time: its stream is read once for all detectors, then dropped
    const scope: DetectorScope = { from: opts.from, to: opts.to, court, cache: new FactsCache(), config };
    for (const [name, detect] of Object.entries(DETECTORS)) {
      if (opts.only && !opts.only.includes(name)) continue;
      let found: NewAlarm[];
      try {
        found = await detect(engine, scope);
      } catch (e) {
        // one court's odd data must not blind the run for every court: that court is named instead
        found = [failedAlarm(name, court, opts, e)];
      }
      byDetector[name] = (byDetector[name] ?? 0) + found.length;
      alarms.push(...found);
    }
  }
  const ids = await raiseAlarms(engine, alarms, raisedBy);
  for (const a of alarms) log.warn('detector-alarm', { court: a.court, kind: a.kind, key: a.key });
  return { alarms, ids, byDetector, courts: courts.length };
}
