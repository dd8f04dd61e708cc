/**
 * «Запити баз даних» (Засади 18.3): the centre asks a court for a full copy of its database and compares it with
 * what was replicated. Each pull with its deadline (overdue ones highlighted), its state and progress, the verdict,
 * and the report; an operator or the administrator requests a new one here (POST /pulls, recorded under the name
 * of the person logged in).
 */
import { api } from '../../lib/api.ts';
import { h, notice, replace } from '../../lib/dom.ts';
import { go, type Page } from '../../lib/router.ts';
import { table } from '../../lib/table.ts';
import { dateTimeUk, dateUk } from '../../lib/format.ts';
import { courtLabel, courtNames, courtSelect, filterForm } from './common.ts';

/** GET /pulls item (actors/central/pulls/store.ts PullRecord + the service's view). */
interface Pull {
  id: string;
  court: string;
  requestedBy: string;
  requestedAt: number;
  dueDate: string;
  note: string;
  state: 'requested' | 'transferring' | 'verifying' | 'done' | 'failed';
  progress: number;
  detail: string;
  verdict: '' | 'identical' | 'different' | 'bad-manifest';
  completedAt: number;
  jobProgress: number | null;
  overdue: boolean;
}

const STATE_UK: Record<Pull['state'], string> = { requested: 'запитано', transferring: 'передається', verifying: 'перевіряється', done: 'завершено', failed: 'не вдалося' };
const VERDICT_UK: Record<Pull['verdict'], [string, string]> = {
  '': ['—', ''],
  identical: ['збігається з копією центру', 'ok'],
  different: ['ВІДРІЗНЯЄТЬСЯ від копії центру', 'bad'],
  'bad-manifest': ['недійсний опис бази', 'bad'],
};

function progress(p: Pull): HTMLElement {
  const share = p.state === 'done' ? 1 : p.progress;
  const pct = Math.round(share * 100);
  return h('div', null, `${STATE_UK[p.state]}`, p.state !== 'done' && p.state !== 'failed' ? [h('br'), h('progress', { max: 100, value: pct, 'aria-label': `Поступ: ${pct} %` }), ` ${pct} %`] : null, p.detail ? h('div', { class: 'hint' }, p.detail) : null);
}

function requestForm(names: Map<string, string>): HTMLElement {
  const status = h('div');
  const note = h('input', { type: 'text', id: 'note', name: 'note', maxlength: 500 });
  const form = h('form', { class: 'toolbar' }, courtSelect(names, null, 'pull-court'), h('div', { class: 'field' }, h('label', { for: 'note' }, 'Підстава'), note), h('button', { type: 'submit' }, 'Запитати базу даних'));
  form.querySelector('option[value=""]')?.remove();
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const court = (form.querySelector('#pull-court') as HTMLSelectElement).value;
    try {
      const me = await api.get<{ name: string }>('/ops/me');
      await api.post('/pulls', { court, by: me.name, ...(note.value.trim() ? { note: note.value.trim() } : {}) });
      replace(status, notice('ok', `Запит бази даних суду «${courtLabel(names, court)}» зареєстровано.`));
      go(`/pulls?at=${Date.now()}`);
    } catch (e) {
      replace(status, notice('error', e instanceof Error ? e.message : 'Запит не зареєстровано.'));
    }
  });
  return h('section', { 'aria-labelledby': 'pull-new' }, h('h2', { id: 'pull-new' }, 'Новий запит'), form, status);
}

async function render(_p: Record<string, string>, query: URLSearchParams): Promise<HTMLElement> {
  const court = query.get('court');
  const overdue = query.get('overdue') === '1';
  const [names, r] = await Promise.all([courtNames(), api.get<{ pulls: Pull[] }>('/pulls', { court, overdue: overdue ? 1 : null })]);
  return h(
    'div',
    null,
    filterForm('/pulls', [
      courtSelect(names, court),
      h('div', { class: 'field field-check' }, h('label', { for: 'overdue' }, 'Лише прострочені'), h('input', { type: 'checkbox', id: 'overdue', name: 'overdue', value: '1', checked: overdue })),
    ]),
    table(
      r.pulls,
      [
        { label: 'Суд', value: (p) => courtLabel(names, p.court) },
        { label: 'Запитано', value: (p) => h('div', null, dateTimeUk(p.requestedAt), h('div', { class: 'hint' }, p.requestedBy), p.note ? h('div', { class: 'hint' }, p.note) : null) },
        { label: 'Строк', value: (p) => h('div', null, dateUk(p.dueDate), p.overdue ? [' ', h('span', { class: 'badge bad' }, 'прострочено')] : null) },
        { label: 'Стан', value: progress },
        { label: 'Висновок', value: (p) => h('span', { class: `badge ${VERDICT_UK[p.verdict][1]}` }, VERDICT_UK[p.verdict][0]) },
        { label: 'Звіт', value: (p) => (p.state === 'done' ? h('a', { href: `#/pulls/${encodeURIComponent(p.id)}` }, 'Звіт') : '—') },
      ],
      { caption: 'Запити баз даних судів, новіші першими', empty: 'Запитів немає.', rowClass: (p) => (p.overdue || p.verdict === 'different' ? 'alarm' : undefined), id: 'pulls' },
    ),
    requestForm(names),
  );
}

async function report(p: Record<string, string>): Promise<HTMLElement> {
  const text = await api.get<string>(`/pulls/${encodeURIComponent(p.id!)}/report`, { format: 'text' });
  return h('div', null, h('pre', { class: 'report' }, text), h('div', { class: 'actions' }, h('a', { href: '#/pulls' }, 'До переліку запитів'), h('button', { type: 'button', class: 'secondary', on: { click: () => print() } }, 'Друкувати')));
}

const roles = ['administrator', 'operator'];
export const pullsPage: Page = { path: '/pulls', title: 'Запити баз даних', menu: 'Запити баз даних', group: 'Операції', roles, render };
export const pullReportPage: Page = { path: '/pulls/:id', title: 'Звіт за запитом бази даних', roles, render: report };
