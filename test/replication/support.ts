/**
 * Replication test support: an in-process court (journal + a `gen` actor that
 * writes the report's event types + the real CourtReplicator), central
 * workers as real `asds central serve` processes, and the court's own
 * counts computed straight from its journal — the reference the centre must equal.
 */
import { Type } from '@sinclair/typebox';
import { join } from 'node:path';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { ActorSystem, Journal, type Behavior } from '../../runtime/index.ts';
import { CourtReplicator } from '../../actors/court/replicator/index.ts';
import { courtPublicView, redactionKey } from '../../contracts/ingest/index.ts';
import { startNodeProcess, type NodeProcess } from '../support/processes.ts';
import type { NatsHandle } from '../support/servers.ts';
import { busConnectOptions, type BusIdentity } from '../../runtime/bus/index.ts';
import type { WorkloadRow } from '../../analytics/workload.ts';

export const silent = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * Writes the event types the workload report counts (analytics/README.md),
 * plus free-form events. Registered under the kinds whose events it stands in
 * for (`distribution`, `case`), since the redaction policy is per kind/type.
 */
export const gen: Behavior<{ n: number }, any> = {
  kind: 'distribution',
  commandSchema: Type.Object({ type: Type.String() }, { additionalProperties: true }),
  initialState: () => ({ n: 0 }),
  decide(_s, c) {
    switch (c.type) {
      case 'distribute':
        return {
          events: [
            {
              type: 'case-distributed',
              caseId: c.caseId,
              case: { caseId: c.caseId, category: c.category, exclusions: [] },
              composition: { presiding: c.judge, members: c.members ?? [] },
              load: [c.judge, ...(c.members ?? [])].map((j: string, i: number) => ({
                type: 'case-assigned',
                judgeId: j,
                caseId: c.caseId,
                category: c.category,
                form: i === 0 ? 'presiding' : 'member',
                date: c.date,
                kCategory: c.k ?? 1,
                kForm: i === 0 ? 1 : 0.5,
              })),
            },
          ],
          reply: true,
        };
      case 'decide':
        return { events: [{ type: 'case-decided', caseId: c.caseId, date: c.date, outcome: 'decision' }], reply: true };
      case 'raw':
        return { events: [{ ...c.event }], reply: true };
      default:
        return { events: [{ type: 'noise', i: c.i ?? 0 }], reply: true };
    }
  },
  evolve: (s) => ({ n: s.n + 1 }),
};

export interface Court {
  code: string;
  journal: Journal;
  system: ActorSystem;
  replicator: CourtReplicator;
  nc: NatsConnection;
  identity: BusIdentity;
  stop(): Promise<void>;
}

/** A court in this process, replicating to the central NATS of `nats` with its own bus identity (`court-<code>`). */
export async function startCourt(code: string, dataDir: string, nats: Pick<NatsHandle, 'url' | 'bus'>, opts: { stallMs?: number } = {}): Promise<Court> {
  // the court's redaction policy decides at write what may leave it (chain format 2), as in a court node
  const journal = new Journal(join(dataDir, 'journal.sqlite'), { publicView: courtPublicView({ hashKey: redactionKey() }) });
  const system = new ActorSystem({ node: `court-${code}`, journal, logger: silent, passivateAfterMs: 0 }).register(gen).register({ ...gen, kind: 'case' }).start();
  const identity = await nats.bus.identity(`court-${code}`);
  const nc = await connect(busConnectOptions(identity, nats.url, { maxReconnectAttempts: -1, reconnectTimeWait: 250 }));
  const replicator = new CourtReplicator({ court: code, journal, nats: Promise.resolve(nc), bus: identity, log: silent, askEveryMs: 200, stallMs: opts.stallMs ?? 5000 }).start();
  return {
    code,
    journal,
    system,
    replicator,
    nc,
    identity,
    async stop() {
      await replicator.stop();
      await system.shutdown();
      await nc.close();
      journal.close();
    },
  };
}

