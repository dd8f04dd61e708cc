/**
 * The court console (served by the court node at /console/): log in with the court's own login and password
 * (POST /auth/login), then the pages of your role.
 */
import '../lib/styles.css';
import { api, messageOf, session } from '../lib/api.ts';
import { h, notice, replace } from '../lib/dom.ts';
import { startShell } from '../lib/shell.ts';
import type { Page } from '../lib/router.ts';
import { ROLE_UK } from './roles.ts';
import { registryPages } from './pages/registry/index.ts';
import { distributionPages } from './pages/distribution/index.ts';
import { judgePages } from './pages/judge/index.ts';
import { commonPages } from './pages/common/index.ts';

const pages: Page[] = [...registryPages, ...distributionPages, ...judgePages, ...commonPages];

/** Where each role lands after the login (the first page of its work). */
const HOME: Record<string, string> = {
  registrar: '/register',
  head_of_staff: '/distribution',
  distribution_officer: '/distribution',
  judge: '/my-cases',
};

async function courtName(): Promise<string> {
  try {
    return (await api.get<{ name: string }>('/public/court')).name;
  } catch {
    return 'Суд';
  }
}

function loginForm(heading: string) {
  return (box: HTMLElement) =>
    new Promise<void>((done) => {
      const login = h('input', { id: 'login', name: 'login', type: 'text', autocomplete: 'username', required: true, autofocus: true });
      const password = h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
      const status = h('div');
      const form = h(
        'form',
        { class: 'inline' },
        h('div', { class: 'field' }, h('label', { for: 'login' }, 'Логін'), login),
        h('div', { class: 'field' }, h('label', { for: 'password' }, 'Пароль'), password),
        status,
        h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Увійти')),
      );
      form.addEventListener('submit', async (ev) => {
        ev.preventDefault();
        try {
          const r = await api.post<{ token: string }>('/auth/login', { login: login.value.trim(), password: password.value });
          session.set(r.token);
          done();
        } catch (e) {
          replace(status, notice('error', messageOf(e, 'Вхід не виконано: немає зв’язку з сервером.')));
          password.value = '';
          password.focus();
        }
      });
      replace(box, h('h1', null, heading), h('p', null, 'Автоматизована система документообігу суду'), form, h('p', null, h('a', { href: '/public/lists?format=html' }, 'Публічні списки справ')));
    });
}

async function main() {
  const heading = await courtName();
  session.onUnauthenticated(() => {
    if (session.token()) {
      session.set(null);
      location.reload();
    }
  });
  await startShell({
    heading,
    me: async () => {
      if (!session.token()) return null;
      const p = await api.get<{ fullName: string; role: string }>('/auth/me');
      return { name: p.fullName, role: p.role };
    },
    login: loginForm(heading),
    logout: async () => {
      // the token leaves this tab whatever the node answers (down, restarting): «Вийти» on a shared court computer
      // must never leave the next person logged in
      try {
        await api.post('/auth/logout');
      } finally {
        session.set(null);
      }
    },
    pages,
    home: (role) => HOME[role] ?? '/public-lists',
    roleLabel: (r) => ROLE_UK[r] ?? r,
  });
}

void main();
