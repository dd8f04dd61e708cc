/**
 * Runtime benchmarks, each beside its raw ceiling measured in the same run:
 * - persisted commands/s and p50/p99 with 1, 100 and 10,000 actors
 *   vs raw SQLite inserts with the same sync setting (single-row commits and batches of 100);
 * - remote ask/s over NATS (actor in another process) vs raw NATS request/reply, both over the production bus
 *   shape (TLS with the bus CA, nkey login, subject permissions; identities from the test harness): the client is
 *   a central identity, the actor node and the raw echo responder are court identities answering on their own
 *   actor subjects.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { ActorSystem, type Behavior } from '../runtime/index.ts';
import { cleanup, startNats, tempDir } from '../test/support/servers.ts';
import { startNodeProcess } from '../test/support/processes.ts';
import type { Figure } from './index.ts';
import { closedLoop, round } from './stats.ts';

const counter: Behavior<{ n: number }, { type: 'add'; by: number }, { type: 'added'; by: number }> = {
  kind: 'counter',
  initialState: () => ({ n: 0 }),
  decide: (s, c) => ({ events: [{ type: 'added', by: c.by }], reply: s.n + c.by }),
  evolve: (s, e) => ({ n: s.n + e.by }),
};

/** Closed loop: `perActor` callers per actor, each waiting for its reply before the next command. */
async function persisted(actors: number, perActor: number, total: number): Promise<{ perSec: number; p50: number; p99: number }> {
  const sys = new ActorSystem({ node: 'bench', journal: join(tempDir('asds-bench-'), 'journal.sqlite'), passivateAfterMs: 0 })
    .register(counter)
    .start();
  const refs = Array.from({ length: actors }, (_, a) => sys.ref('counter', `c${a}`));
  // warm-up: activate every actor once
  await Promise.all(refs.map((r) => r.ask({ type: 'add', by: 1 })));
  const r = await closedLoop(actors * perActor, total, (w) => refs[w % actors]!.ask({ type: 'add', by: 1 }, { timeoutMs: 60_000 }));
  await sys.shutdown();
  return r;
}

