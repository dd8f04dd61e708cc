/**
 * The public list of organisations connected to the exchange (issue 17 §C; СЕВ ОВВ regulation 2019: "публікацію …
 * інформації про поточних користувачів … із зазначенням дати підключення, візуальним виділенням користувачів …,
 * які підключилися протягом останніх 30 днів, та про користувачів …, які тимчасово зупинили обмін … із
 * зазначенням орієнтовного строку та причин такого зупинення").
 *
 *   publicOrganisations(records, Date.now())   // PublicOrganisationsV1
 *   publicOrganisationsHtml(view)              // a printable A4 page, Ukrainian
 */
import { addDays } from '../../../distribution/index.ts';
import type { OrganisationKindV1, OrganisationRecordV1, PublicOrganisationsV1 } from '../../../../contracts/exchange/organisations.ts';
import { kyivDate, ukDate } from '../deadline.ts';

/** "протягом останніх 30 днів": connected on one of the last 30 calendar days, today included. */
export const RECENT_DAYS = 30;

export function publicOrganisations(records: readonly OrganisationRecordV1[], now: number): PublicOrganisationsV1 {
  const today = kyivDate(now);
  const recentFrom = addDays(today, -(RECENT_DAYS - 1));
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'uk');
  const current = records
    .filter((r) => r.status === 'connected')
    .map((r) => ({ id: r.id, kind: r.kind, name: r.name, code: r.code, connectedOn: r.connectedOn, recent: r.connectedOn >= recentFrom }))
    .sort(byName);
  const suspended = records
    .filter((r) => r.status === 'suspended' && r.suspension)
    .map((r) => ({
      id: r.id,
      kind: r.kind,
      name: r.name,
      code: r.code,
      connectedOn: r.connectedOn,
      since: kyivDate(Date.parse(r.suspension!.since)),
      expectedUntil: r.suspension!.expectedUntil,
      reason: r.suspension!.reason,
      initiator: r.suspension!.initiator,
    }))
    .sort(byName);
  return { asOf: today, current, suspended };
}

const KIND_UK: Record<OrganisationKindV1, string> = { prosecutor: 'орган прокуратури', police: 'орган (підрозділ) поліції', other: 'інша організація' };
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const STYLE = `
body{font-family:"Noto Sans","DejaVu Sans",Arial,sans-serif;color:#1a1a1a;max-width:60em;margin:2em auto;padding:0 1em;line-height:1.4}
h1{font-size:1.5em;margin-bottom:.2em}h2{font-size:1.15em;margin-top:1.6em;border-bottom:2px solid #0b4f8a;padding-bottom:.2em}
.asof{color:#555}table{border-collapse:collapse;width:100%;margin-top:.6em}
th,td{border:1px solid #b8c4d0;padding:.35em .5em;text-align:left;vertical-align:top}th{background:#eef3f8}
tr.recent{background:#fff4c2;font-weight:600}tr.recent td:first-child::before{content:"★ ";color:#b36b00}
.mark{display:inline-block;font-size:.8em;font-weight:700;color:#7a4a00;background:#ffd966;border-radius:.3em;padding:0 .35em;margin-left:.4em}
.legend{font-size:.9em;color:#444}.none{color:#666;font-style:italic}
@media print{@page{size:A4;margin:15mm}body{margin:0;max-width:none;font-size:10.5pt}
tr.recent{background:#fff4c2 !important;-webkit-print-color-adjust:exact;print-color-adjust:exact}a{color:inherit;text-decoration:none}}`;

export function publicOrganisationsHtml(v: PublicOrganisationsV1): string {
  const cur = v.current.length
    ? v.current
        .map(
          (o, i) =>
            `<tr${o.recent ? ' class="recent"' : ''}><td>${i + 1}</td><td>${esc(o.name)}${o.recent ? '<span class="mark" title="підключено протягом останніх 30 днів">нове</span>' : ''}</td><td>${esc(KIND_UK[o.kind])}</td><td>${esc(o.code)}</td><td>${ukDate(o.connectedOn)}</td></tr>`,
        )
        .join('\n')
    : '<tr><td colspan="5" class="none">Немає підключених організацій.</td></tr>';
  const sus = v.suspended.length
    ? v.suspended
        .map(
          (o, i) =>
            `<tr><td>${i + 1}</td><td>${esc(o.name)}</td><td>${esc(o.code)}</td><td>${ukDate(o.since)}</td><td>${o.expectedUntil ? `до ${ukDate(o.expectedUntil)}` : 'не зазначено'}</td><td>${esc(o.reason)}${o.initiator === 'operator' ? ' (тимчасове відключення адміністратором)' : ''}</td></tr>`,
        )
        .join('\n')
    : '<tr><td colspan="6" class="none">Немає організацій, які тимчасово зупинили обмін.</td></tr>';
  return `<!doctype html>
<html lang="uk"><head><meta charset="utf-8"><title>Організації, підключені до електронної взаємодії з судами</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>${STYLE}</style></head>
<body><h1>Організації, підключені до електронної взаємодії з судами</h1>
<p class="asof">Станом на ${ukDate(v.asOf)}. Дані також доступні у форматі <a href="/public/organisations.json">JSON</a>.</p>
<h2>Поточні учасники обміну</h2>
<p class="legend"><span class="mark">нове</span> — організації, які підключилися протягом останніх ${RECENT_DAYS} днів (рядки виділено).</p>
<table><thead><tr><th>№</th><th>Організація</th><th>Вид</th><th>Код ЄДРПОУ / умовний код</th><th>Дата підключення</th></tr></thead>
<tbody>
${cur}
</tbody></table>
<h2>Учасники, які тимчасово зупинили обмін</h2>
<table><thead><tr><th>№</th><th>Організація</th><th>Код</th><th>Зупинено з</th><th>Орієнтовний строк</th><th>Причина</th></tr></thead>
<tbody>
${sus}
</tbody></table>
</body></html>`;
}
