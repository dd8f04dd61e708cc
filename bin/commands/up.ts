/**
 * `asds up`: a working cluster on one machine with embedded defaults —
 * nats-server (JetStream) and redis-server from Debian packages on loopback — the bus in its production shape:
 * TLS with the bus CA, nkey users with subject permissions, made by the operator code (`<data>/ops`, the same
 * as `asds ops init` / `asds ops court add`), Redis behind a password from an owner-only file —
 * one central worker (with its HTTP API) and one demo court node (with its HTTP API) — then the main job
 * (a short simulation through the court API, replication confirmed, the centre's workload report per judge), then
 * the exchange demo (issue 17, up-exchange.ts: central-1 runs the exchange hub; the reference counterpart plays a
 * district prosecutor's office and the police), and everything stays up until Ctrl-C. `--smoke` stops after them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { connect } from '@nats-io/transport-node';
import { OperatorFolder, busConnectOptions, loadBusIdentity, writeDurable } from '../../runtime/bus/index.ts';
import { parseCourtRegistry } from '../../analytics/court-registry.ts';
import { ActorSystem } from '../../runtime/index.ts';
import { freePort, waitForPort } from '../../runtime/net.ts';
import { courtNodeName } from '../../actors/court/node.ts';
import { rosterOf, simulateCourt } from '../../actors/court/simulator/index.ts';
import { adminPasswordFor, journalHead, keyPassphraseArgs, waitForCentreMark } from '../../actors/court/simulator/cluster.ts';
import { CENTRAL_WORKLOAD_SUBJECT } from '../../contracts/ingest/index.ts';
import type { WorkloadRow } from '../../analytics/workload.ts';
import { progressPrinter } from './simulate.ts';
import { DEFAULT_STATS_CONFIG } from './stats.ts';
import { demoCentreTokens, printConsoles, staffPasswordFor } from './up-consoles.ts';
import { exchangeDemo, prepareExchangeDemo } from './up-exchange.ts';
import { signConsoleToken } from '../../actors/central/console/index.ts';
import { ensureServerBinaries } from './prereq.ts';
import { quiet } from './status.ts';
import { CliError, options } from './util.ts';
import { verifyReceipts } from '../../actors/court/checkpoint/verify.ts';
import { DEFAULT_ZASADY, loadRulesFiles } from '../../actors/court/distribution/config.ts';

/** The example registry of connected courts: the demo court 537's name comes from it. */
const COURTS_EXAMPLE = fileURLToPath(new URL('../../deploy/examples/courts.yaml', import.meta.url));

const ASDS = fileURLToPath(new URL('../asds.js', import.meta.url));

interface Proc {
  name: string;
  child: ChildProcess;
  where: string;
}

