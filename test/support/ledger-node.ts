/**
 * A node process for tests: hosts the `ledger` test actor on node `--node`
 * with its journal under `--data`, optionally on NATS `--nats` with bus credentials `--bus <bundle dir>`. Prints
 * `READY` when serving.
 */
import { parseArgs } from 'node:util';
import { startHost, stopOnSignals } from '../../runtime/host.ts';
import { ledger } from './ledger.ts';

const { values } = parseArgs({ options: { node: { type: 'string' }, data: { type: 'string' }, nats: { type: 'string' }, bus: { type: 'string' } } });
const host = await startHost({
  node: values.node!,
  role: 'court',
  dataDir: values.data!,
  behaviors: [ledger],
  ...(values.nats ? { natsUrl: values.nats, ...(values.bus ? { bus: values.bus } : {}) } : {}),
});
stopOnSignals(host);
await host.natsReady;
process.stdout.write('READY\n');
