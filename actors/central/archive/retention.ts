/**
 * The retention term of an accepted package (issue 15 item 5): set by the court's archive rules per category
 * (configuration beside the Засади, actors/court/archive) and written by the court into bag-info.txt; the centre
 * reads it from there, so the term travels sealed with the package. A package past its term is only listed
 * (`asds archive retention`): destruction is by an act of the expert commission, never automatic.
 *
 * bag-info.txt fields (docs/archive-package.md §2, case-insensitive): `ASDS-Retention-Years` (0 = постійно, kept
 * permanently), `ASDS-Retention-Until` (the term's last day, YYYY-MM-DD: the package is past its term from the next
 * day), else the years counted from `ASDS-Closed-On` or `Bagging-Date`; `ASDS-Category` names the category. Nothing
 * recognised: kept permanently — the safe side of a term unknown.
 */
export function retentionOf(bagInfo: Record<string, string>): { category: string; retentionUntil: number } {
  const f = Object.fromEntries(Object.entries(bagInfo).map(([k, v]) => [k.toLowerCase(), v.trim()]));
  const category = f['asds-category'] ?? '';
  const years = Number(f['asds-retention-years'] ?? NaN);
  if (years === 0 || /^(постійно|permanent)/i.test(f['asds-retention-years'] ?? '')) return { category, retentionUntil: 0 };
  const until = date(f['asds-retention-until']);
  if (until !== undefined) return { category, retentionUntil: until + 86_400_000 };
  const from = date(f['asds-closed-on'] ?? f['bagging-date']);
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
