/**
 * Which console role may use which part of the centre console (issue 16). The central administrator may
 * everything; an analyst reads what the monitoring of courts shows (statistics, workload, lag, alarms); an operator
 * runs the machinery (jobs, cluster, database pulls, queues, originals, witness pins). Every route of the central HTTP
 * has an area (access.ts): these roles are what stands between the data and whoever reaches the port.
 * A route names its area, never a list of roles:
 *
 *   app.get('/jobs', { preHandler: guards.area('jobs') }, handler);   // administrator, operator; analyst → 403
 */
import type { ConsoleRole } from './token.ts';

export const CONSOLE_AREAS = {
  statistics: ['analyst'],
  workload: ['analyst'],
  lag: ['analyst'],
  alarms: ['analyst'],
  jobs: ['operator'],
  cluster: ['operator'],
  pulls: ['operator'],
  queues: ['operator'],
  // the Originals the centre holds and the scans it fetches (Засади 13.2): machinery the operator watches
  originals: ['operator'],
  // the seal-CA pins of the witness of courts' checkpoints (POST re-pins, GET shows them)
  witness: ['operator'],
} as const satisfies Record<string, readonly ConsoleRole[]>;

export type ConsoleArea = keyof typeof CONSOLE_AREAS;

/** The roles admitted to an area: the administrator always. */
export const rolesOf = (area: ConsoleArea): readonly ConsoleRole[] => ['administrator', ...CONSOLE_AREAS[area]];

/** Ukrainian names of the roles, for messages to people. */
export const ROLE_UK: Record<ConsoleRole, string> = { administrator: 'адміністратор', analyst: 'аналітик', operator: 'оператор' };
