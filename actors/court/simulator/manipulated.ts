/**
 * `asds simulate --manipulate <scenario>`: a clean simulated workload of N
 * courts with one scenario planted at random courts and times, written
 * straight into a central analytics database (chdb) as the replicated events
 * the centre would hold, plus the ground truth (JSON) of what was planted —
 * and, with `detect`, the detectors' run over it and the recall.
 *
 *   const r = await simulateManipulated({ scenario: 'refiling', courts: 4, planted: 2, days: 92, seed: 1, casesPerDay: 10,
 *     firstCourt: 537, analyticsDir: 'data/sim/central/analytics', truthFile: 'data/sim/planted-refiling.json', detect: true });
 *
 * Why not through court nodes: the planted draws cannot be made through a
 * court's API — its draw takes CSPRNG bytes and its own ledger (that is what
 * the court guarantees) — so the journal is made by the same pure code the
 * node runs (journal.ts), with the manipulation applied where an insider would.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { openEngine } from '../../../analytics/engine.ts';
import { runDetectors } from '../../../analytics/detectors/index.ts';
import { addDays } from '../../distribution/dates.ts';
import { kyivDate } from '../dates.ts';
import { detectedBy, plantedCourts, type Planted, type Scenario } from './manipulate.ts';

export const WARM_UP_DAYS = 31;

export interface ManipulatedOptions {
  scenario: Scenario;
  courts: number;
  /** Courts that get the planted pattern (chosen at random). */
  planted: number;
  /** Examined days, ending yesterday; a month of warm-up is simulated before them. */
  days: number;
  seed: number;
  casesPerDay: number;
  firstCourt: number;
  analyticsDir: string;
  truthFile: string;
  detect: boolean;
  onCourt?: (court: string, done: number, total: number) => void;
}

export interface ManipulatedResult {
  scenario: Scenario;
  from: string;
  to: string;
  courts: string[];
  events: number;
  planted: Planted[];
  truthFile: string;
  detection?: { alarms: number; byDetector: Record<string, number>; detected: number; recall: number };
}

export async function simulateManipulated(o: ManipulatedOptions): Promise<ManipulatedResult> {
  const to = addDays(kyivDate(Date.now()), -1);
  const from = addDays(to, -(o.days - 1));
  const engine = await openEngine({ dataDir: o.analyticsDir });
  try {
    let events = 0;
    let done = 0;
    const run = await plantedCourts(
      { first: o.firstCourt, courts: o.courts, seed: o.seed, from: addDays(from, -WARM_UP_DAYS), days: o.days + WARM_UP_DAYS, warmUpDays: WARM_UP_DAYS, casesPerDay: o.casesPerDay, scenario: o.scenario, planted: o.planted },
      async (rows, court) => {
        await engine.insert('events', rows);
        events += rows.length;
        o.onCourt?.(court, ++done, o.courts);
      },
    );
    mkdirSync(dirname(o.truthFile), { recursive: true });
    writeFileSync(o.truthFile, JSON.stringify({ scenario: o.scenario, from, to, seed: o.seed, courts: run.courts, planted: run.truth }, null, 2) + '\n');
    const result: ManipulatedResult = { scenario: o.scenario, from, to, courts: run.courts, events, planted: run.truth, truthFile: o.truthFile };
    if (o.detect) {
      const silent = { debug() {}, info() {}, warn() {}, error() {} };
      const r = await runDetectors(engine, { from, to }, 'asds-simulate', silent);
      const detected = run.truth.filter((t) => detectedBy(t, r.alarms)).length;
      result.detection = { alarms: r.alarms.length, byDetector: r.byDetector, detected, recall: run.truth.length ? detected / run.truth.length : 0 };
    }
    return result;
  } finally {
    await engine.close();
  }
}
