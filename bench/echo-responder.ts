/**
 * Raw NATS request/reply responder (the ceiling for remote ask): echoes every request on `asds.court-8.echo.x`,
 * logged in as court-8 over TLS (argv: server URL, bundle folder) — the same bus shape the actor node uses.
 */
import { connect } from '@nats-io/transport-node';
import { busConnectOptions, loadBusIdentity } from '../runtime/bus/index.ts';

const nc = await connect(busConnectOptions(loadBusIdentity(process.argv[3]!), process.argv[2]!));
nc.subscribe('asds.court-8.echo.x', {
  callback: (_e, m) => {
    m.respond(m.data);
  },
});
await nc.flush();
process.stdout.write('READY\n');
