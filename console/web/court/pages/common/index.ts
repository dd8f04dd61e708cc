/**
 * Court console pages for everyone logged in: the court's public lists (Засади 12.4, styled, printable on A4) and the
 * judges' load information (Засади 10.2, for the roles the node lets read it).
 *
 *   import { commonPages } from './pages/common/index.ts';
 *   startRouter([...commonPages], { role: 'registrar', outlet, home: '/public-lists' });
 *   // #/public-lists?date=2026-12-07, #/load?date=2026-12-07
 */
import type { Page } from '../../../lib/router.ts';
import { LOAD_ROLES, loadPage } from './load.ts';
import { publicListsPage } from './public-lists.ts';

export const commonPages: Page[] = [
  { path: '/public-lists', title: 'Публічні списки', menu: 'Публічні списки', group: 'Для всіх', render: (_p, q) => publicListsPage(q) },
  { path: '/load', title: 'Інформація про навантаження', menu: 'Навантаження суддів', group: 'Для всіх', roles: LOAD_ROLES, render: (_p, q) => loadPage(q) },
];
