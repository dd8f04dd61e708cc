/**
 * The frame both consoles share: the login screen, then a top bar (institution, the user's name and role, «Вийти»),
 * the menu of the pages the role may open, and the page outlet.
 *
 *   startShell({ heading: 'Лубенський міськрайонний суд', me, login, logout, pages, home: (role) => '/cases', roleLabel });
 */
import { h, replace, type Child } from './dom.ts';
import { menu, startRouter, type Page } from './router.ts';

export interface User {
  /** The person's full name (never the login). */
  name: string;
  role: string;
}

export interface ShellOptions {
  /** The institution, shown on the login screen and in the top bar. */
  heading: string;
  /** The logged-in user, or null (then the login screen). */
  me: () => Promise<User | null>;
  /** Draws the login form into `box`; resolves when logged in. */
  login: (box: HTMLElement) => Promise<void>;
  logout: () => Promise<void>;
  pages: Page[];
  home: (role: string) => string;
  roleLabel: (role: string) => string;
  /** Under the menu, e.g. a link to the public lists. */
  footer?: Child;
}

const root = () => document.getElementById('app')!;

export async function startShell(o: ShellOptions): Promise<void> {
  let user = await o.me().catch(() => null);
  while (!user) {
    const box = h('div', { class: 'login' });
    replace(root(), h('main', { id: 'main' }, box));
    document.title = `Вхід — ${o.heading}`;
    await o.login(box);
    user = await o.me().catch(() => null);
  }
  const outlet = h('main', { id: 'main' });
  const nav = menu(o.pages, user.role);
  const logout = h('button', { type: 'button', on: { click: async () => { await o.logout().catch(() => undefined); location.hash = ''; location.reload(); } } }, 'Вийти');
  replace(
    root(),
    h('a', { class: 'skip', href: '#main', on: { click: (e: Event) => { e.preventDefault(); outlet.querySelector('h1')?.focus(); } } }, 'До змісту'),
    h('header', { class: 'topbar' }, h('span', { class: 'court' }, o.heading), h('span', { class: 'user', 'data-role': user.role }, `${user.name} · ${o.roleLabel(user.role)}`), logout),
    h('div', { class: 'layout' }, h('div', null, nav, o.footer ?? null), outlet),
  );
  const mark = () => nav.querySelectorAll('a').forEach((a) => (a.getAttribute('href') === location.hash ? a.setAttribute('aria-current', 'page') : a.removeAttribute('aria-current')));
  addEventListener('hashchange', mark);
  mark();
  startRouter(o.pages, { role: user.role, outlet, home: o.home(user.role), onTitle: (t) => (document.title = `${t} — ${o.heading}`) });
}
