/**
 * «Картка справи» (Засади 3.2): the registration data of each proceeding, its parties, the judge by full name and
 * how the judge was determined, the incoming documents, the movements, the corrections (3.5) and the scans. Read
 * by every case reader; the forms appear for the roles the node lets write. Covert details (3.1 ¶2) are not here:
 * only the assigned investigating judge sees them, on the judge's own page.
 *
 *   { path: '/cases/:court/:seq/:yy', render: (p) => cardPage(`${p.court}/${p.seq}/${p.yy}`) }
 */
import { api } from '../../../lib/api.ts';
import { facts, h, link, notice, replace, type Child } from '../../../lib/dom.ts';
import { dateTimeUk, dateUk } from '../../../lib/format.ts';
import { table } from '../../../lib/table.ts';
import { categoryName, directory, judgeName, type Directory } from '../../directory.ts';
import { ASSIGNMENT_MODE_UK, byRole, CORRESPONDENCE_KIND_UK } from './labels.ts';
import { protocolPath } from './outcome.ts';
import { correctionsSection, movementsSection } from './records.ts';
import { scansSection } from './scans.ts';
import type { Card, Proceeding, Requisites } from './card-types.ts';

export type { Card } from './card-types.ts';

let role: Promise<string> | null = null;
/** The user's role, to offer only the forms the node would accept (the node checks again). */
export function myRole(): Promise<string> {
  role ??= api.get<{ role: string }>('/auth/me').then((m) => m.role);
  role.catch(() => (role = null));
  return role;
}

export const REGISTRY_WRITERS = ['registrar', 'head_of_staff'];
export const MOVERS = ['registrar', 'head_of_staff', 'judge'];

export async function cardPage(ueun: string): Promise<HTMLElement> {
  const box = h('div', { class: 'case-card' });
  const [d, r] = await Promise.all([directory(), myRole()]);
  const draw = async () => {
    const card = await api.get<Card>(`/cases/${ueun}`);
    replace(box, cardView(card, d, r, () => void draw()));
  };
  await draw();
  return box;
}

function cardView(card: Card, d: Directory, role: string, redraw: () => void): Child[] {
  return [
    h('p', { class: 'card-head' }, 'ЄУН ', h('strong', { class: 'ueun' }, card.ueun), card.covert ? h('span', { class: 'badge warn' }, ' НСРД: відомості приховано') : null),
    card.archive ? notice('info', 'Справу передано до електронного архіву: змінити її можна лише після відкликання.') : null,
    card.proceedings.map((p) => proceedingView(p, d)),
    correspondenceView(card, d, role),
    movementsSection(card, MOVERS.includes(role), redraw),
    correctionsSection(card, d, REGISTRY_WRITERS.includes(role), redraw),
    scansSection(card, REGISTRY_WRITERS.includes(role), redraw),
  ];
}

function requisitesView(r: Requisites, d: Directory): HTMLElement {
  const doc = r.document;
  return facts([
    ['Дата надходження', dateUk(r.arrivalDate)],
    ['Вхідний документ', doc ? `${doc.kind}: ${doc.title}` : ''],
    ['Відправник', doc?.sender],
    ['Вихідний номер і дата', doc?.outgoingNumber ? `№ ${doc.outgoingNumber}${doc.outgoingDate ? ` від ${dateUk(doc.outgoingDate)}` : ''}` : ''],
    ['Аркушів', doc?.pages],
    ['Категорія справи', r.category ? categoryName(d, r.category) : 'не зазначено'],
    ['Суть справи', r.description],
    ['ЄУН, з яким справа надійшла', r.existingUeun],
    ['Оприлюднення', r.publication?.restricted ? `обмежено: ${r.publication.reason}` : ''],
  ]);
}

function judgeView(p: Proceeding, d: Directory): Child {
  const a = p.assignment;
  if (!a) return h('p', { class: 'no-judge' }, 'Суддю ще не визначено.');
  const members = (a.members ?? []).map((m) => judgeName(d, m));
  return facts([
    ['Суддя-доповідач', h('strong', { class: 'judge' }, judgeName(d, a.judge))],
    ['Склад колегії', members.length ? members.join(', ') : ''],
    ['Як визначено', (a.assignmentMode ? ASSIGNMENT_MODE_UK[a.assignmentMode] : '') + (a.ground ? ` — ${a.ground.code} ${a.ground.text}` : '')],
    ['Підстава', a.basis ? `№ ${a.basis.number ?? ''} від ${dateUk(a.basis.date)}` : ''],
    ['Протокол розподілу', link(protocolPath(a.protocol), a.protocol)],
    ['Записано', dateTimeUk(a.at)],
  ]);
}

function proceedingView(p: Proceeding, d: Directory): HTMLElement {
  const r = p.current;
  return h(
    'section',
    { class: 'proceeding', 'aria-labelledby': `p-${p.ordinal}` },
    h('h2', { id: `p-${p.ordinal}` }, `Провадження № ${p.proceedingNumber}`),
    facts([
      ['Зареєстровано', `${dateTimeUk(p.registeredAt)}, ${byRole(p.registeredBy)}`],
      ['Не в день надходження', p.late ? `за розпорядженням № ${p.late.order.number} від ${dateUk(p.late.order.date)}: ${p.late.reason}` : ''],
    ]),
    h('h3', null, 'Реєстраційні дані'),
    requisitesView(r, d),
    h('h3', null, 'Учасники справи'),
    table(r.parties ?? [], [
      { label: 'Процесуальний статус', value: (x) => x.role },
      { label: 'Учасник', value: (x) => x.name },
    ], { empty: 'Учасників не зазначено.' }),
    h('h3', null, 'Суддя'),
    judgeView(p, d),
    p.decision ? facts([['Рішення', `${dateUk(p.decision.date)}`], ['Законної сили набрало', p.legalForce ? dateUk(p.legalForce.date) : 'ні']]) : null,
  );
}

function correspondenceView(card: Card, d: Directory, role: string): Child {
  const items = card.correspondence;
  if (!items) return null;
  return h(
    'section',
    { 'aria-labelledby': 'c-docs' },
    h('h2', { id: 'c-docs' }, 'Документи у справі'),
    table(items, [
      { label: 'Вхідний №', value: (x) => x.number },
      { label: 'Надійшов', value: (x) => dateUk(x.arrivalDate), class: 'num' },
      { label: 'Вид', value: (x) => x.kindName || CORRESPONDENCE_KIND_UK[x.kind] || x.kind },
      { label: 'Відправник', value: (x) => x.sender },
      { label: 'Зміст', value: (x) => x.title },
      { label: 'Передано судді', value: (x) => (x.handedOver ? `${judgeName(d, x.handedOver.judge)}, ${dateTimeUk(x.handedOver.at)}` : 'очікує судді') },
    ], { empty: 'Документів у справі ще не надходило.' }),
    REGISTRY_WRITERS.includes(role) ? h('p', null, link(`/correspondence/new?ueun=${encodeURIComponent(card.ueun)}`, 'Зареєструвати документ у цій справі')) : null,
  );
}
