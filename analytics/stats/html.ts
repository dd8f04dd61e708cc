/**
 * A report as printable Ukrainian HTML (issue 14 item 8): the court's (or
 * region's) full name, the period ("за І півріччя 2026 року"), the form's
 * tables with row and column numbers and labels, the logical-control result
 * and the signature block (Засади 16.3). Self-contained (inline CSS, A4
 * landscape) so a browser prints it as is or saves it as PDF.
 *
 *   res.type('text/html').send(reportHtml(def, report, { scope: 'Лубенський міськрайонний суд Полтавської області' }));
 */
import type { FormDefinitionV1 } from '../../contracts/stats/form.ts';
import type { StatReportV1 } from '../../contracts/stats/report.ts';
import { hryvnias } from './labels.ts';
import { CEPEJ_HEADERS, indicatorUk, reportLayout, type ReportLayout, type ReportNames, type ReportOptions } from './layout.ts';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const STYLE = `@page { size: A4 landscape; margin: 12mm; }
body { font-family: 'DejaVu Serif', 'Times New Roman', serif; font-size: 11pt; }
h1 { font-size: 14pt; text-align: center; margin: 0 0 4pt; }
.center { text-align: center; margin: 2pt 0; }
.note { text-align: center; font-style: italic; font-size: 9pt; }
table { border-collapse: collapse; width: 100%; margin: 6pt 0 12pt; page-break-inside: auto; }
th, td { border: 1px solid #000; padding: 2pt 4pt; vertical-align: top; }
th { font-weight: normal; text-align: center; font-size: 9pt; }
td.n { text-align: right; white-space: nowrap; }
h2 { font-size: 12pt; margin: 10pt 0 2pt; }
.fail { color: #a00; }
.sign { margin-top: 18pt; width: 100%; border: none; }
.sign td { border: none; padding: 8pt 4pt; }`;

function section(s: ReturnType<typeof reportLayout>['sections'][number]): string {
  const head1 = `<tr><th rowspan="2">№ рядка</th><th rowspan="2">Найменування показника</th>${s.columns.map((c) => `<th>${esc(c.label)}</th>`).join('')}</tr>`;
  const head2 = `<tr>${s.columns.map((c) => `<th>${esc(c.code)}</th>`).join('')}</tr>`;
  const body = s.rows
    .map((r) => `<tr><td>${esc(r.code)}</td><td>${esc(r.label)}</td>${r.values.map((v, i) => `<td class="n">${s.columns[i]!.money ? hryvnias(v) : v}</td>`).join('')}</tr>`)
    .join('\n');
  return `<h2>${esc(s.title)}</h2>\n<table>\n<thead>${head1}${head2}</thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

function cepejTable(t: ReportLayout['cepej'][number]): string {
  const head = `<tr>${CEPEJ_HEADERS.map((h) => `<th>${esc(h)}</th>`).join('')}</tr>`;
  const body = t.rows
    .map((r) => `<tr><td>${esc(r.code)}</td><td>${esc(r.label)}</td>${[String(r.received), String(r.resolved), String(r.pendingEnd), indicatorUk(r.clearanceRate), indicatorUk(r.turnover, 2), indicatorUk(r.dispositionDays)].map((v) => `<td class="n">${v}</td>`).join('')}</tr>`)
    .join('\n');
  return `<h2>Показники CEPEJ. ${esc(t.title)}</h2>\n<table>\n<thead>${head}</thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

export function reportHtml(def: FormDefinitionV1, report: StatReportV1, names: ReportNames, options: ReportOptions = {}): string {
  const l = reportLayout(def, report, names, options);
  const signs = l.signatories
    .map((s) => `<tr><td>${esc(s.position)}</td><td>________________<br><small>(підпис)</small></td><td>${s.name ? esc(s.name) : '________________<br><small>(ім’я, прізвище)</small>'}</td></tr>`)
    .join('\n');
  return `<!doctype html>
<html lang="uk">
<head><meta charset="utf-8"><title>${esc(l.title)} — ${esc(l.scope)}</title><style>${STYLE}</style></head>
<body>
<h1>${esc(l.title)}</h1>
${l.note ? `<p class="note">${esc(l.note)}</p>` : ''}
<p class="center"><b>${esc(l.scope)}</b></p>
<p class="center">${esc(l.period)}</p>
${l.sections.map(section).join('\n')}
${l.cepej.map(cepejTable).join('\n')}
<h2>Результат логічного контролю</h2>
${l.control.map((c) => `<p class="${l.passed ? '' : 'fail'}">${esc(c)}</p>`).join('\n')}
<table class="sign">
${signs}
</table>
<p>Дата складання: ${esc(l.drawnUpOn)}</p>
</body>
</html>
`;
}
