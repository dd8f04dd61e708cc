/**
 * «Кластер» for operators: the central workers present with their heartbeats (a stale one died without stopping),
 * which worker owns the embedded analytics store, this worker's link to NATS, and the courts connected or revoked
 * in the registry (GET /cluster — answered by a stand-by too).
 */
import type { ClusterReplyV1 } from '../../../../contracts/central/console.ts';
import { api } from '../../lib/api.ts';
import { facts, h } from '../../lib/dom.ts';
import type { Page } from '../../lib/router.ts';
import { table } from '../../lib/table.ts';
import { dateTimeUk, dateUk, durationUk } from '../../lib/format.ts';

const ROLE_UK: Record<string, string> = { owner: 'власник сховища', serving: 'обслуговує', standby: 'резерв', draining: 'зупиняється', starting: 'запускається', shared: 'спільне сховище' };
const roleUk = (r: string) => ROLE_UK[r] ?? r;

async function render(): Promise<HTMLElement> {
  const c = await api.get<ClusterReplyV1>('/cluster');
  return h(
    'div',
    null,
    facts([
      ['Відповів вузол', `${c.node} (${roleUk(c.role)})`],
      ['Аналітичне сховище', c.analytics.shared ? 'спільний сервер ClickHouse (без власника)' : (c.analytics.owner ?? 'ніхто не утримує — аналітика недоступна')],
      ['Шина NATS', c.nats.connected ? h('span', { class: 'badge ok' }, `з’єднано: ${c.nats.server}`) : h('span', { class: 'badge bad' }, 'немає з’єднання')],
    ]),
    table(
      c.workers,
      [
        { label: 'Вузол', value: (w) => w.node },
        { label: 'Роль', value: (w) => roleUk(w.role) + (w.owner ? ` (власник: ${w.owner})` : '') },
        { label: 'Хост', value: (w) => `${w.host}, процес ${w.pid}` },
        { label: 'Запущено', value: (w) => dateTimeUk(w.started) },
        { label: 'Останній сигнал', value: (w) => h('span', null, `${durationUk(w.ageMs)} тому `, w.stale ? h('span', { class: 'badge bad' }, 'не відповідає') : h('span', { class: 'badge ok' }, 'працює')) },
        { label: 'Сховище', value: (w) => w.engine },
        { label: 'HTTP', value: (w) => w.http ?? '—' },
      ],
      { caption: 'Центральні вузли', empty: 'Жоден вузол не повідомив про себе.', rowClass: (w) => (w.stale ? 'alarm' : undefined), id: 'workers' },
    ),
    c.analytics.leases.length
      ? table(
          c.analytics.leases,
          [
            { label: 'Сховище', value: (l) => l.path },
            { label: 'Утримує', value: (l) => l.holder },
            { label: 'Стан', value: (l) => (l.expired ? h('span', { class: 'badge bad' }, 'оренда сплила') : roleUk(l.state)) },
            { label: 'Оренда до', value: (l) => dateTimeUk(l.expiresAt) },
          ],
          { caption: 'Оренда аналітичного сховища' },
        )
      : null,
    table(
      c.courts,
      [
        { label: 'Суд', value: (x) => x.name },
        { label: 'Підключено з', value: (x) => dateUk(x.since) || '—' },
        { label: 'Стан', value: (x) => (x.revoked ? h('span', { class: 'badge bad' }, `відключено ${dateTimeUk(x.revoked.at)} (${x.revoked.by})`) : h('span', { class: 'badge ok' }, 'підключено')) },
      ],
      { caption: 'Реєстр підключених судів', empty: 'Реєстр судів порожній.', id: 'registry' },
    ),
  );
}

export const clusterPage: Page = { path: '/cluster', title: 'Кластер', menu: 'Кластер', group: 'Операції', roles: ['operator', 'administrator'], render };
