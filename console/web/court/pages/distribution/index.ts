/**
 * Court console pages of the distribution officer and the head of staff: today's distribution and the control
 * lists, protocols (view, PDF, verification), judges' absences, repeated distribution, outages, jurors, duty.
 *
 *   import { distributionPages } from './pages/distribution/index.ts';
 *   startShell({ …, pages: [...distributionPages] });   // `#/distribution`, `#/protocols/<id>`, `#/absences` …
 */
import type { Page } from '../../../lib/router.ts';
import { CASE_READERS, DISTRIBUTION_STAFF } from '../../roles.ts';
import { statusPage } from './status.ts';
import { protocolsPage } from './protocols.ts';
import { protocolPage } from './protocol.ts';
import { absencesPage } from './absences.ts';
import { repeatedPage } from './repeated.ts';
import { outagesPage } from './outages.ts';
import { jurorsPage } from './jurors.ts';
import { dutyPage } from './duty.ts';

const group = 'Розподіл';
const roles = DISTRIBUTION_STAFF;

export const distributionPages: Page[] = [
  { path: '/distribution', title: 'Розподіл справ сьогодні', menu: 'Розподіл сьогодні', group, roles, render: (_p, q) => statusPage(q) },
  { path: '/protocols', title: 'Протоколи розподілу', menu: 'Протоколи', group, roles, render: (_p, q) => protocolsPage(q) },
  // a protocol is part of the case file: every reader of cases opens, prints and verifies it (as the API allows);
  // the distribution officer's lists and actions stay theirs
  { path: '/protocols/:id', title: 'Протокол автоматизованого розподілу', group, roles: CASE_READERS, render: (p) => protocolPage(p.id!) },
  { path: '/absences', title: 'Відсутності суддів', menu: 'Відсутності суддів', group, roles, render: () => absencesPage() },
  // Засади 4.12–4.16: only the head of staff orders a repeated distribution
  { path: '/repeated', title: 'Повторний розподіл', menu: 'Повторний розподіл', group, roles: ['head_of_staff'], render: (_p, q) => repeatedPage(q) },
  { path: '/outages', title: 'Режим збою', menu: 'Режим збою', group, roles, render: () => outagesPage() },
  { path: '/jurors', title: 'Присяжні', menu: 'Присяжні', group, roles, render: (_p, q) => jurorsPage(q) },
  { path: '/duty', title: 'Чергування', menu: 'Чергування', group, roles, render: () => dutyPage() },
];
