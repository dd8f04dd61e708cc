/**
 * A node's credentials bundle: the folder given to `asds court serve --bus <dir>` (default `<data>/bus`).
 *
 *   node.seed      the node's nkey seed (SU…), 0600 — its NATS login and message-signing key
 *   passport       the operator-signed passport binding the node's name and class to that key
 *   ca.pem         the bus CA: the only issuer trusted for the NATS server's certificate
 *   operator.pub   the bus operator's public key: verifies every peer's passport
 *
 * Loading checks everything before the node touches the network: the seed is owner-only, the passport is the
 * operator's and is for this very key.
 */
import { join } from 'node:path';
import { busSigner, verifyPassport } from './passport.ts';
import type { BusIdentity } from './identity.ts';
import { readPublic, readSecret, writeDurable } from './files.ts';
import { BusCredentialsError } from './errors.ts';

export const bundlePaths = (dir: string) => ({
  seed: join(dir, 'node.seed'),
  passport: join(dir, 'passport'),
  ca: join(dir, 'ca.pem'),
  operator: join(dir, 'operator.pub'),
});

export function writeBundle(dir: string, id: BusIdentity): void {
  const p = bundlePaths(dir);
  writeDurable(p.seed, id.seed + '\n', 0o600);
  writeDurable(p.passport, id.passport + '\n');
  writeDurable(p.ca, id.caPem);
  writeDurable(p.operator, id.operatorPublicKey + '\n');
}

/** The identity in bundle folder `dir`; `BusCredentialsError` if anything is missing, exposed or inconsistent. */
export function loadBusIdentity(dir: string): BusIdentity {
  const p = bundlePaths(dir);
  const passport = readPublic(p.passport);
  const operatorPublicKey = readPublic(p.operator);
  const caPem = readPublic(p.ca) + '\n';
  const seed = readSecret(p.seed);
  let claim;
  try {
    claim = verifyPassport(passport, operatorPublicKey);
    busSigner(seed, passport); // the passport must be for this seed's key
  } catch (e) {
    throw new BusCredentialsError('BAD_BUNDLE', `bus bundle ${dir}: ${(e as Error).message}`);
  }
  return { node: claim.node, class: claim.class, seed, passport, operatorPublicKey, caPem };
}
