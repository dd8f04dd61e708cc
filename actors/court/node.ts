/**
 * A court node: one process per court, its records in its own journal, NATS
 * to the centre when the network is there (architecture.md "Topology"), and
 * its HTTP API for the court's staff when a port is given.
 */
import type { FastifyInstance } from 'fastify';
import { startHost, type Host } from '../../runtime/host.ts';
import type { Behavior } from '../../runtime/index.ts';
import { registryBehaviorFor, REGISTRY_KIND } from './registry/behavior.ts';
import { caseBehavior, caseBehaviorWith } from './case/behavior.ts';
import { loadLegalForceFiles } from './legal-force/config.ts';
import { DEFAULT_ZASADY, loadCourtCalendar } from './distribution/config.ts';
import { addGaugeSource } from '../../runtime/metrics/index.ts';
import { edrsrBehavior, startEdrsrExport, type EdrsrExportOptions } from './edrsr/index.ts';
import { usersBehavior, USERS_KIND } from './users/behavior.ts';
import { judgeBehavior } from './judge/behavior.ts';
import { courtDistributionBehaviors, courtRules } from './distribution/index.ts';
import { sealedRecordBehaviors } from './jurors/index.ts';
import { outageBehavior } from './outage/index.ts';
import { publicListsBehavior } from './public/behavior.ts';
import { courtTrust, documentsBehavior } from './documents/index.ts';
import { loadCourtDocumentsFile } from './orders/config.ts';
import { hashPassword } from './users/passwords.ts';
import { courtPkiDir, defaultKeyPassphrase, ensureCourtSeal } from './seal/index.ts';
import { sealCourtName } from './seal/court-name.ts';
import { databasePullBehavior, servePullTransfers } from './pull/index.ts';
import { startCourtFileService } from './files/index.ts';
import { correspondenceJournalBehavior } from './correspondence/index.ts';
import { exchangeInboxBehavior, exchangeOutgoingBehavior } from './exchange/index.ts';
import { statsBehavior, StatsSender, loadStatsControlFile, DEFAULT_FORMS_DIR } from './stats/index.ts';
import { dirname, join, resolve } from 'node:path';
import type { CourtKey } from './covert/vault.ts';
import { BlobStore } from './blobs/store.ts';
import { buildCourtHttp, type CourtHttpContext } from './http/server.ts';
import { CourtReplicator } from './replicator/index.ts';
import { startCourtCheckpoints, type CourtCheckpoints } from './checkpoint/index.ts';
import { courtPublicView, redactionKey } from '../../contracts/ingest/redaction.ts';
import type { BusIdentity } from '../../runtime/bus/identity.ts';
import { loadBusIdentity } from '../../runtime/bus/bundle.ts';
import { archiveBehavior, loadArchiveFile, startCourtArchive, type BuildPackage } from './archive/index.ts';
import { buildPackage } from '../archive/index.ts';

export interface CourtNodeOptions {
  /** The court's numeric code, e.g. `537` (first part of every ЄУН). */
  court: string;
  dataDir: string;
  natsUrl?: string;
  /** Bus credentials (bundle folder or identity), required with natsUrl (runtime/host.ts). */
  bus?: string | BusIdentity;
  /** Засади file (default: the Lubny example, used when it is this court's). */
  zasadyFile?: string;
  /** Run without automated distribution (`--no-distribution`): the operator's explicit choice, shown in /health. */
  noDistribution?: boolean;
  /** Appeal terms (Засади 11); default `legal-force.yaml` beside the Засади file, else built-in terms. */
  legalForceFile?: string;
  /** The ЄДРСР endpoint (Засади 11.2); without it items stay pending in the queue. */
  edrsrUrl?: string;
  /** Sender tuning (tests: short polls and backoff). */
  edrsrSender?: EdrsrExportOptions['sender'];
  /** Clock of the node's actors, epoch ms (tests move it to the end of an appeal term). Default Date.now. */
  clock?: () => number;
  /**
   * Opens the court CA and seal keys (encrypted at rest). `asds court serve` always gives one (env or
   * owner-only file); without it an in-process node uses defaultKeyPassphrase (seal/index.ts).
   */
  keyPassphrase?: string;
  /** Sealed checkpoints to the centre (issue 11 item 2): at most this long between them while the journal moves. Default 5 min. */
  checkpointIntervalMs?: number;
  /** false: do not hold the clock when it jumps backwards (runtime/clock.ts) — only for tests that move it back and forth. */
  holdClock?: false;
  /** `clock` is `asds simulate --timeline`'s (simulator/clock.ts): the run log records it. */
  simulatedClock?: boolean;
  /** Archive rules (Засади 17.1); default `archive.yaml` beside the Засади file, else built-in rules. */
  archiveFile?: string;
  /** How archival packages are built (default actors/archive buildPackage). */
  archiveBuild?: BuildPackage;
  /** The central worker running the exchange hub with prosecutors (actors/central/exchange); default `central-1`. */
  exchangeHub?: string;
}

