/**
 * Load information (Засади 10.1–10.2): for each judge on request — figures
 * of the load coefficient (spec §3), the coefficients applied (6.4), counts
 * by category and form, non-distribution days (6.6) and the 6.5 reduction —
 * and the head of staff's yearly report on balanced load. Pure, over the
 * distribution actor's `LoadLedger` and (for counts) its assignments.
 */
import type { ParticipationForm, ZasadyConfig } from '../../contracts/distribution/zasady.ts';
import type { IsoDate } from './dates.ts';
import { loadSnapshot, type JudgeLoad, type LoadLedger } from './load.ts';
import type { Zasady } from './zasady.ts';

export interface Assignment {
  judgeId: string;
  category: string;
  form: ParticipationForm;
  date?: IsoDate;
}

export interface JudgeLoadInfo {
  judgeId: string;
  name: string;
  date: IsoDate;
  zasady: { id: string; decisionNumber: string };
  figures: JudgeLoad;
  /** 6.6: days in the window when cases were not distributed to the judge, and whether they count. */
  nonDistributionDays: number;
  countNonDistributionDays: boolean;
  /** 6.5: reductions for administrative posts and other duties (r ≤ 0.6). */
  reductions: Array<{ id: string; name: string; r: number }>;
  /** Counts by category and form in the window (absent when the caller has no assignment list). */
  byCategory?: Array<{ category: string; name: string; complexity: number; presiding: number; member: number; reserve: number }>;
}

/** Cases per judge → category → form (what `read-assignments` returns as `counts`). */
export type CategoryCounts = Record<string, Record<string, { presiding: number; member: number; reserve: number }>>;

export function countAssignments(assignments: readonly Assignment[]): CategoryCounts {
  const out: CategoryCounts = {};
  for (const a of assignments) {
    const c = ((out[a.judgeId] ??= {})[a.category] ??= { presiding: 0, member: 0, reserve: 0 });
    c[a.form] += 1;
  }
  return out;
}

export interface LoadInfoSet {
  date: IsoDate;
  /** The period the counts by category cover (inclusive; from null = since the first case). */
  counted?: { from: IsoDate | null; to: IsoDate };
  coefficients: { categories: Array<{ id: string; name: string; complexity: number }>; participation: { presiding: number; member: number; reserve: number } };
  judges: JudgeLoadInfo[];
}

export function loadInformation(zasady: Zasady, ledger: LoadLedger, date: IsoDate, assignments?: readonly Assignment[], only?: readonly string[]): LoadInfoSet {
  const ids = zasady.config.judges.map((j) => j.id).filter((id) => ledger.judges[id] && (!only || only.includes(id)));
  return loadInformationFromFigures(zasady.config, loadSnapshot(ledger, zasady, date, ids), date, assignments && countAssignments(assignments));
}

/**
 * The same from figures already computed (the distribution actor's
 * `read-load`), the Засади in force (`read-zasady`) and the counts of its
 * `read-assignments` over a period.
 */
export function loadInformationFromFigures(c: ZasadyConfig, figures: readonly JudgeLoad[], date: IsoDate, counts?: CategoryCounts): LoadInfoSet {
  const reductions = new Map(c.administrativeReductions.map((r) => [r.id, r]));
  const judges = figures.map((f): JudgeLoadInfo => {
    const judge = c.judges.find((j) => j.id === f.judgeId);
    const info: JudgeLoadInfo = {
      judgeId: f.judgeId,
      name: judge?.name ?? f.judgeId,
      date,
      zasady: { id: c.version.id, decisionNumber: c.version.decisionNumber },
      figures: f,
      nonDistributionDays: f.dWindow - f.dAvailable,
      countNonDistributionDays: c.load.countNonDistributionDays,
      reductions: (judge?.reductions ?? []).map((id) => ({ id, name: reductions.get(id)?.name ?? id, r: reductions.get(id)?.r ?? 0 })),
    };
    if (counts) {
      const mine = counts[f.judgeId] ?? {};
      // Categories in the Засади order; a category since dropped from the Засади is still shown (by id).
      const ids = [...c.categories.map((x) => x.id), ...Object.keys(mine).filter((id) => !c.categories.some((x) => x.id === id)).sort()];
      info.byCategory = ids
        .filter((id) => mine[id])
        .map((id) => {
          const cat = c.categories.find((x) => x.id === id);
          return { category: id, name: cat?.name ?? id, complexity: cat?.complexity ?? 0, ...mine[id]! };
        });
    }
    return info;
  });
  return {
    date,
    coefficients: { categories: c.categories.map((x) => ({ id: x.id, name: x.name, complexity: x.complexity })), participation: { ...c.participation } },
    judges,
  };
}

