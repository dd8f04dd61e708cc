/**
 * «Режим збою» (`#/outages`): the court's outages (GET /outages, Засади 15) — opened by the head of staff
 * (POST /outages), a short one closed without an act (POST /outages/:id/closure, 15.1), the backlog handed over
 * for distribution (POST /outages/:id/hand-over, 15.2).
 *
 *   { path: '/outages', render: () => outagesPage() }
 */
import { api, ApiError } from '../../../lib/api.ts';
import { h, notice, replace, type Child } from '../../../lib/dom.ts';
import { dateTimeUk, numberUk } from '../../../lib/format.ts';
import { requestSchema, schemaForm } from '../../../lib/form.ts';
import { go } from '../../../lib/router.ts';
import { table } from '../../../lib/table.ts';

interface OutageRow { outageId: string; startedAt: string; act: { number: string; endedAt: string } | null; closure: { endedAt: string; reason: string; workingDays: number } | null; urgent: number; backlog: number }

/** Now as the court reads it: Kyiv wall time with its offset, e.g. 2026-12-07T11:14+02:00 (the schema's instant). */
export function kyivInstant(t = new Date()): string {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Kyiv', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'longOffset' }).formatToParts(t).map((p) => [p.type, p.value]));
  const offset = parts.timeZoneName === 'GMT' ? '+00:00' : String(parts.timeZoneName).replace('GMT', '');
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}${offset}`;
}
const nowInstant = () => kyivInstant();

function state(o: OutageRow): string {
  if (o.act) return `завершено, акт комісії № ${o.act.number} (${dateTimeUk(o.act.endedAt)})`;
  if (o.closure) return `завершено без акта (${dateTimeUk(o.closure.endedAt)}, робочих днів — ${numberUk(o.closure.workingDays, 2)})`;
  return 'триває';
}

async function closeForm(o: OutageRow): Promise<HTMLElement> {
  const schema = await requestSchema('post', '/outages/:id/closure');
  return schemaForm(schema, {
    initial: { endedAt: nowInstant() },
    fields: { '/endedAt': { label: 'Час відновлення роботи', hint: 'РРРР-ММ-ДДTГГ:ХХ із зоною, напр. 2026-12-07T10:30+02:00' }, '/reason': { label: 'Причина та вжиті заходи', textarea: true } },
    submit: `Закрити збій ${o.outageId}`,
    onSubmit: (b) => api.post(`/outages/${o.outageId}/closure`, b),
    done: () => (setTimeout(() => go(`/outages?t=${Date.now()}`), 800), notice('ok', 'Збій закрито.')),
  }).el;
}

export async function outagesPage(): Promise<Child> {
  const [{ outages }, me, openSchema] = await Promise.all([api.get<{ outages: OutageRow[] }>('/outages'), api.get<{ role: string }>('/auth/me'), requestSchema('post', '/outages')]);
  const head = me.role === 'head_of_staff';
  const slot = h('div');
  const handOver = async (o: OutageRow) => {
    try {
      await api.post(`/outages/${o.outageId}/hand-over`, {});
      replace(slot, notice('ok', `Кореспонденцію за час збою ${o.outageId} передано на розподіл.`));
    } catch (e) {
      replace(slot, notice('error', e instanceof ApiError ? e.messageUk : 'Не передано.'));
    }
  };
  const rows = [...outages].sort((a, b) => (a.startedAt < b.startedAt ? 1 : -1));
  return [
    h('p', null, 'Форс-мажорні обставини, за яких автоматизований розподіл неможливий (Засади 15.1–15.4).'),
    table(rows, [
      { label: 'Збій', value: (o) => o.outageId },
      { label: 'Початок', value: (o) => dateTimeUk(o.startedAt), class: 'num' },
      { label: 'Стан', value: (o) => state(o) },
      { label: 'Невідкладних справ', value: (o) => String(o.urgent), class: 'num' },
      { label: 'Кореспонденції', value: (o) => String(o.backlog), class: 'num' },
      { label: 'Дії', value: (o) => (o.act || o.closure ? h('button', { type: 'button', class: 'secondary', on: { click: () => void handOver(o) } }, 'Передати на розподіл') : head ? h('button', { type: 'button', class: 'secondary', on: { click: async () => replace(slot, h('h2', null, `Закрити збій ${o.outageId}`), await closeForm(o)) } }, 'Закрити') : '') },
    ], { caption: 'Збої', empty: 'Збоїв не було.', id: 'outages' }),
    slot,
    head
      ? [
          h('h2', null, 'Зафіксувати початок збою'),
          schemaForm(openSchema, {
            initial: { startedAt: nowInstant() },
            fields: { '/startedAt': { label: 'Час початку', hint: 'РРРР-ММ-ДДTГГ:ХХ із зоною, напр. 2026-12-07T09:00+02:00' }, '/note': { label: 'Опис обставин', textarea: true } },
            submit: 'Розпочати режим збою',
            onSubmit: (b) => api.post('/outages', b),
            done: () => (setTimeout(() => go(`/outages?t=${Date.now()}`), 800), notice('ok', 'Режим збою розпочато.')),
          }).el,
        ]
      : null,
  ];
}
