/**
 * The control lists as a printable Ukrainian HTML page or plain text: the
 * court's full name, the judges' full names, Ukrainian dates in Kyiv time,
 * every value escaped (HTML).
 */
import type { ControlListV1 } from '../../../contracts/court/control.ts';
import { escapeHtml } from '../public/lists.ts';
import { ukrainianDate, ukrainianDateTime } from './dates.ts';

const dash = '—';
const day = (d: string | null) => (d ? ukrainianDate(d) : dash);

interface Table {
  title: string;
  rule: string;
  head: string[];
  rows: string[][];
  empty: string;
}

function tableOf(l: ControlListV1): Table {
  switch (l.list) {
    case 'undistributed':
      return {
        title: `Справи, зареєстровані ${ukrainianDate(l.date)} і не розподілені`,
        rule: 'Засади 4.1: розподіл здійснюється в день реєстрації одразу після неї',
        head: ['№', 'ЄУН', 'Номер провадження', 'Зареєстровано', 'Категорія', 'Причина', 'Пункт Засад', 'Суддя', 'Прогноз розподілу'],
        rows: l.rows.map((r, n) => [String(n + 1), r.ueun, r.proceedingNumber, ukrainianDateTime(r.registeredAt), r.category ?? dash, r.reasonText, r.rule, r.judge ?? dash, day(r.forecast)]),
        empty: 'Нерозподілених справ немає.',
      };
    case 'not-handed-over':
      return {
        title: `Справи, не передані головуючому судді у строк (станом на ${ukrainianDate(l.date)})`,
        rule: 'Засади 4.18: справа передається головуючому судді не пізніше наступного робочого дня після розподілу',
        head: ['№', 'ЄУН', 'Номер провадження', 'Категорія', 'Розподілено', 'Передати до', 'Головуючий суддя', 'Судді-члени колегії', 'Протокол'],
        rows: l.rows.map((r, n) => [String(n + 1), r.ueun, r.proceedingNumber, r.category ?? dash, ukrainianDateTime(r.assignedAt), ukrainianDate(r.deadline), r.presiding, r.members.join(', ') || dash, r.protocol]),
        empty: 'Прострочених передач справ немає.',
      };
    case 'waiting':
      return {
        title: `Справи, що очікують суддю або можливості розподілу (станом на ${ukrainianDate(l.date)})`,
        rule: 'Засади 4.10, 5.4: розподіл відбувається, щойно відпадуть обставини',
        head: ['№', 'ЄУН', 'Номер провадження', 'Категорія', 'Причина', 'Пункт Засад', 'Суддя', 'Очікує з', 'Прогноз розподілу'],
        rows: l.rows.map((r, n) => [String(n + 1), r.ueun ?? dash, r.caseId, r.category, r.reasonText, r.rule, r.judge ?? dash, day(r.since), r.forecast ? ukrainianDate(r.forecast) : 'не відомий']),
        empty: 'Справ, що очікують, немає.',
      };
    case 'overdue-orders':
      return {
        title: `Документи суду, не внесені до автоматизованої системи у строк (станом на ${ukrainianDate(l.date)})`,
        rule: 'Засади 2.1, 2.3, 2.4, 4.9, 4.13, 4.15: електронний примірник вноситься не пізніше наступного робочого дня після підписання',
        head: ['№', 'Документ', 'Номер', 'Дата', 'Строк до', 'Пункт Засад', 'Що не виконано', 'Деталі'],
        rows: l.rows.map((r, n) => [String(n + 1), r.title, r.number, ukrainianDate(r.date), ukrainianDate(r.deadline), r.rule, r.text, r.detail]),
        empty: 'Прострочених документів немає.',
      };
  }
}

export function controlHtml(l: ControlListV1): string {
  const t = tableOf(l);
  const th = t.head.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const body = t.rows.length === 0 ? `<tr><td colspan="${t.head.length}">${escapeHtml(t.empty)}</td></tr>` : t.rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('\n');
  return `<!doctype html>
<html lang="uk"><head><meta charset="utf-8"><title>${escapeHtml(`${l.court.name}: ${t.title}`)}</title>
<style>body{font-family:serif;margin:2em}table{border-collapse:collapse;width:100%}th,td{border:1px solid #444;padding:.3em;text-align:left;vertical-align:top}@media print{body{margin:0}}</style>
</head><body>
<h1>${escapeHtml(l.court.name)}</h1>
<h2>${escapeHtml(t.title)}</h2>
<p>${escapeHtml(t.rule)}</p>
<table>
<thead><tr>${th}</tr></thead>
<tbody>
${body}
</tbody>
</table>
<p>${escapeHtml(`Сформовано ${ukrainianDateTime(l.generatedAt)} (за київським часом). Усього: ${t.rows.length}.`)}</p>
</body></html>
`;
}

export function controlText(l: ControlListV1): string {
  const t = tableOf(l);
  const lines = [l.court.name, t.title, t.rule, ''];
  if (t.rows.length === 0) lines.push(t.empty);
  for (const r of t.rows) lines.push(`${r[0]}. ${r.slice(1).map((c, i) => `${t.head[i + 1]}: ${c}`).join('; ')}`);
  lines.push('', `Сформовано ${ukrainianDateTime(l.generatedAt)} (за київським часом). Усього: ${t.rows.length}.`);
  return lines.join('\n') + '\n';
}