export async function up(argv: string[]): Promise<number> {
  const o = options(argv, { data: { type: 'string' }, court: { type: 'string' }, smoke: { type: 'boolean' } });
  const data = resolve((o.data as string | undefined) ?? 'data');
  const court = (o.court as string | undefined) ?? '537';
  ensureServerBinaries();
  mkdirSync(join(data, 'logs'), { recursive: true });
  const procs: Proc[] = [];
  const stopAll = installStop(procs);
  try {
    const ops = await startNats(data, procs);
    const natsUrl = ops.server.url;
    // onboarding as an operator would do it (asds ops central add / court add): no hand-edited credentials
    const centralBus = onboard(ops, 'central-1');
    const courtBus = onboard(ops, courtNodeName(court), courtName(court));
    const cliBus = onboard(ops, 'ops-admin');
    await ops.reload();
    const redis = await startRedis(data, procs);
    const httpPort = await freePort();
    // The court's CA and seal keys and the exchange CA key are encrypted at rest; for the demo the passphrase is generated beside the data (said below).
    const keys = keyPassphraseArgs(data);
    // the exchange hub with other agencies (issue 17) on central-1: mTLS for organisations, loopback admin listener;
    // district codes and agreements: the examples in deploy/examples/exchange/ (defaults of central serve)
    const exchange = { port: await freePort(), adminPort: await freePort() };
    prepareExchangeDemo(data, join(data, 'central-1'));
    await startNode(procs, data, 'central-1', ['central', 'serve', '--node', 'central-1', '--data', join(data, 'central-1'), '--nats', natsUrl, '--bus', centralBus, '--redis', redis.url, '--http-port', String(httpPort), '--courts', ops.paths.courts, '--stats', DEFAULT_STATS_CONFIG, '--exchange-port', String(exchange.port), '--exchange-admin-port', String(exchange.adminPort), ...keys.args], /"ingest":"running"/, { ASDS_REDIS_PASSWORD: redis.password });
    // statistics on (Засади 16): the centre folds the court's statistical cards — the centre console's charts read them;
    // every data route needs a console token (actors/central/console/access.ts): the demo's are in <ops>/console/
    procs[procs.length - 1]!.where += `  http://127.0.0.1:${httpPort} (GET /reports/workload, /lag, /stats/cepej with -H "Authorization: Bearer $(cat ${join(ops.dir, 'console', 'analyst.token')})"); exchange hub https://127.0.0.1:${exchange.port} (mTLS), admin http://127.0.0.1:${exchange.adminPort}`;
    const admin = adminPasswordFor(join(data, courtNodeName(court)));
    // the demo court seals its chain head every 15 s (production: every 5 min), so the main job shows a receipt soon
    const courtReady = await startNode(procs, data, courtNodeName(court), ['court', 'serve', '--court', court, '--data', join(data, courtNodeName(court)), '--nats', natsUrl, '--bus', courtBus, '--port', '0', ...keys.args], /"nats":"connected"/, { ASDS_ADMIN_PASSWORD: admin.password, ASDS_CHECKPOINT_INTERVAL_MS: '15000' });
    const courtUrl = (JSON.parse(courtReady.find((l) => l.includes('"ready":true'))!) as { url: string }).url;
    procs[procs.length - 1]!.where += `  ${courtUrl}  (login admin, password from ${admin.source}; key passphrase from ${keys.source})`;
    printTable(procs);
    process.stdout.write(
      `bus credentials (operator folder ${ops.dir}): operator key and bus CA owner-only; node bundles in ${ops.paths.bundles}/<node>;\n` +
        `  nats-server config ${ops.paths.config}; registry of connected courts ${ops.paths.courts};\n` +
        `  add a court: asds ops court add --ops ${ops.dir} --court <code> --name <name>; CLI: asds node status --nats ${natsUrl} --bus ${cliBus} --node ${courtNodeName(court)}\n`,
    );
    const staff = staffPasswordFor(join(data, courtNodeName(court)));
    const busiest = await mainJob(natsUrl, cliBus, court, courtUrl, admin.password, staff.password, join(data, courtNodeName(court)));
    process.stdout.write('\nexchange with other agencies (the reference counterpart plays a district prosecutor\'s office and the police):\n');
    await exchangeDemo({
      data,
      court,
      courtName: courtName(court),
      courtUrl,
      courtData: join(data, courtNodeName(court)),
      staffPassword: staff.password,
      hubUrl: `https://127.0.0.1:${exchange.port}`,
      adminUrl: `http://127.0.0.1:${exchange.adminPort}`,
      operatorToken: signConsoleToken((b) => ops.signAsOperator(b), { sub: 'Оператор (демонстрація)', role: 'operator' }),
    });
    printConsoles({ court, courtUrl, centreUrl: `http://127.0.0.1:${httpPort}`, staff, ...(busiest ? { judge: busiest } : {}), centreTokens: demoCentreTokens(ops) });
    if (o.smoke) {
      await stopAll();
      return 0;
    }
    process.stdout.write('\nRunning. Press Ctrl-C to stop the cluster.\n');
    await new Promise(() => undefined);
    return 0;
  } catch (e) {
    await stopAll();
    throw e;
  }
}

