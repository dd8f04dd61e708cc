/**
 * Workload-report facts of one ingest event (analytics/README.md defines
 * them). Pure: the same event always gives the same rows, keyed by
 * (court, seq, n), so a redelivered event replaces its facts instead of
 * adding to them.
 */
import type { IngestEventV1 } from '../../../contracts/ingest/index.ts';

export interface FactRow {
  court: string;
  seq: number;
  n: number;
  fact: 'assigned' | 'decided';
  case_id: string;
  judge: string;
  role: 'none' | 'presiding' | 'member' | 'reserve';
  category: string;
  weight: number;
  day: string;
}

const ROLES = new Set(['presiding', 'member', 'reserve']);

export function factsOf(ev: Pick<IngestEventV1, 'court' | 'seq' | 'type' | 'ts' | 'data'>): FactRow[] {
  const d = ev.data;
  if (ev.type === 'case-distributed') {
    const caseId = str(d.caseId);
    const category = str((d.case as { category?: unknown } | undefined)?.category);
    if (!caseId) return [];
    const load = Array.isArray(d.load) ? (d.load as Array<Record<string, unknown>>).filter((l) => l.type === 'case-assigned') : [];
    if (load.length > 0) {
      // explicit fields, no `...base` spread: the spread made this the worker's most expensive line (~4 µs per fact)
      return load.map((l, n) => ({
        court: ev.court,
        seq: ev.seq,
        n,
        fact: 'assigned' as const,
        case_id: caseId,
        judge: str(l.judgeId),
        role: ROLES.has(str(l.form)) ? (str(l.form) as FactRow['role']) : 'none',
        category: str(l.category) || category,
        weight: num(l.kCategory, 1) * num(l.kForm, 1),
        day: isoDate(l.date) ?? dayOf(ev.ts),
      }));
    }
    // a distribution without load entries (routing past the draw): the composition, weight 1
    const comp = (d.composition ?? {}) as { presiding?: unknown; members?: unknown };
    const members = Array.isArray(comp.members) ? comp.members.map(str).filter((m) => m && m !== str(comp.presiding)) : [];
    return [
      { judge: str(comp.presiding), role: 'presiding' as const },
      ...members.map((m) => ({ judge: m, role: 'member' as const })),
    ]
      .filter((x) => x.judge)
      .map((x, n) => ({ court: ev.court, seq: ev.seq, n, fact: 'assigned' as const, case_id: caseId, judge: x.judge, role: x.role, category, weight: 1, day: dayOf(ev.ts) }));
  }
  if (ev.type === 'case-decided') {
    const caseId = str(d.caseId);
    if (!caseId) return [];
    return [
      { court: ev.court, seq: ev.seq, n: 0, fact: 'decided', case_id: caseId, judge: str(d.judgeId), role: 'none', category: str(d.category), weight: 0, day: isoDate(d.date) ?? dayOf(ev.ts) },
    ];
  }
  return [];
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function num(v: unknown, dflt: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : dflt;
}

function isoDate(v: unknown): string | undefined {
  return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined;
}

const KYIV_DATE = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Kyiv' });

/** Court-local civil date of a commit; Kyiv time, as the courts date their acts. */
export function dayOf(ts: number): string {
  // one formatter for the process: toLocaleDateString builds one per call (~50 µs each)
  return KYIV_DATE.format(ts);
}
