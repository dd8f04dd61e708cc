/**
 * Court checkpointer (issue 11 item 2): seals the journal's chain head and
 * sends it to the centre at least every `intervalMs` (default 5 min) while the
 * head moved since the last receipt, and on demand (`checkpointNow()`, or a
 * signed request from a central worker on `asds.court.<code>.checkpoint-now`).
 *
 * "Moved" means (gseq, hash) differs from the last receipted one — so a history
 * rewritten under an unchanged head gseq is sent too. Checkpointing writes no
 * journal events (receipts go to their own store, receipts.ts), so an idle court
 * sends nothing after its last receipt.
 *
 * A receipt is kept only when a central worker signed it (its operator-issued
 * passport, contracts/witness/receipt.ts) and it names exactly what was sent.
 */
import type { Msg, NatsConnection, Subscription } from '@nats-io/transport-node';
import type { Journal, Logger } from '../../../runtime/index.ts';
import { schemaErrors } from '../../../runtime/validate.ts';
import type { Signer } from '../../pki/index.ts';
import type { BusIdentity } from '../../../runtime/bus/identity.ts';
import { senderOf, signedHeaders, signerOf } from '../../../runtime/bus/nats-sign.ts';
import { CheckpointAnswerV1, checkpointId, CheckpointNowV1, checkpointNowSubject, checkpointSubject, receiptSigner, type CheckpointV1, type ReceiptV1 } from '../../../contracts/witness/index.ts';
import { headCheckpoint, sealCheckpoint } from './seal.ts';
import type { ReceiptStore } from './receipts.ts';

export const DEFAULT_CHECKPOINT_INTERVAL_MS = 5 * 60_000;

export interface CheckpointerOptions {
  court: string;
  journal: Journal;
  nats: Promise<NatsConnection | undefined>;
  /** The court's bus identity: signs each checkpoint message; its operator key verifies receipts. */
  bus: BusIdentity | undefined;
  /** The court seal (actors/court/seal ensureCourtSeal) and the PEM of the court CA that issued it. */
  seal: Signer;
  caPem: string;
  receipts: ReceiptStore;
  log: Logger;
  /** Default env ASDS_CHECKPOINT_INTERVAL_MS, else 5 minutes (the "at least every 5 minutes"). */
  intervalMs?: number;
  /** Wait this long for the centre's receipt. Default 15 s. */
  timeoutMs?: number;
}

const enc = new TextEncoder();
const dec = new TextDecoder();

export class CourtCheckpointer {
  private timer: NodeJS.Timeout | undefined;
  private chain: Promise<unknown> = Promise.resolve();
  private sub: Subscription | undefined;
  private stopped = false;
  /** Checkpoints queued or in flight: a tick adds none meanwhile (the receipt it waits for would make it not due). */
  private sending = 0;

  constructor(private readonly opts: CheckpointerOptions) {}

  get intervalMs(): number {
    return this.opts.intervalMs ?? (Number(process.env.ASDS_CHECKPOINT_INTERVAL_MS) || DEFAULT_CHECKPOINT_INTERVAL_MS);
  }

  start(): this {
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
    void this.opts.nats.then((nc) => {
      if (!nc || this.stopped) return;
      this.sub = nc.subscribe(checkpointNowSubject(this.opts.court), { callback: (_e, m) => void this.onDemand(m) });
    });
    return this;
  }

  /** Seal the head now and send it; resolves with the centre's verified receipt (throws when none came). */
  checkpointNow(): Promise<ReceiptV1> {
    return this.witnessNow().then((w) => w.receipt);
  }

  /**
   * The same, with the sealed checkpoint the receipt names: an archival package carries both as its journal proof
   * (actors/court/archive/collector.ts) — the receipt alone names the checkpoint only by its hash.
   */
  witnessNow(): Promise<{ checkpoint: CheckpointV1; receipt: ReceiptV1 }> {
    this.sending++;
    const next = this.chain.then(() => this.send()).finally(() => this.sending--);
    this.chain = next.catch(() => undefined);
    return next;
  }

  /** The head moved since the last receipt (or none yet): a checkpoint is due. */
  due(): boolean {
    const head = this.opts.journal.head();
    if (head.gseq === 0) return false;
    const last = this.opts.receipts.last();
    return !last || last.gseq !== head.gseq || last.hash !== head.hash;
  }

  private async tick(): Promise<void> {
    if (this.stopped || this.sending > 0 || !this.due()) return;
    await this.checkpointNow().catch((e) => this.opts.log.warn('checkpoint-not-receipted', { court: this.opts.court, error: (e as Error).message }));
  }

  private async send(): Promise<{ checkpoint: CheckpointV1; receipt: ReceiptV1 }> {
    const nc = await this.opts.nats;
    if (!nc || !this.opts.bus) throw new Error('no connection to the centre');
    const c = headCheckpoint(this.opts.court, this.opts.journal, Date.now(), this.opts.receipts.last()?.gseq);
    if (!c) throw new Error('the journal is empty: nothing to checkpoint');
    const sealed = sealCheckpoint(c, this.opts.seal, this.opts.caPem);
    const subject = checkpointSubject(this.opts.court);
    const body = enc.encode(JSON.stringify(sealed));
    const reply = await nc.request(subject, body, { timeout: this.opts.timeoutMs ?? 15_000, headers: signedHeaders(signerOf(this.opts.bus), subject, body) });
    const answer = JSON.parse(dec.decode(reply.data)) as CheckpointAnswerV1;
    const errs = schemaErrors(CheckpointAnswerV1, answer);
    if (errs.length > 0) throw new Error(`malformed answer from the centre: ${errs[0]!.path} ${errs[0]!.message}`);
    if (!answer.ok) throw new Error(`the centre refused checkpoint ${c.gseq}: ${answer.error}`);
    const r = answer.receipt;
    receiptSigner(r, this.opts.bus.operatorPublicKey);
    if (r.court !== c.court || r.gseq !== c.gseq || r.hash !== c.hash || r.time !== c.time || r.checkpoint !== checkpointId(c)) {
      throw new Error(`receipt of ${r.centre} does not name checkpoint ${c.gseq} as sent`);
    }
    this.opts.receipts.add(r, this.opts.bus.operatorPublicKey);
    this.opts.log.info('checkpoint-receipted', { court: c.court, gseq: c.gseq, centre: r.centre, witnessed: r.witnessed });
    return { checkpoint: sealed, receipt: r };
  }

  /** A central worker asks for a checkpoint now (e.g. before a database pull); answered with the receipt. */
  private async onDemand(m: Msg): Promise<void> {
    let out: unknown;
    try {
      if (!this.opts.bus) throw new Error('no bus identity');
      const from = senderOf(m, this.opts.bus.operatorPublicKey, { class: 'central' });
      const req = JSON.parse(dec.decode(m.data)) as CheckpointNowV1;
      const errs = schemaErrors(CheckpointNowV1, req);
      if (errs.length > 0) throw new Error(`not a CheckpointNowV1 request: ${errs[0]!.path} ${errs[0]!.message}`);
      this.opts.log.info('checkpoint-requested', { by: from.node, reason: req.reason ?? '' });
      out = { ok: true, receipt: await this.checkpointNow() };
    } catch (e) {
      out = { ok: false, error: (e as Error).message };
    }
    try {
      m.respond(enc.encode(JSON.stringify(out)));
    } catch {
      // no reply subject or closed: the asker times out
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    try {
      this.sub?.unsubscribe();
    } catch {
      // closed
    }
    await this.chain;
  }
}