export interface CourtServerOptions extends CourtNodeOptions {
  port: number;
  /** Listen address; loopback unless told otherwise. */
  host?: string;
  /** Password of the bootstrap `admin` (tech_admin), used only when the court has no users yet. */
  adminPassword?: string;
  /** Court key for covert fields (Засади 3.1 ¶2). */
  key?: CourtKey;
  tokenTtlMs?: number;
  maxScanBytes?: number;
  /** Login attempt limits (http/throttle.ts). */
  loginThrottle?: CourtHttpContext['loginThrottle'];
  /** Court codes an existing ЄУН may name, besides this court's (the registry of connected courts). */
  knownCourts?: readonly string[];
}

export interface CourtServer {
  host: Host;
  app: FastifyInstance;
  url: string;
  /** Close HTTP (finishing requests in flight), then stop the node. */
  stop(reason?: string): Promise<void>;
}

/** Node name of a court on the bus: `court-<code>`. */
export function courtNodeName(court: string): string {
  return `court-${court}`;
}

/** The court's actor kinds. Distribution etc. join this list as they are built. */
export function courtBehaviors(given?: CourtNodeOptions): Behavior[] {
  // Resolved once: distribution and jurors both open the seal with it.
  const opts = given ? { ...given, keyPassphrase: given.keyPassphrase ?? defaultKeyPassphrase(given.dataDir).passphrase } : undefined;
  // The court's own rule files first: every error of the Засади, calendar.yaml and legal-force.yaml in one refusal
  // (before any of them is read alone). Its Засади decide its proceeding indexes (3.4) and urgent categories (15.3);
  // a court without them numbers under the typical indexes and Lubny's 15.3 list.
  const rules = opts && !opts.noDistribution ? courtRules(opts) : undefined;
  const cases = opts ? caseBehaviorWith(loadLegalForceFiles(opts.zasadyFile ?? DEFAULT_ZASADY, opts.legalForceFile)) : caseBehavior;
  // One court calendar (calendar.yaml beside the Засади) for every actor that counts working days (issue 13 item 6).
  const calendar = opts ? loadCourtCalendar(opts.zasadyFile ?? DEFAULT_ZASADY) : undefined;
  // The CA and seal carry the court's full name, whichever actor opens the seal first (issue 13 item 12).
  const records = opts ? sealedRecordBehaviors({ ...opts, courtName: sealCourtName(opts.court, opts.zasadyFile), ...(calendar ? { calendar } : {}) }) : sealedRecordBehaviors();
  const registry = registryBehaviorFor(rules ? { proceedingIndexes: rules.proceedingIndexes } : {});
  const outage = outageBehavior({ ...(calendar ? { calendar } : {}), ...(rules ? { urgent: rules.outage } : {}) });
  const documents = opts ? documentsBehavior({ trust: courtTrust(courtPkiDir(opts.dataDir)), courtDocuments: loadCourtDocumentsFile(opts.zasadyFile ?? DEFAULT_ZASADY), ...(rules ? { jurisdictions: rules.jurisdictions } : {}) }) : undefined;
  // Засади 16.1.2: the input logical control rules beside the Засади; the court CA verifies the statistician's signature (16.3)
  const stats = statsBehavior(opts ? { rules: loadStatsControlFile(opts.zasadyFile ?? DEFAULT_ZASADY).rules, trust: courtTrust(courtPkiDir(opts.dataDir)) } : { rules: [] });
  // Засади 17.1: the court's archive rules beside the Засади (archive.yaml)
  // the centre's archive receipts are checked under the bus operator's key when the node is on the bus
  const operatorPublicKey = opts?.natsUrl && opts.bus ? (typeof opts.bus === 'string' ? loadBusIdentity(opts.bus) : opts.bus).operatorPublicKey : undefined;
  const archive = archiveBehavior(opts ? loadArchiveFile(opts.zasadyFile ?? DEFAULT_ZASADY, opts.archiveFile) : undefined, operatorPublicKey ? { operatorPublicKey } : {});
  return [registry, correspondenceJournalBehavior, cases, archive, edrsrBehavior, usersBehavior, judgeBehavior, ...(opts?.noDistribution ? [] : courtDistributionBehaviors(opts)), ...records, outage, publicListsBehavior, databasePullBehavior, ...(documents ? [documents] : []), stats, exchangeInboxBehavior, exchangeOutgoingBehavior(opts?.exchangeHub ? { hub: opts.exchangeHub } : {})];
}

