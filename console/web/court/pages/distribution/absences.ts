/**
 * «Відсутності суддів» (`#/absences`): each judge's absences as the distribution record holds them (GET
 * /judges/:id/availability — the one record eligibility reads, Засади 4.5) and, for the head of staff, a form to
 * record one with its basis order or memo (PUT /judges/:id/availability, Засади 2.3, 2.4, 4.2), generated from the
 * route's own schema.
 *
 *   { path: '/absences', render: () => absencesPage() }
 */
import { api, ApiError } from '../../../lib/api.ts';
import { h, notice, replace, type Child } from '../../../lib/dom.ts';
import { dateUk } from '../../../lib/format.ts';
import { requestSchema, schemaForm } from '../../../lib/form.ts';
import { table } from '../../../lib/table.ts';
import { directory, type Directory } from '../../directory.ts';
import { ABSENCE_KIND, BASIS_FIELDS, basisText, options, uk } from './labels.ts';

interface Absence { kind: string; from: string; to?: string; basis: { kind: string; number: string; date: string; issuer?: string } }

/** Logins are lower case; a Засади judge `LUB-03` is the account `lub-03` (actors/court/http/distribution.ts). */
const loginOf = (judgeId: string) => judgeId.toLowerCase();

interface Row { judgeId: string; judge: string; a: Absence }

/**
 * Засади 4.5, 2.4: an absence cancelled, or cut short, by a later order (POST /distribution/absences/cancellation,
 * /shortening) — the absence named by judge, kind and first day; only the new order (and the new last day) asked.
 */
async function changeForm(r: Row, action: 'cancellation' | 'shortening', onDone: () => void): Promise<HTMLElement> {
  const schema = await requestSchema('post', `/distribution/absences/${action}`);
  const verb = action === 'cancellation' ? 'Скасувати' : 'Скоротити';
  return h(
    'section',
    { class: 'absence-change' },
    h('h3', null, `${verb} відсутність: ${r.judge}, ${uk(ABSENCE_KIND, r.a.kind)} з ${dateUk(r.a.from)}`),
    schemaForm(schema, {
      fields: {
        '/judgeId': { value: r.judgeId },
        '/kind': { value: r.a.kind },
        '/from': { value: r.a.from },
        '/to': { label: 'Новий останній день відсутності' },
        ...BASIS_FIELDS('/basis', action === 'cancellation' ? 'Наказ про скасування' : 'Наказ про скорочення', 'наказу'),
      },
      submit: verb,
      onSubmit: (body) => api.post(`/distribution/absences/${action}`, body),
      done: () => (onDone(), notice('ok', action === 'cancellation' ? 'Відсутність скасовано.' : 'Відсутність скорочено.')),
    }).el,
  );
}

async function absencesTable(d: Directory, head: boolean, slot: HTMLElement, refresh: () => void): Promise<HTMLElement> {
  const all = await Promise.all(
    d.judges.map(async (j) => {
      const list = await api.get<Absence[]>(`/judges/${encodeURIComponent(loginOf(j.id))}/availability`).catch(() => [] as Absence[]);
      return list.map((a) => ({ judgeId: j.id, judge: j.fullName, a, inZasady: j.inZasady !== false }));
    }),
  );
  const rows = all.flat().sort((x, y) => (x.a.from < y.a.from ? 1 : x.a.from > y.a.from ? -1 : x.judge.localeCompare(y.judge, 'uk')));
  const act = (r: Row, action: 'cancellation' | 'shortening', label: string) =>
    h('button', { type: 'button', class: 'secondary', on: { click: async () => replace(slot, await changeForm(r, action, refresh)) } }, label);
  return table(rows, [
    { label: 'Суддя', value: (r) => r.judge },
    { label: 'Вид відсутності', value: (r) => uk(ABSENCE_KIND, r.a.kind) },
    { label: 'З', value: (r) => dateUk(r.a.from), class: 'num' },
    { label: 'По', value: (r) => (r.a.to ? dateUk(r.a.to) : 'до окремого рішення'), class: 'num' },
    { label: 'Підстава', value: (r) => basisText(r.a.basis) },
    ...(head ? [{ label: 'Дії', value: (r: (typeof rows)[number]) => (r.inZasady ? h('span', { class: 'row-actions' }, act(r, 'cancellation', 'Скасувати'), ' ', act(r, 'shortening', 'Скоротити')) : '') }] : []),
  ], { caption: 'Відсутності суддів', empty: 'Відсутностей не записано.', id: 'absences' });
}

async function recordForm(d: Directory, onDone: () => void): Promise<Child> {
  const schema = await requestSchema('put', '/judges/:id/availability');
  const judge = h('select', { id: 'absence-judge', required: true }, h('option', { value: '' }, '— оберіть суддю —'), d.judges.map((j) => h('option', { value: loginOf(j.id) }, j.fullName)));
  const judgeError = h('p', { class: 'field-error', hidden: true }, 'Оберіть суддю.');
  const form = schemaForm(schema, {
    fields: {
      '/kind': { label: 'Вид відсутності', options: options(ABSENCE_KIND) },
      '/from': { label: 'Перший день відсутності' },
      '/to': { label: 'Останній день відсутності', hint: 'Не заповнюйте, якщо дата повернення невідома (наприклад, лікарняний).' },
      ...BASIS_FIELDS('/basis', 'Документ-підстава (наказ голови суду або службова записка)'),
    },
    submit: 'Записати відсутність',
    onSubmit: async (body) => {
      judgeError.hidden = judge.value !== '';
      if (!judge.value) {
        judge.focus();
        throw new ApiError(400, 'NO_JUDGE', 'Оберіть суддю.');
      }
      return api.put(`/judges/${encodeURIComponent(judge.value)}/availability`, body);
    },
    done: () => {
      onDone();
      return notice('ok', 'Відсутність записано: суддя не братиме участі в розподілі у визначені Засадами дні.');
    },
  });
  // the judge is the route's path (/judges/:id), not a body field: drawn first, under the form's status line
  form.el.querySelector('.form-status')!.after(h('div', { class: 'field' }, h('label', { for: 'absence-judge' }, 'Суддя', h('span', { class: 'req', 'aria-hidden': 'true' }, ' *')), judge, judgeError));
  return form.el;
}

export async function absencesPage(): Promise<Child> {
  const [d, me] = await Promise.all([directory(), api.get<{ role: string }>('/auth/me')]);
  const head = me.role === 'head_of_staff';
  const slot = h('div');
  const list = h('div');
  const refresh = async () => replace(list, await absencesTable(d, head, slot, () => void refresh()));
  await refresh();
  return [
    h('p', null, 'Відсутність судді виключає його з автоматизованого розподілу на дні відсутності та на строк, визначений пунктом 4.5 Засад.'),
    list,
    slot,
    head ? [h('h2', null, 'Записати відсутність'), await recordForm(d, () => void refresh())] : notice('info', 'Відсутності записує керівник апарату суду (Засади 4.2).'),
  ];
}
