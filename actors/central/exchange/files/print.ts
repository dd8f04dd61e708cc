/**
 * The printable journal of exchanged information files (Порядок II.1: «форми журналів обліку інформаційних файлів
 * обміну»), one participant and one direction, A4 landscape: № з/п, дата і час, напрям, тип файлу, розмір,
 * контрольна сума (SHA-256), стан, дата і час отримання та підтвердження, примітка. Times in Kyiv, дд.мм.рррр.
 *
 *   journalHtml({ participant: 'Національна поліція України', direction: 'received', entries, printedAt: Date.now() })
 */
import { FILE_TYPES } from '../../../../contracts/exchange/files/index.ts';
import type { JournalEntry } from './service.ts';

const KYIV = new Intl.DateTimeFormat('uk-UA', { timeZone: 'Europe/Kyiv', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });

export const kyivDateTime = (isoOrMs: string | number): string => KYIV.format(new Date(isoOrMs)).replace(',', '');

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const STATUS_UK: Record<JournalEntry['status'], string> = {
  received: 'Прийнято ДСА',
  sent: 'Надіслано, не отримано',
  fetched: 'Отримано, не підтверджено',
  acked: 'Отримання підтверджено',
};

export function fileTypeTitle(type: string, version: number): string {
  const t = FILE_TYPES.find((x) => x.type === type && x.version === version);
  return t ? `${t.titleUk} (версія ${version})` : `${type} (версія ${version})`;
}

const CSS = `@page { size: A4 landscape; margin: 15mm 12mm; }
body { font-family: "DejaVu Serif", "Times New Roman", serif; font-size: 10pt; color: #111; background: #fff; margin: 1em; }
h1 { font-size: 13pt; text-align: center; margin: .2em 0; }
p.sub { text-align: center; margin: .2em 0 .8em; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #444; padding: 2px 4px; vertical-align: top; text-align: left; }
thead th { background: #e8edf3; }
td.num { text-align: right; white-space: nowrap; }
td.hash { font-family: "DejaVu Sans Mono", monospace; font-size: 7.5pt; word-break: break-all; }
td.empty { text-align: center; font-style: italic; }
p.generated { font-size: 9pt; color: #444; }
@media print { thead { display: table-header-group; } tr { break-inside: avoid; } body { margin: 0; } }`;

export interface JournalPage {
  /** The participant's full name (never its id). */
  participant: string;
  direction: 'sent' | 'received';
  entries: readonly JournalEntry[];
  printedAt: number;
}

function row(e: JournalEntry, participant: string): string {
  const dir = e.direction === 'sent' ? `Від: ${participant} → ДСА` : `ДСА → ${participant}`;
  const notes = [e.requestId ? 'відповідь на запит' : '', e.signed ? 'з підписом' : '', e.overdue ? 'неможливість обміну не повідомлено у строк' : ''].filter(Boolean).join('; ');
  return `<tr><td class="num">${e.no}</td><td>${esc(kyivDateTime(e.at))}</td><td>${esc(dir)}</td><td>${esc(fileTypeTitle(e.type, e.version))}</td><td class="num">${e.size}</td><td class="hash">${e.sha256}</td><td>${STATUS_UK[e.status]}</td><td>${e.fetchedAt ? esc(kyivDateTime(e.fetchedAt)) : '—'}</td><td>${e.ackedAt ? esc(kyivDateTime(e.ackedAt)) : '—'}</td><td>${esc(notes) || '—'}</td></tr>`;
}

export function journalHtml(p: JournalPage): string {
  const title = p.direction === 'sent' ? 'Журнал обліку інформаційних файлів обміну, отриманих ДСА' : 'Журнал обліку інформаційних файлів обміну, надісланих ДСА';
  const side = p.direction === 'sent' ? `від учасника: ${p.participant}` : `учаснику: ${p.participant}`;
  const rows = p.entries.length ? p.entries.map((e) => row(e, p.participant)).join('\n') : '<tr><td class="empty" colspan="10">Записів немає</td></tr>';
  return `<!doctype html>
<html lang="uk"><head><meta charset="utf-8"><title>${esc(title)}</title><style>${CSS}</style></head>
<body>
<h1>${esc(title)}</h1>
<p class="sub">${esc(side)}</p>
<table>
<thead><tr><th>№ з/п</th><th>Дата і час</th><th>Напрям</th><th>Тип файлу</th><th>Розмір, байт</th><th>Контрольна сума (SHA-256)</th><th>Стан</th><th>Дата і час отримання</th><th>Дата і час підтвердження</th><th>Примітка</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<p class="generated">Усього записів: ${p.entries.length}. Сформовано ${esc(kyivDateTime(p.printedAt))} (час київський).</p>
</body></html>
`;
}
