/**
 * The court side of bench/archive.ts in its own process, as in production (court and centre are different
 * machines): the court file service over `<data>/archive/packages` and, for the ceiling, a plain responder that
 * answers every request on `asds.files.<court>.raw-bench` with `chunk` bytes from memory — logged in as the court
 * over TLS (argv: server URL, bundle folder, data dir, court, chunk bytes).
 */
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { connect } from '@nats-io/transport-node';
import { busConnectOptions, loadBusIdentity } from '../runtime/bus/index.ts';
import { ActorSystem, Journal } from '../runtime/index.ts';
import { startCourtFileService } from '../actors/court/files/index.ts';

const [url, bundle, dataDir, court, chunkArg] = process.argv.slice(2) as [string, string, string, string, string];
const silent = { debug() {}, info() {}, warn() {}, error() {} };
const identity = loadBusIdentity(bundle);
const nc = await connect(busConnectOptions(identity, url));
const journal = new Journal(join(dataDir, 'journal.sqlite'));
const system = new ActorSystem({ node: `court-${court}`, journal, logger: silent });
startCourtFileService({ court, dataDir, nc, bus: identity, system, log: silent });
const piece = randomBytes(Number(chunkArg));
nc.subscribe(`asds.files.${court}.raw-bench`, { callback: (_e, m) => void m.respond(piece) });
await nc.flush();
process.stdout.write('READY\n');
