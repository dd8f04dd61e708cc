/**
 * A court for the pull tests, as a child process (to be SIGKILLed mid-transfer):
 * its journal, the replication generator actors plus the real `database-pull`
 * actor, the real replicator, pull service and checkpointer. Writes `events` generator
 * events on its first start, then prints `confirmed <n>` as the centre
 * confirms them.
 *
 *   node --import tsx test/support/pull-court.ts <natsUrl> <busDir> <dataDir> <events> [chunkDelayMs]
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { connect } from '@nats-io/transport-node';
import { ActorSystem, openJournalForStart } from '../../runtime/index.ts';
import { busConnectOptions, loadBusIdentity } from '../../runtime/bus/index.ts';
import { CourtReplicator } from '../../actors/court/replicator/index.ts';
import { databasePullBehavior, servePullTransfers } from '../../actors/court/pull/index.ts';
import { ensureCourtSeal } from '../../actors/court/seal/index.ts';
import { startCourtCheckpoints } from '../../actors/court/checkpoint/index.ts';
import { gen, silent } from '../replication/support.ts';
import { TEST_KEY_PASSPHRASE } from './keys.ts';

const PULL_COURT = '537';

const [natsUrl, busDir, dataDir, eventsArg, delayArg] = process.argv.slice(2) as [string, string, string, string, string?];
const journal = openJournalForStart(join(dataDir, 'journal.sqlite'));
const system = new ActorSystem({ node: `court-${PULL_COURT}`, journal, logger: silent, passivateAfterMs: 0 }).register(gen).register(databasePullBehavior).start();
const signer = ensureCourtSeal(dataDir, PULL_COURT, 'Тестовий суд', TEST_KEY_PASSPHRASE);
const identity = loadBusIdentity(busDir);
const nc = await connect(busConnectOptions(identity, natsUrl, { maxReconnectAttempts: -1, reconnectTimeWait: 250 }));
system.attachNats(nc, identity);
const replicator = new CourtReplicator({ court: PULL_COURT, journal, nats: Promise.resolve(nc), bus: identity, log: silent, askEveryMs: 200, stallMs: 5000 }).start();
servePullTransfers({ court: PULL_COURT, dataDir, db: journal.database, system, nc, bus: identity, signer: () => signer, log: silent, chunkDelayMs: Number(delayArg ?? 0) });
// checkpoints only on demand (the pull asks for one before the copy): the periodic one an hour away
const checkpoints = startCourtCheckpoints({ court: PULL_COURT, dataDir, journal, nats: Promise.resolve(nc), bus: identity, log: silent, keyPassphrase: TEST_KEY_PASSPHRASE, intervalMs: 3_600_000 });
const want = Number(eventsArg);
const have = journal.head().gseq;
for (let i = have; i < want; i += 50) {
  await Promise.all(Array.from({ length: Math.min(50, want - i) }, (_, k) => system.ref('distribution', `g${(i + k) % 16}`).ask({ type: 'noise', i: i + k, pad: 'x'.repeat(200) })));
}
process.stdout.write(`ready ${journal.head().gseq}\n`);
const marks = new Database(join(dataDir, 'journal.sqlite'), { readonly: true });
let last = -1;
setInterval(() => {
  const c = (marks.prepare('SELECT max(confirmed) AS c FROM replication_marks').get() as { c: number | null }).c ?? 0;
  if (c !== last) process.stdout.write(`confirmed ${c}\n`);
  last = c;
}, 200);
void replicator;
void checkpoints;
