/**
 * Centre console pages. Each page file exports its Page; this list is the menu's order.
 * Roles: administrator (everything), analyst (statistics, workload, lag, alarms), operator (cluster, jobs, pulls).
 */
import type { Page } from '../../lib/router.ts';

export const centrePages: Page[] = [];
