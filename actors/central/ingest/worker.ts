/**
 * Central ingest worker (issue 6 item 2, issue 11 item 1): consumes the shared
 * durable consumer, validates every message against contracts/ingest, verifies
 * every event against the court's chain as witnessed so far (chain.ts), inserts
 * each batch into ClickHouse (workload facts, then events, then second versions,
 * rejects and alarms), acks only after the inserts returned, then advances and
 * pushes the marks of the batch's courts. It also answers courts' mark
 * requests (queue group: any worker answers).
 *
 * Failure handling: an invalid or refused event is recorded in `ingest_rejects`
 * (refusals with an integrity alarm) and never stored, so the court's mark stops
 * below it and the lag monitor shows the court; a failed insert naks the
 * whole batch for redelivery. A worker killed at any point leaves its
 * unacked messages to be redelivered after ack_wait — to itself or another
 * worker — and ReplacingMergeTree absorbs what was inserted but not acked.
 */
import type { Msg, NatsConnection, Subscription } from '@nats-io/transport-node';
import { jetstream, jetstreamManager, type ConsumerMessages, type JsMsg } from '@nats-io/jetstream';
import type { AnalyticsEngine } from '../../../analytics/engine.ts';
import { INGEST_DURABLE, INGEST_QUEUE, INGEST_STREAM, MARK_REQUEST_WILDCARD, MarkRequestV1, markPushSubject, markRequestSubject, type MarkV1 } from '../../../contracts/ingest/index.ts';
import { schemaErrors, type Logger } from '../../../runtime/index.ts';
import { ensureIngestStream } from './stream.ts';
import { MarkBook } from './marks.ts';
import { decodeMessage, EVENT_COLUMNS, FACT_COLUMNS, type DecodedMessage, type GoodEvent, type Reject } from './rows.ts';
import { ChainBook } from './chain.ts';
import { raiseAlarms, alarmId, type NewAlarm } from '../../../analytics/alarms.ts';
import { registryNow, type CourtRegistrySource } from '../../../analytics/court-registry.ts';
import { StatusBook } from './status.ts';
import { ingestEvents, ingestRejected } from '../../../runtime/metrics/index.ts';
import type { BusIdentity } from '../../../runtime/bus/identity.ts';
import type { BusSigner } from '../../../runtime/bus/passport.ts';
import { senderOf, signedHeaders, signerOf } from '../../../runtime/bus/nats-sign.ts';

export interface IngestWorkerOptions {
  nc: NatsConnection;
  /**
   * The worker's bus identity. A frame is accepted only when signed by the court its subject names (its
   * operator-issued passport says `court-<code>`), a mark request likewise; marks this worker sends are signed
   * (architecture.md "Trust boundaries"). Anything unsigned or forged is recorded in `ingest_rejects` and dropped.
   */
  bus: BusIdentity;
  /** Opens the analytics engine (called again when the writer is restarted). */
  openEngine: () => Promise<AnalyticsEngine>;
  log: Logger;
  /** JetStream replicas of the ingest stream: 3 in production, 1 embedded. Default 1. */
  replicas?: number;
  /** Most events per insert (a batch is whole messages; frames hold many events). Default 50,000. */
  batchMax?: number;
  /** Bytes of messages the consumer keeps buffered from the server. Default 32 MiB. */
  bufferBytes?: number;
  /** Wait this long for a fuller batch when fewer are queued. Default 50 ms. */
  lingerMs?: number;
  gapGraceMs?: number;
  statusFlushMs?: number;
  /** Redelivery delay of unacked messages (a killed worker's batch). Default 60 s; env ASDS_INGEST_ACK_WAIT_MS. */
  ackWaitMs?: number;
  /** This worker's node name: who raised an alarm. Default `central`. */
  node?: string;
  /** Told the courts of every stored batch, after the acks (statistical cards: actors/central/stats/cards.ts). Must not block. */
  onStored?: (courts: ReadonlySet<string>) => void;
  /**
   * Registry of connected courts (13.3): events of a court not in it are refused with an 'unknown-court' alarm.
   * Without one every court is refused (fail-closed) unless `anyCourt` is set (development and tests only).
   */
  registry?: CourtRegistrySource;
  anyCourt?: boolean;
}

