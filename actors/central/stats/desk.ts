/**
 * The centre's statistics desk (Засади 16.1.6 sending and receiving official
 * reports; 16.3 the signed Original; issue 14 item 4): answers a court's
 * StatSubmissionV1 on `statsSubmitSubject(court)`.
 *
 * 1. The bus frame must be signed by that court's node (architecture.md "Trust boundaries").
 * 2. The submission must match the contract, be of this court, and its CMS must verify (Node crypto,
 *    actors/pki verifyDetached: TOTAL_PASSED only) over the canonical JSON of the report under the court's CA
 *    as the centre knows it (`<central data>/court-cas/<court>.crt.pem`, else the CA pinned from the court's
 *    sealed checkpoints) — else it is refused and NOTHING is stored.
 * 3. Stored with status `received`, which is the answer.
 * 4. Once its cards cover the court's journal through the submission's `journalThrough` (replication runs beside
 *    the report's journey), the centre forms the same form for the same court and period from its own cards (analytics/stats-sql):
 *    equal → `accepted`; different → `returned` with remarks naming every differing cell, and an integrity
 *    alarm `stats-difference` (16.1.3: the centre's computation is the check). The status goes to the court on
 *    `statsStatusSubject(court)`, signed by this worker.
 *
 * A report whose comparison could not finish (the centre's copy of the court's events still behind after
 * `catchUpMs`, or the worker stopped) stays `received` and is compared again by the desk itself every
 * `recheckMs` — the court, holding "received", does not send it again. A re-sent Original (the court lost the
 * answer) gets its current status again; a different report under a document id already received is refused (an
 * Original never changes).
 */
import { createHash } from 'node:crypto';
import type { Msg, NatsConnection, Subscription } from '@nats-io/transport-node';
import type { AnalyticsEngine } from '../../../analytics/engine.ts';
import { raiseAlarm } from '../../../analytics/alarms.ts';
import { differingCells, evaluateFormSql } from '../../../analytics/stats-sql/index.ts';
import { StatSubmissionV1, statsStatusSubject, type FormDefinitionV1, type StatStatusV1 } from '../../../contracts/stats/index.ts';
import { canonicalJson } from '../../distribution/canonical.ts';
import { verifyDetached, type CourtSealAnchor } from '../../pki/index.ts';
import type { BusIdentity } from '../../../runtime/bus/identity.ts';
import { senderOf, signedHeaders, signerOf } from '../../../runtime/bus/nats-sign.ts';
import { AsdsError, schemaErrors, type Logger } from '../../../runtime/index.ts';
import { findSubmission, saveSubmission, submissionOf, waitingSubmissions } from './store.ts';
import { remarksUk } from './remarks.ts';
import { isRefusal } from './engine-link.ts';

export const STATS_SUBMIT_WILDCARD = 'asds.court.*.stats.submit';
export const STATS_DESK_QUEUE = 'asds-central-stats';

const enc = new TextEncoder();
const dec = new TextDecoder();

export class StatsSubmissionRefused extends AsdsError {
  constructor(code: string, message: string) {
    super(code, message);
  }
}

export interface StatsDeskOptions {
  nc: NatsConnection;
  bus: BusIdentity;
  engine: () => AnalyticsEngine;
  /** The court's CA as the centre knows it (actors/central/pulls/service.ts defaultCourtAnchor or the pinned one). */
  courtAnchor: (court: string) => Promise<CourtSealAnchor | undefined>;
  /** The form definitions the centre knows, by id and version. */
  forms: (id: string, version: number) => FormDefinitionV1 | undefined;
  /**
   * Bring the court's cards up to date before comparing (the card folder: cards.ts); resolves with the court's
   * journal sequence the cards are folded through (the contiguous run the centre holds).
   */
  beforeCompare?: (court: string) => Promise<number | void>;
  /** How long a report waits for the court's events it was formed from to reach the centre (default 10 min). */
  catchUpMs?: number;
  /** How often reports left `received` are compared again (default 60 s; 0 = never). */
  recheckMs?: number;
  log: Logger;
}

