/**
 * The centre as witness of courts' checkpoints (issue 11 item 2). A central
 * worker (queue group: any one answers) takes a court's sealed checkpoint on
 * `asds.central.witness.checkpoint.<court>`:
 *
 * 1. well-formed (contracts/witness CheckpointV1), sent by that court's bus identity on its own subject;
 * 2. sealed by that court's seal under the court CA pinned on first sight (seal.ts) — otherwise refused
 *    and alarmed 'checkpoint-bad-seal';
 * 3. compared with the court's earlier checkpoints and the events the centre holds (findings.ts) — any
 *    contradiction alarmed 'checkpoint-contradiction' with evidence, and logged;
 * 4. kept (every checkpoint, migration 008) and answered with a receipt signed by this worker's bus key.
 *
 * A checkpoint above what the centre holds is kept 'not-yet' and compared by the sweep once the event
 * arrives (every `sweepMs`, default 30 s: well within one checkpoint interval).
 */
import type { Msg, NatsConnection, Subscription } from '@nats-io/transport-node';
import type { AnalyticsEngine } from '../../../analytics/engine.ts';
import { raiseAlarms, type NewAlarm } from '../../../analytics/alarms.ts';
import type { Logger } from '../../../runtime/index.ts';
import { schemaErrors } from '../../../runtime/validate.ts';
import type { BusIdentity } from '../../../runtime/bus/identity.ts';
import type { BusSigner } from '../../../runtime/bus/passport.ts';
import { senderOf, signerOf } from '../../../runtime/bus/nats-sign.ts';
import {
  CHECKPOINT_WILDCARD,
  checkpointId,
  checkpointSubject,
  CheckpointV1,
  NOT_YET,
  receiptSignedText,
  WITNESS_QUEUE,
  type CheckpointAnswerV1,
  type ReceiptV1,
  type UnsignedReceipt,
} from '../../../contracts/witness/index.ts';
import { WitnessStore, type Pin } from './store.ts';
import { presentedCa, sealProblem } from './seal.ts';
import { BACKDATE_SLACK_MS, contradictions, IN_FLIGHT_MS, OVERTAKE_MS } from './findings.ts';

export interface WitnessOptions {
  nc: NatsConnection;
  /** This worker's bus identity: verifies courts' messages, signs receipts. */
  bus: BusIdentity;
  /** The analytics engine (a function: the ingest writer may reopen it). */
  engine: () => AnalyticsEngine;
  log: Logger;
  /** Compare pending checkpoints this often. Default env ASDS_CHECKPOINT_SWEEP_MS, else 30 s. */
  sweepMs?: number;
  /**
   * The court CA an operator placed for a court (`<dataDir>/court-cas/<court>.crt.pem`): pinned on the court's
   * first checkpoint instead of the CA the checkpoint presents. Default: none (trust on first use).
   */
  operatorCa?: (court: string) => Pin | undefined;
}

const enc = new TextEncoder();
const dec = new TextDecoder();

