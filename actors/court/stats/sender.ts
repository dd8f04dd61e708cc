/**
 * The journey of a signed report to the centre (Засади 16.1.6): every
 * Original not yet handed over is sent as a StatSubmissionV1 on
 * `statsSubmitSubject(court)`, signed with the node's bus identity (like the
 * checkpoints); the centre's answer and its later updates on
 * `statsStatusSubject(court)` (received → accepted | returned with remarks)
 * are recorded as events of the stats actor.
 *
 * Durable without a queue of its own: "signed, not sent" is the stats
 * actor's state, in the journal. Offline (no NATS, centre silent) the sender
 * keeps trying every `retryMs`; after a restart it finds the same reports
 * unsent and sends them — the centre keys them by document id, so a repeat
 * after a lost answer is harmless.
 */
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import type { ActorSystem, Logger } from '../../../runtime/index.ts';
import type { BusIdentity } from '../../../runtime/bus/identity.ts';
import { senderOf, signedHeaders, signerOf } from '../../../runtime/bus/nats-sign.ts';
import { schemaErrors } from '../../../runtime/validate.ts';
import { StatStatusV1, statsStatusSubject, statsSubmitSubject, type StatSubmissionV1 } from '../../../contracts/stats/submission.ts';
import { STATS_KIND, unsent, type KeptReport } from './behavior.ts';

const enc = new TextEncoder();
const dec = new TextDecoder();
const SYSTEM = { meta: { author: 'system:stats-sender', role: 'system' } };

export interface StatsSenderOptions {
  court: string;
  system: ActorSystem;
  nats: Promise<NatsConnection | undefined>;
  bus?: BusIdentity;
  log: Logger;
  /** Between rounds while something is unsent (default 10 s). */
  retryMs?: number;
  /** Wait for the centre's answer (default 15 s). */
  timeoutMs?: number;
  /** The journal's last sequence: sent with the report so the centre compares once its replica holds it. */
  journalHead?: () => number;
}

/** The submission of a signed report, exactly as signed. */
export function submissionOf(r: KeptReport, journalThrough?: number): StatSubmissionV1 {
  if (!r.signature) throw new Error(`${r.documentId} is not signed`);
  return { v: 1, documentId: r.documentId, report: r.report, reportSha256: r.sha256, cms: r.signature.cms, author: r.signature.author, signedAt: r.signature.signedAt, ...(journalThrough !== undefined ? { journalThrough } : {}) };
}

const bySystem = new WeakMap<ActorSystem, StatsSender>();

/** Send now (the HTTP layer, right after a signature): the node's sender, if it runs. */
export function wakeStatsSender(system: ActorSystem): void {
  bySystem.get(system)?.wake();
}

/**
 * Why an Original is still not sent, for people (GET /stats/submissions): undefined when nothing is known to be
 * wrong (not tried yet, or sent).
 */
export function sendProblemOf(system: ActorSystem, documentId: string): string | undefined {
  const sender = bySystem.get(system);
  if (!sender || !sender.connected) return 'вузол суду працює без зв’язку з центром: звіт буде надіслано, щойно зв’язок з’явиться';
  return sender.failures.has(documentId) ? 'центр не відповів на надсилання; спроби повторюються автоматично' : undefined;
}

export class StatsSender {
  private timer: NodeJS.Timeout | undefined;
  private sub: Subscription | undefined;
  private running = false;
  private again = false;
  private stopped = false;
  /** The last failure per document (in memory: a court offline for days does not fill its journal with retries). */
  readonly failures = new Map<string, string>();
  /** The node has a bus identity and its connection came up. */
  connected = false;

  constructor(private readonly o: StatsSenderOptions) {}

  start(): this {
    bySystem.set(this.o.system, this);
    void this.o.nats.then((nc) => {
      if (!nc || !this.o.bus || this.stopped) return;
      this.connected = true;
      this.sub = nc.subscribe(statsStatusSubject(this.o.court), { callback: (err, m) => void (err ? undefined : this.onStatus(m.subject, m.data, m.headers)) });
    });
    this.timer = setInterval(() => this.wake(), this.o.retryMs ?? 10_000);
    this.wake();
    return this;
  }

  /** Send what is unsent now (after a signature; also on every tick). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    void this.round()
      .catch((e) => this.o.log.warn('stats-send-round-failed', { error: (e as Error).message }))
      .finally(() => {
        this.running = false;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  private async round(): Promise<void> {
    const nc = await Promise.race([this.o.nats, new Promise<undefined>((r) => setTimeout(() => r(undefined), 50))]);
    if (!nc || !this.o.bus || this.stopped) return;
    const stats = this.o.system.ref(STATS_KIND, this.o.court);
    for (const r of unsent(await stats.ask<KeptReport[]>({ type: 'list' }))) {
      if (this.stopped) return;
      try {
        const answer = await this.send(nc, r);
        this.failures.delete(r.documentId);
        await stats.ask({ type: 'send-attempted', documentId: r.documentId }, SYSTEM);
        await stats.ask({ type: 'status', status: answer }, SYSTEM);
      } catch (e) {
        this.failures.set(r.documentId, (e as Error).message);
        this.o.log.warn('stats-submission-not-sent', { documentId: r.documentId, error: (e as Error).message });
      }
    }
  }

  private async send(nc: NatsConnection, r: KeptReport): Promise<StatStatusV1> {
    const subject = statsSubmitSubject(this.o.court);
    const body = enc.encode(JSON.stringify(submissionOf(r, this.o.journalHead?.())));
    const reply = await nc.request(subject, body, { timeout: this.o.timeoutMs ?? 15_000, headers: signedHeaders(signerOf(this.o.bus!), subject, body) });
    const answer = JSON.parse(dec.decode(reply.data)) as StatStatusV1;
    const errs = schemaErrors(StatStatusV1, answer);
    if (errs.length > 0) throw new Error(`malformed answer from the centre: ${errs[0]!.path} ${errs[0]!.message}`);
    if (answer.documentId !== r.documentId) throw new Error(`the centre answered about ${answer.documentId}, not ${r.documentId}`);
    return answer;
  }

  /** A later status from the centre (accepted, returned with remarks): only a central node's signed message counts. */
  private async onStatus(subject: string, data: Uint8Array, headers: Parameters<typeof senderOf>[0]['headers']): Promise<void> {
    try {
      senderOf({ subject, data, headers }, this.o.bus!.operatorPublicKey, { class: 'central' });
      const st = JSON.parse(dec.decode(data)) as StatStatusV1;
      const errs = schemaErrors(StatStatusV1, st);
      if (errs.length > 0) throw new Error(`not a StatStatusV1: ${errs[0]!.path} ${errs[0]!.message}`);
      await this.o.system.ref(STATS_KIND, this.o.court).ask({ type: 'status', status: st }, SYSTEM);
    } catch (e) {
      this.o.log.warn('stats-status-refused', { subject, error: (e as Error).message });
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    try {
      this.sub?.unsubscribe();
    } catch {
      // the connection is already closed
    }
  }
}
