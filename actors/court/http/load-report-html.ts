/**
 * The yearly load balance report (Засади 10.1) as a printable Ukrainian page
 * (`GET /load/report?format=html`): the court's full name, the date in words,
 * judges by full name (never a login), categories by their Засади name.
 *
 *   loadReportHtml(yearlyReport(src), names)   // '<!doctype html>…'
 */
import type { BalanceReport } from '../../distribution/load-info.ts';
import { longDateUk } from '../dates.ts';
import { PRINT_HEAD } from '../print-style.ts';
import { escapeHtml as esc } from '../public/lists.ts';
import type { PrintNames } from './print-names.ts';

type Totals = { name: string; presiding: number; member: number; reserve: number };
export type LoadReport = BalanceReport & { formerJudges: Array<{ judgeId: string; byCategory: Totals[] }> };

const num = (n: number) => n.toLocaleString('uk-UA', { maximumFractionDigits: 2 });
const cats = (list: Totals[] | undefined) => (list?.length ? list.map((c) => `${esc(c.name)}: ${c.presiding} / ${c.member}${c.reserve ? ` / ${c.reserve}` : ''}`).join('<br>') : '—');

export function loadReportHtml(r: LoadReport, names: Pick<PrintNames, 'court' | 'judge'>): string {
  const judges = r.judges.map((j) => `<tr><td>${esc(j.name)}</td><td>${num(j.N)}</td><td>${num(j.deviation)}</td><td>${cats(j.byCategory)}</td></tr>`).join('\n');
  const former = r.formerJudges.map((j) => `<tr><td>${esc(names.judge(j.judgeId))}</td><td>${cats(j.byCategory)}</td></tr>`).join('\n');
  const totals = (r.categories ?? []).map((c) => `<tr><td>${esc(c.name)}</td><td>${c.presiding}</td><td>${c.member}</td><td>${c.reserve}</td></tr>`).join('\n');
  const period = r.counted ? ` Справи враховано за період ${r.counted.from ? `з ${esc(longDateUk(r.counted.from))} ` : ''}по ${esc(longDateUk(r.counted.to))}.` : '';
  const s = r.stats;
  return `<!doctype html>
<html lang="uk"><head><meta charset="utf-8"><title>${esc(`${names.court}: звіт про збалансованість навантаження за ${r.year} рік`)}</title>
${PRINT_HEAD}</head>
<body>
<header class="court"><h1>${esc(names.court)}</h1>
<p>Звіт про збалансованість навантаження на суддів за ${esc(r.year)} рік (Засади 10.1)</p>
<p class="generated">Станом на ${esc(longDateUk(r.date))}.${period}</p></header>
<section class="list"><h2>Навантаження суддів</h2>
<table><thead><tr><th>Суддя</th><th>N</th><th>Відхилення від середнього</th><th>Справи за категоріями: головуючий / член колегії [/ запасний]</th></tr></thead>
<tbody>${judges || '<tr><td class="empty" colspan="4">Суддів у Засадах немає</td></tr>'}</tbody></table>
<p>Середнє N ${num(s.mean)}, найменше ${num(s.min)}, найбільше ${num(s.max)}, розмах ${num(s.spread)}, коефіцієнт варіації ${num(s.cv * 100)} %.</p></section>
${totals ? `<section class="list"><h2>Справи за категоріями</h2><table><thead><tr><th>Категорія</th><th>Головуючий</th><th>Член колегії</th><th>Запасний</th></tr></thead><tbody>${totals}</tbody></table></section>` : ''}
${former ? `<section class="list"><h2>Судді, які вибули з Засад</h2><table><thead><tr><th>Суддя</th><th>Справи за категоріями</th></tr></thead><tbody>${former}</tbody></table></section>` : ''}
</body></html>
`;
}
