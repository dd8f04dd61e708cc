/**
 * «Навантаження суддів» (Засади 4.5, 16.1.5): per judge over a period — cases received, the weighted load the
 * distribution counts (Σ k_category × k_form), decided and still pending — from GET /reports/workload, summed over
 * the categories, as a bar chart with the same numbers in the table.
 */
import { api } from '../../lib/api.ts';
import { h } from '../../lib/dom.ts';
import type { Page } from '../../lib/router.ts';
import { table } from '../../lib/table.ts';
import { dateUk, numberUk } from '../../lib/format.ts';
import { barChart } from './chart.ts';
import { courtLabel, courtNames, courtSelect, dateField, filterForm, period } from './common.ts';

/** GET /reports/workload row (analytics/workload.ts WorkloadRow); `judgeName` null when the centre does not know the judge's name. */
interface WorkloadRow {
  court: string;
  judge: string;
  judgeName: string | null;
  category: string;
  received: number;
  weighted_load: number;
  decided: number;
  pending: number;
}

interface JudgeLoad {
  court: string;
  judge: string;
  name: string;
  received: number;
  weighted: number;
  decided: number;
  pending: number;
  categories: number;
}

/**
 * The judge as people know them: the full name the centre read from the court's Засади (analytics/judge-names.ts).
 * A judge they do not name is said to be unknown — never shown by the court's id or login (people read this page).
 */
const UNKNOWN_JUDGE = 'суддя (ПІБ невідоме центру)';
const judgeLabel = (r: WorkloadRow) => r.judgeName ?? UNKNOWN_JUDGE;

function byJudge(rows: WorkloadRow[]): JudgeLoad[] {
  const m = new Map<string, JudgeLoad>();
  for (const r of rows) {
    const k = `${r.court}|${r.judge}`;
    const j = m.get(k) ?? { court: r.court, judge: r.judge, name: judgeLabel(r), received: 0, weighted: 0, decided: 0, pending: 0, categories: 0 };
    j.received += r.received;
    j.weighted = Math.round((j.weighted + r.weighted_load) * 1e4) / 1e4;
    j.decided += r.decided;
    j.pending += r.pending;
    j.categories++;
    m.set(k, j);
  }
  return [...m.values()].sort((a, b) => b.weighted - a.weighted || a.name.localeCompare(b.name, 'uk'));
}

async function render(_p: Record<string, string>, query: URLSearchParams): Promise<HTMLElement> {
  const p = period(query);
  const court = query.get('court');
  const [names, r] = await Promise.all([courtNames(), api.get<{ rows: WorkloadRow[] }>('/reports/workload', { from: p.from, to: p.to, court })]);
  const judges = byJudge(r.rows);
  return h(
    'div',
    null,
    filterForm('/workload', [dateField('from', 'З', p.from), dateField('to', 'По', p.to), courtSelect(names, court)]),
    h('p', null, `Період: ${dateUk(p.from)} — ${dateUk(p.to)}; ${court ? courtLabel(names, court) : 'усі суди'}. Суддів: ${judges.length}.`),
    judges.length
      ? barChart(
          'Навантаження суддів',
          judges.map((j) => j.name),
          [
            { label: 'Зважене навантаження', data: judges.map((j) => j.weighted) },
            { label: 'Надійшло справ', data: judges.map((j) => j.received) },
          ],
          { y: 'справ / одиниць навантаження' },
        )
      : null,
    table(
      judges,
      [
        { label: 'Суддя', value: (j) => j.name },
        { label: 'Суд', value: (j) => courtLabel(names, j.court) },
        { label: 'Надійшло справ', value: (j) => numberUk(j.received), class: 'num' },
        { label: 'Зважене навантаження', value: (j) => numberUk(j.weighted, 2), class: 'num' },
        { label: 'Розглянуто', value: (j) => numberUk(j.decided), class: 'num' },
        { label: 'Не розглянуто', value: (j) => numberUk(j.pending), class: 'num' },
      ],
      { caption: 'Навантаження суддів за період (дані діаграми)', empty: 'За цей період розподілених справ немає.', id: 'workload' },
    ),
    h('p', null, h('a', { href: api.url('/reports/workload', { from: p.from, to: p.to, court, format: 'csv' }), download: `workload_${p.from}_${p.to}.csv` }, 'Завантажити таблицю за категоріями (CSV)')),
  );
}

export const workloadPage: Page = { path: '/workload', title: 'Навантаження суддів', menu: 'Навантаження суддів', group: 'Аналітика', roles: ['administrator', 'analyst'], render };
