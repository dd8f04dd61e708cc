/**
 * Bus identities for tests that exercise message signing without server-side auth: a throwaway operator and
 * passports for any node name (runtime/bus/passport.ts). The secure NATS harness mints its own.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createOperator, createUser } from '@nats-io/nkeys';
import { classOfNode, issuePassport } from '../../runtime/bus/passport.ts';
import type { BusIdentity } from '../../runtime/bus/identity.ts';
import { tempDir } from './servers.ts';

const dec = new TextDecoder();

export interface TestOperator {
  operatorPublicKey: string;
  identity(node: string): BusIdentity;
  /** The identity as a JSON file (mode 0600) for a child process: `--identity <file>`. */
  identityFile(node: string): string;
}

export function testOperator(): TestOperator {
  const op = createOperator();
  const operatorSeed = dec.decode(op.getSeed());
  const operatorPublicKey = op.getPublicKey();
  const identity = (node: string): BusIdentity => {
    const cls = classOfNode(node);
    if (!cls) throw new Error(`not a bus node name: ${node}`);
    const u = createUser();
    return { node, class: cls, seed: dec.decode(u.getSeed()), passport: issuePassport(operatorSeed, { node, class: cls, nkey: u.getPublicKey() }), operatorPublicKey, caPem: '' };
  };
  return {
    operatorPublicKey,
    identity,
    identityFile(node) {
      const f = join(tempDir('asds-identity-'), `${node}.json`);
      writeFileSync(f, JSON.stringify(identity(node)), { mode: 0o600 });
      return f;
    },
  };
}
