/**
 * «Мої засідання»: the hearings entered by the court staff (POST /public-lists/hearings, Засади 12.4.1) in the
 * judge's cases, for a week from the chosen date. The node keeps hearings only inside the public lists (GET
 * /public/lists?date=, one day each) and names the composition as free text, so a hearing is "mine" when its case
 * is one where I preside (GET /cases/search `judge=`).
 */
import { api } from '../../../lib/api.ts';
import { h, link } from '../../../lib/dom.ts';
import { dateUk, longDateUk, todayKyiv } from '../../../lib/format.ts';
import { go } from '../../../lib/router.ts';
import { table } from '../../../lib/table.ts';
import { whoAmI } from './me.ts';
import { allMyCases, judgeCasePath } from './my-cases.ts';

export interface HearingEntry {
  ueun: string;
  proceedingNumber?: string;
  date: string;
  time: string;
  room: string;
  composition: string;
  restricted: boolean;
  parties?: Array<{ role: string; name: string }>;
  essence?: string;
}

const DAYS = 7;
const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** 'YYYY-MM-DD' + n days (calendar arithmetic in UTC: no time zone can shift a date). */
export function addDays(date: string, n: number): string {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + n);
  return t.toISOString().slice(0, 10);
}

export async function myHearingsPage(query: URLSearchParams): Promise<Node> {
  const from = ISO.test(query.get('from') ?? '') ? query.get('from')! : todayKyiv();
  const me = await whoAmI();
  const days = Array.from({ length: DAYS }, (_, i) => addDays(from, i));
  const [mine, lists] = await Promise.all([allMyCases(me.login), Promise.all(days.map((date) => api.get<{ hearings: HearingEntry[] }>('/public/lists', { date })))]);
  const my = new Set(mine.map((c) => c.ueun));
  const hearings = lists.flatMap((l) => l.hearings).filter((x) => my.has(x.ueun));
  const input = h('input', { id: 'hearings-from', type: 'date', name: 'from', value: from, required: true });
  const form = h('form', { class: 'toolbar' }, h('div', { class: 'field' }, h('label', { for: 'hearings-from' }, 'Тиждень від дати'), input), h('button', { type: 'submit' }, 'Показати'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (ISO.test(input.value)) go(`/my-hearings?from=${input.value}`);
  });
  return h(
    'div',
    null,
    h('p', null, `З ${longDateUk(from)} по ${longDateUk(days[DAYS - 1]!)} — засідання у справах, де ви головуєте.`),
    form,
    table(
      hearings,
      [
        { label: 'Дата', value: (x) => dateUk(x.date), class: 'num' },
        { label: 'Час', value: (x) => x.time, class: 'num' },
        { label: 'Зал', value: (x) => x.room },
        { label: 'Справа', value: (x) => [link(judgeCasePath(x.ueun), x.ueun), x.proceedingNumber ? h('br') : null, x.proceedingNumber ?? ''] },
        { label: 'Склад суду', value: (x) => x.composition },
        { label: 'Сторони', value: (x) => (x.restricted ? 'не оприлюднюється' : (x.parties ?? []).map((p) => `${p.role}: ${p.name}`).join('; ')) },
        { label: 'Суть', value: (x) => (x.restricted ? 'не оприлюднюється' : (x.essence ?? '')) },
      ],
      { caption: 'Мої засідання', empty: 'Засідань у ваших справах на ці дні не призначено.', id: 'my-hearings' },
    ),
    h('p', { class: 'hint' }, 'Засідання вносять працівники апарату суду; тут ті самі записи, що й у публічних списках (Засади 12.4.1).'),
  );
}
