/**
 * «Справа» for the judge: the card's main facts (per proceeding: numbers, dates, document, parties, essence, the
 * composition by full names) and its movements; for a covert case the НСРД section (Засади 3.1 ¶2).
 *
 * Covert details are fetched only when the judge presses «Показати відомості НСРД» (GET /cases/…/covert); the node
 * decides who may read them (the assigned investigating judge only) and answers `Cache-Control: no-store`. The
 * plaintext lives only in this section's DOM: never in the URL, the title, storage or a log; «Приховати» and
 * leaving the page drop it. Any refusal (another judge, not yet assigned) shows the same neutral sentence.
 */
import { api, ApiError } from '../../../lib/api.ts';
import { facts, h, notice, replace, type Child } from '../../../lib/dom.ts';
import { dateTimeUk, dateUk } from '../../../lib/format.ts';
import { table } from '../../../lib/table.ts';
import { categoryName, directory, type Directory } from '../../directory.ts';
import type { Assignment, Card, Proceeding, Requisites } from '../registry/card-types.ts';
import { sameJudge, whoAmI } from './me.ts';

interface CovertReply {
  ueun: string;
  items: Array<{ proceedingNumber: string; fields: { person: string; action: string } }>;
}

const MOVEMENT_UK: Record<string, string> = {
  transfer: 'передано',
  'to-judge': 'передано судді',
  'from-judge': 'повернуто від судді',
  'to-archive': 'передано до архіву',
  'from-archive': 'повернуто з архіву',
  'sent-out': 'надіслано',
  returned: 'повернуто',
  other: 'інше',
};

/** The judge's full name from the directory; an unknown id is never shown as a login. */
function nameOf(d: Directory, id: string): string {
  return d.judges.find((j) => sameJudge(j.id, id))?.fullName ?? 'суддя (не в переліку суду)';
}

function composition(d: Directory, a: Assignment | undefined, me: string): Child {
  if (!a) return 'склад суду ще не визначено';
  const presiding = nameOf(d, a.judge) + (sameJudge(a.judge, me) ? ' (ви)' : '');
  const members = (a.members ?? []).map((m) => nameOf(d, m));
  const mode = a.assignmentMode === 'non-random' ? `не випадковим способом${a.ground ? ` (${a.ground.code}: ${a.ground.text})` : ''}` : 'автоматизованим розподілом';
  return [
    members.length ? `головуючий суддя ${presiding}; ${members.length === 1 ? 'суддя' : 'судді'} ${members.join(', ')}` : `суддя ${presiding}`,
    h('br'),
    h('span', { class: 'hint' }, `визначено ${dateTimeUk(a.at)} ${mode}; протокол ${a.protocol}`),
  ];
}

function proceedingFacts(d: Directory, p: Proceeding, me: string): HTMLElement {
  const c: Partial<Requisites> = p.current ?? {};
  const doc: Partial<NonNullable<Requisites['document']>> = c.document ?? {};
  return h(
    'section',
    { 'aria-label': `Провадження ${p.proceedingNumber}` },
    h('h2', null, `Провадження ${p.proceedingNumber}`),
    facts([
      ['Дата реєстрації', dateUk(p.registrationDate)],
      ['Дата надходження', dateUk(c.arrivalDate)],
      ['Категорія', categoryName(d, c.category)],
      ['Документ', [doc.kind, doc.title].filter(Boolean).join(': ')],
      ['Від кого надійшов', doc.sender ?? ''],
      ['Сторони', (c.parties ?? []).map((x) => `${x.role}: ${x.name}`).join('; ')],
      ['Суть', c.description ?? ''],
      ['Склад суду', composition(d, p.assignment, me)],
    ]),
  );
}

/** The НСРД section: a button; the details only after it is pressed, and only if the node gives them. */
function covertSection(ueun: string): HTMLElement {
  // no-print: the plaintext is not put on paper from the browser either (3.1 ¶2)
  const body = h('div', { id: 'covert-body', class: 'no-print', 'aria-live': 'polite' });
  const hide = h('button', { type: 'button', class: 'secondary', hidden: true }, 'Приховати');
  const show = h('button', { type: 'button' }, 'Показати відомості НСРД');
  show.addEventListener('click', async () => {
    show.disabled = true;
    replace(body, h('p', { class: 'loading' }, 'Завантаження…'));
    try {
      // The node answers no-store; the reply is used once here and not kept anywhere else (3.1 ¶2).
      const r = await api.get<CovertReply>(`/cases/${ueun}/covert`);
      replace(
        body,
        r.items.map((i) =>
          h('div', { class: 'covert-item' }, h('h3', null, `Провадження ${i.proceedingNumber}`), facts([
            ['Особа', i.fields.person],
            ['Вид негласної слідчої (розшукової) дії', i.fields.action],
          ])),
        ),
      );
      hide.hidden = false;
    } catch (e) {
      // One neutral sentence for every refusal: it must not tell another judge whose case it is or why (3.1 ¶2).
      replace(body, notice('info', 'Відомості недоступні.'));
      if (!(e instanceof ApiError)) console.error(e);
    } finally {
      show.disabled = false;
    }
  });
  hide.addEventListener('click', () => {
    replace(body);
    hide.hidden = true;
    show.focus();
  });
  return h(
    'section',
    { class: 'covert', 'aria-labelledby': 'covert-h' },
    h('h2', { id: 'covert-h' }, 'Відомості про негласні слідчі (розшукові) дії'),
    h('p', { class: 'hint' }, 'Доступні лише визначеному слідчому судді (Засади 3.1). Не друкуються і не зберігаються в браузері.'),
    h('div', { class: 'actions no-print' }, show, hide),
    body,
  );
}

export async function judgeCasePage(params: Record<string, string>): Promise<Node> {
  const ueun = `${params.court}/${params.seq}/${params.yy}`;
  const [card, d, me] = await Promise.all([api.get<Card>(`/cases/${ueun}`), directory(), whoAmI()]);
  return h(
    'div',
    null,
    facts([['ЄУН', card.ueun]]),
    card.proceedings.map((p) => proceedingFacts(d, p, me.login)),
    card.covert ? covertSection(card.ueun) : null,
    h('h2', null, 'Рух справи'),
    table(
      card.movements,
      [
        { label: 'Коли', value: (m) => dateTimeUk(m.at), class: 'num' },
        { label: 'Провадження', value: (m) => m.proceedingNumber },
        { label: 'Дія', value: (m) => MOVEMENT_UK[m.kind] ?? m.kind },
        { label: 'Кому / куди', value: (m) => m.to },
        { label: 'Примітка', value: (m) => m.note ?? '' },
      ],
      { empty: 'Руху справи не записано.' },
    ),
  );
}
