/**
 * The courts as the centre console shows them (issue 16, Засади 13.3): each court's replication lag and its last
 * sealed checkpoint the witness received (actors/central/witness), with names from the registry — one call, so the
 * page never joins two lists by court code.
 */
import type { AnalyticsEngine } from '../../../analytics/engine.ts';
import type { ConnectedCourtV1 } from '../../../contracts/ingest/index.ts';
import type { CourtCheckpointV1, CourtRowV1, CourtsReplyV1 } from '../../../contracts/central/console.ts';
import { courtLags } from '../../../analytics/lag.ts';

/** The checkpoint each court sealed last (by its sealing time), with what the centre held at its seq then. */
export async function lastCheckpoints(engine: AnalyticsEngine): Promise<Map<string, CourtCheckpointV1>> {
  const rows = await engine.query<Record<string, unknown>>(
    // aliases differ from the columns: ClickHouse would otherwise read `sealed_at` inside argMax as the aggregate
    `SELECT court, argMax(gseq, sealed_at) AS g, argMax(hash, sealed_at) AS h, argMax(time, sealed_at) AS t,
            max(sealed_at) AS s, argMax(received_at, sealed_at) AS r, argMax(witnessed, sealed_at) AS w
     FROM checkpoints GROUP BY court`,
  );
  return new Map(
    rows.map((r) => {
      const held = String(r.w);
      // the witness stores the hash it held at that seq, or 'not-yet' (witness.ts)
      const witnessed = held === 'not-yet' ? 'not-yet' : held === String(r.h) ? 'match' : 'mismatch';
      return [String(r.court), { gseq: Number(r.g), hash: String(r.h), time: Number(r.t), sealedAt: Number(r.s), witnessedAt: Number(r.r), witnessed }];
    }),
  );
}

export async function courtsView(engine: AnalyticsEngine, registry: readonly ConnectedCourtV1[], thresholdMs: number, now = Date.now()): Promise<CourtsReplyV1> {
  const [lags, checkpoints] = await Promise.all([courtLags(engine, now, registry), lastCheckpoints(engine)]);
  const byCode = new Map(registry.map((c) => [c.code, c]));
  const courts = lags.map((l): CourtRowV1 => {
    const reg = byCode.get(l.court);
    return {
      court: l.court,
      name: l.name ?? reg?.name ?? null,
      lagMs: Math.round(l.lagMs),
      // a revoked court's silence is its revocation, not a lag (court-registry.ts)
      lagging: !reg?.revoked && l.lagMs > thresholdMs,
      lastSeen: l.lastSeen,
      head: l.head,
      mark: l.mark,
      pendingSince: l.pendingSince,
      neverReported: l.neverReported === true,
      revoked: reg?.revoked ? { at: reg.revoked.at, by: reg.revoked.by } : null,
      lastCheckpoint: checkpoints.get(l.court) ?? null,
    };
  });
  return { thresholdMs, courts };
}
