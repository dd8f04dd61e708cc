/**
 * Court console pages of a judge: my cases, my hearings, the case with its covert details for the assigned
 * investigating judge only (Засади 3.1 ¶2; the node enforces it, the page only asks).
 *
 *   import { judgePages } from './pages/judge/index.ts';
 *   startRouter([...judgePages], { role: 'judge', outlet, home: '/my-cases' });
 *   // #/my-cases, #/my-hearings?from=2026-12-07, #/judge/cases/537/12/26
 */
import type { Page } from '../../../lib/router.ts';
import { judgeCasePage } from './case.ts';
import { myCasesPage } from './my-cases.ts';
import { myHearingsPage } from './my-hearings.ts';

const JUDGE = ['judge'] as const;

export const judgePages: Page[] = [
  { path: '/my-cases', title: 'Мої справи', menu: 'Мої справи', group: 'Суддя', roles: JUDGE, render: (_p, q) => myCasesPage(q) },
  { path: '/my-hearings', title: 'Мої засідання', menu: 'Мої засідання', group: 'Суддя', roles: JUDGE, render: (_p, q) => myHearingsPage(q) },
  { path: '/judge/cases/:court/:seq/:yy', title: 'Справа', roles: JUDGE, render: (p) => judgeCasePage(p) },
];
