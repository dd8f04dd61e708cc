/** Court console pages: for everyone: the court's public lists, the load information page. */
import type { Page } from '../../../lib/router.ts';

export const commonPages: Page[] = [];