export interface IngestStats {
  batches: number;
  inserted: number;
  rejected: number;
  insertFailures: number;
  engineRestarts: number;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export class IngestWorker {
  private engine!: AnalyticsEngine;
  private readonly marks: MarkBook;
  private readonly chain: ChainBook;
  /** Alarm ids this worker has stored: a court resending a refused event is not alarmed again each time. */
  private readonly raised = new Set<string>();
  private readonly status: StatusBook;
  private messages: ConsumerMessages | undefined;
  /** Delivered messages, decoded on arrival (so a batch can be cut by event count). */
  private readonly queue: Array<{ msg: JsMsg; d: DecodedMessage }> = [];
  private queuedEvents = 0;
  private wake: (() => void) | undefined;
  private stopped = false;
  private loop: Promise<void> | undefined;
  private markSub: Subscription | undefined;
  private gapTimer: NodeJS.Timeout | undefined;
  private sweeping = false;
  private busy: Promise<void> = Promise.resolve();
  readonly stats: IngestStats = { batches: 0, inserted: 0, rejected: 0, insertFailures: 0, engineRestarts: 0 };

  private readonly signer: BusSigner;

  constructor(private readonly opts: IngestWorkerOptions) {
    this.signer = signerOf(opts.bus);
    this.marks = new MarkBook(() => this.engine, opts.gapGraceMs);
    this.chain = new ChainBook(() => this.engine, this.marks);
    this.status = new StatusBook(() => this.engine, opts.statusFlushMs);
  }

  private get ackWaitMs(): number {
    return this.opts.ackWaitMs ?? (Number(process.env.ASDS_INGEST_ACK_WAIT_MS) || 60_000);
  }

  get analytics(): AnalyticsEngine {
    return this.engine;
  }

  /** Write what courts last reported (before a lag query, so it sees the latest). */
  flushStatus(): Promise<void> {
    return this.withEngine(() => this.status.flush());
  }

  async start(): Promise<this> {
    this.engine = await this.opts.openEngine();
    const jsm = await jetstreamManager(this.opts.nc);
    await ensureIngestStream(jsm, {
      replicas: this.opts.replicas ?? 1,
      ackWaitMs: this.ackWaitMs,
    });
    this.markSub = this.opts.nc.subscribe(MARK_REQUEST_WILDCARD, { queue: INGEST_QUEUE, callback: (_e, m) => void this.answerMark(m) });
    const consumer = await jetstream(this.opts.nc).consumers.get(INGEST_STREAM, INGEST_DURABLE);
    const batchMax = this.opts.batchMax ?? 50_000;
    this.messages = await consumer.consume({
      // by bytes, not messages: a frame carries up to INGEST_FRAME_MAX_EVENTS events
      max_bytes: this.opts.bufferBytes ?? 32 * 1024 * 1024,
      callback: (m) => {
        const d = this.decodeSigned(m);
        this.queue.push({ msg: m, d });
        this.queuedEvents += d.good.length + d.bad.length;
        this.wake?.();
      },
    });
    if (!this.opts.registry && !this.opts.anyCourt) this.opts.log.warn('ingest-no-registry', { error: 'no registry of connected courts: every court is refused' });
    this.status.start();
    // a gap at the end of a court's stream gets no later batch to reveal it: sweep open gaps
    this.gapTimer = setInterval(() => void this.sweepGaps(), Math.max(500, (this.opts.gapGraceMs ?? 3000) / 2));
    this.loop = this.run(batchMax);
    return this;
  }

  /**
   * Restart the analytics writer: wait for the batch in flight, close the
   * engine, open it again. Messages arriving meanwhile wait in the queue.
   */
  restartEngine(): Promise<void> {
    const next = this.busy.then(async () => {
      await this.status.flush().catch(() => undefined);
      await this.marks.flush().catch(() => undefined);
      await this.engine.close();
      this.engine = await this.opts.openEngine();
      this.marks.reset();
      this.chain.reset();
      this.stats.engineRestarts++;
      this.opts.log.info('analytics-writer-restarted', {});
    });
    this.busy = next.catch(() => undefined);
    return next;
  }

  private async run(batchMax: number): Promise<void> {
    while (!this.stopped) {
      if (this.queue.length === 0) {
        await new Promise<void>((resolve) => (this.wake = resolve));
        this.wake = undefined;
        continue;
      }
      // linger briefly for a fuller batch: each insert costs a part and an fsync, so size is throughput
      if (this.queuedEvents < batchMax) await new Promise((r) => setTimeout(r, this.opts.lingerMs ?? 50));
      const batch = this.take(batchMax);
      // a slow insert (a loaded machine) must not let ack_wait expire: the batch in
      // flight and what waits behind it would be redelivered and inserted again
      const heartbeat = setInterval(() => this.inProgress(batch), Math.max(200, this.ackWaitMs / 3));
      const done = this.busy.then(() => this.process(batch));
      this.busy = done.catch(() => undefined);
      await done.catch((e) => this.opts.log.error('ingest-batch-failed', { error: String(e) })).finally(() => clearInterval(heartbeat));
    }
  }

  /**
   * A frame counts only if the court its subject names signed it. Stored frames are checked without a time
   * window: a court cut off for days publishes old frames, and the message id already makes a replay a no-op.
   */
  private decodeSigned(m: JsMsg): DecodedMessage {
    const court = m.subject.slice(m.subject.lastIndexOf('.') + 1);
    try {
      senderOf(m, this.opts.bus.operatorPublicKey, { class: 'court', node: `court-${court}` }, { maxSkewMs: Infinity });
    } catch (e) {
      this.opts.log.warn('ingest-forged-frame', { subject: m.subject, error: String(e) });
      const raw = new TextDecoder().decode(m.data).slice(0, 10_000);
      return { court, good: [], bad: [{ court, seq: 0, reason: `refused sender: ${(e as Error).message}`, raw }] };
    }
    return decodeMessage(m.subject, m.data, Date.now());
  }

  /** Tell JetStream these messages are being worked on (resets their ack_wait). */
  private inProgress(batch: Array<{ msg: JsMsg }>): void {
    try {
      for (const { msg } of batch) msg.working();
      for (const { msg } of this.queue) msg.working();
    } catch {
      // connection closing: redelivery after ack_wait is the fallback anyway
    }
  }

  /** Whole messages from the queue head, up to `max` events (at least one message). */
  private take(max: number): Array<{ msg: JsMsg; d: DecodedMessage }> {
    let n = 0;
    let i = 0;
    while (i < this.queue.length) {
      const k = this.queue[i]!.d.good.length + this.queue[i]!.d.bad.length;
      if (i > 0 && n + k > max) break;
      n += k;
      i++;
    }
    this.queuedEvents -= n;
    return this.queue.splice(0, i);
  }

  private async process(batch: Array<{ msg: JsMsg; d: DecodedMessage }>): Promise<void> {
    const now = Date.now();
    const t0 = performance.now();
    let verdict;
    try {
      verdict = await this.chain.verify(batch.map(({ msg, d }) => ({ subject: msg.subject, d })), this.admission());
    } catch (e) {
      this.stats.insertFailures++;
      this.opts.log.error('ingest-verify-failed', { error: String(e), messages: batch.length });
      for (const { msg } of batch) msg.nak(1000);
      return;
    }
    const courts = new Set<string>();
    for (const g of verdict.accepted) courts.add(g.row.court);
    const rejects = verdict.refused.map((b) => ({ court: b.court, seq: b.seq, at: now, reason: b.reason.slice(0, 1000), raw: b.raw.slice(0, 10_000) }));
    const alarms = this.newAlarms(verdict.alarms);
    const t1 = performance.now();
    try {
      // facts before events: the mark confirmed to a court is derived from `events` alone (marks.ts), so an
      // event must not be in `events` before its facts are stored. A crash or a failure between the two inserts
      // then leaves facts without their events — unconfirmed, and completed by the redelivery (both tables are
      // keyed by (court, seq), the views of migration 005 are idempotent) — never confirmed events without facts,
      // which the report would miss until a redelivery that nothing waits for (chaos test (b)).
      await this.insertAccepted(verdict.accepted);
      if (verdict.versions.length > 0) await this.engine.insert('event_versions', verdict.versions as unknown as Array<Record<string, unknown>>);
      if (rejects.length > 0) await this.engine.insert('ingest_rejects', rejects);
      if (alarms.length > 0) await raiseAlarms(this.engine, alarms, this.opts.node ?? 'central');
    } catch (e) {
      this.stats.insertFailures++;
      this.chain.reset();
      this.opts.log.error('ingest-insert-failed', { error: String(e), messages: batch.length });
      for (const { msg } of batch) msg.nak(1000);
      return;
    }
    const t2 = performance.now();
    this.chain.adopt(verdict.tips);
    for (const a of alarms) {
      this.raised.add(alarmId(a.kind, a.court, a.key));
      this.opts.log.warn('integrity-alarm', { court: a.court, kind: a.kind, key: a.key, summary: a.summary });
    }
    // durable in ClickHouse: only now may JetStream forget them. A message with
    // nothing valid is terminated (redelivery would not make it valid); a frame
    // with some bad events is acked — its good events are in, the bad ones in ingest_rejects.
    for (const { msg, d } of batch) {
      if (d.good.length > 0) msg.ack();
      // no reason text: nats-server 2.9 (Debian's) matches "+TERM" exactly and would
      // ignore "+TERM <reason>", redelivering the message every ack_wait forever
      else msg.term();
    }
    if (rejects.length > 0) this.opts.log.warn('ingest-rejected', { count: rejects.length, first: rejects[0]!.reason });
    if (courts.size > 0) this.opts.onStored?.(courts);
    this.stats.batches++;
    this.stats.inserted += verdict.accepted.length;
    this.stats.rejected += rejects.length;
    this.count(verdict.accepted, verdict.refused);
    // also courts whose events all waited above a gap: their mark check re-requests it (marks.ts)
    for (const { d } of batch) if (d.good.length > 0) courts.add(d.court);
    for (const court of courts) {
      const tip = verdict.tips.get(court);
      const a = tip ? await this.marks.verifiedThrough(court, tip.seq, now) : await this.marks.advance(court, now);
      if (a.mark > a.previous || a.resendFrom !== undefined) this.push(a.court, a.mark, a.resendFrom);
    }
    this.opts.log.debug('ingest-batch', {
      messages: batch.length,
      accepted: verdict.accepted.length,
      resent: verdict.resent,
      early: verdict.early,
      refused: rejects.length,
      verifyMs: Math.round(t1 - t0),
      insertMs: Math.round(t2 - t1),
      marksMs: Math.round(performance.now() - t2),
      queued: this.queuedEvents,
    });
  }

  /** Facts, then events (the order the comment in process() explains); as prebuilt lines when the engine takes them. */
  /** `/metrics`: events stored and refused per court (the Prometheus rules watch the refusals). */
  private count(accepted: readonly GoodEvent[], refused: readonly Reject[]): void {
    const node = this.opts.node ?? 'central';
    const stored = new Map<string, number>();
    for (const g of accepted) stored.set(g.row.court, (stored.get(g.row.court) ?? 0) + 1);
    for (const [court, n] of stored) ingestEvents.inc({ node, court }, n);
    for (const r of refused) ingestRejected.inc({ node, court: r.court, kind: r.kind ?? (r.reason.startsWith('refused sender') ? 'sender' : 'malformed') });
  }

  private async insertAccepted(accepted: readonly GoodEvent[]): Promise<void> {
    const engine = this.engine;
    if (!engine.insertLines) {
      await engine.insert('workload_facts', accepted.flatMap((g) => g.facts) as unknown as Array<Record<string, unknown>>);
      await engine.insert('events', accepted.map((g) => g.row) as unknown as Array<Record<string, unknown>>);
      return;
    }
    let facts = '';
    let events = '';
    for (const g of accepted) {
      facts += g.factLines;
      events += g.line;
    }
    await engine.insertLines('workload_facts', FACT_COLUMNS, facts);
    await engine.insertLines('events', EVENT_COLUMNS, events);
  }

  /** Alarms not yet stored by this worker (raising one again is harmless, but fills the table). */
  private newAlarms(alarms: readonly NewAlarm[]): NewAlarm[] {
    const seen = new Set<string>();
    return alarms.filter((a) => {
      const id = alarmId(a.kind, a.court, a.key);
      if (this.raised.has(id) || seen.has(id)) return false;
      seen.add(id);
      return true;
    });
  }

  /** Which courts may send (13.3 registry of connected courts), read once per batch. */
  private admission(): (court: string) => boolean {
    if (this.opts.anyCourt) return () => true;
    const codes = new Set(registryNow(this.opts.registry).map((c) => c.code));
    return (court) => codes.has(court);
  }

  private async sweepGaps(): Promise<void> {
    if (this.sweeping || this.stopped) return;
    this.sweeping = true;
    try {
      await this.withEngine(() => this.marks.flush());
      for (const court of this.marks.gapped()) {
        const a = await this.withEngine(() => this.marks.advance(court));
        if (a.mark > a.previous || a.resendFrom !== undefined) this.push(a.court, a.mark, a.resendFrom);
      }
    } catch (e) {
      this.opts.log.warn('gap-sweep-failed', { error: String(e) });
    } finally {
      this.sweeping = false;
    }
  }

  private push(court: string, mark: number, resendFrom?: number): void {
    const m: MarkV1 = { v: 1, court, mark, ...(resendFrom !== undefined ? { resendFrom } : {}) };
    if (resendFrom !== undefined) this.opts.log.info('gap-re-requested', { court, from: resendFrom });
    try {
      const subject = markPushSubject(court);
      const body = encoder.encode(JSON.stringify(m));
      this.opts.nc.publish(subject, body, { headers: signedHeaders(this.signer, subject, body) });
    } catch {
      // connection closing: the court asks again
    }
  }

  private async answerMark(msg: Msg): Promise<void> {
    let req: MarkRequestV1;
    try {
      req = JSON.parse(decoder.decode(msg.data)) as MarkRequestV1;
    } catch {
      return;
    }
    if (schemaErrors(MarkRequestV1, req).length > 0) return;
    try {
      // only the court itself reports its head (the lag monitor believes it) and learns its mark
      senderOf(msg, this.opts.bus.operatorPublicKey, { class: 'court', node: `court-${req.court}` });
      if (msg.subject !== markRequestSubject(req.court)) throw new Error(`mark request of court ${req.court} on ${msg.subject}`);
    } catch (e) {
      this.opts.log.warn('mark-request-refused', { subject: msg.subject, error: String(e) });
      return;
    }
    try {
      const a = await this.withEngine(() => this.marks.advance(req.court));
      this.status.seen(req.court, { head: req.head, mark: a.mark, pendingSince: a.mark >= req.head ? 0 : req.pendingSince });
      const reply: MarkV1 = { v: 1, court: req.court, mark: a.mark, ...(a.resendFrom !== undefined ? { resendFrom: a.resendFrom } : {}) };
      const body = encoder.encode(JSON.stringify(reply));
      msg.respond(body, { headers: signedHeaders(this.signer, msg.subject, body) });
    } catch (e) {
      // no answer: the court retries (a wrong answer would be worse than none)
      this.opts.log.warn('mark-answer-failed', { court: req.court, error: String(e) });
    }
  }

  /** Run against the engine without racing a writer restart. */
  private async withEngine<T>(fn: () => Promise<T>): Promise<T> {
    await this.busy;
    return fn();
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.gapTimer) clearInterval(this.gapTimer);
    this.wake?.();
    try {
      this.markSub?.unsubscribe();
    } catch {
      // closed
    }
    await this.messages?.close().catch(() => undefined);
    await this.loop;
    await this.busy;
    // queued but unprocessed: back to the stream at once rather than after ack_wait
    for (const { msg } of this.queue.splice(0)) msg.nak();
    this.queuedEvents = 0;
    await this.marks.flush().catch((e) => this.opts.log.warn('marks-not-recorded', { error: String(e) }));
    await this.status.stop();
    await this.engine.close();
  }
}
