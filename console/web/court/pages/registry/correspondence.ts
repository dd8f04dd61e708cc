/**
 * «Документ у справі» (Засади 3.1–3.2): a motion, reply, evidence, counterclaim… filed in a case already
 * registered gets its number in the journal of incoming correspondence (POST /cases/…/correspondence) — no new ЄУН,
 * no new proceeding, no distribution; it goes to the proceeding's judge. First the case (by its ЄУН), then the
 * form generated from the node's schema.
 *
 *   { path: '/correspondence/new', render: (_p, q) => correspondencePage(q.get('ueun')) }
 */
import { api, ApiError, idempotencyKey } from '../../../lib/api.ts';
import { facts, h, link, notice, replace, type Child } from '../../../lib/dom.ts';
import { requestSchema, schemaForm } from '../../../lib/form.ts';
import { dateUk, todayKyiv } from '../../../lib/format.ts';
import { go } from '../../../lib/router.ts';
import { directory, judgeName } from '../../directory.ts';
import type { Card } from './card-types.ts';
import { CORRESPONDENCE_FIELDS, CORRESPONDENCE_KIND_UK } from './labels.ts';
import { cardPath } from './outcome.ts';
import { CORRESPONDENCE_REFUSALS, keyKeeper, onField } from './refusals.ts';

const UEUN = /^[0-9]{1,4}\/[1-9][0-9]{0,6}\/[0-9]{2}$/;

interface Reply {
  number: string;
  ueun: string;
  proceedingNumber: string;
  registrationDate: string;
  handedTo: string | null;
}

export async function correspondencePage(ueun: string | null): Promise<Child> {
  if (!ueun || !UEUN.test(ueun)) return [caseChooser(ueun), ueun ? notice('error', 'ЄУН має вигляд <код суду>/<номер>/<рік>, наприклад 537/12/26.') : null];
  let card: Card;
  try {
    card = await api.get<Card>(`/cases/${ueun}`);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return [caseChooser(ueun), notice('error', e.messageUk)];
    throw e;
  }
  const [d, schema] = await Promise.all([directory(), requestSchema('post', '/cases/:court/:seq/:yy/correspondence')]);
  const box = h('div');
  const send = keyKeeper(idempotencyKey);
  const ps = card.proceedings;
  const form = schemaForm(schema, {
    fields: {
      ...CORRESPONDENCE_FIELDS,
      '/kind': { label: 'Вид документа', options: Object.entries(CORRESPONDENCE_KIND_UK).map(([value, label]) => ({ value, label })) },
      // a case with one proceeding needs no choice (the node takes it)
      '/proceedingNumber': ps.length === 1 ? { hidden: true } : { label: 'Провадження', options: ps.map((p) => ({ value: p.proceedingNumber, label: p.proceedingNumber })) },
    },
    initial: { arrivalDate: todayKyiv() },
    submit: 'Зареєструвати документ',
    onSubmit: (body) => onField(CORRESPONDENCE_REFUSALS, () => send((key) => api.post<Reply>(`/cases/${ueun}/correspondence`, body, { 'idempotency-key': key }))),
    done: (r) => {
      const x = r as Reply;
      replace(
        box,
        notice('ok', h('strong', { id: 'corr-done', tabindex: '-1' }, 'Документ зареєстровано.')),
        facts([
          ['Вхідний номер', h('strong', { class: 'number' }, x.number)],
          ['Справа', link(cardPath(x.ueun), x.ueun)],
          ['Провадження', x.proceedingNumber],
          ['Дата реєстрації', dateUk(x.registrationDate)],
          ['Передано судді', x.handedTo ?? 'у справі ще немає судді — документ очікує на нього'],
        ]),
        h('div', { class: 'actions' }, link(cardPath(x.ueun), 'Відкрити картку справи'), h('button', { type: 'button', class: 'secondary', on: { click: () => go(`/correspondence/new?ueun=${encodeURIComponent(ueun)}&n=${Date.now()}`) } }, 'Зареєструвати ще один документ')),
      );
      box.querySelector<HTMLElement>('#corr-done')?.focus();
      return null;
    },
  });
  replace(box, form.el);
  const last = ps.at(-1)!;
  const judge = last.assignment ? judgeName(d, last.assignment.judge) : 'ще не визначено';
  return [
    h('p', null, 'Справа ', link(cardPath(card.ueun), h('strong', null, card.ueun)), `: ${last.current.document?.title ?? ''}; суддя — ${judge}.`),
    box,
  ];
}

function caseChooser(ueun: string | null): HTMLElement {
  const input = h('input', { id: 'corr-ueun', name: 'ueun', type: 'text', value: ueun ?? '', required: true, size: 16, placeholder: '537/12/26' });
  const form = h(
    'form',
    { class: 'toolbar' },
    h('div', { class: 'field' }, h('label', { for: 'corr-ueun' }, 'ЄУН справи'), input),
    h('div', { class: 'field' }, h('button', { type: 'submit' }, 'Далі')),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    go(`/correspondence/new?ueun=${encodeURIComponent(input.value.trim())}`);
  });
  return form;
}
