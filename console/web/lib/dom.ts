/**
 * The console's only way to make DOM: `h(tag, attrs, ...children)`. Text is always a text node (never innerHTML),
 * so a party's name or a court's remark can never become markup or script.
 *
 *   const row = h('tr', null, h('td', null, card.ueun), h('td', { class: 'num' }, String(n)));
 *   h('button', { type: 'button', on: { click: () => save() } }, 'Зберегти');
 */
export type Child = Node | string | number | null | undefined | false | Child[];

export interface Attrs {
  [name: string]: string | number | boolean | null | undefined | Record<string, EventListener> | ((el: HTMLElement) => void);
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs | null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, v] of Object.entries(attrs ?? {})) {
    if (v === null || v === undefined || v === false) continue;
    if (name === 'on') for (const [ev, fn] of Object.entries(v as Record<string, EventListener>)) el.addEventListener(ev, fn);
    else if (name === 'ref') (v as (el: HTMLElement) => void)(el);
    else if (name === 'value' && 'value' in el) (el as HTMLInputElement).value = String(v);
    else el.setAttribute(name, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

export function append(el: Node, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}

/** Replaces an element's content. */
export function replace(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, children);
}

/** A link inside the console (hash routes). */
export const link = (path: string, ...children: Child[]) => h('a', { href: `#${path}` }, ...children);

/** A status message for people: `info`, `ok` or `error` (errors are announced by screen readers). */
export function notice(kind: 'info' | 'ok' | 'error', ...children: Child[]): HTMLElement {
  return h('div', { class: `notice notice-${kind}`, role: kind === 'error' ? 'alert' : 'status', tabindex: kind === 'error' ? '-1' : null }, ...children);
}

/** A definition list from label/value pairs (values that are null or empty are left out). */
export function facts(pairs: Array<[string, Child]>): HTMLElement {
  return h('dl', { class: 'facts' }, pairs.filter(([, v]) => v !== null && v !== undefined && v !== '').map(([k, v]) => [h('dt', null, k), h('dd', null, v)]));
}
