/**
 * «Суди»: every connected court's replication lag and its last sealed checkpoint (Засади 13.3: each court's data
 * reaches the centre at least once every two hours). Courts over the threshold are highlighted and the threshold
 * is stated; a revoked court's silence is its revocation, not a lag (actors/central/console/courts.ts).
 */
import type { CourtCheckpointV1, CourtRowV1, CourtsReplyV1 } from '../../../../contracts/central/console.ts';
import { api } from '../../lib/api.ts';
import { h, notice } from '../../lib/dom.ts';
import type { Page } from '../../lib/router.ts';
import { table } from '../../lib/table.ts';
import { dateTimeUk, durationUk, numberUk } from '../../lib/format.ts';
import { filterForm } from './common.ts';

const WITNESSED: Record<CourtCheckpointV1['witnessed'], [string, string]> = {
  match: ['збігається з даними центру', 'ok'],
  mismatch: ['НЕ збігається з даними центру', 'bad'],
  'not-yet': ['центр ще не отримав ці події', 'warn'],
};

function state(c: CourtRowV1): HTMLElement {
  if (c.revoked) return h('span', { class: 'badge' }, `відключено ${dateTimeUk(c.revoked.at)}`);
  if (c.lagging) return h('span', { class: 'badge bad' }, c.neverReported ? 'жодного разу не звертався — понад поріг' : 'відставання понад поріг');
  return h('span', { class: 'badge ok' }, 'у межах порогу');
}

function checkpoint(c: CourtRowV1): HTMLElement | string {
  const cp = c.lastCheckpoint;
  if (!cp) return 'ще не надходила';
  const [text, kind] = WITNESSED[cp.witnessed];
  return h('div', null, `№ ${numberUk(cp.gseq)}, запечатано ${dateTimeUk(cp.sealedAt)}`, h('br'), h('span', { class: `badge ${kind}` }, text));
}

async function render(_p: Record<string, string>, query: URLSearchParams): Promise<HTMLElement> {
  const minutes = query.get('thresholdMinutes');
  const r = await api.get<CourtsReplyV1>('/courts', { thresholdMinutes: minutes });
  const over = r.courts.filter((c) => c.lagging);
  const courts = [...r.courts].sort((a, b) => Number(b.lagging) - Number(a.lagging) || (a.name ?? a.court).localeCompare(b.name ?? b.court, 'uk'));
  return h(
    'div',
    null,
    h(
      'p',
      { class: 'threshold' },
      `Поріг відставання (Засади 13.3): ${durationUk(r.thresholdMs)}. `,
      over.length ? `Понад поріг — судів: ${over.length} (виділено).` : 'Усі суди в межах порогу.',
    ),
    over.length ? notice('error', `Не передають дані довше за поріг: ${over.map((c) => c.name ?? `суд з кодом ${c.court}`).join(', ')}.`) : null,
    filterForm('/courts', [h('div', { class: 'field' }, h('label', { for: 'thresholdMinutes' }, 'Поріг, хвилин'), h('input', { type: 'number', id: 'thresholdMinutes', name: 'thresholdMinutes', min: 0, step: 1, value: minutes ?? String(r.thresholdMs / 60_000) }))]),
    table(
      courts,
      [
        { label: 'Суд', value: (c) => c.name ?? `суд з кодом ${c.court}` },
        { label: 'Відставання', value: (c) => (c.neverReported && c.lagMs === 0 ? 'ще не підключений' : durationUk(c.lagMs)), class: 'num' },
        { label: 'Останній зв’язок', value: (c) => (c.lastSeen ? dateTimeUk(c.lastSeen) : 'жодного разу') },
        { label: 'Подій у центрі', value: (c) => `${numberUk(c.mark)} з ${numberUk(c.head)}`, class: 'num' },
        { label: 'Остання контрольна точка', value: checkpoint },
        { label: 'Стан', value: state },
      ],
      { caption: 'Реплікація даних судів до центру', empty: 'Жоден суд не підключено.', rowClass: (c) => (c.lagging ? 'alarm' : undefined), id: 'courts' },
    ),
  );
}

export const courtsPage: Page = { path: '/courts', title: 'Суди', menu: 'Суди', group: 'Моніторинг', roles: ['administrator', 'analyst'], render };
