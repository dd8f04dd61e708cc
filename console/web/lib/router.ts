/**
 * Hash routes (`#/cases/537/1/25`) with the roles that may open each page. A page the user's role may not open is
 * neither in the menu nor drawn: the user sees why (and the node would refuse its API calls anyway — the check
 * here is for people, the node's check is the security).
 *
 *   const pages: Page[] = [{ path: '/cases/:court/:seq/:yy', title: 'Картка справи', roles: ['registrar'], render: (p) => cardPage(p.court) }];
 *   startRouter(pages, { role: 'registrar', outlet: main, onTitle: (t) => (document.title = t) });
 */
import { h, notice, replace, type Child } from './dom.ts';
import { ApiError } from './api.ts';

export interface Page {
  /** `/cases/:court/:seq/:yy` — `:name` matches one segment. */
  path: string;
  /** The page's title (the menu's label unless `menu` says otherwise). */
  title: string;
  /** Roles that may open it; absent = every logged-in user. */
  roles?: readonly string[];
  /** Label in the menu; absent = not in the menu (a page reached by a link). */
  menu?: string;
  /** Menu group, e.g. 'Реєстрація', 'Розподіл'. */
  group?: string;
  render: (params: Record<string, string>, query: URLSearchParams) => Promise<Child> | Child;
}

export interface RouterContext {
  role: string;
  outlet: HTMLElement;
  onTitle?: (title: string) => void;
  /** The page for '' and '#/'. */
  home: string;
}

function match(pattern: string, path: string): Record<string, string> | null {
  const a = pattern.split('/');
  const b = path.split('/');
  if (a.length !== b.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < a.length; i++) {
    if (a[i]!.startsWith(':')) {
      // a malformed escape (`%E0%A4%A` typed or cut in a link) is no page, not a script error that freezes the screen
      try {
        params[a[i]!.slice(1)] = decodeURIComponent(b[i]!);
      } catch {
        return null;
      }
    }
    else if (a[i] !== b[i]) return null;
  }
  return params;
}

export function allowed(page: Page, role: string): boolean {
  return !page.roles || page.roles.includes(role);
}

/** The current hash as path and query. */
export function current(): { path: string; query: URLSearchParams } {
  const raw = location.hash.replace(/^#/, '') || '/';
  const [path, q] = raw.split('?');
  return { path: path || '/', query: new URLSearchParams(q ?? '') };
}

export function go(path: string): void {
  location.hash = path;
}

export function startRouter(pages: Page[], ctx: RouterContext): () => void {
  let seq = 0;
  const draw = async () => {
    const mine = ++seq;
    const hash = location.hash;
    // not ready until this navigation is drawn (a test or a script waiting for «ready» must not see the last page)
    delete ctx.outlet.dataset.page;
    let { path, query } = current();
    if (path === '/') path = ctx.home;
    const found = pages.map((p) => ({ p, params: match(p.path, path) })).find((x) => x.params);
    if (!found) return show(mine, hash, 'Сторінку не знайдено', notice('error', 'Такої сторінки немає.'));
    const { p, params } = found;
    if (!allowed(p, ctx.role)) return show(mine, hash, 'Доступ заборонено', notice('error', 'Ця сторінка недоступна для вашої ролі.'), 'forbidden');
    replace(ctx.outlet, h('p', { class: 'loading' }, 'Завантаження…'));
    try {
      const content = await p.render(params!, query);
      show(mine, hash, p.title, content);
    } catch (e) {
      const text = e instanceof ApiError ? e.messageUk : 'Не вдалося показати сторінку.';
      show(mine, hash, p.title, notice('error', text));
      if (!(e instanceof ApiError)) console.error(e);
    }
  };
  const show = (mine: number, hash: string, title: string, content: Child, state?: string) => {
    if (mine !== seq) return; // a newer navigation won
    replace(ctx.outlet, h('h1', { tabindex: '-1' }, title), content);
    ctx.outlet.dataset.hash = hash;
    ctx.outlet.dataset.page = state ?? 'ready';
    ctx.onTitle?.(title);
    (ctx.outlet.querySelector('h1') as HTMLElement | null)?.focus();
  };
  addEventListener('hashchange', draw);
  void draw();
  return () => removeEventListener('hashchange', draw);
}

/** The menu of the pages a role may open, grouped. */
export function menu(pages: Page[], role: string): HTMLElement {
  const groups = new Map<string, Page[]>();
  for (const p of pages) {
    if (!p.menu || !allowed(p, role)) continue;
    const g = p.group ?? '';
    groups.set(g, [...(groups.get(g) ?? []), p]);
  }
  return h(
    'nav',
    { 'aria-label': 'Розділи' },
    [...groups].map(([g, ps]) => h('div', { class: 'menu-group' }, g ? h('h2', null, g) : null, h('ul', null, ps.map((p) => h('li', null, h('a', { href: `#${p.path}` }, p.menu!)))))),
  );
}