/** The centre's copy of the court's journal is still behind the report: compared later, never "different" now. */
export class StatsReplicaBehind extends AsdsError {
  constructor(court: string, held: number, needed: number) {
    super('STATS_REPLICA_BEHIND', `the centre holds court ${court}'s events through ${held}, the report was sent at ${needed}: not compared yet`);
  }
}

export class StatsDesk {
  private sub: Subscription | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  /** `court/documentId` of the comparisons under way, so a recheck never runs one twice at once. */
  private readonly comparing = new Set<string>();
  private recheckTimer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly o: StatsDeskOptions) {}

  private get node(): string {
    return this.o.bus.node;
  }

  start(): this {
    this.sub = this.o.nc.subscribe(STATS_SUBMIT_WILDCARD, {
      queue: STATS_DESK_QUEUE,
      callback: (_e, m) => {
        const p = this.answer(m).finally(() => this.inFlight.delete(p));
        this.inFlight.add(p);
      },
    });
    const every = this.o.recheckMs ?? 60_000;
    if (every > 0) {
      this.recheckTimer = setInterval(() => {
        const p = this.recheck().then(
          () => undefined,
          (e) => this.o.log.warn('stats-recheck-failed', { error: String(e) }),
        );
        const q = p.finally(() => this.inFlight.delete(q));
        this.inFlight.add(q);
      }, every);
      this.recheckTimer.unref();
    }
    return this;
  }

  /**
   * Compare again every report left `received`; each waits at most one short round for the court's events (the
   * next recheck tries again). Resolves with how many were decided now.
   */
  async recheck(): Promise<number> {
    let decided = 0;
    for (const held of await waitingSubmissions(this.o.engine())) {
      if (this.stopped) break;
      try {
        if (await this.compareOnce(submissionOf(held), held.court, 1_000)) decided++;
      } catch (e) {
        this.o.log.warn('stats-recheck-compare-failed', { court: held.court, documentId: held.documentId, error: String(e) });
      }
    }
    return decided;
  }

  /** compare() unless the same report is being compared; false when skipped or still behind. */
  private async compareOnce(sub: StatSubmissionV1, court: string, catchUpMs?: number): Promise<boolean> {
    const key = `${court}/${sub.documentId}`;
    if (this.comparing.has(key)) return false;
    this.comparing.add(key);
    try {
      await this.compare(sub, court, catchUpMs);
      return true;
    } catch (e) {
      if (e instanceof StatsReplicaBehind) {
        this.o.log.info('stats-compare-deferred', { court, documentId: sub.documentId, reason: e.message });
        return false;
      }
      throw e;
    } finally {
      this.comparing.delete(key);
    }
  }

  /** Resolves when every submission taken so far is answered and compared. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  private async answer(m: Msg): Promise<void> {
    let s: { sub: StatSubmissionV1; court: string; status: StatStatusV1; fresh: boolean };
    try {
      s = await this.take(m);
    } catch (e) {
      const code = e instanceof AsdsError ? e.code : 'STATS_SUBMISSION_FAILED';
      this.o.log.warn('stats-submission-refused', { subject: m.subject, code, error: (e as Error).message });
      respond(m, { ok: false, code, error: (e as Error).message.slice(0, 2000) });
      return;
    }
    respond(m, s.status);
    if (!s.fresh) return;
    try {
      await this.compareOnce(s.sub, s.court);
    } catch (e) {
      // stays `received`: the recheck compares it again
      this.o.log.error('stats-compare-failed', { court: s.court, documentId: s.sub.documentId, error: String(e) });
    }
  }

  /** Steps 1–3; throws a StatsSubmissionRefused before anything is stored. */
  private async take(m: Msg): Promise<{ sub: StatSubmissionV1; court: string; status: StatStatusV1; fresh: boolean }> {
    const court = m.subject.split('.')[2] ?? '';
    try {
      senderOf(m, this.o.bus.operatorPublicKey, { class: 'court', node: `court-${court}` });
    } catch (e) {
      throw new StatsSubmissionRefused('STATS_SENDER_REFUSED', `the submission is not signed by court ${court}'s node: ${(e as Error).message}`);
    }
    let sub: StatSubmissionV1;
    try {
      sub = JSON.parse(dec.decode(m.data)) as StatSubmissionV1;
    } catch {
      throw new StatsSubmissionRefused('STATS_SUBMISSION_INVALID', 'the submission is not JSON');
    }
    const errs = schemaErrors(StatSubmissionV1, sub);
    if (errs.length > 0) throw new StatsSubmissionRefused('STATS_SUBMISSION_INVALID', `the submission does not match StatSubmissionV1: ${errs.map((e) => `${e.path} ${e.message}`).join('; ')}`);
    if (sub.report.scope.kind !== 'court' || sub.report.scope.court !== court) throw new StatsSubmissionRefused('STATS_SUBMISSION_INVALID', `a report of ${JSON.stringify(sub.report.scope)} sent on court ${court}'s subject`);
    await this.checkSignature(sub, court);
    const held = await findSubmission(this.o.engine(), court, sub.documentId);
    if (held) {
      if (held.reportSha256 !== sub.reportSha256) throw new StatsSubmissionRefused('STATS_ORIGINAL_CHANGED', `document ${sub.documentId} was received with another report (an Original never changes: Засади 16.3)`);
      const again: StatStatusV1 = { v: 1, documentId: sub.documentId, status: held.status, at: held.updatedAt, by: held.receivedBy, ...(held.remarks ? { remarks: held.remarks } : {}) };
      // still `received` (a comparison that failed): compare again now
      return { sub, court, status: again, fresh: held.status === 'received' };
    }
    const receivedAt = Date.now();
    await saveSubmission(this.o.engine(), sub, court, { receivedAt, receivedBy: this.node }, 'received', '', [], receivedAt);
    return { sub, court, status: { v: 1, documentId: sub.documentId, status: 'received', at: receivedAt, by: this.node }, fresh: true };
  }

  /** The digest and the author's CMS over the canonical report, under the court's CA (TOTAL_PASSED only). */
  private async checkSignature(sub: StatSubmissionV1, court: string): Promise<void> {
    const content = Buffer.from(canonicalJson(sub.report));
    if (createHash('sha256').update(content).digest('hex') !== sub.reportSha256) throw new StatsSubmissionRefused('STATS_SIGNATURE_INVALID', 'reportSha256 is not the SHA-256 of the canonical report');
    const anchor = await this.o.courtAnchor(court);
    if (!anchor) throw new StatsSubmissionRefused('STATS_COURT_CA_UNKNOWN', `the centre knows no CA of court ${court}: the signature cannot be checked`);
    if (anchor.courtCode !== court) throw new StatsSubmissionRefused('STATS_SIGNATURE_INVALID', `the CA the centre holds for ${court} is of court ${anchor.courtCode}`);
    let indication: string;
    let reason: string;
    try {
      const r = verifyDetached({ content, cms: Buffer.from(sub.cms, 'base64'), trustStore: anchor.trustStore, ...(anchor.crl ? { crl: anchor.crl } : {}) });
      indication = r.indication;
      reason = r.reason.en;
    } catch (e) {
      throw new StatsSubmissionRefused('STATS_SIGNATURE_INVALID', `the signature cannot be read: ${(e as Error).message}`);
    }
    // never INDETERMINATE as valid: an unknown issuer or a revoked author is not a signature the centre can vouch for
    if (indication !== 'TOTAL_PASSED') throw new StatsSubmissionRefused('STATS_SIGNATURE_INVALID', `the signature does not verify: ${indication} ${reason}`);
  }

  /** Step 4. */
  private async compare(sub: StatSubmissionV1, court: string, catchUpMs?: number): Promise<void> {
    const engine = this.o.engine();
    const def = this.o.forms(sub.report.form.id, sub.report.form.version);
    let status: 'accepted' | 'returned';
    let remarks = '';
    let differences: Array<{ ref: string; centre: number; court: number }> = [];
    if (!def) {
      status = 'returned';
      remarks = `Форма ${sub.report.form.id} версії ${sub.report.form.version} центру не відома: звіт не може бути перевірений.`;
    } else {
      await this.caughtUp(court, sub.journalThrough, catchUpMs);
      let mine;
      try {
        mine = await evaluateFormSql(engine, def, sub.report.period, { kind: 'court', court });
      } catch (e) {
        // a period the form is not made for (analytics/stats checkPeriod): the report cannot be checked
        if (!isRefusal(e)) throw e;
        mine = undefined;
        remarks = `Звіт повернуто: ${e.message}.`;
      }
      differences = mine ? differingCells(mine, sub.report).map((d) => ({ ref: d.ref, centre: d.centre, court: d.court })) : [];
      status = mine && differences.length === 0 ? 'accepted' : 'returned';
      if (differences.length > 0) {
        remarks = remarksUk(def, differences);
        // Засади 16.1.3: a report that differs from the centre's own computation of the same facts is an integrity finding
        await raiseAlarm(
          engine,
          {
            court,
            kind: 'stats-difference',
            key: `doc:${sub.documentId}`,
            summary: `Суд ${court}: статистичний звіт ${sub.documentId} (форма ${def.id}, ${sub.report.period.from} — ${sub.report.period.to}) відрізняється від обчислення центру у ${differences.length} комірках`,
            evidence: { documentId: sub.documentId, form: sub.report.form, period: sub.report.period, reportSha256: sub.reportSha256, differences },
          },
          this.node,
        );
      }
    }
    const at = Date.now();
    const held = await findSubmission(engine, court, sub.documentId);
    await saveSubmission(engine, sub, court, { receivedAt: held?.receivedAt ?? at, receivedBy: held?.receivedBy ?? this.node }, status, remarks, differences, Math.max(at, (held?.updatedAt ?? 0) + 1));
    const st: StatStatusV1 = { v: 1, documentId: sub.documentId, status, at, by: this.node, ...(remarks ? { remarks: remarks.slice(0, 20_000) } : {}) };
    const subject = statsStatusSubject(court);
    const body = enc.encode(JSON.stringify(st));
    this.o.nc.publish(subject, body, { headers: signedHeaders(signerOf(this.o.bus), subject, body) });
    this.o.log.info('stats-submission-checked', { court, documentId: sub.documentId, status, differences: differences.length });
  }

  /**
   * Fold the court's cards until they cover the events the report was formed from (`journalThrough`, sent by the
   * court): replication runs beside the report's journey, and a report compared with half its facts would be
   * returned with a false stats-difference alarm. Past `catchUpMs` (or on stop) it throws: the submission stays
   * `received` and the recheck compares it again.
   */
  private async caughtUp(court: string, needed: number | undefined, budgetMs?: number): Promise<void> {
    const end = Date.now() + (budgetMs ?? this.o.catchUpMs ?? 600_000);
    for (;;) {
      const held = await this.o.beforeCompare?.(court);
      if (needed === undefined || typeof held !== 'number' || held >= needed) return;
      if (this.stopped || Date.now() > end) throw new StatsReplicaBehind(court, held, needed);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.recheckTimer) clearInterval(this.recheckTimer);
    try {
      this.sub?.unsubscribe();
    } catch {
      // closed
    }
    await this.idle();
  }
}

function respond(m: Msg, body: unknown): void {
  try {
    m.respond(enc.encode(JSON.stringify(body)));
  } catch {
    // the court's request timed out: it sends the Original again
  }
}
