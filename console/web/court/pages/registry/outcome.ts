/**
 * What the registrar sees after a registration: the numbers, and in Ukrainian what the automated distribution did
 * (Засади 4.1) — the judge by full name, or why the case was not distributed, or that it is still being drawn —
 * with links to the card and to the distribution protocol.
 *
 *   replace(box, registrationResult(reply, await directory(), () => go('/register')));
 */
import { h, facts, link, notice, type Child } from '../../../lib/dom.ts';
import { dateUk } from '../../../lib/format.ts';
import { judgeName, type Directory } from '../../directory.ts';

/** POST /registrations 201 (contracts/court/registration.ts RegistrationReplyV1 + the hand-off's outcome). */
export interface RegistrationReply {
  ueun: string;
  proceedingNumber: string;
  registrationDate: string;
  arrivalDate: string;
  late: boolean;
  distribution: Outcome;
}

/** actors/court/registry/handoff.ts HandoffOutcome. */
export interface Outcome {
  status: 'distributed' | 'transferred' | 'impossible' | 'waiting' | 'failed' | 'refused' | 'held' | 'skipped' | 'pending' | 'error';
  documentId?: string;
  presiding?: string;
  members?: string[];
  reasonUk?: string;
  cardUpdated?: boolean;
}

export const cardPath = (ueun: string) => `/cases/${ueun}`;
export const protocolPath = (id: string) => `/protocols/${encodeURIComponent(id)}`;

/** The outcome as one sentence (or a few) for people. */
export function outcomeText(o: Outcome, d: Directory): Child {
  switch (o.status) {
    case 'distributed':
    case 'transferred': {
      const how = o.status === 'distributed' ? 'Автоматизований розподіл визначив суддю' : 'Справу передано судді за підставою Засад (не випадково)';
      const panel = (o.members ?? []).map((m) => judgeName(d, m));
      return [
        h('span', null, `${how}: `, h('strong', { class: 'judge' }, judgeName(d, o.presiding))),
        panel.length ? h('span', null, `; склад колегії: ${panel.join(', ')}`) : null,
        '.',
        o.cardUpdated === false ? h('p', { class: 'hint' }, 'Суддю ще не записано на картку справи — це зробить відповідальний за розподіл.') : null,
      ];
    }
    case 'impossible':
      return 'Автоматизований розподіл неможливий (Засади 4.10): справа в переліку тих, що очікують розподілу.';
    case 'waiting':
      return 'Справа очікує судді, якому її має бути передано (Засади 5.4); вона в переліку очікування.';
    case 'held':
      return 'Зазначений маршрут не підтверджується записами суду: справу не розподілено, вона чекає рішення працівника апарату в переліку очікування.';
    case 'skipped':
      return o.reasonUk ?? 'Справу не розподілено автоматично.';
    case 'pending':
      return 'Розподіл ще триває. Суддю буде видно на картці справи за кілька секунд.';
    default:
      return 'Розподіл не відбувся через помилку. Справу зареєстровано; повідомте відповідального за розподіл.';
  }
}

export function registrationResult(r: RegistrationReply, d: Directory, again: () => void): HTMLElement {
  const o = r.distribution;
  const ok = o.status === 'distributed' || o.status === 'transferred';
  return h(
    'section',
    { class: 'registration-result', 'aria-labelledby': 'reg-done' },
    notice('ok', h('strong', { id: 'reg-done' }, 'Справу зареєстровано.')),
    facts([
      ['ЄУН', h('strong', { class: 'ueun' }, r.ueun)],
      ['Номер провадження', h('strong', { class: 'proceeding' }, r.proceedingNumber)],
      ['Дата надходження', dateUk(r.arrivalDate)],
      ['Дата реєстрації', dateUk(r.registrationDate) + (r.late ? ' (за розпорядженням про реєстрацію не в день надходження)' : '')],
      ['Розподіл', h('div', { class: ok ? 'outcome ok' : 'outcome' }, outcomeText(o, d))],
    ]),
    h(
      'div',
      { class: 'actions' },
      link(cardPath(r.ueun), 'Відкрити картку справи'),
      o.documentId ? link(protocolPath(o.documentId), 'Протокол розподілу') : null,
      h('button', { type: 'button', class: 'secondary', on: { click: again } }, 'Зареєструвати наступну'),
    ),
  );
}
