/**
 * `asds simulate --courts N --days D --seed S [--nats <url> [--ops <operator dir>]] [--data <dir>] [--cases-per-day 40] [--first-court 537]`
 *
 * Starts N real court nodes (`asds court serve --port 0`; court 537 with the
 * Lubny example Засади, 538… with the same Засади under their own code),
 * drives them through their HTTP APIs with a seeded mix (actors/court/simulator),
 * and — with --nats, where a central worker listens — waits until the centre's
 * mark reaches every court's journal head before stopping them. Without --nats
 * the courts run alone (their journals under --data). With --nats each simulated court gets its bus credentials
 * from the operator folder (--ops, default ./data/ops; added as `asds ops court add` would, if not yet on the bus)
 * and the simulator asks the centre as the folder's `ops-admin`.
 * Prints progress (a bar on a TTY, plain lines otherwise) and one JSON summary line last.
 * --timeline: each simulated day happens on its own date — the court nodes run on a simulated clock
 * (`court serve --simulated-clock`, actors/court/simulator/clock.ts) that starts D−1 days back and is moved a day
 * forward before each day's steps, so appeal terms run out, legal force arrives and reminders fire; the last day
 * is today and the clock then equals the real one.
 * --originals: each decision on the merits and judgment is also drawn up as «Рішення суду» and signed by its judge
 * into an Original (Засади 13.2); the judges' certificates are issued by each court's CA into its data dir.
 *
 * `asds simulate --manipulate <scenario|a–f> [--courts N] [--planted K] [--days D] [--seed S] [--cases-per-day 10] [--data <dir>] [--detect]`
 * plants one manipulation (actors/court/simulator/manipulate.ts: absence-before-draw, non-random-rate,
 * zasady-concentration, refiling, draw-frequency, load-inputs) at K random courts and times of an otherwise
 * clean workload, written as replicated events into <data>/central/analytics (chdb; no central worker may hold
 * that folder), with the ground truth in <data>/planted-<scenario>.json; --detect runs the detectors and prints
 * the recall. Not through court nodes: a node's draw cannot be manipulated through its API (manipulated.ts).
 */
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, copyFileSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { connect } from '@nats-io/transport-node';
import { DEFAULT_ZASADY } from '../../actors/court/distribution/config.ts';
import { rosterOf, simulateCourt, zasadyFor, type CourtSimResult } from '../../actors/court/simulator/index.ts';
import { adminPasswordFor, journalHead, startCourtProcess, stopChild, waitForCentreMark, type CourtChild } from '../../actors/court/simulator/cluster.ts';
import { CliError, options } from './util.ts';
import { SCENARIOS, SCENARIO_LETTERS, type Scenario } from '../../actors/court/simulator/manipulate.ts';
import { simulateManipulated } from '../../actors/court/simulator/manipulated.ts';
import { demoKeyPassphraseFile, initCourtCa, issueUserCertificate, KEY_PASSPHRASE_ENV } from '../../actors/pki/index.ts';
import { sealCourtName } from '../../actors/court/seal/court-name.ts';
import { userPaths } from '../../actors/pki/layout.ts';
import { moveNodeClock, writeClockOffset } from '../../actors/court/simulator/clock.ts';
import { STATS_CONTROL_FILE } from '../../actors/court/stats/control.ts';
import { busConnectOptions, loadBusIdentity, OperatorFolder } from '../../runtime/bus/index.ts';

function openOps(dir: string): OperatorFolder {
  try {
    return OperatorFolder.open(dir);
  } catch (e) {
    throw new CliError(`--ops: ${(e as Error).message}`, 2);
  }
}