export async function startCourtNode(opts: CourtNodeOptions): Promise<Host> {
  if (!/^[0-9]{1,4}$/.test(opts.court)) throw new Error(`court code must be 1–4 digits, got "${opts.court}"`);
  const host = await startHost({
    node: courtNodeName(opts.court),
    role: 'court',
    dataDir: opts.dataDir,
    behaviors: courtBehaviors(opts),
    // chain format 2: the court's redaction policy decides at write what of each event may leave it
    publicView: courtPublicView({ hashKey: redactionKey() }),
    ...(opts.natsUrl ? { natsUrl: opts.natsUrl } : {}),
    ...(opts.bus ? { bus: opts.bus } : {}),
    ...(opts.clock ? { system: { clock: opts.clock, ...(opts.holdClock === false ? { holdClock: false } : {}) } } : {}),
    ...(opts.simulatedClock ? { simulatedClock: true } : {}),
  });
  // A court without its Засади registers (3.1 binds every day) but distributes nothing: said loudly, once per start,
  // besides NO_ZASADY on every distribution request and GET /distribution/status (issue 13 item 11).
  if (!host.system.hasKind('distribution')) {
    const chosen = opts.noDistribution === true;
    host.system.log[chosen ? 'warn' : 'error']('distribution-unavailable', {
      court: opts.court,
      code: 'NO_ZASADY',
      reason: chosen ? 'started with --no-distribution' : `no Засади of court ${opts.court} given (zasadyFile): every distribution is refused with NO_ZASADY`,
    });
  }
  // Court → centre replication (issue 6): stopped before the host closes the journal it follows.
  const replicator = new CourtReplicator({ court: opts.court, journal: host.journal, nats: host.natsReady, bus: host.bus, log: host.system.log }).start();
  const untrackLag = addGaugeSource('asds_replication_lag_events', () => {
    const st = replicator.status();
    return [{ labels: { node: courtNodeName(opts.court), court: opts.court }, value: Math.max(0, st.head - st.confirmed) }];
  });
  // Sealed checkpoints of the chain head to the centre (issue 11 item 2): only a node on the bus has a centre to tell.
  let checkpoints: CourtCheckpoints | undefined;
  try {
    if (opts.natsUrl) {
      checkpoints = startCourtCheckpoints({
        court: opts.court,
        dataDir: opts.dataDir,
        journal: host.journal,
        nats: host.natsReady,
        bus: host.bus,
        log: host.system.log,
        keyPassphrase: opts.keyPassphrase ?? defaultKeyPassphrase(opts.dataDir).passphrase,
        courtName: sealCourtName(opts.court, opts.zasadyFile),
        ...(opts.checkpointIntervalMs ? { intervalMs: opts.checkpointIntervalMs } : {}),
      });
    }
  } catch (e) {
    untrackLag();
    await replicator.stop();
    await host.stop('startup failed');
    throw e;
  }
  // ЄДРСР export (Засади 11.2): queue fed from the journal; sent only when a URL is configured.
  const edrsr = startEdrsrExport({
    system: host.system,
    journal: host.journal,
    court: opts.court,
    log: host.system.log,
    ...(opts.edrsrUrl ? { url: opts.edrsrUrl } : {}),
    ...(opts.clock ? { clock: opts.clock } : {}),
    ...(opts.edrsrSender ? { sender: opts.edrsrSender } : {}),
  });
  // The electronic archive (Засади 17.1): cards' facts to the archive actor, packages of confirmed cases built
  const archive = startCourtArchive({
    court: opts.court,
    dataDir: opts.dataDir,
    system: host.system,
    journal: host.journal,
    log: host.system.log,
    courtName: sealCourtName(opts.court, opts.zasadyFile),
    keyPassphrase: opts.keyPassphrase ?? defaultKeyPassphrase(opts.dataDir).passphrase,
    build: opts.archiveBuild ?? buildPackage,
    ...(checkpoints ? { witness: () => checkpoints!.checkpointer.witnessNow() } : {}),
    ...(opts.clock ? { clock: opts.clock } : {}),
  });
  // Signed statistical reports to the centre (Засади 16.1.6): waits and retries while offline; the unsent ones are in the journal.
  const statsSender = new StatsSender({ court: opts.court, system: host.system, nats: host.natsReady, ...(host.bus ? { bus: host.bus } : {}), log: host.system.log, journalHead: () => host.journal.head().gseq, ...(process.env.ASDS_STATS_RETRY_MS ? { retryMs: Number(process.env.ASDS_STATS_RETRY_MS) } : {}) }).start();
  // Database pulls (Засади 18.3): the centre fetches a sealed online copy of the journal
  const passphrase = opts.keyPassphrase ?? defaultKeyPassphrase(opts.dataDir).passphrase;
  let pulls: { stop(): void } | undefined;
  // Scans of originals (Засади 13.2) and archive packages (17.1), chunk by chunk to a signed central node
  // (env ASDS_FILES_CHUNK_DELAY_MS: tests only, a slow link so a transfer can be cut midway)
  let files: { stop(): void } | undefined;
  void host.natsReady.then((nc) => {
    if (nc && host.bus) pulls = servePullTransfers({ court: opts.court, dataDir: opts.dataDir, db: host.journal.database, system: host.system, nc, bus: host.bus, signer: () => ensureCourtSeal(opts.dataDir, opts.court, sealCourtName(opts.court, opts.zasadyFile), passphrase), log: host.system.log });
    if (nc && host.bus) files = startCourtFileService({ court: opts.court, dataDir: opts.dataDir, nc, bus: host.bus, system: host.system, log: host.system.log, ...(Number(process.env.ASDS_FILES_CHUNK_DELAY_MS) > 0 ? { chunkDelayMs: Number(process.env.ASDS_FILES_CHUNK_DELAY_MS) } : {}) });
  });
  return { ...host, stop: async (reason?: string) => (host.cancelConnect(), pulls?.stop(), files?.stop(), await statsSender.stop(), await archive.stop(), untrackLag(), await edrsr.stop(), await checkpoints?.stop(), await replicator.stop(), host.stop(reason)) };
}

