/**
 * A node's identity on the bus, as loaded from its credentials folder (`runtime/bus/` loads it; the operator's
 * `asds ops … add` writes it). The same nkey logs in to the NATS server and signs the node's messages.
 */
import type { NodeClass } from './passport.ts';

export interface BusIdentity {
  /** Bus node name: `court-537`, `central-1`, `ops-admin`. */
  node: string;
  class: NodeClass;
  /** The node's nkey seed (`SU…`): NATS login (challenge–response) and message signatures. */
  seed: string;
  /** The operator-signed passport binding `node`/`class` to this nkey (passport.ts). */
  passport: string;
  /** The bus operator's public key (`O…`): verifies every peer's passport. */
  operatorPublicKey: string;
  /** PEM of the bus CA that signed the NATS server's TLS certificate (clients verify the server against it). */
  caPem: string;
}
