/**
 * «Публічні списки»: the court's daily lists (GET /public/lists?date=, Засади 12.4.1–12.4.5) as the node composes
 * them — judges by full name, cases in numeric order (the node sorts: 537/2/26 before 537/10/26) — with a date
 * picker, «Друкувати» (A4, each list from a new page) and a link to the node's own printable page.
 */
import { api } from '../../../lib/api.ts';
import { h, type Child } from '../../../lib/dom.ts';
import { dateUk, longDateUk } from '../../../lib/format.ts';
import { table, type Column } from '../../../lib/table.ts';
import { dateToolbar, dayOf } from './date-toolbar.ts';
import './common.css';

interface Composition {
  presiding: string;
  members?: string[];
}
interface Particulars {
  restricted: boolean;
  parties?: Array<{ role: string; name: string }>;
  essence?: string;
}
type Hearing = { ueun: string; proceedingNumber?: string; date: string; time: string; room: string; composition: string } & Particulars;
type Distributed = { ueun: string; proceedingNumber: string; arrivalDate: string; composition: Composition; distributionReport: string } & Particulars;
type Stage = { ueun: string; proceedingNumber: string; registrationDate: string; composition: Composition | null; stage: string } & Particulars;
type Appeal = { ueun: string; proceedingNumber: string; arrivalDate: string; appealDate: string; kind: string; sentDate: string | null } & Particulars;
type Announcement = { ueun?: string; title: string; text: string };
export interface PublicLists {
  court: string;
  date: string;
  generatedAt: string;
  hearings: Hearing[];
  appeals?: Appeal[];
  distributed: Distributed[];
  stages: Stage[];
  announcements: Announcement[];
}

const RESTRICTED = 'не оприлюднюється (обмеження встановлено законом)';

/** Засади 12.4.3: the whole composition by full names, presiding first. */
export function compositionUk(c: Composition | null): string {
  if (!c) return 'склад суду ще не визначено';
  const m = c.members ?? [];
  return m.length ? `головуючий суддя ${c.presiding}; ${m.length === 1 ? 'суддя' : 'судді'} ${m.join(', ')}` : `суддя ${c.presiding}`;
}
const parties = (e: Particulars) => (e.restricted ? RESTRICTED : (e.parties ?? []).map((p) => `${p.role}: ${p.name}`).join('; ') || '—');
const essence = (e: Particulars) => (e.restricted ? RESTRICTED : e.essence || '—');

/** The order number people refer to ("№ з/п"), first column of every list. */
const nth = <T>(): Column<T> => ({ label: '№ з/п', value: (_r, i) => String(i + 1), class: 'num order' });
const caseNo = <T extends { ueun: string; proceedingNumber?: string }>(): Column<T> => ({ label: 'Номер справи', value: (r) => [h('span', { class: 'ueun' }, r.ueun), r.proceedingNumber ? [h('br'), r.proceedingNumber] : null] });

function list(id: string, title: string, rule: string, body: HTMLElement, first: boolean): HTMLElement {
  // every list but the first starts a new A4 sheet when printed
  return h('section', { class: `public-list${first ? '' : ' print-break'}`, id, 'aria-labelledby': `${id}-h` }, h('h2', { id: `${id}-h` }, title), h('p', { class: 'hint' }, rule), body);
}

function lists(l: PublicLists): Child[] {
  const sections: Array<[string, string, string, HTMLElement]> = [
    [
      'list-hearings',
      'Список справ, призначених до розгляду',
      'Засади 12.4.1: дата, час і місце засідання, склад суду, сторони, суть спору.',
      table(l.hearings, [nth(), caseNo(), { label: 'Час', value: (x) => x.time, class: 'num' }, { label: 'Зал', value: (x) => x.room }, { label: 'Склад суду', value: (x) => x.composition }, { label: 'Сторони', value: parties }, { label: 'Суть', value: essence }], {
        empty: 'Засідань на цей день не призначено.',
      }),
    ],
    [
      'list-distributed',
      'Справи, розподілені за день, і склад суду',
      'Засади 12.4.3: склад суду, визначений автоматизованим розподілом.',
      table(l.distributed, [nth(), caseNo(), { label: 'Надійшла', value: (x) => dateUk(x.arrivalDate), class: 'num' }, { label: 'Склад суду', value: (x) => compositionUk(x.composition) }, { label: 'Сторони', value: parties }, { label: 'Суть', value: essence }], {
        empty: 'За цей день справ не розподілено.',
      }),
    ],
    [
      'list-stages',
      'Стадії розгляду справ',
      'Засади 12.4.4: справи, стан яких змінився за день.',
      table(l.stages, [nth(), caseNo(), { label: 'Зареєстровано', value: (x) => dateUk(x.registrationDate), class: 'num' }, { label: 'Склад суду', value: (x) => compositionUk(x.composition) }, { label: 'Стадія', value: (x) => x.stage }, { label: 'Сторони', value: parties }], {
        empty: 'За цей день змін немає.',
      }),
    ],
    [
      'list-appeals',
      'Апеляційні скарги',
      'Засади 12.4.2: скарги, що надійшли за день, і справи, надіслані до апеляційного суду.',
      table(l.appeals ?? [], [nth(), caseNo(), { label: 'Скарга надійшла', value: (x) => dateUk(x.appealDate), class: 'num' }, { label: 'Вид', value: (x) => x.kind }, { label: 'Надіслано до апеляційного суду', value: (x) => dateUk(x.sentDate) || '—' }, { label: 'Сторони', value: parties }], {
        empty: 'Апеляційних скарг за цей день немає.',
      }),
    ],
    [
      'list-announcements',
      'Оголошення',
      'Засади 12.4.5.',
      l.announcements.length ? h('ol', { class: 'announcements' }, l.announcements.map((a) => h('li', null, h('strong', null, a.title), a.ueun ? ` (справа ${a.ueun})` : '', h('p', null, a.text)))) : h('p', { class: 'empty' }, 'Оголошень немає.'),
    ],
  ];
  return sections.map(([id, title, rule, body], i) => list(id, title, rule, body, i === 0));
}

export async function publicListsPage(query: URLSearchParams): Promise<Node> {
  const date = dayOf(query);
  const [l, court] = await Promise.all([api.get<PublicLists>('/public/lists', { date }), api.get<{ name: string }>('/public/court').catch(() => ({ name: '' }))]);
  const form = dateToolbar(
    { id: 'lists-date', label: 'Дата', date, path: '/public-lists' },
    h('a', { href: api.url('/public/lists', { date, format: 'html' }), target: '_blank', rel: 'noopener' }, 'Сторінка для друку (A4)'),
  );
  return h(
    'div',
    { class: 'public-lists' },
    form,
    h('p', { class: 'lists-heading' }, h('strong', null, court.name), h('br'), `Списки справ на ${longDateUk(l.date)}`),
    lists(l),
  );
}
