/** Court console pages: distribution status, control lists, protocols, absences, repeated distribution, outage, jurors, duty (distribution officer, head of staff). */
import type { Page } from '../../../lib/router.ts';

export const distributionPages: Page[] = [];
