/** A routing input on the test calendar: an earlier case `prev` held by J02, `panel-case` by J03 with J01 and J04, ЄРДР …0001 before J03. */
import type { RoutingInput } from '../../../actors/distribution/routing.ts';
import type { Zasady } from '../../../actors/distribution/zasady.ts';
import type { Absence } from '../../../contracts/distribution/inputs.ts';
import type { RouteRequest } from '../../../contracts/court/distribution.ts';
import { martialCalendar } from './fixtures.ts';

export const ROUTING_DATE = '2025-06-10'; // Tuesday

export function routingInput(zasady: Zasady, route: RouteRequest, absences: Record<string, Absence[]> = {}, category = 'civil-claim'): RoutingInput {
  return {
    zasady,
    calendar: martialCalendar,
    date: ROUTING_DATE,
    case: { caseId: 'new-item', category, exclusions: [] },
    route,
    absences,
    lookups: {
      byCase: (id) => (id === 'prev' ? { presiding: 'J02', members: [] } : id === 'panel-case' ? { presiding: 'J03', members: ['J01', 'J04'] } : undefined),
      byErdr: (n) => (n === '12025170000000001' ? 'J03' : undefined),
    },
  };
}
