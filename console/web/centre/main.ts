/**
 * The centre console (served by a central worker at /console/): the person pastes the console token the bus
 * operator issued them (`asds ops token --role administrator|analyst|operator`); POST /ops/login turns it into an
 * HttpOnly cookie this script never reads; GET /ops/me says who it is and in what role.
 */
import '../lib/styles.css';
import { api, messageOf } from '../lib/api.ts';
import { h, notice, replace } from '../lib/dom.ts';
import { startShell } from '../lib/shell.ts';
import { centrePages } from './pages/index.ts';

export const ROLE_UK: Record<string, string> = {
  administrator: 'центральний адміністратор',
  analyst: 'аналітик',
  operator: 'оператор',
};

const HOME: Record<string, string> = { administrator: '/courts', analyst: '/statistics', operator: '/cluster' };
const HEADING = 'АСДС — центральний вузол';

function loginForm(box: HTMLElement): Promise<void> {
  return new Promise((done) => {
    const token = h('textarea', { id: 'token', name: 'token', rows: 5, required: true, autocomplete: 'off', spellcheck: 'false' });
    const status = h('div');
    const form = h(
      'form',
      { class: 'inline' },
      h('div', { class: 'field' }, h('label', { for: 'token' }, 'Токен доступу'), token, h('p', { class: 'hint' }, 'Токен видає оператор шини командою asds ops token; він діє до кінця зміни.')),
      status,
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Увійти')),
    );
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      try {
        await api.post('/ops/login', { token: token.value.trim() });
        done();
      } catch (e) {
        replace(status, notice('error', messageOf(e, 'Вхід не виконано: немає зв’язку з сервером.')));
        token.focus();
      }
    });
    replace(box, h('h1', null, HEADING), form);
  });
}

async function main() {
  await startShell({
    heading: HEADING,
    me: async () => {
      const m = await api.get<{ name: string; role: string }>('/ops/me');
      return { name: m.name, role: m.role };
    },
    login: loginForm,
    logout: () => api.post('/ops/logout').then(() => undefined),
    pages: centrePages,
    home: (role) => HOME[role] ?? '/courts',
    roleLabel: (r) => ROLE_UK[r] ?? r,
  });
}

void main();
