/**
 * Operator onboarding of the bus (at the centre, operator folder `--ops <dir>`, default `./data/ops`):
 *
 *   asds ops init [--ops <dir>] [--host 127.0.0.1] [--port 4222] [--server-name <dns>]… [--cluster 4222:6222,4223:6223,4224:6224]
 *   asds ops court add --court <code> --name <name> [--zasady <file>] [--data <court data dir>] [--ops <dir>]
 *   asds ops court revoke <code> [--ops <dir>]
 *   asds ops central add --node central-2 [--data <worker data dir>] [--ops <dir>]
 *   asds ops central revoke central-2 [--ops <dir>]
 *   asds ops list [--ops <dir>]
 *
 * `add` makes the node's nkey, passport and bundle, adds it to the server's users file and reloads the running
 * server, registers a court in the centre's registry of connected courts (courts.yaml, re-read by the central
 * workers), and prints the exact command that starts the node. `revoke` removes the node from the users file and
 * reloads — nats-server closes its live connection and refuses its next login — and marks it revoked (kept,
 * attributed, timed) in the registry. Who did it: env ASDS_OPERATOR, else the OS user.
 */
import { formatIssues, loadRulesFiles, rulesIssues } from '../../actors/court/distribution/config.ts';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { OperatorFolder, BusCredentialsError } from '../../runtime/bus/index.ts';
import { CliError } from './util.ts';

type Values = Record<string, string | boolean | string[] | undefined>;

function parse(argv: string[], spec: Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>): { values: Values; positionals: string[] } {
  try {
    return parseArgs({ args: argv, options: { ops: { type: 'string' }, ...spec }, strict: true, allowPositionals: true }) as { values: Values; positionals: string[] };
  } catch (e) {
    throw new CliError((e as Error).message, 2);
  }
}

const opsDir = (v: Values) => resolve((v.ops as string | undefined) ?? 'data/ops');

function open(v: Values): OperatorFolder {
  try {
    return OperatorFolder.open(opsDir(v));
  } catch (e) {
    throw new CliError((e as Error).message, 2);
  }
}

/** Shell-quote an argument for the printed command (only when needed). */
const sh = (s: string) => (/^[A-Za-z0-9_./:=@%+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

async function reloadAndSay(ops: OperatorFolder): Promise<void> {
  const out = process.stdout;
  try {
    if (await ops.reload()) out.write(`nats-server reloaded (${ops.paths.pid})\n`);
    else out.write(`no nats-server runs from ${ops.paths.config}; the change applies when it starts\n`);
  } catch (e) {
    throw new CliError(`the users file is written but the reload failed: ${(e as Error).message}`);
  }
}

function guard<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof BusCredentialsError) throw new CliError(e.message, 2);
    throw e;
  }
}

/** `--cluster 4222:6222,4223:6223,4224:6224`: client and route port of each server. */
function clusterOption(text: string): Array<{ port: number; clusterPort: number }> {
  const members = text.split(',').map((pair) => pair.split(':').map(Number));
  const ok = (n: number | undefined) => n !== undefined && Number.isInteger(n) && n > 0 && n < 65536;
  if (members.length < 3 || members.some((m) => m.length !== 2 || !ok(m[0]) || !ok(m[1]))) {
    throw new CliError('--cluster takes at least three client:route port pairs, e.g. 4222:6222,4223:6223,4224:6224', 2);
  }
  return members.map(([port, clusterPort]) => ({ port: port!, clusterPort: clusterPort! }));
}

export async function opsInit(argv: string[]): Promise<number> {
  const { values: v } = parse(argv, { host: { type: 'string' }, port: { type: 'string' }, 'server-name': { type: 'string', multiple: true }, cluster: { type: 'string' } });
  const port = v.port === undefined ? undefined : Number(v.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 1 || port > 65535)) throw new CliError('--port must be 1–65535', 2);
  const cluster = v.cluster === undefined ? undefined : clusterOption(v.cluster as string);
  const ops = OperatorFolder.init(opsDir(v), {
    ...(port !== undefined ? { port } : {}),
    ...(v.host ? { host: v.host as string } : {}),
    ...(v['server-name'] ? { serverNames: v['server-name'] as string[] } : {}),
    ...(cluster ? { cluster } : {}),
  });
  const admin = ops.ensureNode('ops-admin', { by: 'asds ops init' });
  const members = ops.server.cluster?.servers;
  const start = members ? members.map((m) => `  nats-server -c ${sh(m.config)}`).join('\n') : `  nats-server -c ${sh(ops.paths.config)}`;
  process.stdout.write(
    `bus operator folder: ${ops.dir}  (operator key and bus CA key are owner-only; keep this folder at the centre)\n` +
      `start the bus server${members ? 's (a cluster: central workers then use --replicas 3)' : ''}:\n${start}\n` +
      `bus URL: ${ops.server.url}   CLI identity: ${admin.bundle} (asds node status / central lag / report workload --bus)\n`,
  );
  return 0;
}

