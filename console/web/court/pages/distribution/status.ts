/**
 * «Розподіл справ сьогодні» (`#/distribution`): whether the court distributes (GET /distribution/status), what was
 * distributed on the day (GET /distribution/assignments) and the staff's control lists — registered and not
 * distributed (Засади 4.1), waiting for a judge (4.10, 5.4), not handed to the judge in time (4.18).
 *
 *   { path: '/distribution', render: (_p, q) => statusPage(q) }
 */
import { api } from '../../../lib/api.ts';
import { h, notice, type Child } from '../../../lib/dom.ts';
import { dateTimeUk, dateUk, longDateUk, todayKyiv } from '../../../lib/format.ts';
import { go } from '../../../lib/router.ts';
import { table } from '../../../lib/table.ts';
import { directory, judgeName, type Directory } from '../../directory.ts';
import { caseLink, protocolLink } from './labels.ts';

interface Status {
  distribution: 'on' | 'off';
  zasady?: string;
  rosterVersion?: string;
  message?: string;
  firstEffectiveFrom?: string;
}
interface ControlList<R> {
  court: { name: string };
  date: string;
  rows: R[];
}
interface UndistributedRow {
  ueun: string;
  proceedingNumber: string;
  registeredAt: string;
  category: string | null;
  reasonText: string;
  rule: string;
  judge: string | null;
  forecast: string | null;
}
interface WaitingRow {
  caseId: string;
  ueun: string | null;
  category: string;
  reasonText: string;
  rule: string;
  judge: string | null;
  since: string | null;
  forecast: string | null;
  protocol: string | null;
}
interface NotHandedOverRow {
  ueun: string;
  proceedingNumber: string;
  category: string | null;
  assignedAt: string;
  deadline: string;
  presiding: string;
  members: string[];
  protocol: string;
}
interface AssignmentRow {
  seq: number;
  caseId: string;
  judgeId: string;
  category: string;
  form: 'presiding' | 'member' | 'reserve';
  date: string;
  documentId: string;
}

/** The ЄУН inside a proceeding number `<index>/<ЄУН>` (contracts/court: proceedingNumber = index + '/' + ueun). */
export const ueunOf = (proceeding: string): string | null => /^[^/]+\/(\d+\/\d+\/\d+)$/.exec(proceeding)?.[1] ?? null;

const count = (label: string, n: number | null) => h('div', { class: 'card', role: 'listitem' }, h('div', { class: 'big' }, n === null ? '—' : String(n)), h('div', null, label));

function statusNotice(s: Status): HTMLElement {
  if (s.distribution === 'on') return notice('ok', `Автоматизований розподіл здійснюється: Засади «${s.zasady}»${s.rosterVersion && s.rosterVersion !== s.zasady ? `, склад суддів «${s.rosterVersion}»` : ''}.`);
  return notice('error', 'Автоматизований розподіл не здійснюється: ', s.message ?? '', s.firstEffectiveFrom ? ` Засади набирають чинності ${dateUk(s.firstEffectiveFrom)}.` : '');
}

function distributedToday(rows: AssignmentRow[], d: Directory): Child {
  const presiding = rows.filter((r) => r.form === 'presiding');
  return table(presiding, [
    { label: 'Справа', value: (r) => caseLink(ueunOf(r.caseId), r.caseId) },
    { label: 'Категорія', value: (r) => d.categories.find((c) => c.id === r.category)?.name ?? r.category },
    { label: 'Головуючий суддя', value: (r) => judgeName(d, r.judgeId) },
    { label: 'Протокол', value: (r) => protocolLink(r.documentId, `№ ${r.seq}`) },
  ], { caption: 'Розподілені справи', empty: 'За цей день справ не розподілено.', id: 'distributed' });
}

const undistributed = (l: ControlList<UndistributedRow>) =>
  table(l.rows, [
    { label: 'ЄУН', value: (r) => caseLink(r.ueun) },
    { label: 'Провадження', value: (r) => r.proceedingNumber },
    { label: 'Зареєстровано', value: (r) => dateTimeUk(r.registeredAt), class: 'num' },
    { label: 'Категорія', value: (r) => r.category ?? '—' },
    { label: 'Причина', value: (r) => `${r.reasonText} (п. ${r.rule} Засад)` },
    { label: 'Суддя', value: (r) => r.judge ?? '' },
    { label: 'Прогноз розподілу', value: (r) => dateUk(r.forecast), class: 'num' },
  ], { caption: 'Зареєстровані й не розподілені (Засади 4.1)', empty: 'Усі зареєстровані за день справи розподілено.', id: 'undistributed' });