export async function simulate(argv: string[]): Promise<number> {
  const o = options(argv, {
    courts: { type: 'string' },
    days: { type: 'string' },
    seed: { type: 'string' },
    nats: { type: 'string' },
    ops: { type: 'string' },
    data: { type: 'string' },
    'cases-per-day': { type: 'string' },
    'first-court': { type: 'string' },
    manipulate: { type: 'string' },
    timeline: { type: 'boolean' },
    originals: { type: 'boolean' },
    planted: { type: 'string' },
    detect: { type: 'boolean' },
  });
  const int = (name: string, v: string | boolean | undefined, dflt: number, min: number, max: number) => {
    const n = v === undefined ? dflt : Number(v);
    if (!Number.isInteger(n) || n < min || n > max) throw new CliError(`--${name} must be an integer ${min}–${max}`, 2);
    return n;
  };
  const courts = int('courts', o.courts, 1, 1, 50);
  const days = o.manipulate !== undefined ? 0 : int('days', o.days, 3, 1, 366);
  const seed = int('seed', o.seed, 1, 0, 2 ** 31 - 1);
  const perDay = int('cases-per-day', o['cases-per-day'], 40, 1, 10_000);
  const first = int('first-court', o['first-court'], 537, 1, 9999 - courts);
  const data = resolve((o.data as string | undefined) ?? 'data/sim');
  if (o.manipulate !== undefined) {
    const scenario = (SCENARIO_LETTERS[String(o.manipulate)] ?? o.manipulate) as Scenario;
    if (!SCENARIOS.includes(scenario)) throw new CliError(`--manipulate: one of ${SCENARIOS.join(', ')} (or a–f)`, 2);
    if (o.nats !== undefined) throw new CliError('--manipulate writes the replicated events straight into <data>/central/analytics; it does not run court nodes, so --nats does not apply', 2);
    const planted = int('planted', o.planted, Math.max(1, Math.floor(courts / 2)), 1, courts);
    const examined = int('days', o.days, 92, 45, 366);
    const progress = progressPrinter();
    const r = await simulateManipulated({
      scenario,
      courts,
      planted,
      days: examined,
      seed,
      casesPerDay: int('cases-per-day', o['cases-per-day'], 10, 1, 200),
      firstCourt: first,
      analyticsDir: join(data, 'central', 'analytics'),
      truthFile: join(data, `planted-${scenario}.json`),
      detect: o.detect === true,
      onCourt: (court, done, total) => progress(`суд ${court}`, done, total),
    });
    progress.end();
    process.stdout.write(JSON.stringify(r) + '\n');
    return 0;
  }
  mkdirSync(join(data, 'logs'), { recursive: true });

  const children: ChildProcess[] = [];
  const stopAll = async () => {
    for (const c of children.reverse()) await stopChild(c);
  };
  const onSignal = () => void stopAll().then(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const natsUrl = o.nats as string | undefined;
    const ops = natsUrl ? openOps((o.ops as string | undefined) ?? 'data/ops') : undefined;
    const onboard = async (node: string) => {
      const r = ops!.ensureNode(node, { by: 'asds simulate' });
      if (r.added) await ops!.reload();
      return r.bundle;
    };
    const { password, source } = adminPasswordFor(data);
    const timeline = o.timeline === true;
    const clockFile = (court: string) => join(data, `clock-${court}`);
    const started: CourtChild[] = [];
    for (let i = 0; i < courts; i++) {
      const court = String(first + i);
      const dataDir = join(data, `court-${court}`);
      let zasady: string | undefined;
      if (court !== '537') {
        zasady = join(data, `zasady-${court}`, 'zasady.yaml');
        mkdirSync(dirname(zasady), { recursive: true });
        writeFileSync(zasady, zasadyFor(court));
        for (const beside of ['calendar.yaml', STATS_CONTROL_FILE]) copyFileSync(join(dirname(DEFAULT_ZASADY), beside), join(dirname(zasady), beside));
      }
      if (timeline) {
        writeClockOffset(clockFile(court), -(days - 1) * DAY_MS);
        // the court's CA and seal valid from its first simulated day: it seals protocols on those days
        if (!existsSync(join(dataDir, 'pki', 'seal.key.pem'))) initCourtCa({ dir: join(dataDir, 'pki'), courtCode: court, courtName: sealCourtName(court, zasady), passphrase: keyPassphraseOf(data), now: new Date(Date.now() - days * DAY_MS) });
      }
      const c = await startCourtProcess({ court, dataDir, ...(natsUrl ? { natsUrl, bus: await onboard(`court-${court}`) } : {}), adminPassword: password, ...(zasady ? { zasady } : {}), log: join(data, 'logs', `court-${court}.log`), ...(timeline ? { simulatedClock: clockFile(court) } : {}) });
      children.push(c.child);
      started.push(c);
      process.stdout.write(`court ${court}  ${c.url}  (admin password: ${source})\n`);
    }
    const nc = natsUrl ? await connect(busConnectOptions(loadBusIdentity(await onboard('ops-admin')), natsUrl, { name: `ops-admin-simulate-${process.pid}` })) : undefined;
    const results: CourtSimResult[] = [];
    try {
      const progress = progressPrinter();
      for (const c of started) {
        const r = await simulateCourt({ court: c.court, ordinal: started.indexOf(c), url: c.url, adminPassword: password }, rosterOf(), {
          seed,
          days,
          casesPerDay: perDay,
          onStep: (done, total) => progress(`court ${c.court}`, done, total),
          ...(o.originals === true ? { signer: judgeSigner(c.dataDir, data, timeline ? days : 1) } : {}),
          ...(timeline ? { timeline: { advance: (day: number) => moveNodeClock(clockFile(c.court), c.child.pid!, -(days - 1 - day) * DAY_MS) } } : {}),
        });
        if (timeline) await moveNodeClock(clockFile(c.court), c.child.pid!, 0);
        results.push(r);
        progress.end();
      }
      let replicated = false;
      if (nc) {
        for (const c of started) {
          const head = journalHead(c.dataDir);
          const lag = await waitForCentreMark(nc, c.court, head);
          process.stdout.write(`court ${c.court}: journal head ${head}, centre's mark ${lag.mark} — replicated\n`);
        }
        replicated = true;
      }
      const total = (k: keyof CourtSimResult) => results.reduce((s, r) => s + (r[k] as number), 0);
      process.stdout.write(
        JSON.stringify({
          simulated: { courts, days, seed, casesPerDay: perDay, timeline },
          from: dayOffset(-(days - 1)),
          to: dayOffset(0),
          registrations: total('registrations'),
          distributed: total('distributed'),
          assignments: total('assignments'),
          decided: total('decided'),
          statEntries: total('statEntries'),
          originals: total('originals'),
          replicated,
          courts: results,
        }) + '\n',
      );
    } finally {
      await nc?.close();
    }
    return 0;
  } finally {
    await stopAll();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

const DAY_MS = 86_400_000;

/** The court keys' passphrase as the simulated court processes get it: env, else the demo file beside them. */
function keyPassphraseOf(simDir: string): string {
  return process.env[KEY_PASSPHRASE_ENV] ?? readFileSync(demoKeyPassphraseFile(simDir), 'utf8').trim();
}

/**
 * Judges' signing keys for --originals: issued once by the court's CA (key passphrase as the court process has it:
 * env, else the demo file beside the courts), valid from the first simulated day; a re-run reuses them.
 */
function judgeSigner(dataDir: string, simDir: string, days: number): (login: string, fullName: string) => { certPem: string; keyPem: string } {
  const pki = join(dataDir, 'pki');
  const cache = new Map<string, { certPem: string; keyPem: string }>();
  return (login, fullName) => {
    let k = cache.get(login);
    if (!k) {
      const paths = userPaths(pki, login);
      if (existsSync(paths.cert)) k = { certPem: readFileSync(paths.cert, 'utf8'), keyPem: readFileSync(paths.key, 'utf8') };
      else {
        k = issueUserCertificate({ dir: pki, login, fullName, role: 'суддя', passphrase: keyPassphraseOf(simDir), notBefore: new Date(Date.now() - days * DAY_MS) });
      }
      cache.set(login, k);
    }
    return k;
  };
}

function dayOffset(n: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Kyiv' }).format(new Date(Date.now() + n * 86_400_000));
}

/** A bar on a TTY; plain lines every 10 % otherwise. */
export function progressPrinter(out: NodeJS.WriteStream = process.stdout) {
  let lastTenth = -1;
  let onBar = false;
  const fn = (label: string, done: number, total: number) => {
    const frac = total === 0 ? 1 : done / total;
    if (out.isTTY) {
      const width = 30;
      const full = Math.round(frac * width);
      out.write(`\r${label} [${'#'.repeat(full)}${'.'.repeat(width - full)}] ${done}/${total}`);
      onBar = true;
    } else {
      const tenth = Math.floor(frac * 10);
      if (tenth !== lastTenth) {
        lastTenth = tenth;
        out.write(`${label}: ${done}/${total} steps (${tenth * 10} %)\n`);
      }
    }
  };
  fn.end = () => {
    if (onBar) out.write('\n');
    onBar = false;
    lastTenth = -1;
  };
  return fn;
}
