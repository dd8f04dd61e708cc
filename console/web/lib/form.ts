/**
 * Forms generated from the same JSON Schemas the node validates with (its /openapi.json, built from contracts/):
 * a field per property, required ones marked, dates with the browser's calendar, Засади categories as a list of
 * names (the page passes the options), and the node's refusals shown next to the field they name.
 *
 *   const schema = await requestSchema('post', '/registrations');
 *   const form = schemaForm(schema, {
 *     fields: { '/category': { label: 'Категорія справи', options: cats.map((c) => ({ value: c.id, label: c.name })) } },
 *     submit: 'Зареєструвати',
 *     onSubmit: (body) => api.post('/registrations', body),   // an ApiError with field errors is shown in the form
 *   });
 */
import { api, ApiError, type FieldError } from './api.ts';
import { h, notice, replace, type Child } from './dom.ts';

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  title?: string;
  description?: string;
  default?: unknown;
}

export interface FieldSpec {
  label?: string;
  hint?: string;
  /** A select of these (value, label) pairs instead of free text. */
  options?: Array<{ value: string; label: string }>;
  /** Left out of the form and of the value. */
  hidden?: boolean;
  /** A fixed value sent without asking. */
  value?: unknown;
  textarea?: boolean;
  /** For an optional object: drawn open (default: folded under its label). */
  open?: boolean;
}

export interface FormOptions {
  /** Per JSON pointer ('/document/kind', '/parties' for the array, '/parties/*\/name' for each item). */
  fields?: Record<string, FieldSpec>;
  initial?: Record<string, unknown>;
  submit: string;
  onSubmit: (value: Record<string, unknown>) => Promise<unknown>;
  /** Shown after a successful submit; default «Збережено». */
  done?: (result: unknown) => Child;
}

type Reader = () => unknown;
const EMPTY = Symbol('empty');
/** Nothing typed: empty, an unticked box, or an object whose parts are all blank (a late order with no field filled). */
const blank = (v: unknown): boolean =>
  v === EMPTY || v === false || (Array.isArray(v) ? v.length === 0 : typeof v === 'object' && v !== null && Object.values(v).every(blank));

let openapi: Promise<{ paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }>> }> | null = null;

/** The JSON Schema of a route's body, from the node's OpenAPI (`/cases/:court/…` or `/cases/{court}/…`). */
export async function requestSchema(method: string, path: string): Promise<JsonSchema> {
  openapi ??= api.get('/openapi.json');
  const doc = await openapi;
  const key = path.replace(/:([A-Za-z]+)/g, '{$1}');
  const s = doc.paths[key]?.[method.toLowerCase()]?.requestBody?.content?.['application/json']?.schema;
  if (!s) throw new Error(`no body schema for ${method} ${path}`);
  return s;
}

const id = (path: string) => `f${path.replace(/[^A-Za-z0-9]/g, '-')}`;
const spec = (o: FormOptions, path: string): FieldSpec => o.fields?.[path] ?? o.fields?.[path.replace(/\/\d+(?=\/|$)/g, '/*')] ?? {};
const typeOf = (s: JsonSchema) => (Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type);
const literals = (s: JsonSchema): string[] | null => {
  if (s.enum) return s.enum.map(String);
  if (s.anyOf?.every((x) => x.const !== undefined)) return s.anyOf.map((x) => String(x.const));
  return null;
};

/** What is wrong with one value, in Ukrainian, or null. */
export function problem(s: JsonSchema, v: unknown, required: boolean): string | null {
  if (v === EMPTY || v === undefined || v === '') return required ? 'Обовʼязкове поле.' : null;
  if (typeof v === 'string') {
    if (s.minLength !== undefined && v.length < s.minLength) return `Щонайменше ${s.minLength} симв.`;
    if (s.maxLength !== undefined && v.length > s.maxLength) return `Не більше ${s.maxLength} симв.`;
    if (s.format === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(v)) return 'Оберіть дату в календарі.';
    if (s.pattern && !new RegExp(s.pattern).test(v)) return `Неправильний формат${s.description ? ` (${s.description})` : ''}.`;
  }
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return 'Введіть число.';
    if (typeOf(s) === 'integer' && !Number.isInteger(v)) return 'Введіть ціле число.';
    if (s.minimum !== undefined && v < s.minimum) return `Не менше ${s.minimum}.`;
    if (s.maximum !== undefined && v > s.maximum) return `Не більше ${s.maximum}.`;
  }
  return null;
}

