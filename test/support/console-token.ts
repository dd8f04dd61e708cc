/**
 * A console login for tests that read the central worker's HTTP (every data route needs one: actors/central/console/
 * access.ts): a token signed with the test bus's operator key, as `asds ops token --role <role>` makes it.
 *
 *   const auth = consoleAuth(nats.bus.ops, 'analyst');                 // { authorization: 'Bearer …' }
 *   await fetch(`${http}/reports/workload?from=…&to=…`, { headers: auth });
 *   const token = consoleToken(nats.bus.ops, 'operator', 'Коваленко Ірина Петрівна');
 */
import { signConsoleToken, type ConsoleRole } from '../../actors/central/console/index.ts';

/** Anything that signs as the bus operator (OperatorFolder, the test bus's `ops`). */
export interface OperatorSigner {
  signAsOperator(data: Uint8Array): Uint8Array;
}

export function consoleToken(ops: OperatorSigner, role: ConsoleRole = 'administrator', sub = 'Тестова Особа Іванівна'): string {
  return signConsoleToken((b) => ops.signAsOperator(b), { sub, role });
}

/** The header a script sends: `Authorization: Bearer <token>`. */
export const consoleAuth = (ops: OperatorSigner, role: ConsoleRole = 'administrator', sub?: string): { authorization: string } => ({
  authorization: `Bearer ${consoleToken(ops, role, sub)}`,
});
