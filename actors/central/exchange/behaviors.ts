/**
 * The exchange hub's actors on the central worker's journal (issue 17). E2/E3 append theirs here when merging;
 * `centralBehaviors()` (actors/central/node.ts) includes this list, so a worker's journal can replay them whether
 * or not its hub listens.
 *
 *   for (const b of exchangeBehaviors()) system.register(b);
 */
import type { Behavior } from '../../../runtime/index.ts';
import { organisationsBehavior } from './organisations/registry.ts';
import { cabinetsBehavior } from './cabinets/registry.ts';
import { infoFilesBehavior } from './files/actor.ts';
import { exchangeFilingsBehavior } from './filings/behavior.ts';

export function exchangeBehaviors(): Behavior[] {
  return [organisationsBehavior, cabinetsBehavior, infoFilesBehavior, exchangeFilingsBehavior];
}
