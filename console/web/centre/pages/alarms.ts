/**
 * «Тривоги цілісності»: what the centre, as witness, found wrong at the courts (analytics/alarms.ts) — the court by
 * name, what kind, the one-sentence summary, and the evidence (seqs, hashes held and received) behind a disclosure,
 * filtered by court and by «не підтверджені». Acknowledging is a signed operator act (`asds central integrity
 * --ack`), not a button here.
 */
import { api } from '../../lib/api.ts';
import { h, type Child } from '../../lib/dom.ts';
import type { Page } from '../../lib/router.ts';
import { table } from '../../lib/table.ts';
import { dateTimeUk } from '../../lib/format.ts';
import { courtNames, courtSelect, filterForm } from './common.ts';

/** GET /integrity/alarms item (actors/central/integrity/queries.ts ShownAlarm). */
interface Alarm {
  id: string;
  court: string;
  courtName: string;
  kind: string;
  summary: string;
  evidence: Record<string, unknown>;
  firstSeen: number;
  lastRaised: number;
  latest: { summary: string; evidence: Record<string, unknown> } | null;
  acknowledged: { by: string; at: number; note: string } | null;
  reopened: boolean;
}

const KIND_UK: Record<string, string> = {
  'chain-break': 'розрив ланцюга подій',
  'hash-mismatch': 'невідповідність хешу',
  'conflicting-version': 'дві версії однієї події',
  'above-head': 'подія понад заявлену вершину',
  'unknown-court': 'невідомий суд',
  'checkpoint-contradiction': 'суперечлива контрольна точка',
  'checkpoint-bad-seal': 'недійсна печатка контрольної точки',
  'checkpoint-missing': 'немає контрольної точки',
  'pull-difference': 'база даних суду відрізняється від копії центру',
  'pull-overdue': 'базу даних не надіслано у строк',
  'pull-bad-manifest': 'недійсний опис бази даних',
  'stats-difference': 'звіт суду не збігається з розрахунком центру',
};

const kindUk = (k: string) => KIND_UK[k] ?? (k.startsWith('detector:') ? `детектор: ${k.slice('detector:'.length)}` : k);

/** The evidence fields the centre writes (analytics/alarms.ts callers), named for people; others as they are. */
const FIELD_UK: Record<string, string> = {
  seq: 'Номер події',
  gseq: 'Номер події',
  id: 'Ідентифікатор',
  hash: 'Хеш',
  held: 'У центрі',
  received: 'Отримано',
  expected: 'Очікувалося',
  got: 'Отримано',
  pull: 'Запит',
  due: 'Строк',
  edited: 'Змінені події',
  rehashed: 'Переобчислені події',
  finding: 'Висновок',
  checkpoint: 'Контрольна точка суду',
  earlier: 'Раніше засвідчена точка',
  time: 'Час події (годинник суду)',
  sealedAt: 'Запечатано (годинник суду)',
  ts: 'Час запису',
  at: 'Час',
};

/** The witness's findings (actors/central/witness/findings.ts keys). */
const FINDING_UK: Record<string, string> = {
  held: 'засвідчена подія в центрі має інший хеш',
  fork: 'дві контрольні точки на одній події з різними хешами',
  tail: 'кінець журналу видалено',
  link: 'порушено зв’язок з раніше засвідченою точкою',
  backdated: 'подію датовано заднім числом',
};

/** Epoch milliseconds (a field named …At, time, ts) as a Kyiv date and time, keeping the number for checking. */
const isInstant = (k: string, v: unknown): v is number => typeof v === 'number' && v > 1e12 && /(At|^time|^ts|^at)$/.test(k);

function value(k: string, v: unknown): HTMLElement | string {
  if (Array.isArray(v)) return h('ol', null, v.map((x) => h('li', null, value('', x))));
  if (typeof v === 'object' && v !== null) return evidence(v as Record<string, unknown>);
  if (isInstant(k, v)) return `${dateTimeUk(v)} (${v})`;
  if (k === 'finding' && typeof v === 'string') return FINDING_UK[v] ?? v;
  return String(v);
}

/** Evidence as people can read it: one row per field, nested records nested (hashes kept whole — they are checked). */
function evidence(e: Record<string, unknown>): HTMLElement {
  return h('dl', { class: 'facts evidence' }, Object.entries(e).map(([k, v]) => [h('dt', null, FIELD_UK[k] ?? k), h('dd', null, value(k, v))]));
}

function status(a: Alarm): Child {
  if (a.reopened) return h('span', { class: 'badge bad' }, 'відкрито знову');
  if (a.acknowledged) return h('span', null, h('span', { class: 'badge ok' }, 'підтверджено'), ` ${a.acknowledged.by}, ${dateTimeUk(a.acknowledged.at)}: ${a.acknowledged.note}`);
  return h('span', { class: 'badge bad' }, 'не підтверджено');
}

async function render(_p: Record<string, string>, query: URLSearchParams): Promise<HTMLElement> {
  const court = query.get('court');
  const open = query.get('open') === '1';
  const [names, r] = await Promise.all([courtNames(), api.get<{ alarms: Alarm[] }>('/integrity/alarms', { court, open: open ? 1 : null })]);
  const unacked = r.alarms.filter((a) => !a.acknowledged || a.reopened).length;
  return h(
    'div',
    null,
    filterForm('/alarms', [
      courtSelect(names, court),
      h('div', { class: 'field field-check' }, h('label', { for: 'open' }, 'Лише не підтверджені'), h('input', { type: 'checkbox', id: 'open', name: 'open', value: '1', checked: open })),
    ]),
    h('p', null, `Тривог: ${r.alarms.length}, не підтверджено: ${unacked}. Підтверджує тривогу оператор підписаною командою asds central integrity --ack.`),
    table(
      r.alarms,
      [
        { label: 'Суд', value: (a) => a.courtName },
        { label: 'Вид', value: (a) => kindUk(a.kind) },
        { label: 'Що виявлено', class: 'what', value: (a) => h('div', null, a.latest?.summary ?? a.summary, h('details', { class: 'evidence' }, h('summary', null, 'Докази'), evidence(a.latest?.evidence ?? a.evidence))) },
        { label: 'Вперше', value: (a) => dateTimeUk(a.firstSeen) },
        { label: 'Востаннє', value: (a) => dateTimeUk(a.lastRaised) },
        { label: 'Стан', value: status },
      ],
      { caption: 'Тривоги цілісності, новіші першими', empty: 'Тривог немає.', rowClass: (a) => (!a.acknowledged || a.reopened ? 'alarm' : undefined), id: 'alarms' },
    ),
  );
}

export const alarmsPage: Page = { path: '/alarms', title: 'Тривоги цілісності', menu: 'Тривоги цілісності', group: 'Моніторинг', roles: ['administrator', 'analyst'], render };