/** The bus server from the operator folder `<data>/ops` (made on first run, kept after): TLS + nkey users. */
async function startNats(data: string, procs: Proc[]): Promise<OperatorFolder> {
  const port = await freePort();
  const dir = join(data, 'nats');
  mkdirSync(dir, { recursive: true });
  const ops = OperatorFolder.init(join(data, 'ops'), { port, jetstreamDir: dir });
  // Debian's nats-server 2.9 has no `sync_interval`; the court journal (SQLite, FULL sync) is the
  // system of record, JetStream only the transport (architecture.md). deploy/nats/ holds the production config.
  const child = spawn('nats-server', ['-c', ops.paths.config], { stdio: 'ignore' });
  procs.push({ name: 'nats-server', child, where: `${ops.server.url}  TLS + nkeys (config ${ops.paths.config}, log ${ops.paths.log}, JetStream ${dir})` });
  await waitForPort(port);
  return ops;
}

/** The node's bundle folder, added to the bus (as `asds ops … add` does) unless it already is. */
function onboard(ops: OperatorFolder, node: string, name?: string): string {
  return ops.ensureNode(node, { by: 'asds up', ...(name ? { name } : {}) }).bundle;
}

function courtName(court: string): string {
  const known = parseCourtRegistry(readFileSync(COURTS_EXAMPLE, 'utf8'), COURTS_EXAMPLE).find((c) => c.code === court);
  return known?.name ?? `Демонстраційний суд ${court}`;
}

async function startRedis(data: string, procs: Proc[]): Promise<{ url: string; password: string }> {
  const port = await freePort();
  const dir = join(data, 'redis');
  mkdirSync(dir, { recursive: true });
  // requirepass from an owner-only config file, never argv (visible in `ps`); kept across runs
  const secret = join(dir, 'password');
  if (!existsSync(secret)) writeDurable(secret, randomBytes(24).toString('base64url') + '\n', 0o600);
  const conf = join(dir, 'redis.conf');
  writeDurable(conf, `requirepass ${readFileSync(secret, 'utf8').trim()}\nmaxmemory-policy noeviction\nappendfsync everysec\n`, 0o600);
  const args = [conf, '--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--logfile', join(data, 'logs', 'redis-server.log')];
  const child = spawn('redis-server', args, { stdio: 'ignore' });
  procs.push({ name: 'redis-server', child, where: `redis://127.0.0.1:${port}  (data ${dir}, password in ${secret})` });
  await waitForPort(port);
  // the password reaches the central worker through its environment (ASDS_REDIS_PASSWORD), not argv
  return { url: `redis://127.0.0.1:${port}`, password: readFileSync(secret, 'utf8').trim() };
}