/** Raw ceiling: SQLite (WAL, synchronous=FULL) inserting event-shaped rows with a hash, `batch` rows per commit. */
function rawSqlite(batch: number, rows: number): number {
  const db = new Database(join(tempDir('asds-bench-raw-'), 'raw.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE events (gseq INTEGER PRIMARY KEY, actor TEXT, aseq INTEGER, data TEXT, hash TEXT, UNIQUE(actor, aseq))');
  const ins = db.prepare('INSERT INTO events VALUES (?, ?, ?, ?, ?)');
  const tx = db.transaction((from: number) => {
    for (let i = from; i < from + batch; i++) {
      const data = JSON.stringify({ type: 'added', by: 1 });
      ins.run(i, `counter/c${i % 100}`, i, data, createHash('sha256').update(data).digest('hex'));
    }
  });
  const t0 = performance.now();
  for (let i = 1; i <= rows; i += batch) tx(i);
  const secs = (performance.now() - t0) / 1000;
  db.close();
  return rows / secs;
}

/** The raw responder's subject: court-8's own actor subject space, reachable by a central identity like court-9's. */
const ECHO_SUBJECT = 'asds.court-8.echo.x';

async function remote(): Promise<{ ask: number; raw: number; persistedAsk: number }> {
  const nats = await startNats();
  const node = startNodeProcess('test/support/ledger-node.ts', ['--node', 'court-9', '--data', tempDir('asds-bench-node-'), '--nats', nats.url, '--bus', await nats.bus.bundle('court-9')], {
    ASDS_LOG: 'silent',
  });
  const echo = startNodeProcess('bench/echo-responder.ts', [nats.url, await nats.bus.bundle('court-8')]);
  await Promise.all([node.waitFor(/^READY$/), echo.waitFor(/^READY$/)]);
  const id = await nats.bus.identity('central-bench');
  const nc = await nats.bus.connect('central-bench');
  const sys = new ActorSystem({ node: id.node, nats: nc, bus: id, logger: { debug() {}, info() {}, warn() {}, error() {} } }).start();
  const concurrency = 64;
  const total = 40_000;
  const payload = new TextEncoder().encode(JSON.stringify({ v: 1, command: { type: 'get' } }));
  await closedLoop(concurrency, 2000, () => nc.request(ECHO_SUBJECT, payload, { timeout: 10_000 })); // warm-up
  const raw = await closedLoop(concurrency, total, () => nc.request(ECHO_SUBJECT, payload, { timeout: 10_000 }));
  const refs = Array.from({ length: concurrency }, (_, i) => sys.ref('ledger', `r${i}`, 'court-9'));
  await closedLoop(concurrency, 2000, (w) => refs[w]!.ask({ type: 'get' }, { timeoutMs: 10_000 }));
  const ask = await closedLoop(concurrency, total, (w) => refs[w]!.ask({ type: 'get' }, { timeoutMs: 10_000 }));
  const persistedAsk = await closedLoop(concurrency, 10_000, (w, i) => refs[w]!.ask({ type: 'append', value: i }, { timeoutMs: 10_000 }));
  await sys.shutdown();
  await nc.close();
  await node.kill('SIGTERM');
  await echo.kill('SIGKILL');
  await nats.stop();
  return { ask: ask.perSec, raw: raw.perSec, persistedAsk: persistedAsk.perSec };
}

export async function run(): Promise<Figure[]> {
  const out: Figure[] = [];
  try {
    const rawBatched = rawSqlite(100, 200_000);
    const rawSingle = rawSqlite(1, 5_000);
    out.push({ name: 'runtime.sqlite_raw_rows_per_s', value: round(rawBatched, 0), unit: 'rows/s', batch: 100 });
    out.push({ name: 'runtime.sqlite_raw_single_commits_per_s', value: round(rawSingle, 0), unit: 'commits/s' });
    const one = await persisted(1, 256, 100_000);
    out.push({ name: 'runtime.persisted_cmds_per_s_1_actor', value: round(one.perSec, 0), unit: 'cmds/s', callers: 256 });
    out.push({ name: 'runtime.persisted_p99_ms_1_actor', value: round(one.p99), unit: 'ms' });
    const hundred = await persisted(100, 2, 200_000);
    out.push({ name: 'runtime.persisted_cmds_per_s', value: round(hundred.perSec, 0), unit: 'cmds/s', actors: 100, target: 20_000 });
    out.push({ name: 'runtime.persisted_p50_ms', value: round(hundred.p50), unit: 'ms', actors: 100 });
    out.push({ name: 'runtime.persisted_p99_ms', value: round(hundred.p99), unit: 'ms', actors: 100, target: 25 });
    const many = await persisted(10_000, 1, 200_000);
    out.push({ name: 'runtime.persisted_cmds_per_s_10k_actors', value: round(many.perSec, 0), unit: 'cmds/s' });
    out.push({ name: 'runtime.persisted_p99_ms_10k_actors', value: round(many.p99), unit: 'ms' });
    const r = await remote();
    out.push({ name: 'runtime.nats_raw_req_tls_per_s', value: round(r.raw, 0), unit: 'req/s', concurrency: 64, bus: 'tls+nkey' });
    out.push({ name: 'runtime.remote_ask_per_s', value: round(r.ask, 0), unit: 'asks/s', concurrency: 64, bus: 'tls+nkey', ratio_to_raw: round(r.ask / r.raw, 3), target_ratio: 0.5 });
    out.push({ name: 'runtime.remote_persisted_ask_per_s', value: round(r.persistedAsk, 0), unit: 'asks/s', concurrency: 64 });
  } finally {
    await cleanup();
  }
  return out;
}