/** Court `code` writes `cases` distributions over `judges` (a deterministic mix) and decides every third; returns the commands' count. */
export async function writeWorkload(court: Court, cases: number, opts: { prefix?: string; judges?: number; concurrency?: number } = {}): Promise<void> {
  const judges = opts.judges ?? 7;
  const cats = ['civil', 'criminal', 'admin'];
  const cmds: Array<{ actor: string; cmd: Record<string, unknown> }> = [];
  for (let i = 0; i < cases; i++) {
    const caseId = `${opts.prefix ?? 'c'}-${i}`;
    const day = `2025-0${1 + (i % 6)}-${String(1 + (i % 27)).padStart(2, '0')}`;
    const members = i % 5 === 0 ? [`j${(i + 1) % judges}`, `j${(i + 2) % judges}`] : [];
    cmds.push({ actor: `g${i % 16}`, cmd: { type: 'distribute', caseId, category: cats[i % 3], judge: `j${i % judges}`, members, date: day, k: 1 + (i % 3) } });
    if (i % 3 === 0) cmds.push({ actor: `g${i % 16}`, cmd: { type: 'decide', caseId, date: day.replace(/-(\d\d)$/, '-28') } });
  }
  let next = 0;
  await Promise.all(
    Array.from({ length: opts.concurrency ?? 64 }, async () => {
      for (;;) {
        const i = next++;
        if (i >= cmds.length) return;
        await court.system.ref('distribution', cmds[i]!.actor).ask(cmds[i]!.cmd, { timeoutMs: 60_000 });
      }
    }),
  );
}

/** The workload report computed by the court itself from its journal (same definitions as analytics/workload.ts). */
export function courtOwnWorkload(journal: Journal, code: string, from: string, to: string): WorkloadRow[] {
  const assigned: Array<{ seq: number; caseId: string; judge: string; role: string; category: string; weight: number; day: string }> = [];
  const decided = new Map<string, string>();
  for (let g = 1; ; ) {
    const rows = journal.read(g, 5000);
    if (rows.length === 0) break;
    for (const r of rows) {
      const d = JSON.parse(r.data);
      if (r.type === 'case-distributed')
        for (const l of d.load) assigned.push({ seq: r.gseq, caseId: d.caseId, judge: l.judgeId, role: l.form, category: l.category, weight: l.kCategory * l.kForm, day: l.date });
      if (r.type === 'case-decided' && d.date <= to) decided.set(d.caseId, decided.has(d.caseId) && decided.get(d.caseId)! < d.date ? decided.get(d.caseId)! : d.date);
    }
    g = rows[rows.length - 1]!.gseq + 1;
  }
  const out = new Map<string, WorkloadRow>();
  const row = (judge: string, category: string) => {
    const k = `${judge}|${category}`;
    // these test courts load no Засади, so the centre knows no judge's name
    if (!out.has(k)) out.set(k, { court: code, judge, judgeName: null, category, received: 0, weighted_load: 0, decided: 0, pending: 0 });
    return out.get(k)!;
  };
  const recvCases = new Map<string, Set<string>>();
  const latest = new Map<string, { seq: number; judge: string; category: string }>();
  for (const a of assigned) {
    if (a.day > to) continue;
    if (a.day >= from) {
      const r = row(a.judge, a.category);
      const k = `${a.judge}|${a.category}`;
      if (!recvCases.has(k)) recvCases.set(k, new Set());
      recvCases.get(k)!.add(a.caseId);
      r.weighted_load += a.weight;
    }
    if (a.role === 'presiding' && (latest.get(a.caseId)?.seq ?? 0) < a.seq) latest.set(a.caseId, { seq: a.seq, judge: a.judge, category: a.category });
  }
  for (const [k, s] of recvCases) out.get(k)!.received = s.size;
  for (const [caseId, l] of latest) {
    const d = decided.get(caseId);
    if (d === undefined) row(l.judge, l.category).pending++;
    else if (d >= from) row(l.judge, l.category).decided++;
  }
  return [...out.values()]
    .filter((r) => r.received + r.decided + r.pending > 0)
    .map((r) => ({ ...r, weighted_load: Math.round(r.weighted_load * 10_000) / 10_000 }))
    .sort((a, b) => (a.judge + '|' + a.category < b.judge + '|' + b.category ? -1 : 1));
}

/** `asds central serve` as a real process with its own bus identity; resolves when its ingest runs. */
export async function startCentralWorker(nats: Pick<NatsHandle, 'url' | 'bus'>, dataDir: string, extra: string[] = [], node = 'central-1', env: Record<string, string> = {}): Promise<NodeProcess> {
  const bus = await nats.bus.bundle(node);
  // without a registry (--courts) the worker refuses every court: tests that do not test the registry admit any
  const courts = extra.includes('--courts') ? [] : ['--any-court'];
  const p = startNodeProcess('bin/cli.ts', ['central', 'serve', '--node', node, '--data', dataDir, '--nats', nats.url, '--bus', bus, ...courts, ...extra], { ASDS_INGEST_ACK_WAIT_MS: '3000', ...env });
  await p.waitFor(/"ingest":"running"/, 60_000);
  return p;
}

/** Poll until `fn` is true (bounded: a test must end). */
export async function until(fn: () => boolean | Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await fn())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
