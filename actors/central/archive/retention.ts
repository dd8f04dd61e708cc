/**
 * The retention term of an accepted package (issue 15 item 5): set by the court's archive rules per category
 * (configuration beside the Засади, actors/court/archive) and written by the court into bag-info.txt; the centre
 * reads it from there, so the term travels sealed with the package. A package past its term is only listed
 * (`asds archive retention`): destruction is by an act of the expert commission, never automatic.
 *
 * Recognised bag-info.txt fields (case-insensitive): `Retention-Until: YYYY-MM-DD` (the end of the term), else
 * `Retention-Years: N` counted from `Closed-Date`/`Bagging-Date` (YYYY-MM-DD), `Retention: постійно|permanent` (kept
 * permanently: 0); `Archive-Category` or `Category` names the category. Nothing recognised: kept permanently — the
 * safe side of a term unknown.
 */
export function retentionOf(bagInfo: Record<string, string>): { category: string; retentionUntil: number } {
  const f = Object.fromEntries(Object.entries(bagInfo).map(([k, v]) => [k.toLowerCase(), v.trim()]));
  const category = f['archive-category'] ?? f['category'] ?? f['asds-archive-category'] ?? '';
  if (/^(постійно|permanent)/i.test(f['retention'] ?? '')) return { category, retentionUntil: 0 };
  const until = date(f['retention-until'] ?? f['asds-retention-until']);
  if (until !== undefined) return { category, retentionUntil: until };
  const years = Number(f['retention-years'] ?? f['asds-retention-years'] ?? NaN);
  const from = date(f['closed-date'] ?? f['asds-closed-date'] ?? f['bagging-date']);
  if (Number.isInteger(years) && years > 0 && from !== undefined) {
    const d = new Date(from);
    d.setUTCFullYear(d.getUTCFullYear() + years);
    return { category, retentionUntil: d.getTime() };
  }
  return { category, retentionUntil: 0 };
}

function date(s: string | undefined): number | undefined {
  if (!s || !/^\d{4}-\d{2}-\d{2}/.test(s)) return undefined;
  const t = Date.parse(`${s.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(t) ? undefined : t;
}
