/**
 * «Протоколи розподілу» (`#/protocols?date=&caseId=`): the court's latest protocols (GET /protocols, the node gives
 * the last 200, or a case's with ?caseId=), with the day and presiding judge of each draw taken from the assignment
 * rows (GET /distribution/assignments — the protocol list itself carries neither).
 *
 *   { path: '/protocols', render: (_p, q) => protocolsPage(q) }
 */
import { api } from '../../../lib/api.ts';
import { h, notice, type Child } from '../../../lib/dom.ts';
import { dateUk, todayKyiv } from '../../../lib/format.ts';
import { go } from '../../../lib/router.ts';
import { table } from '../../../lib/table.ts';
import { directory, judgeName } from '../../directory.ts';
import { ASSIGNMENT_MODE, caseLink, PROTOCOL_KIND, protocolLink, uk } from './labels.ts';
import { ueunOf } from './status.ts';

interface ProtocolRef { caseId: string; id: string; seq: number; kind: string; assignmentMode?: string; ground?: string }
interface AssignmentRow { caseId: string; judgeId: string; form: string; date: string; documentId: string }

function filters(date: string, caseId: string): HTMLElement {
  const day = h('input', { id: 'f-date', type: 'date', value: date, max: todayKyiv() });
  const c = h('input', { id: 'f-case', type: 'text', value: caseId, placeholder: '2/537/1/26', maxlength: 100 });
  const submit = (e: Event) => {
    e.preventDefault();
    const q = new URLSearchParams();
    if (day.value) q.set('date', day.value);
    if (c.value.trim()) q.set('caseId', c.value.trim());
    go(`/protocols${q.size ? `?${q}` : ''}`);
  };
  return h(
    'form',
    { class: 'toolbar no-print', role: 'search', on: { submit } },
    h('div', { class: 'field' }, h('label', { for: 'f-date' }, 'Дата розподілу'), day),
    h('div', { class: 'field' }, h('label', { for: 'f-case' }, 'ЄУН або номер провадження'), c),
    h('button', { type: 'submit' }, 'Знайти'),
    h('button', { type: 'button', class: 'secondary', on: { click: () => go('/protocols') } }, 'Скинути'),
  );
}

/** A ЄУН (`537/1/26`) stands for every proceeding of its card; anything else is one proceeding number. */
async function protocolsOf(caseId: string): Promise<ProtocolRef[]> {
  if (!caseId) return (await api.get<{ protocols: ProtocolRef[] }>('/protocols')).protocols;
  const ids = /^\d+\/\d+\/\d+$/.test(caseId) ? (await api.get<{ proceedings: Array<{ proceedingNumber: string }> }>(`/cases/${caseId}`)).proceedings.map((p) => p.proceedingNumber) : [caseId];
  const lists = await Promise.all(ids.map(async (id) => (await api.get<{ protocols: Array<Omit<ProtocolRef, 'caseId'>> }>('/protocols', { caseId: id })).protocols.map((p) => ({ ...p, caseId: id }))));
  return lists.flat();
}

export async function protocolsPage(q: URLSearchParams): Promise<Child> {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(q.get('date') ?? '') ? q.get('date')! : '';
  const caseId = (q.get('caseId') ?? '').trim();
  const [list, d, asg] = await Promise.all([
    protocolsOf(caseId),
    directory(),
    api.get<{ assignments: AssignmentRow[] }>('/distribution/assignments', { from: date || undefined, to: date || undefined, limit: 10000 }).catch(() => ({ assignments: [] as AssignmentRow[] })),
  ]);
  const byDoc = new Map<string, AssignmentRow>();
  for (const a of asg.assignments) if (a.form === 'presiding' || !byDoc.has(a.documentId)) byDoc.set(a.documentId, a);
  // a day chosen: the protocols whose draw gave a composition that day (protocols of impossibility give none)
  const rows = [...list].sort((a, b) => b.seq - a.seq).filter((p) => !date || byDoc.has(p.id));
  return [
    filters(date, caseId),
    date || caseId ? h('p', null, `Відібрано: ${[date ? `дата ${dateUk(date)}` : '', caseId ? `справа ${caseId}` : ''].filter(Boolean).join(', ')}.`) : h('p', { class: 'hint' }, 'Останні протоколи суду (до 200).'),
    date ? notice('info', 'За датою показано протоколи, якими визначено склад суду; протоколи неможливості розподілу — за номером провадження.') : null,
    table(rows, [
      { label: '№', value: (p) => String(p.seq), class: 'num' },
      { label: 'Протокол', value: (p) => protocolLink(p.id) },
      { label: 'Справа', value: (p) => caseLink(ueunOf(p.caseId), p.caseId) },
      { label: 'Вид', value: (p) => uk(PROTOCOL_KIND, p.kind) },
      { label: 'Порядок', value: (p) => `${uk(ASSIGNMENT_MODE, p.assignmentMode ?? 'random')}${p.ground ? ` (п. ${p.ground})` : ''}` },
      { label: 'Дата', value: (p) => dateUk(byDoc.get(p.id)?.date), class: 'num' },
      { label: 'Головуючий суддя', value: (p) => judgeName(d, byDoc.get(p.id)?.judgeId) },
    ], { caption: 'Протоколи розподілу', empty: 'Протоколів не знайдено.', id: 'protocols' }),
  ];
}
