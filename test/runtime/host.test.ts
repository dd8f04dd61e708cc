import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startHost } from '../../runtime/host.ts';
import { cleanup, tempDir, testOperator } from '../support/servers.ts';
import { startNodeProcess } from '../support/processes.ts';

process.env.ASDS_LOG ??= 'silent';
const test = suite('runtime: node host and its run log');
test.after(cleanup);

test('a clean stop and an unclean one (SIGKILL) are told apart on the next start', async () => {
  const data = tempDir();
  const first = startNodeProcess('test/support/ledger-node.ts', ['--node', 'court-3', '--data', data]);
  await first.waitFor(/^READY$/);
  await first.kill('SIGTERM'); // clean: records node-stopped
  const second = startNodeProcess('test/support/ledger-node.ts', ['--node', 'court-3', '--data', data]);
  await second.waitFor(/^READY$/);
  await second.kill('SIGKILL'); // unclean: no stop record

  const host = await startHost({ node: 'court-3', role: 'court', dataDir: data, behaviors: [] });
  const status = (await host.system.ref('node', 'court-3').ask({ type: 'status' })) as {
    starts: number;
    uncleanStops: number;
    lastOutage: { from: number; to: number; clean: boolean };
  };
  assert.is(status.starts, 3);
  assert.is(status.uncleanStops, 1);
  assert.is(status.lastOutage.clean, false);
  assert.ok(status.lastOutage.to >= status.lastOutage.from);
  await host.stop();
});

test('a node works with NATS configured but unreachable (court cut off from the centre)', async () => {
  const data = tempDir();
  const bus = testOperator().addNode('court-4').identity;
  const host = await startHost({ node: 'court-4', role: 'court', dataDir: data, behaviors: [], natsUrl: 'nats://127.0.0.1:1', bus });
  const status = (await host.system.ref('node', 'court-4').ask({ type: 'status' })) as { starts: number };
  assert.is(status.starts, 1);
  await host.stop();
});

test.run();
