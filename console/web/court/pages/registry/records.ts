/**
 * The card's later life: movements of the case file (Засади 3.2) and corrections of technical errors (3.5) — the
 * list, and the forms generated from the node's schemas. A correction shows the old value beside the new one with
 * its reason and basis: the original is never overwritten.
 *
 *   movementsSection(card, true, redraw); correctionsSection(card, directory, true, redraw);
 */
import { api } from '../../../lib/api.ts';
import { h, replace, type Child } from '../../../lib/dom.ts';
import { requestSchema, schemaForm, type FieldSpec, type JsonSchema } from '../../../lib/form.ts';
import { dateTimeUk, dateUk } from '../../../lib/format.ts';
import { table } from '../../../lib/table.ts';
import { categoryName, type Directory } from '../../directory.ts';
import type { Card, Correction, Requisites } from './card-types.ts';
import { byRole, CORRECTABLE_UK, CORRECTION_FIELDS, MOVEMENT_FIELDS, MOVEMENT_KIND_UK } from './labels.ts';

/** Fills `box` once the schema is read (the page is drawn without waiting for it). */
function later(box: HTMLElement, make: () => Promise<Child>): HTMLElement {
  make().then(
    (c) => replace(box, c),
    () => replace(box, h('p', { class: 'field-error' }, 'Форму не вдалося завантажити.')),
  );
  return box;
}

/** One proceeding: nothing to choose; several: a list of their numbers. */
function proceedingSpec(card: Card): FieldSpec {
  const ps = card.proceedings.map((p) => p.proceedingNumber);
  return ps.length === 1 ? { hidden: true } : { label: 'Провадження', options: ps.map((p) => ({ value: p, label: p })) };
}

export function movementsSection(card: Card, canWrite: boolean, redraw: () => void): HTMLElement {
  return h(
    'section',
    { 'aria-labelledby': 'c-moves' },
    h('h2', { id: 'c-moves' }, 'Рух справи'),
    table(card.movements, [
      { label: 'Коли', value: (m) => dateTimeUk(m.at) },
      { label: 'Провадження', value: (m) => m.proceedingNumber },
      { label: 'Рух', value: (m) => MOVEMENT_KIND_UK[m.kind] ?? m.kind },
      { label: 'Кому', value: (m) => m.to },
      { label: 'Примітка', value: (m) => m.note ?? '' },
      { label: 'Записав', value: (m) => byRole(m.by) },
    ], { caption: 'Рух документів справи', empty: 'Рух справи ще не записано.' }),
    canWrite
      ? h('details', { class: 'optional no-print' }, h('summary', null, 'Записати рух справи'), later(h('div'), async () => {
          const schema = await requestSchema('post', '/cases/:court/:seq/:yy/movements');
          return schemaForm(schema, {
            fields: { ...MOVEMENT_FIELDS, '/proceedingNumber': proceedingSpec(card) },
            submit: 'Записати рух',
            onSubmit: (body) => api.post(`/cases/${card.ueun}/movements`, body),
            done: () => (redraw(), null),
          }).el;
        }))
      : null,
  );
}

/** A value of a correctable field for people (a category by name, a date in Ukrainian, parties by name). */
function valueUk(field: string, v: unknown, d: Directory): string {
  if (v === undefined || v === null || v === '') return '—';
  if (field === 'category') return categoryName(d, String(v));
  if (field === 'parties' && Array.isArray(v)) return v.map((p: { role: string; name: string }) => `${p.name} (${p.role})`).join('; ');
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return dateUk(v);
  return String(v);
}

function currentValue(r: Requisites, field: string): unknown {
  if (field.startsWith('document.')) return (r.document as Record<string, unknown> | undefined)?.[field.slice('document.'.length)];
  return (r as unknown as Record<string, unknown>)[field];
}

export function correctionsSection(card: Card, d: Directory, canWrite: boolean, redraw: () => void): HTMLElement {
  const rows: Array<Correction & { proceedingNumber: string }> = card.proceedings.flatMap((p) => p.corrections.map((c) => ({ ...c, proceedingNumber: p.proceedingNumber })));
  return h(
    'section',
    { 'aria-labelledby': 'c-fix' },
    h('h2', { id: 'c-fix' }, 'Виправлення технічних помилок (Засади 3.5)'),
    table(rows, [
      { label: 'Коли', value: (c) => dateTimeUk(c.at) },
      { label: 'Провадження', value: (c) => c.proceedingNumber },
      { label: 'Поле', value: (c) => CORRECTABLE_UK[c.field] ?? c.field },
      { label: 'Було → стало', value: (c) => h('span', { class: 'change' }, h('del', null, valueUk(c.field, c.from, d)), ' → ', h('ins', null, valueUk(c.field, c.to, d))) },
      { label: 'Причина', value: (c) => c.reason },
      { label: 'Підстава', value: (c) => `${c.basis.title ? `${c.basis.title} ` : ''}№ ${c.basis.number} від ${dateUk(c.basis.date)}` },
      { label: 'Виправив', value: (c) => byRole(c.by) },
    ], { caption: 'Виправлення (первинні дані збережено)', empty: 'Виправлень не було.' }),
    canWrite ? h('details', { class: 'optional no-print' }, h('summary', null, 'Виправити технічну помилку'), later(h('div'), () => correctionForm(card, d, redraw))) : null,
  );
}

/** The schema is a union, one variant per field: pick the field, then the variant's own form. */
async function correctionForm(card: Card, d: Directory, redraw: () => void): Promise<Child> {
  const union = await requestSchema('post', '/cases/:court/:seq/:yy/corrections');
  const variants = new Map<string, JsonSchema>();
  for (const v of union.anyOf ?? []) {
    const f = v.properties?.field;
    const name = f?.const ?? f?.enum?.[0];
    if (typeof name === 'string') variants.set(name, v);
  }
  const slot = h('div');
  const pick = h('select', { id: 'fix-field' }, h('option', { value: '' }, '— оберіть поле —'), [...variants.keys()].map((k) => h('option', { value: k }, CORRECTABLE_UK[k] ?? k)));
  pick.addEventListener('change', () => {
    const v = variants.get(pick.value);
    if (!v) return replace(slot);
    const last = card.proceedings.at(-1)!;
    const valueSpec: FieldSpec =
      pick.value === 'category' ? { label: 'Правильне значення', options: d.categories.map((c) => ({ value: c.id, label: c.name })) } : { label: 'Правильне значення' };
    replace(
      slot,
      schemaForm(v, {
        fields: { ...CORRECTION_FIELDS, '/field': { value: pick.value }, '/proceedingNumber': proceedingSpec(card), '/value': valueSpec },
        initial: { value: currentValue(last.current, pick.value) },
        submit: 'Виправити',
        onSubmit: (body) => api.post(`/cases/${card.ueun}/corrections`, body),
        done: () => (redraw(), null),
      }).el,
    );
  });
  return [h('div', { class: 'field' }, h('label', { for: 'fix-field' }, 'Що виправити'), pick), slot];
}