const waiting = (l: ControlList<WaitingRow>) =>
  table(l.rows, [
    { label: 'Справа', value: (r) => caseLink(r.ueun, r.ueun ?? r.caseId) },
    { label: 'Провадження', value: (r) => r.caseId },
    { label: 'Категорія', value: (r) => r.category },
    { label: 'Причина', value: (r) => `${r.reasonText} (п. ${r.rule} Засад)` },
    { label: 'Суддя', value: (r) => r.judge ?? '' },
    { label: 'Очікує з', value: (r) => dateUk(r.since), class: 'num' },
    { label: 'Прогноз', value: (r) => (r.forecast ? dateUk(r.forecast) : 'невідомо'), class: 'num' },
    { label: 'Протокол', value: (r) => (r.protocol ? protocolLink(r.protocol, 'переглянути') : '') },
  ], { caption: 'Очікують суддю або можливості розподілу (Засади 4.10, 5.4)', empty: 'Справ, що очікують, немає.', id: 'waiting' });

const notHandedOver = (l: ControlList<NotHandedOverRow>) =>
  table(l.rows, [
    { label: 'ЄУН', value: (r) => caseLink(r.ueun) },
    { label: 'Провадження', value: (r) => r.proceedingNumber },
    { label: 'Категорія', value: (r) => r.category ?? '—' },
    { label: 'Розподілено', value: (r) => dateTimeUk(r.assignedAt), class: 'num' },
    { label: 'Передати до', value: (r) => dateUk(r.deadline), class: 'num' },
    { label: 'Головуючий суддя', value: (r) => [r.presiding, ...r.members].join(', ') },
    { label: 'Протокол', value: (r) => protocolLink(r.protocol, 'переглянути') },
  ], { caption: 'Не передані головуючому судді у строк (Засади 4.18)', empty: 'Усі матеріали передано суддям у строк.', id: 'not-handed-over' });

function dayPicker(date: string): HTMLElement {
  const input = h('input', { id: 'day', type: 'date', value: date, max: todayKyiv() });
  return h(
    'form',
    { class: 'toolbar no-print', on: { submit: (e: Event) => { e.preventDefault(); go(`/distribution?date=${input.value || todayKyiv()}`); } } },
    h('div', { class: 'field' }, h('label', { for: 'day' }, 'День'), input),
    h('button', { type: 'submit' }, 'Показати'),
  );
}

export async function statusPage(q: URLSearchParams): Promise<Child> {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(q.get('date') ?? '') ? q.get('date')! : todayKyiv();
  const [status, d, und, wait, noh, asg] = await Promise.all([
    api.get<Status>('/distribution/status'),
    directory(),
    api.get<ControlList<UndistributedRow>>('/control/undistributed', { date }),
    api.get<ControlList<WaitingRow>>('/control/waiting'),
    api.get<ControlList<NotHandedOverRow>>('/control/not-handed-over', { date }),
    // without Засади the node refuses it (NO_ZASADY): nothing was distributed
    api.get<{ assignments: AssignmentRow[] }>('/distribution/assignments', { from: date, to: date, limit: 10000 }).catch(() => null),
  ]);
  const today = (asg?.assignments ?? []).filter((r) => r.form === 'presiding');
  return [
    h('p', null, `${und.court.name} · ${longDateUk(date)}`),
    statusNotice(status),
    dayPicker(date),
    h('div', { class: 'cards', role: 'list', 'aria-label': 'Підсумки дня' },
      count('Розподілено', asg ? today.length : null),
      count('Не розподілено', und.rows.length),
      count('Очікують суддю', wait.rows.length),
      count('Не передано судді', noh.rows.length),
    ),
    h('h2', null, 'Розподілено за день'),
    asg ? distributedToday(today, d) : notice('info', 'Відомості про розподілені справи недоступні.'),
    h('h2', null, 'Не розподілено'),
    undistributed(und),
    h('h2', null, 'Очікують суддю'),
    waiting(wait),
    h('h2', null, 'Не передано судді'),
    notHandedOver(noh),
  ];
}
