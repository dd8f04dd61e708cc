/**
 * Centre console pages. Each page file exports its Page; this list is the menu's order.
 * Roles: administrator (everything), analyst (statistics, workload, lag, alarms), operator (cluster, jobs, pulls)
 * — the same areas the central worker guards (actors/central/console/roles.ts).
 *
 *   import { centrePages } from './pages/index.ts';
 *   startShell({ …, pages: centrePages });   // #/courts, #/alarms, #/statistics, #/workload, #/pulls, #/jobs, #/cluster
 */
import './centre.css';
import type { Page } from '../../lib/router.ts';
import { courtsPage } from './courts.ts';
import { alarmsPage } from './alarms.ts';
import { statisticsPage } from './statistics.ts';
import { workloadPage } from './workload.ts';
import { pullReportPage, pullsPage } from './pulls.ts';
import { jobsPage } from './jobs.ts';
import { clusterPage } from './cluster.ts';

export const centrePages: Page[] = [courtsPage, alarmsPage, statisticsPage, workloadPage, pullsPage, pullReportPage, jobsPage, clusterPage];
