/**
 * «Присяжні» (`#/jurors`): the jurors' list (GET /jurors, Засади 7.2, 7.5) with adding one (head of staff,
 * POST /jurors), and the jurors of a case (GET /jurors/selections/:caseId) with a new selection by lot
 * (POST /jurors/selections, 7.3–7.5); each selection's protocols printed and verified.
 *
 *   { path: '/jurors', render: (_p, q) => jurorsPage(q) }
 */
import { api, ApiError } from '../../../lib/api.ts';
import { facts, h, notice, type Child } from '../../../lib/dom.ts';
import { dateUk, todayKyiv } from '../../../lib/format.ts';
import { requestSchema, schemaForm } from '../../../lib/form.ts';
import { go } from '../../../lib/router.ts';
import { table } from '../../../lib/table.ts';
import { BASIS_FIELDS, basisText } from './labels.ts';
import { recordActions } from './protocol.ts';

interface Juror { jurorId: string; fullName: string; addedOn: string; basis: { kind: string; number: string; date: string }; removedOn?: string; onList: boolean; serviceDays: Record<string, number> }
interface Selection { case: { caseId: string }; proceeding: string; candidates: string[]; main: string[]; reserve: string[]; documents: string[] }

const PROCEEDING_UK: Record<string, string> = { criminal: 'кримінальне провадження', 'civil-special': 'цивільна справа окремого провадження' };

function caseLookup(caseId: string): HTMLElement {
  const input = h('input', { id: 'j-case', type: 'text', value: caseId, maxlength: 100 });
  return h(
    'form',
    { class: 'toolbar', role: 'search', on: { submit: (e: Event) => { e.preventDefault(); go(`/jurors${input.value.trim() ? `?caseId=${encodeURIComponent(input.value.trim())}` : ''}`); } } },
    h('div', { class: 'field' }, h('label', { for: 'j-case' }, 'Номер провадження'), input),
    h('button', { type: 'submit' }, 'Показати присяжних у справі'),
  );
}

async function selectionView(caseId: string, names: Map<string, string>): Promise<Child> {
  try {
    const s = await api.get<Selection>(`/jurors/selections/${encodeURIComponent(caseId)}`);
    const name = (id: string) => names.get(id) ?? 'присяжний (не в списку)';
    return h(
      'div',
      null,
      facts([
        ['Справа', `${s.case.caseId} (${PROCEEDING_UK[s.proceeding] ?? s.proceeding})`],
        ['Кандидати', s.candidates.map(name).join(', ')],
        ['Основні присяжні', s.main.map(name).join(', ')],
        ['Запасні присяжні', s.reserve.map(name).join(', ')],
      ]),
      s.documents.map((id) => h('section', { class: 'juror-record' }, h('h3', null, `Протокол ${id}`), recordActions(id, '/jurors/documents'))),
    );
  } catch (e) {
    if (e instanceof ApiError && e.code === 'NO_JUROR_SELECTION') return notice('info', 'У цій справі присяжних ще не визначено.');
    throw e;
  }
}

export async function jurorsPage(q: URLSearchParams): Promise<Child> {
  const caseId = (q.get('caseId') ?? '').trim();
  const [list, me, addSchema, selectSchema] = await Promise.all([api.get<{ date: string; jurors: Juror[] }>('/jurors'), api.get<{ role: string }>('/auth/me'), requestSchema('post', '/jurors'), requestSchema('post', '/jurors/selections')]);
  const names = new Map(list.jurors.map((j) => [j.jurorId, j.fullName]));
  const year = todayKyiv().slice(0, 4);
  const jurors = [...list.jurors].sort((a, b) => a.fullName.localeCompare(b.fullName, 'uk'));
  return [
    h('h2', null, 'Список присяжних'),
    table(jurors, [
      { label: 'Прізвище, ім’я, по батькові', value: (j) => j.fullName },
      { label: 'У списку', value: (j) => (j.onList ? 'так' : `ні${j.removedOn ? `, виключено ${dateUk(j.removedOn)}` : ''}`) },
      { label: 'Включено', value: (j) => `${dateUk(j.addedOn)}, ${basisText(j.basis)}` },
      { label: `Днів участі у ${year} р.`, value: (j) => String(j.serviceDays[year] ?? 0), class: 'num' },
    ], { caption: `Присяжні станом на ${dateUk(list.date)}`, empty: 'Список присяжних порожній.', id: 'jurors' }),
    me.role === 'head_of_staff'
      ? [
          h('h3', null, 'Додати присяжного'),
          schemaForm(addSchema, {
            initial: { addedOn: todayKyiv() },
            fields: { '/fullName': { label: 'Прізвище, ім’я, по батькові' }, '/addedOn': { label: 'Дата включення' }, ...BASIS_FIELDS('/basis', 'Рішення про затвердження списку', 'рішення') },
            submit: 'Додати до списку',
            onSubmit: (b) => api.post('/jurors', b),
            done: () => (setTimeout(() => go(`/jurors?t=${Date.now()}`), 800), notice('ok', 'Присяжного додано до списку.')),
          }).el,
        ]
      : null,
    h('h2', null, 'Присяжні у справі'),
    caseLookup(caseId),
    caseId ? await selectionView(caseId, names) : null,
    h('h3', null, 'Визначити присяжних (автоматизовано)'),
    schemaForm(selectSchema, {
      fields: { '/case': { label: 'Справа' }, '/case/caseId': { label: 'Номер провадження' }, '/case/uniqueNumber': { label: 'ЄУН' }, '/case/proceedingNumber': { hidden: true }, '/proceeding': { label: 'Вид провадження', options: Object.entries(PROCEEDING_UK).map(([value, label]) => ({ value, label })) } },
      submit: 'Визначити присяжних',
      onSubmit: (b) => api.post('/jurors/selections', b),
      done: () => notice('ok', 'Присяжних визначено; протокол збережено.'),
    }).el,
  ];
}
