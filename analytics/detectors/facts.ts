/**
 * What the detectors read: one court's replicated distribution stream
 * (zasady-loaded, absences, recusals, protocols, load accruals) parsed once
 * per run and shared by the detectors (`FactsCache`), plus the scope and
 * helpers every detector uses. Only the centre's copy is read — the events
 * as redacted at the court (contracts/ingest/redaction.ts); everything the
 * detectors need passes that policy (see README.md in this folder).
 */
import type { AnalyticsEngine } from '../engine.ts';
import { DEFAULT_CONFIG, type DetectorConfig } from './config.ts';

export interface DetectorScope {
  /** First and last court-local date (inclusive) of the draws examined. */
  from: string;
  to: string;
  court?: string;
  /** Shared reads of one run (runDetectors makes one). */
  cache?: FactsCache;
  /** Thresholds (config.ts); default DEFAULT_CONFIG. */
  config?: DetectorConfig;
}

export function configOf(scope: DetectorScope): DetectorConfig {
  return scope.config ?? DEFAULT_CONFIG;
}

/** One event of a court's distribution actor as the centre holds it. */
export interface StreamEvent {
  seq: number;
  ts: number;
  type: string;
  data: Record<string, any>;
}

export class FactsCache {
  private streams = new Map<string, Promise<StreamEvent[]>>();

  /** The court's whole distribution stream in journal order (the load ledger needs all of it). */
  distributionStream(engine: AnalyticsEngine, court: string): Promise<StreamEvent[]> {
    let p = this.streams.get(court);
    if (!p) {
      p = readStream(engine, court);
      this.streams.set(court, p);
    }
    return p;
  }
}

async function readStream(engine: AnalyticsEngine, court: string): Promise<StreamEvent[]> {
  const rows = await engine.query<{ seq: string | number; ts: string | number; type: string; payload: string }>(
    `SELECT seq, ts, type, payload FROM events FINAL
     WHERE court = {court:String} AND kind = 'distribution'
       AND type IN ('zasady-loaded', 'absence-recorded', 'absence-cancelled', 'absence-shortened', 'recusal-recorded',
                    'duty-recorded', 'load-history-imported', 'load-accrued', 'case-distributed', 'distribution-impossible')
     ORDER BY seq`,
    { court },
  );
  return rows.map((r) => ({ seq: Number(r.seq), ts: Number(r.ts), type: r.type, data: JSON.parse(r.payload) as Record<string, any> }));
}

export function streamOf(engine: AnalyticsEngine, court: string, scope: DetectorScope): Promise<StreamEvent[]> {
  return (scope.cache ?? new FactsCache()).distributionStream(engine, court);
}

/** Courts with distribution events (or the one asked for). */
export async function courtsIn(engine: AnalyticsEngine, scope: DetectorScope): Promise<string[]> {
  if (scope.court) return [scope.court];
  const rows = await engine.query<{ court: string }>(`SELECT DISTINCT court FROM events WHERE kind = 'distribution' ORDER BY court`);
  return rows.map((r) => String(r.court));
}

/** A drawn protocol (random: distribution, repeated distribution, member replacement) of a `case-distributed` event. */
export function isRandomDraw(e: StreamEvent): boolean {
  const k = e.data.document?.kind;
  return e.type === 'case-distributed' && (k === 'distribution' || k === 'repeated-distribution' || k === 'member-replacement');
}

export function protocolDate(e: StreamEvent): string {
  return String(e.data.document?.protocol?.date ?? '');
}

export function inScope(date: string, scope: DetectorScope): boolean {
  return date >= scope.from && date <= scope.to;
}

/** `2025-07` of a date. */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}

export const HOUR = 3_600_000;
export const DAY = 86_400_000;