/** Start `asds <args>` and wait for its `{"ready":true}` line; its log goes to data/logs/<name>.log. */
function startNode(procs: Proc[], data: string, name: string, args: string[], also?: RegExp, env: Record<string, string> = {}): Promise<string[]> {
  const child = spawn(process.execPath, [ASDS, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  child.stderr!.pipe(createWriteStream(join(data, 'logs', `${name}.log`), { flags: 'a' }));
  procs.push({ name, child, where: `data ${args[args.indexOf('--data') + 1]}  (log ${join(data, 'logs', `${name}.log`)})` });
  return new Promise((resolveReady, reject) => {
    const timer = setTimeout(() => reject(new CliError(`${name} did not start within 30 s; see ${join(data, 'logs', `${name}.log`)}`)), 30_000);
    const lines: string[] = [];
    createInterface({ input: child.stdout! }).on('line', (line) => {
      lines.push(line);
      if (lines.some((l) => l.includes('"ready":true')) && (!also || lines.some((l) => also.test(l)))) {
        clearTimeout(timer);
        resolveReady(lines);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new CliError(`${name} exited with code ${code}; see ${join(data, 'logs', `${name}.log`)}`));
    });
  });
}

function printTable(procs: Proc[]): void {
  process.stdout.write('asds cluster is up:\n');
  for (const p of procs) process.stdout.write(`  ${p.name.padEnd(14)} pid ${String(p.child.pid).padEnd(8)} ${p.where}\n`);
}

/**
 * The main job: the court answers over NATS; a short simulation (a few hundred
 * registrations over a few days) goes through the court's HTTP API; the centre's
 * mark reaches the court's journal head; the centre's workload report per judge.
 */
async function mainJob(natsUrl: string, cliBus: string, court: string, courtUrl: string, adminPassword: string, staffPassword: string, courtData: string): Promise<string | undefined> {
  const id = loadBusIdentity(cliBus);
  const nc = await connect(busConnectOptions(id, natsUrl, { name: `ops-admin-up-${process.pid}` }));
  const probe = new ActorSystem({ node: id.node, nats: nc, bus: id, logger: quiet }).start();
  try {
    const node = courtNodeName(court);
    const status = await retry(() => probe.ref('node', node, node).ask({ type: 'status' }, { timeoutMs: 2000 }));
    process.stdout.write(`\ncourt ${node} answers over NATS: ${JSON.stringify(status)}\n`);
    const health = (await (await fetch(`${courtUrl}/health`)).json()) as Record<string, unknown>;
    process.stdout.write(`court ${node} answers over HTTP: GET ${courtUrl}/health → ${JSON.stringify(health)}\n\n`);

    const days = 3;
    const progress = progressPrinter();
    const r = await simulateCourt({ court, ordinal: 0, url: courtUrl, adminPassword }, rosterOf(), {
      seed: 1,
      staffPassword,
      judgeNames: judgeNames(court),
      days,
      casesPerDay: 80,
      onStep: (done, total) => progress(`simulation (court ${court}, ${days} days)`, done, total),
    });
    progress.end();
    process.stdout.write(
      `simulated: ${r.registrations} registrations, ${r.appeals} appeals, ${r.absences} absences, ${r.distributed} distributed, ${r.decided} decided` +
        (r.waiting + r.impossible + r.failed > 0 ? `, ${r.waiting} waiting, ${r.impossible} impossible, ${r.failed} failed` : '') +
        '\n',
    );
    const head = journalHead(courtData);
    const lag = await waitForCentreMark(nc, court, head);
    process.stdout.write(`replication confirmed: court ${court} journal head ${head}, centre's durable mark ${lag.mark}\n\n`);

    const to = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Kyiv' }).format(new Date());
    const from = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Kyiv' }).format(new Date(Date.now() - (days - 1) * 86_400_000));
    const m = await nc.request(CENTRAL_WORKLOAD_SUBJECT, JSON.stringify({ from, to, court }), { timeout: 30_000 });
    const rep = JSON.parse(new TextDecoder().decode(m.data)) as { ok: boolean; result?: WorkloadRow[]; error?: string };
    if (!rep.ok) throw new CliError(`workload report failed: ${rep.error}`);
    process.stdout.write(`workload report from the centre, court ${court}, ${from} … ${to} (per judge, all categories):\n`);
    printWorkload(rep.result!, judgeNames(court));
    await witnessAndPull(natsUrl, cliBus, court, courtData, head, id.operatorPublicKey);
    return busiestJudge(rep.result!);
  } finally {
    await probe.shutdown();
    await nc.close();
  }
}

/**
 * The centre as witness (issue 11): the court's sealed checkpoint receipted by the centre and checked against the
 * court's own chain; then the administrator's database pull (Засади 18.3) with its report; then the open alarms.
 */
async function witnessAndPull(natsUrl: string, cliBus: string, court: string, courtData: string, head: number, operatorKey: string): Promise<void> {
  const journal = join(courtData, 'journal.sqlite');
  const deadline = Date.now() + 90_000;
  let r = verifyReceipts(courtData, journal, operatorKey);
  while (!(r.last && r.last.gseq >= head)) {
    if (Date.now() > deadline) throw new CliError(`no receipt from the centre for the court's checkpoint at ${head} within 90 s`);
    await new Promise((res) => setTimeout(res, 500));
    r = verifyReceipts(courtData, journal, operatorKey);
  }
  const ok = r.problems.length === 0 ? 'every receipt matches the court\'s chain' : `PROBLEMS: ${r.problems.map((p) => p.problem).join('; ')}`;
  process.stdout.write(`\nsealed checkpoint: court ${court} chain head ${r.last!.gseq} witnessed by ${r.last!.centre}; ${r.checked} receipt(s) checked — ${ok}\n\n`);
  const cli = (args: string[]) =>
    new Promise<number>((res) => spawn(process.execPath, [ASDS, ...args, '--nats', natsUrl, '--bus', cliBus], { stdio: 'inherit' }).on('exit', (c) => res(c ?? 1)));
  process.stdout.write(`database pull (Засади 18.3): asds central pull --court ${court}\n`);
  const pulled = await cli(['central', 'pull', '--court', court, '--by', 'Адміністратор АСДС (демонстрація)']);
  if (pulled !== 0) throw new CliError(`the database pull of court ${court} ended with exit code ${pulled}`);
  process.stdout.write(`\nintegrity alarms: asds central integrity --open\n`);
  await cli(['central', 'integrity', '--open']);
}

/** Judges' names from the court's Засади (reports name people, not ids); ids that are not there stay as they are. */
function judgeNames(court: string): Map<string, string> {
  const rules = loadRulesFiles(DEFAULT_ZASADY);
  if (rules.court.code !== court) return new Map();
  return new Map(rules.zasady.flatMap((v) => v.judges).flatMap((j) => [[j.id, j.name], [j.id.toLowerCase(), j.name]] as Array<[string, string]>));
}

function printWorkload(rows: WorkloadRow[], names: Map<string, string>): void {
  const per = new Map<string, { name: string | null; received: number; weighted: number; decided: number; pending: number }>();
  for (const r of rows) {
    // the centre names the judge from the court's replicated Засади; the local file is the fallback
    const j = per.get(r.judge) ?? { name: r.judgeName, received: 0, weighted: 0, decided: 0, pending: 0 };
    j.received += r.received;
    j.weighted += r.weighted_load;
    j.decided += r.decided;
    j.pending += r.pending;
    per.set(r.judge, j);
  }
  const line = (c: string[]) => process.stdout.write(`  ${c[0]!.padEnd(24)}${c.slice(1).map((x) => x.padStart(14)).join('')}\n`);
  line(['суддя', 'надійшло', 'навантаження', 'розглянуто', 'на розгляді']);
  for (const [judge, j] of [...per].sort((a, b) => (a[0] < b[0] ? -1 : 1))) line([j.name ?? names.get(judge) ?? judge, String(j.received), j.weighted.toFixed(2), String(j.decided), String(j.pending)]);
}

/** The judge with the most cases received: the demo judge login (their "my cases" is not empty). */
function busiestJudge(rows: WorkloadRow[]): string | undefined {
  const per = new Map<string, number>();
  for (const r of rows) per.set(r.judge, (per.get(r.judge) ?? 0) + r.received);
  return [...per].sort((a, b) => b[1] - a[1])[0]?.[0];
}

async function retry<T>(fn: () => Promise<T>, attempts = 20): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (e) {
      if (i >= attempts) throw e;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

/** Ctrl-C / exit: nodes first (graceful), then the servers; every child by PID. */
function installStop(procs: Proc[]): () => Promise<void> {
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      for (const p of [...procs].reverse()) await terminate(p.child);
    })());
  process.on('SIGINT', () => void stop().then(() => process.exit(0)));
  process.on('SIGTERM', () => void stop().then(() => process.exit(0)));
  process.on('exit', () => {
    for (const p of procs) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
  });
  return stop;
}

function terminate(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolveExit) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolveExit();
    });
    child.kill('SIGTERM');
  });
}