/**
 * The court's rule files (Засади, calendar.yaml and legal-force.yaml beside them) before anything is
 * registered: every error of every file listed, one per line, and the Засади must be this court's.
 */
function checkCourtRules(zasady: string, code: string): void {
  const issues = rulesIssues(zasady);
  if (issues.length > 0) throw new CliError(`--zasady: the court's rules have ${issues.length} error(s):\n${formatIssues(issues)}`, 2);
  const court = loadRulesFiles(zasady).court.code;
  if (court !== code) throw new CliError(`--zasady: ${zasady} are the Засади of court ${court}, not of court ${code}`, 2);
}

export async function opsCourt(argv: string[]): Promise<number> {
  const [verb, ...rest] = argv;
  const { values: v, positionals } = parse(rest, { court: { type: 'string' }, name: { type: 'string' }, zasady: { type: 'string' }, data: { type: 'string' } });
  const code = (v.court as string | undefined) ?? positionals[0];
  if (!code || !/^[0-9]{1,4}$/.test(code)) throw new CliError('give the court code: 1–4 digits (--court <code>)', 2);
  const node = `court-${code}`;
  if (verb === 'add') {
    const name = v.name as string | undefined;
    if (!name || name.trim().length === 0) throw new CliError('--name <court name> is required', 2);
    const zasady = v.zasady ? resolve(v.zasady as string) : undefined;
    if (zasady && !existsSync(zasady)) throw new CliError(`--zasady: ${zasady} does not exist`, 2);
    if (zasady) checkCourtRules(zasady, code);
  }
  const ops = open(v);
  if (verb === 'add') {
    const name = (v.name as string).trim();
    const zasady = v.zasady ? resolve(v.zasady as string) : undefined;
    const { bundle } = guard(() => ops.addNode(node, { name }));
    process.stdout.write(`${node} added: credentials in ${bundle} (seed owner-only; hand the folder to the court over a trusted channel)\n`);
    process.stdout.write(`registered in the centre's registry of connected courts: ${ops.paths.courts}\n`);
    await reloadAndSay(ops);
    const data = resolve((v.data as string | undefined) ?? join('data', node));
    const cmd = ['asds', 'court', 'serve', '--court', code, '--data', data, '--nats', ops.server.url, '--bus', bundle, ...(zasady ? ['--zasady', zasady] : ['--no-distribution'])];
    process.stdout.write(`start the court node:\n  ${cmd.map(sh).join(' ')}\n`);
    if (!zasady) process.stdout.write('no --zasady given: this starts the court WITHOUT automated distribution; replace --no-distribution by --zasady <file> once the court\'s Засади are approved\n');
    return 0;
  }
  if (verb === 'revoke') {
    const rec = guard(() => ops.revokeNode(node));
    process.stdout.write(`${node} revoked at ${rec.revokedAt} by ${rec.revokedBy}; kept in ${ops.paths.nodes} and ${ops.paths.courts} as revoked\n`);
    await reloadAndSay(ops);
    return 0;
  }
  throw new CliError('usage: asds ops court add --court <code> --name <name> [--zasady <file>] | asds ops court revoke <code>', 2);
}

export async function opsCentral(argv: string[]): Promise<number> {
  const [verb, ...rest] = argv;
  const { values: v, positionals } = parse(rest, { node: { type: 'string' }, data: { type: 'string' } });
  const node = (v.node as string | undefined) ?? positionals[0];
  if (!node || !/^central-[a-z0-9-]{1,32}$/.test(node)) throw new CliError('give the worker name: --node central-<name>', 2);
  const ops = open(v);
  if (verb === 'add') {
    const { bundle } = guard(() => ops.addNode(node));
    process.stdout.write(`${node} added: credentials in ${bundle}\n`);
    await reloadAndSay(ops);
    const data = resolve((v.data as string | undefined) ?? join('data', node));
    const cmd = ['asds', 'central', 'serve', '--node', node, '--data', data, '--nats', ops.server.url, '--bus', bundle, '--courts', ops.paths.courts];
    process.stdout.write(`start the central worker:\n  ${cmd.map(sh).join(' ')}\n`);
    return 0;
  }
  if (verb === 'revoke') {
    const rec = guard(() => ops.revokeNode(node));
    process.stdout.write(`${node} revoked at ${rec.revokedAt} by ${rec.revokedBy}; kept in ${ops.paths.nodes}\n`);
    await reloadAndSay(ops);
    return 0;
  }
  throw new CliError('usage: asds ops central add --node central-<name> | asds ops central revoke central-<name>', 2);
}

export async function opsList(argv: string[]): Promise<number> {
  const { values: v } = parse(argv, {});
  process.stdout.write(JSON.stringify(open(v).nodes(), null, 2) + '\n');
  return 0;
}