/** The node plus its HTTP API on `port` (0 = any free port). */
export async function startCourtServer(opts: CourtServerOptions): Promise<CourtServer> {
  const host = await startCourtNode(opts);
  try {
    await checkCourtKey(host, opts);
    await bootstrapAdmin(host, opts);
    const app = await buildCourtHttp({
      court: opts.court,
      system: host.system,
      ...(opts.key ? { key: opts.key } : {}),
      blobs: new BlobStore(opts.dataDir),
      log: host.system.log,
      tokenTtlMs: opts.tokenTtlMs ?? 8 * 3600_000,
      maxScanBytes: opts.maxScanBytes ?? 50 * 1024 * 1024,
      ...(opts.loginThrottle ? { loginThrottle: opts.loginThrottle } : {}),
      ...(opts.knownCourts ? { knownCourts: new Set([...opts.knownCourts, opts.court]) } : {}),
      calendar: loadCourtCalendar(opts.zasadyFile ?? DEFAULT_ZASADY),
      statsFormsDirs: [DEFAULT_FORMS_DIR, join(dirname(resolve(opts.zasadyFile ?? DEFAULT_ZASADY)), 'stats-forms')],
    });
    const url = await app.listen({ port: opts.port, host: opts.host ?? '127.0.0.1' });
    return {
      host,
      app,
      url,
      async stop(reason) {
        // Requests in flight get a grace period; a client holding a connection open does not hold the court up.
        const grace = setTimeout(() => app.server.closeAllConnections(), 3000);
        await app.close();
        clearTimeout(grace);
        await host.stop(reason);
      },
    };
  } catch (e) {
    await host.stop('startup failed');
    throw e;
  }
}

/**
 * Decided (Засади 3.1 ¶2): a court may run without a key — covert registration
 * is then refused. But once its journal holds covert records the node refuses
 * to start without the key that sealed them (they would be unreadable, and a
 * wrong key is worse than none).
 */
async function checkCourtKey(host: Host, opts: CourtServerOptions): Promise<void> {
  const st = await host.system.ref(REGISTRY_KIND, opts.court).ask<{ covertKeyIds: string[] }>({ type: 'status' });
  if (st.covertKeyIds.length === 0) return;
  if (!opts.key) throw new Error(`the journal holds covert records sealed with key ${st.covertKeyIds.join(', ')}: start with --court-key-file or ASDS_COURT_KEY`);
  if (!st.covertKeyIds.includes(opts.key.id)) {
    throw new Error(`court key ${opts.key.id} is not the key of this court's covert records (${st.covertKeyIds.join(', ')})`);
  }
}

/** First start: a court with no users gets `admin` (tech_admin) with the given password. */
async function bootstrapAdmin(host: Host, opts: CourtServerOptions): Promise<void> {
  const users = host.system.ref(USERS_KIND, opts.court);
  const st = await users.ask<{ users: number }>({ type: 'status' });
  if (st.users > 0) return;
  if (!opts.adminPassword || opts.adminPassword.length < 10) {
    throw new Error('first start: give the bootstrap admin password (≥ 10 characters) with --admin-password or ASDS_ADMIN_PASSWORD');
  }
  await users.ask({ type: 'bootstrap', login: 'admin', password: await hashPassword(opts.adminPassword) }, { meta: { author: 'system:bootstrap', role: 'system' } });
}

