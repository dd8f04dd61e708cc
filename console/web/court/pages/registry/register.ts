/**
 * «Реєстрація позовної заяви» (Засади 3.1–3.4, 4.1): the form is generated from the node's own schema of
 * POST /registrations; the category is picked by its Засади name, the index by name, the arrival date from a
 * calendar (today by default), parties as a repeatable group, the rarer parts (late registration, restriction of
 * publication, an existing ЄУН) folded. The answer shows the numbers and the distribution outcome.
 *
 *   { path: '/register', render: () => registerPage() }
 */
import { api, idempotencyKey } from '../../../lib/api.ts';
import { h, replace } from '../../../lib/dom.ts';
import { requestSchema, schemaForm } from '../../../lib/form.ts';
import { todayKyiv } from '../../../lib/format.ts';
import { directory, type Directory } from '../../directory.ts';
import { REGISTRATION_FIELDS } from './labels.ts';
import { registrationResult, type RegistrationReply } from './outcome.ts';
import { keyKeeper, onField, REGISTRATION_REFUSALS } from './refusals.ts';

const INITIAL = () => ({
  arrivalDate: todayKyiv(),
  document: { kind: 'позовна заява' },
  parties: [{ role: 'позивач' }, { role: 'відповідач' }],
});

export async function registerPage(): Promise<HTMLElement> {
  const [schema, d] = await Promise.all([requestSchema('post', '/registrations'), directory()]);
  const box = h('div', { class: 'register' });
  const draw = () => replace(box, registrationForm(schema, d, box, draw));
  draw();
  return box;
}

function registrationForm(schema: Awaited<ReturnType<typeof requestSchema>>, d: Directory, box: HTMLElement, again: () => void): HTMLElement {
  const send = keyKeeper(idempotencyKey);
  const form = schemaForm(schema, {
    fields: {
      ...REGISTRATION_FIELDS,
      '/index': { ...REGISTRATION_FIELDS['/index'], options: d.indexes.map((i) => ({ value: i.index, label: `${i.index} — ${i.name}` })) },
      '/category': { ...REGISTRATION_FIELDS['/category'], options: d.categories.map((c) => ({ value: c.id, label: c.name })) },
    },
    initial: INITIAL(),
    submit: 'Зареєструвати',
    onSubmit: async (body) => {
      const publication = body.publication as Record<string, unknown> | undefined;
      if (publication) publication.restricted = true; // Засади 12.4: the one value the restriction has
      return onField(REGISTRATION_REFUSALS, () => send((key) => api.post<RegistrationReply>('/registrations', body, { 'idempotency-key': key })));
    },
    done: (r) => {
      // the form gives way to the result: a second press cannot register the same claim twice
      replace(box, registrationResult(r as RegistrationReply, d, again));
      box.querySelector<HTMLElement>('#reg-done')?.focus();
      return null;
    },
  });
  foldExistingUeun(form.el);
  linkIndexToCategory(form.el, d);
  return form.el;
}

/** The existing ЄУН is rare (another court, instance, re-submission): folded like the other optional parts. */
function foldExistingUeun(form: HTMLFormElement): void {
  const field = form.querySelector('#f-existingUeun')?.closest('.field');
  if (!field) return;
  const fold = h('details', { class: 'optional' }, h('summary', null, 'Справа вже має ЄУН (Засади 3.3)'));
  field.replaceWith(fold);
  fold.append(field);
}

/**
 * A category belongs to one proceeding index (the Засади say which): choosing a category sets its index, and an
 * index narrows the categories offered, so a registrar cannot pair a civil category with a criminal number.
 */
function linkIndexToCategory(form: HTMLFormElement, d: Directory): void {
  const index = form.querySelector<HTMLSelectElement>('#f-index');
  const category = form.querySelector<HTMLSelectElement>('#f-category');
  if (!index || !category) return;
  const indexOf = new Map(d.categories.map((c) => [c.id, String(c.proceedingIndex ?? '')]));
  category.addEventListener('change', () => {
    const i = indexOf.get(category.value);
    if (i && index.value !== i) index.value = i;
  });
  index.addEventListener('change', () => {
    for (const o of Array.from(category.options)) if (o.value) o.hidden = !!index.value && indexOf.get(o.value) !== index.value;
    if (category.selectedOptions[0]?.hidden) category.value = '';
  });
}
