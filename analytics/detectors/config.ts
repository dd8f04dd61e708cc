/**
 * Thresholds of the manipulation detectors, with their defaults. Every value
 * may be overridden per run (`runDetectors(engine, { …, config: { refiling: { minFilings: 3 } } })`).
 * The defaults were set on the synthetic workload of bench/detectors.ts
 * (8 judges, ~10 cases a working day): recall ≥ 0.9 per planted scenario with
 * alarms on ≤ 1 % of clean court-months. A real court's figures should be
 * checked against its own history before tightening them.
 */
export interface DetectorConfig {
  /** (a) Absences recorded shortly before a draw that narrowed its pool (Засади 4.5, 4.7, 4.10). */
  absenceBeforeDraw: {
    /** An absence counts as "recent" if recorded at most this many hours before the draw. */
    windowHours: number;
    /** …and "undone" if cancelled, or shortened to end before the draw's date, at most this many hours after the draw. */
    undoneWithinHours: number;
    /** Alarm when at least this many judges of the pool were removed by recent absences, one of them undone or late (4.5 lead)… */
    minJudges: number;
    /** …or this many, undone or not… */
    minJudgesWithoutUndo: number;
    /** …and they were at least this share of the judges who would otherwise have been eligible. */
    minShare: number;
  };
  /** (b) Non-random assignments (transfers 4.11, 4.17, 5.1–5.2) and repeated distributions (4.12–4.15) per judge and ground. */
  nonRandomRate: {
    /** Sliding window (days) over which a judge's assignments on one ground are counted. */
    windowDays: number;
    /** Alarm when a judge received at least this many on one ground in the window… */
    minCount: number;
    /** …and they were at least this share of all the judge's assignments in that window. */
    minJudgeShare: number;
    /** Per court: alarm when one ground carries this share of all assignments of a window (with ≥ minCount). */
    maxCourtShare: number;
  };
  /** (c) A Засади version followed by a concentration of a category on one judge (Засади 6.1, 6.4–6.5). */
  zasadyConcentration: {
    /** Days compared before and after the version's effective date. */
    horizonDays: number;
    /** Draws of the category after the version needed to judge a share. */
    minCases: number;
    /** Alarm when one judge takes at least this share of the category after the version… */
    minShare: number;
    /** …and that share grew by at least this much (absolute) over the same span before it. */
    minIncrease: number;
  };
  /** (d) Re-filing the same claim until another judge is drawn. */
  refiling: {
    /** Filings of the same parties look this many days back. */
    lookbackDays: number;
    /** Word-set (Jaccard) similarity of the essence at which two filings are "the same claim". */
    minSimilarity: number;
    /** Alarm when a claim was filed at least this many times… */
    minFilings: number;
    /** …and drawn to at least this many different judges. */
    minJudges: number;
  };
  /** (e) Per judge and month: draws won vs the protocols' own probabilities (exact Poisson-binomial test). */
  drawFrequency: {
    /**
     * Benjamini–Hochberg false discovery rate within each court-month family (all its judges). With every judge
     * honest, BH bounds the chance of any alarm in that court-month by `fdr`: this detector's share of the
     * false-alarm budget of 0.01 per clean court-month that all six detectors share.
     */
    fdr: number;
    /** Judges with fewer draws in the month (steps where they stood) are not tested. */
    minDraws: number;
  };
  /** (f) Load inputs (L, L′, r, N, D) recomputed from replicated assignments and absences (Засади 6.4–6.6). */
  loadInputs: {
    /** Relative tolerance of a figure (floating point of the same code is exact; this only absorbs JSON round trips). */
    tolerance: number;
    /** Protocols quoted in an alarm's evidence. */
    maxEvidence: number;
  };
}

export const DEFAULT_CONFIG: DetectorConfig = {
  absenceBeforeDraw: { windowHours: 24, undoneWithinHours: 72, minJudges: 2, minJudgesWithoutUndo: 3, minShare: 0.5 },
  nonRandomRate: { windowDays: 31, minCount: 6, minJudgeShare: 0.08, maxCourtShare: 0.1 },
  zasadyConcentration: { horizonDays: 30, minCases: 8, minShare: 0.5, minIncrease: 0.25 },
  refiling: { lookbackDays: 180, minSimilarity: 0.85, minFilings: 2, minJudges: 2 },
  drawFrequency: { fdr: 0.001, minDraws: 10 },
  loadInputs: { tolerance: 1e-9, maxEvidence: 10 },
};

export type DetectorConfigInput = { [K in keyof DetectorConfig]?: Partial<DetectorConfig[K]> };

export function configWith(over: DetectorConfigInput = {}): DetectorConfig {
  const out = structuredClone(DEFAULT_CONFIG) as unknown as Record<string, Record<string, number>>;
  for (const [k, v] of Object.entries(over)) {
    if (!(k in out)) throw new Error(`unknown detector ${k}`);
    for (const [f, x] of Object.entries(v ?? {})) {
      if (!(f in out[k]!)) throw new Error(`unknown threshold ${k}.${f}`);
      if (typeof x !== 'number' || !Number.isFinite(x) || x < 0) throw new Error(`threshold ${k}.${f} must be a non-negative number`);
      out[k]![f] = x;
    }
  }
  return out as unknown as DetectorConfig;
}
