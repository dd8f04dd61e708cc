/**
 * Court console pages of the registry (Засади 3.1–3.5): register a claim, register a document in a pending case,
 * search cases, the case card with movements, corrections and scans (registrar, head of staff; the card is read by
 * every case reader).
 *
 *   import { registryPages } from './pages/registry/index.ts';
 *   startRouter([...registryPages], { role: 'registrar', outlet, home: '/register' });
 *   location.hash = '#/search?party=Іваненко';   // the search repeats from the URL
 */
import type { Page } from '../../../lib/router.ts';
import { CASE_READERS, REGISTRY_STAFF } from '../../roles.ts';
import { registerPage } from './register.ts';
import { correspondencePage } from './correspondence.ts';
import { searchPage } from './search.ts';
import { cardPage } from './card.ts';
import './registry.css';

export const registryPages: Page[] = [
  { path: '/register', title: 'Реєстрація позовної заяви', roles: REGISTRY_STAFF, menu: 'Реєстрація позовної заяви', group: 'Реєстрація', render: () => registerPage() },
  {
    path: '/correspondence/new',
    title: 'Документ у справі',
    roles: REGISTRY_STAFF,
    menu: 'Документ у справі',
    group: 'Реєстрація',
    render: (_p, q) => correspondencePage(q.get('ueun')),
  },
  { path: '/search', title: 'Пошук справ', roles: CASE_READERS, menu: 'Пошук справ', group: 'Реєстрація', render: (_p, q) => searchPage(q) },
  { path: '/cases/:court/:seq/:yy', title: 'Картка справи', roles: CASE_READERS, render: (p) => cardPage(`${p.court}/${p.seq}/${p.yy}`) },
];
