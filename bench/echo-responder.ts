/** Raw NATS request/reply responder (the ceiling for remote ask): echoes every request on `bench.echo`. */
import { connect } from '@nats-io/transport-node';

const nc = await connect({ servers: process.argv[2]! });
nc.subscribe('bench.echo', { callback: (_e, m) => {
    m.respond(m.data);
  },
});
await nc.flush();
process.stdout.write('READY\n');
