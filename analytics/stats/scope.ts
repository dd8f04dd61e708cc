/**
 * The courts a report is of: one court, a region's configured courts, or the
 * nation's (Засади 16.1.5 consolidation court → region → nation).
 */
import type { ScopeV1 } from '../../contracts/stats/report.ts';

export function scopeCourts(scope: ScopeV1): ReadonlySet<string> {
  return new Set(scope.kind === 'court' ? [scope.court] : scope.courts);
}