export class Witness {
  private readonly store: WitnessStore;
  private readonly signer: BusSigner;
  private sub: Subscription | undefined;
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<void> | undefined;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly opts: WitnessOptions) {
    this.store = new WitnessStore(opts.engine);
    this.signer = signerOf(opts.bus);
  }

  private get node(): string {
    return this.opts.bus.node;
  }

  start(): this {
    this.sub = this.opts.nc.subscribe(CHECKPOINT_WILDCARD, {
      queue: WITNESS_QUEUE,
      callback: (_e, m) => {
        const p = this.answer(m).finally(() => this.inFlight.delete(p));
        this.inFlight.add(p);
      },
    });
    this.timer = setInterval(() => void this.sweep(), this.opts.sweepMs ?? (Number(process.env.ASDS_CHECKPOINT_SWEEP_MS) || 30_000));
    return this;
  }

  private async answer(m: Msg): Promise<void> {
    let out: CheckpointAnswerV1;
    try {
      out = { ok: true, receipt: await this.take(m) };
    } catch (e) {
      out = { ok: false, error: (e as Error).message.slice(0, 2000) };
    }
    try {
      m.respond(enc.encode(JSON.stringify(out)));
    } catch {
      // the court's request timed out or the connection closed: it sends again at its next interval
    }
  }

  /** Steps 1–4 of the module comment; throws (→ a refusal to the court) when the checkpoint is not accepted. */
  private async take(m: Msg): Promise<ReceiptV1> {
    const court = m.subject.slice(m.subject.lastIndexOf('.') + 1);
    let c: CheckpointV1;
    try {
      c = JSON.parse(dec.decode(m.data)) as CheckpointV1;
    } catch {
      throw new Error('checkpoint is not JSON');
    }
    const errs = schemaErrors(CheckpointV1, c);
    if (errs.length > 0) throw new Error(`checkpoint does not match CheckpointV1: ${errs[0]!.path} ${errs[0]!.message}`);
    if (c.court !== court || m.subject !== checkpointSubject(court)) throw new Error(`checkpoint of court ${c.court} on ${m.subject}`);
    try {
      senderOf(m, this.opts.bus.operatorPublicKey, { class: 'court', node: `court-${court}` });
    } catch (e) {
      this.opts.log.warn('checkpoint-refused-sender', { court, error: (e as Error).message });
      throw e;
    }
    const ca = await this.checkSeal(c);
    const { seal: _s, ...unsealed } = c;
    const id = checkpointId(unsealed);
    const receivedAt = Date.now();
    const alarms = await this.findings(c, id, receivedAt);
    const heldAt = (await this.store.held(court, [c.gseq])).get(c.gseq);
    const witnessed = heldAt ? heldAt.hash : NOT_YET;
    await this.store.addCheckpoint(c, id, { receivedAt, by: this.node, witnessed, caFingerprint: ca.fingerprint });
    if (heldAt) await this.store.addCheck(court, id, c.gseq, heldAt.hash);
    await this.raise(alarms);
    return this.receipt({ v: 1, court, gseq: c.gseq, hash: c.hash, time: c.time, checkpoint: id, receivedAt, centre: this.node, witnessed });
  }

  /** The pinned CA (pinning this one on the court's first checkpoint); refuses and alarms a bad seal. */
  private async checkSeal(c: CheckpointV1): Promise<{ fingerprint: string; pem: string }> {
    let presented: { fingerprint: string; pem: string };
    try {
      presented = presentedCa(c.seal.chain);
    } catch (e) {
      await this.badSeal(c, `seal:${c.gseq}:no-ca`, `печатка контрольної точки на події ${c.gseq} не містить сертифіката ЦСК суду`, { problem: (e as Error).message });
      throw e;
    }
    let pinned = await this.store.pin(c.court);
    if (!pinned) {
      // the operator's CA file, when there is one, is trusted over whatever the first checkpoint presents
      const placed = this.opts.operatorCa?.(c.court);
      if (placed) {
        await this.store.addPin(c.court, placed, 'operator-file');
        this.opts.log.info('checkpoint-ca-pinned', { court: c.court, fingerprint: placed.fingerprint, from: 'operator-file' });
        pinned = placed;
      }
    }
    if (pinned && pinned.fingerprint !== presented.fingerprint) {
      await this.badSeal(c, `ca:${presented.fingerprint}`, `контрольну точку на події ${c.gseq} скріплено печаткою іншого ЦСК (${presented.fingerprint.slice(0, 23)}…), ніж закріплений за судом (${pinned.fingerprint.slice(0, 23)}…) — відхилено`, {
        pinned: pinned.fingerprint,
        presented: presented.fingerprint,
      });
      throw new Error(`checkpoint sealed under CA ${presented.fingerprint}, not the CA pinned for court ${c.court} (${pinned.fingerprint})`);
    }
    const problem = sealProblem(c, pinned ?? presented);
    if (problem) {
      await this.badSeal(c, `seal:${c.gseq}:${c.hash}`, `печатка контрольної точки на події ${c.gseq} недійсна (${problem}) — відхилено`, { problem });
      throw new Error(`checkpoint seal refused: ${problem}`);
    }
    if (!pinned) {
      await this.store.addPin(c.court, presented, this.node);
      this.opts.log.info('checkpoint-ca-pinned', { court: c.court, fingerprint: presented.fingerprint });
    }
    return pinned ?? presented;
  }

  private async badSeal(c: CheckpointV1, key: string, summary: string, evidence: Record<string, unknown>): Promise<void> {
    await this.raise([{ court: c.court, kind: 'checkpoint-bad-seal', key, summary: `Суд ${c.court}: ${summary}`, evidence: { gseq: c.gseq, hash: c.hash, time: c.time, sealedAt: c.sealedAt, ...evidence } }]);
  }

  private async findings(c: CheckpointV1, id: string, receivedAt: number): Promise<NewAlarm[]> {
    const p = c.previous;
    const held = await this.store.held(c.court, p ? [c.gseq, p.gseq] : [c.gseq]);
    return contradictions(c, id, {
      above: await this.store.above(c.court, c.gseq, c.sealedAt, c.sealedAt + OVERTAKE_MS, receivedAt - IN_FLIGHT_MS),
      fork: await this.store.otherAt(c.court, c.gseq, c.hash),
      backdated: await this.store.laterBelow(c.court, c.gseq, c.time + BACKDATE_SLACK_MS),
      link: p && p.gseq !== c.gseq ? await this.store.otherAt(c.court, p.gseq, p.hash) : undefined,
      heldAt: held.get(c.gseq),
      heldAtPrevious: p ? held.get(p.gseq) : undefined,
      heldAbove: await this.store.heldAbove(c.court, c.gseq, c.sealedAt - BACKDATE_SLACK_MS),
    });
  }

  private async raise(alarms: NewAlarm[]): Promise<void> {
    if (alarms.length === 0) return;
    for (const a of alarms) this.opts.log.warn('integrity-alarm', { court: a.court, kind: a.kind, key: a.key, summary: a.summary });
    await raiseAlarms(this.opts.engine(), alarms, this.node);
  }

  private receipt(r: UnsignedReceipt): ReceiptV1 {
    return { ...r, passport: this.signer.passport, sig: Buffer.from(this.signer.sign(receiptSignedText(r))).toString('base64url') };
  }

  /** Compare the checkpoints that arrived before their events with the events now held. */
  sweep(): Promise<void> {
    this.sweeping ??= this.sweepOnce()
      .catch((e) => this.opts.log.warn('checkpoint-sweep-failed', { error: String(e) }))
      .finally(() => (this.sweeping = undefined));
    return this.sweeping;
  }

  private async sweepOnce(): Promise<void> {
    for (const p of await this.store.pending()) {
      const heldAt = (await this.store.held(p.court, [p.gseq])).get(p.gseq);
      if (!heldAt) continue;
      await this.raise(contradictions(p, p.id, { heldAt }));
      await this.store.addCheck(p.court, p.id, p.gseq, heldAt.hash);
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    try {
      this.sub?.unsubscribe();
    } catch {
      // closed
    }
    await Promise.allSettled([...this.inFlight]);
    await this.sweeping;
  }
}
