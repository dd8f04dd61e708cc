/**
 * «Статистика» (Засади 16.1.5–16.1.7): the CEPEJ indicators per court for a period — clearance rate (resolved ÷
 * received) and disposition time (days a pending case would take at this pace) — as a chart with the same numbers
 * in a table beneath it, then the official reports the courts sent (signed Originals) with the centre's status, and
 * the national report of each form for the period as XLSX.
 */
import { api, openBlob } from '../../lib/api.ts';
import { h, notice, replace } from '../../lib/dom.ts';
import type { Page } from '../../lib/router.ts';
import { table } from '../../lib/table.ts';
import { dateTimeUk, dateUk, numberUk } from '../../lib/format.ts';
import { barChart } from './chart.ts';
import { courtLabel, courtNames, dateField, filterForm, percentUk, period } from './common.ts';

/** GET /stats/cepej?by=court row (analytics/stats-sql/cepej.ts CepejRow). */
interface CepejRow {
  key: string;
  received: number;
  resolved: number;
  pendingEnd: number;
  clearanceRate: number | null;
  turnover: number | null;
  dispositionDays: number | null;
}

/** GET /stats/submissions item (actors/central/stats/store.ts StoredSubmission without the report). */
interface Submission {
  court: string;
  documentId: string;
  form: { id: string; version: number };
  period: { kind: string; from: string; to: string };
  author: { name: string; position: string };
  signedAt: number;
  receivedAt: number;
  status: 'received' | 'accepted' | 'returned';
  remarks: string;
}

const STATUS_UK: Record<Submission['status'], [string, string]> = { received: ['отримано', 'warn'], accepted: ['прийнято', 'ok'], returned: ['повернуто на доопрацювання', 'bad'] };

function indicators(rows: CepejRow[], names: Map<string, string>): HTMLElement {
  if (rows.length === 0) return h('p', { class: 'empty' }, 'За цей період статистичних карток немає.');
  const labels = rows.map((r) => courtLabel(names, r.key));
  return h(
    'section',
    { 'aria-labelledby': 'cepej' },
    h('h2', { id: 'cepej' }, 'Показники CEPEJ за судами'),
    barChart(
      'Показники CEPEJ',
      labels,
      [
        { label: 'Коефіцієнт розгляду, %', data: rows.map((r) => (r.clearanceRate === null ? null : Math.round(r.clearanceRate * 10) / 10)) },
        { label: 'Тривалість розгляду, днів', data: rows.map((r) => (r.dispositionDays === null ? null : Math.round(r.dispositionDays))), axis: 'y2' },
      ],
      { y: '%', y2: 'днів' },
    ),
    table(
      rows,
      [
        { label: 'Суд', value: (_r, i) => labels[i]! },
        { label: 'Надійшло', value: (r) => numberUk(r.received), class: 'num' },
        { label: 'Розглянуто', value: (r) => numberUk(r.resolved), class: 'num' },
        { label: 'Залишок на кінець періоду', value: (r) => numberUk(r.pendingEnd), class: 'num' },
        { label: 'Коефіцієнт розгляду (clearance rate)', value: (r) => percentUk(r.clearanceRate), class: 'num' },
        { label: 'Тривалість розгляду (disposition time), днів', value: (r) => numberUk(r.dispositionDays), class: 'num' },
      ],
      { caption: 'Показники CEPEJ (дані діаграми)', id: 'cepej-table' },
    ),
  );
}

function nationalReports(forms: string[], p: { from: string; to: string }): HTMLElement | null {
  if (forms.length === 0) return null;
  const status = h('div');
  const download = async (form: string) => {
    try {
      openBlob(await api.blob('/stats/report', { form, from: p.from, to: p.to, nation: 1, format: 'xlsx' }), `${form}_${p.from}_${p.to}.xlsx`);
    } catch (e) {
      replace(status, notice('error', e instanceof Error ? e.message : 'Звіт не сформовано.'));
    }
  };
  return h('div', { class: 'actions' }, forms.map((f) => h('button', { type: 'button', class: 'secondary', on: { click: () => void download(f) } }, `Звіт за формою ${f} по країні (XLSX)`)), status);
}

async function render(_p: Record<string, string>, query: URLSearchParams): Promise<HTMLElement> {
  const p = period(query);
  const [names, rows, subs] = await Promise.all([courtNames(), api.get<CepejRow[]>('/stats/cepej', { from: p.from, to: p.to, by: 'court' }), api.get<Submission[]>('/stats/submissions')]);
  return h(
    'div',
    null,
    filterForm('/statistics', [dateField('from', 'З', p.from), dateField('to', 'По', p.to)]),
    h('p', null, `Період: ${dateUk(p.from)} — ${dateUk(p.to)}.`),
    indicators(rows, names),
    h('h2', { id: 'submissions' }, 'Звіти, надіслані судами'),
    table(
      subs,
      [
        { label: 'Суд', value: (s) => courtLabel(names, s.court) },
        { label: 'Форма', value: (s) => s.form.id },
        { label: 'Період', value: (s) => `${dateUk(s.period.from)} — ${dateUk(s.period.to)}` },
        { label: 'Підписав', value: (s) => `${s.author.name}, ${s.author.position}` },
        { label: 'Отримано', value: (s) => dateTimeUk(s.receivedAt) },
        { label: 'Стан', value: (s) => h('span', { class: `badge ${STATUS_UK[s.status]?.[1] ?? ''}` }, STATUS_UK[s.status]?.[0] ?? s.status) },
        { label: 'Зауваження', value: (s) => s.remarks },
      ],
      { caption: 'Офіційні звіти (підписані оригінали)', empty: 'Суди ще не надсилали звітів.', id: 'submissions-table' },
    ),
    nationalReports([...new Set(subs.map((s) => s.form.id))], p),
  );
}

export const statisticsPage: Page = { path: '/statistics', title: 'Статистика', menu: 'Статистика', group: 'Аналітика', roles: ['administrator', 'analyst'], render };