/** The node's schema checker speaks English (TypeBox); people read Ukrainian. */
export function serverMessageUk(m: string): string {
  if (/required property/i.test(m)) return 'Обовʼязкове поле.';
  if (/length greater/i.test(m)) return 'Занадто коротке значення.';
  if (/length less/i.test(m)) return 'Задовге значення.';
  if (/pattern/i.test(m)) return 'Неправильний формат.';
  if (/date|format/i.test(m)) return 'Неправильна дата.';
  if (/union|const|enum/i.test(m)) return 'Оберіть значення зі списку.';
  if (/additional/i.test(m)) return 'Зайве поле.';
  return /[а-яіїєґ]/i.test(m) ? m : 'Неприпустиме значення.';
}

class Builder {
  readonly errors = new Map<string, HTMLElement>();
  checks: Array<() => FieldError[]> = [];
  constructor(readonly o: FormOptions) {}

  field(path: string, name: string, s: JsonSchema, required: boolean, initial: unknown): { el: Child; read: Reader } {
    const f = spec(this.o, path);
    if (f.hidden) return { el: null, read: () => EMPTY };
    if (f.value !== undefined) return { el: null, read: () => f.value };
    const label = f.label ?? s.title ?? name;
    const t = typeOf(s);
    if (t === 'object' && s.properties) return this.object(path, label, s, required, initial, f);
    if (t === 'array' && s.items) return this.array(path, label, s, initial);
    return this.scalar(path, label, s, required, initial, f);
  }

  private errorSlot(path: string): HTMLElement {
    const el = h('p', { class: 'field-error', id: `${id(path)}-err`, hidden: true });
    this.errors.set(path, el);
    return el;
  }

