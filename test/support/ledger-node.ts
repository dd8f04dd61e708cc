/**
 * A node process for tests: hosts the `ledger` test actor on node `--node`
 * with its journal under `--data`, optionally on NATS `--nats`. Prints
 * `READY` when serving.
 */
import { parseArgs } from 'node:util';
import { startHost, stopOnSignals } from '../../runtime/host.ts';
import { readFileSync } from 'node:fs';
import { ledger } from './ledger.ts';

const { values } = parseArgs({ options: { node: { type: 'string' }, data: { type: 'string' }, nats: { type: 'string' }, identity: { type: 'string' } } });
const host = await startHost({
  node: values.node!,
  role: 'court',
  dataDir: values.data!,
  behaviors: [ledger],
  ...(values.nats ? { natsUrl: values.nats } : {}),
  ...(values.identity ? { bus: JSON.parse(readFileSync(values.identity, 'utf8')) } : {}),
});
stopOnSignals(host);
await host.natsReady;
process.stdout.write('READY\n');
