/**
 * The generated nats-server config states JetStream's file-store limit (as deploy/nats/nats-server.conf does):
 * left to nats-server it is 75 % of the disk's free space at start, and on a fuller disk the centre's ingest stream
 * (a 50 GiB reservation) was refused with "insufficient storage resources" — the centre could not start.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { jetstreamManager } from '@nats-io/jetstream';
import { renderServerConfig } from '../../runtime/bus/server-config.ts';
import { cleanup, startNats } from '../support/servers.ts';

const test = suite('bus: the generated nats-server config');
test.after(cleanup);

test('JetStream states its file-store limit; a stream may reserve more than 75 % of the free disk', async () => {
  const conf = renderServerConfig({ port: 4222, certFile: 'c', keyFile: 'k', usersInclude: 'users.conf', pidFile: 'p', jetstreamDir: '/var/lib/x' });
  assert.match(conf, /jetstream \{\n {2}store_dir: "\/var\/lib\/x"\n {2}max_file_store: 200G\n\}/);
  const nats = await startNats({ jetstream: true });
  const nc = await nats.bus.connect('central-1');
  try {
    const jsm = await jetstreamManager(nc);
    // 150 GiB: more than 75 % of any free disk this suite runs on, within the stated 200G
    const info = await jsm.streams.add({ name: 'ASDS_RESERVE_TEST', subjects: ['asds.ingest.reserve-test.>'], max_bytes: 150 * 1024 ** 3 });
    assert.is(info.config.max_bytes, 150 * 1024 ** 3);
    await jsm.streams.delete('ASDS_RESERVE_TEST');
  } finally {
    await nc.close();
  }
});

test.run();
