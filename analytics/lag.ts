/**
 * Replication lag per court (13.3): how long the centre may be missing a
 * court's events. From what each court last said (court_status):
 *   - something unconfirmed then: lag = now − (commit time of its oldest unconfirmed event);
 *   - caught up then: lag = now − (when it said so) — silence is lag too,
 *     since the court may have written since.
 * A court is listed as lagging when its lag exceeds the threshold (default 2 h).
 * This sees only courts that have spoken; the registry of connected courts
 * (court-registry.ts, `--courts`) adds the ones that never did.
 */
import type { ConnectedCourtV1 } from '../contracts/ingest/index.ts';
import type { AnalyticsEngine } from './engine.ts';
import { withRegistry } from './court-registry.ts';

export const LAG_THRESHOLD_MS = 2 * 3600_000;

export interface CourtLag {
  court: string;
  lagMs: number;
  lastSeen: number;
  head: number;
  mark: number;
  pendingSince: number | null;
  /** The court's name, when a registry of connected courts is configured (court-registry.ts). */
  name?: string;
  /** In the registry, but the centre has never heard from it (13.3: silence is lag). */
  neverReported?: true;
}

export async function courtLags(engine: AnalyticsEngine, now = Date.now(), registry: readonly ConnectedCourtV1[] = []): Promise<CourtLag[]> {
  const rows = await engine.query<Record<string, unknown>>(
    `SELECT court, max(s.seen_at) AS last_seen, argMax(s.head, s.seen_at) AS last_head, argMax(s.pending_since, s.seen_at) AS last_pending
     FROM court_status AS s GROUP BY court ORDER BY court`,
  );
  const marks = new Map(
    (await engine.query<{ court: string; mark: number | string }>('SELECT court, max(mark) AS mark FROM ingest_marks GROUP BY court')).map((r) => [
      r.court,
      Number(r.mark),
    ]),
  );
  const lags = rows.map((r): CourtLag => {
    const seen = Number(r.last_seen);
    const pending = Number(r.last_pending);
    const since = pending > 0 ? Math.min(pending, seen) : seen;
    return {
      court: String(r.court),
      lagMs: Math.max(0, now - since),
      lastSeen: seen,
      head: Number(r.last_head),
      mark: marks.get(String(r.court)) ?? 0,
      pendingSince: pending > 0 ? pending : null,
    };
  });
  return withRegistry(lags, registry, now);
}

export async function laggingCourts(
  engine: AnalyticsEngine,
  opts: { now?: number; thresholdMs?: number; registry?: readonly ConnectedCourtV1[] } = {},
): Promise<CourtLag[]> {
  const threshold = opts.thresholdMs ?? LAG_THRESHOLD_MS;
  return (await courtLags(engine, opts.now, opts.registry)).filter((c) => c.lagMs > threshold);
}