export interface BalanceReport {
  year: string;
  date: IsoDate;
  counted?: { from: IsoDate | null; to: IsoDate };
  judges: Array<{ judgeId: string; name: string; N: number; deviation: number; byCategory?: JudgeLoadInfo['byCategory'] }>;
  /** Mean, spread and coefficient of variation of N — how balanced the load is (10.1). */
  stats: { mean: number; min: number; max: number; spread: number; cv: number };
  /** Cases per category over all judges in the counted period (when counts were given). */
  categories?: Array<{ category: string; name: string; presiding: number; member: number; reserve: number }>;
}

/** 10.1: the yearly report on balanced load, as of `date` (usually 31 December or the report day). */
export function balanceReport(set: LoadInfoSet): BalanceReport {
  const N = set.judges.map((j) => j.figures.N);
  const mean = N.length ? N.reduce((a, b) => a + b, 0) / N.length : 0;
  const sd = N.length ? Math.sqrt(N.reduce((a, n) => a + (n - mean) ** 2, 0) / N.length) : 0;
  const min = N.length ? Math.min(...N) : 0;
  const max = N.length ? Math.max(...N) : 0;
  const report: BalanceReport = {
    year: set.date.slice(0, 4),
    date: set.date,
    ...(set.counted ? { counted: set.counted } : {}),
    judges: set.judges.map((j) => ({ judgeId: j.judgeId, name: j.name, N: j.figures.N, deviation: j.figures.N - mean, ...(j.byCategory ? { byCategory: j.byCategory } : {}) })),
    stats: { mean, min, max, spread: max - min, cv: mean > 0 ? sd / mean : 0 },
  };
  if (set.judges.some((j) => j.byCategory)) {
    const totals = new Map<string, { category: string; name: string; presiding: number; member: number; reserve: number }>();
    for (const c of set.judges.flatMap((j) => j.byCategory ?? [])) {
      const t = totals.get(c.category) ?? { category: c.category, name: c.name, presiding: 0, member: 0, reserve: 0 };
      totals.set(c.category, { ...t, presiding: t.presiding + c.presiding, member: t.member + c.member, reserve: t.reserve + c.reserve });
    }
    report.categories = [...totals.values()];
  }
  return report;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
/** Printed for people: Ukrainian decimal comma (1,500), the JSON keeps numbers. */
const num = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(3).replace('.', ','));

/** A printable page (10.2) in Ukrainian. */
/**
 * The load page to print: `courtName` is the court's full name (Засади
 * `court.name`), `date` formats a `YYYY-MM-DD` for people (the court node
 * passes the Ukrainian long form, "5 січня 2026 року"); judges by full name only.
 */
export function loadInformationHtml(set: LoadInfoSet, courtName: string, date: (d: string) => string = (d) => d): string {
  const rows = set.judges
    .map((j) => {
      const f = j.figures;
      const cats = j.byCategory ? j.byCategory.map((c) => `${esc(c.name)}: ${c.presiding} / ${c.member}${c.reserve ? ` / ${c.reserve}` : ''}`).join('<br>') : '—';
      const red = j.reductions.length ? j.reductions.map((r) => `${esc(r.name)} (${num(r.r * 100)} %)`).join('<br>') : '—';
      return `<tr><td>${esc(j.name)}</td><td>${num(f.L)}</td><td>${num(f.Lp)}</td><td>${num(f.r)}</td><td><b>${num(f.N)}</b></td><td>${j.nonDistributionDays} з ${f.dWindow}</td><td>${red}</td><td>${cats}</td></tr>`;
    })
    .join('\n');
  const coeff = set.coefficients.categories.map((c) => `<li>${esc(c.name)} — ${num(c.complexity)}</li>`).join('');
  const p = set.coefficients.participation;
  return `<!doctype html><html lang="uk"><head><meta charset="utf-8"><title>Інформація щодо стану навантаження на суддів</title>
<style>body{font-family:"DejaVu Sans",sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #444;padding:4px 8px;vertical-align:top}@media print{a{display:none}}</style></head>
<body><h1>Інформація щодо стану навантаження на суддів</h1>
<p><b>${esc(courtName)}</b></p>
<p>Станом на ${esc(date(set.date))} (Засади 10.2).${set.counted ? ` Справи враховано за період ${set.counted.from ? `з ${esc(date(set.counted.from))} ` : ''}по ${esc(date(set.counted.to))}.` : ''}</p>
<table><thead><tr><th>Суддя</th><th>L</th><th>L′ (6.6)</th><th>r (6.5)</th><th>N</th><th>Дні без розподілу</th><th>Зменшення навантаження (6.5)</th><th>Справи за категоріями: головуючий / член колегії [/ запасний]</th></tr></thead>
<tbody>
${rows}
</tbody></table>
<h2>Коефіцієнти (Засади 6.4)</h2><ul>${coeff}</ul>
<p>Форма участі: головуючий ${num(p.presiding)}, член колегії ${num(p.member)}, запасний ${num(p.reserve)}. Дні без розподілу ${set.judges[0]?.countNonDistributionDays ? 'враховуються' : 'не враховуються'} (Засади 6.6).</p>
</body></html>`;
}