  private scalar(path: string, label: string, s: JsonSchema, required: boolean, initial: unknown, f: FieldSpec) {
    const fid = id(path);
    const t = typeOf(s);
    const lits = f.options ?? literals(s)?.map((v) => ({ value: v, label: v }));
    const common = { id: fid, name: path, 'aria-describedby': `${fid}-err${f.hint ? ` ${fid}-hint` : ''}`, required };
    let input: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
    if (t === 'boolean') input = h('input', { ...common, type: 'checkbox', required: false, checked: initial === true });
    else if (lits) input = h('select', common, h('option', { value: '' }, required ? '— оберіть —' : '— не вказано —'), lits.map((o) => h('option', { value: o.value, selected: initial === o.value }, o.label)));
    else if (f.textarea || (s.maxLength ?? 0) > 300) input = h('textarea', { ...common, rows: 3, maxlength: s.maxLength });
    else input = h('input', { ...common, type: s.format === 'date' ? 'date' : t === 'integer' || t === 'number' ? 'number' : 'text', maxlength: s.maxLength, min: s.minimum, max: s.maximum });
    if (initial !== undefined && t !== 'boolean' && !lits) input.value = String(initial);
    const read: Reader = () => {
      if (input instanceof HTMLInputElement && input.type === 'checkbox') return input.checked;
      const v = input.value.trim();
      if (v === '') return EMPTY;
      return t === 'integer' || t === 'number' ? Number(v) : v;
    };
    this.checks.push(() => {
      const p = problem(s, read(), required);
      return p ? [{ path, message: p }] : [];
    });
    const cls = t === 'boolean' ? 'field field-check' : 'field';
    return {
      el: h('div', { class: cls }, h('label', { for: fid }, label, required ? h('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : null), input, f.hint ? h('p', { class: 'hint', id: `${fid}-hint` }, f.hint) : null, this.errorSlot(path)),
      read,
    };
  }

  private object(path: string, label: string, s: JsonSchema, required: boolean, initial: unknown, f: FieldSpec) {
    const init = (initial ?? {}) as Record<string, unknown>;
    const outer = this.checks;
    this.checks = [];
    const parts = Object.entries(s.properties!).map(([k, sub]) => ({ k, ...this.field(`${path}/${k}`, k, sub, (s.required ?? []).includes(k), init[k]) }));
    const inner = this.checks;
    this.checks = outer;
    const read: Reader = () => {
      const out: Record<string, unknown> = {};
      for (const p of parts) {
        const v = p.read();
        if (v !== EMPTY && !(Array.isArray(v) && v.length === 0 && !(s.required ?? []).includes(p.k))) out[p.k] = v;
      }
      return !required && blank(out) ? EMPTY : out;
    };
    // an optional part left empty is not sent, so its required fields are not asked for
    this.checks.push(() => (required || read() !== EMPTY ? inner.flatMap((c) => c()) : []));
    const body = parts.map((p) => p.el);
    if (path === '') return { el: body, read };
    if (required) return { el: h('fieldset', null, h('legend', null, label), body, this.errorSlot(path)), read };
    // an optional part (a late registration, a restriction): folded until needed; empty = not sent
    return { el: h('details', { class: 'optional', open: f.open ?? initial !== undefined }, h('summary', null, label), h('fieldset', null, body), this.errorSlot(path)), read };
  }

  private array(path: string, label: string, s: JsonSchema, initial: unknown) {
    const list = h('ol', { class: 'array-items' });
    const rows: Array<{ li: HTMLElement; read: Reader; checks: Array<() => FieldError[]> }> = [];
    let made = 0;
    const add = (init?: unknown) => {
      // each item keeps its own checks: a removed item is neither sent nor checked
      const outer = this.checks;
      this.checks = [];
      const part = this.field(`${path}/${made++}`, String(made), s.items!, true, init);
      const checks = this.checks;
      this.checks = outer;
      const li = h('li', null, part.el, h('button', { type: 'button', class: 'secondary', on: { click: () => { li.remove(); rows.splice(rows.findIndex((r) => r.li === li), 1); } } }, 'Вилучити'));
      rows.push({ li, read: part.read, checks });
      list.appendChild(li);
    };
    this.checks.push(() => rows.flatMap((r) => r.checks.flatMap((c) => c())));
    for (const v of (initial as unknown[] | undefined) ?? []) add(v);
    if (!initial && (s.minItems ?? 0) > 0) add();
    const read: Reader = () => rows.map((r) => r.read()).filter((v) => v !== EMPTY);
    return {
      el: h('fieldset', { class: 'array' }, h('legend', null, label), list, h('button', { type: 'button', class: 'secondary', on: { click: () => add() } }, 'Додати'), this.errorSlot(path)),
      read,
    };
  }
}

export interface SchemaForm {
  el: HTMLFormElement;
  /** Shows errors next to their fields (the rest at the top); returns how many were placed. */
  showErrors(errors: FieldError[]): void;
}

export function schemaForm(schema: JsonSchema, o: FormOptions): SchemaForm {
  const b = new Builder(o);
  const root = b.field('', '', schema, true, o.initial);
  const status = h('div', { class: 'form-status' });
  const button = h('button', { type: 'submit' }, o.submit);
  const el = h('form', { novalidate: true, class: 'schema-form' }, status, root.el, h('div', { class: 'actions' }, button));
  const showErrors = (errors: FieldError[]) => {
    for (const slot of b.errors.values()) (slot.hidden = true), slot.replaceChildren();
    el.querySelectorAll('[aria-invalid]').forEach((x) => x.removeAttribute('aria-invalid'));
    const loose: string[] = [];
    for (const e of errors) {
      const path = e.path === '/' ? '' : e.path;
      const slot = b.errors.get(path);
      if (!slot) {
        loose.push(path ? `${path}: ${e.message}` : e.message);
        continue;
      }
      slot.hidden = false;
      slot.append(e.message, ' ');
      el.querySelector(`#${id(path)}`)?.setAttribute('aria-invalid', 'true');
    }
    if (errors.length) replace(status, notice('error', 'Форму не збережено: виправте позначені поля.', loose.length ? h('ul', null, loose.map((l) => h('li', null, l))) : null));
    (el.querySelector('[aria-invalid="true"]') as HTMLElement | null)?.focus();
  };
  el.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const errors = b.checks.flatMap((c) => c());
    if (errors.length) return showErrors(errors);
    showErrors([]);
    button.disabled = true;
    replace(status, h('p', { class: 'loading' }, 'Надсилання…'));
    try {
      const result = await o.onSubmit(root.read() as Record<string, unknown>);
      replace(status, o.done ? o.done(result) : notice('ok', 'Збережено.'));
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      replace(status, notice('error', e.messageUk));
      if (e.fields.length) showErrors(e.fields.map((f) => ({ path: f.path, message: serverMessageUk(f.message) })));
      else status.querySelector<HTMLElement>('[role=alert]')?.focus();
    } finally {
      button.disabled = false;
    }
  });
  return { el, showErrors };
}
