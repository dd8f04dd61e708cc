/**
 * Засади 4.1, durably: every registration is handed to automated distribution
 * right after it is durable, and a crash at any point does not lose it.
 *
 * The registry's journal stream IS the queue: each `case-registered` above the
 * registry's `handoffMark` awaits its hand-off. This node component follows
 * the registry's durable events from the mark (woken by every fsync, and at
 * start — so after a SIGKILL it resumes where the mark stands), hands each one
 * over in order and then advances the mark with one `handoff-advanced` event
 * per round that drew (or per 1000 skipped registrations) — never one per
 * registration, so the registration path stays as fast. A registration
 * re-examined after a restart is skipped again or repeats its draw
 * idempotently, so the mark only bounds how much is re-examined. (A category
 * added to the Засади meanwhile would make such a re-examined case drawn: it
 * was never distributed, so that is a first draw, not a second.)
 *
 * Exactly one draw per case even when a round is redone after a crash: the
 * `distribute` ask and the card's `assign` carry a command id derived from the
 * proceeding number, so a repeat returns the first reply and writes nothing
 * (runtime idempotency), and the distribution actor itself refuses a second
 * draw of a case (ALREADY_DISTRIBUTED, naming the protocol).
 *
 * Clients learn the outcome from the POST /registrations reply (it waits a
 * few seconds for it), from `GET /distribution/case?caseId=<proceeding no>`
 * and from the card's `assignment`.
 */
import { AsdsError, DomainRejected, type ActorSystem, type Journal, type Logger } from '../../../runtime/index.ts';
import type { CaseRegisteredV1 } from '../../../contracts/court/index.ts';
import type { DistributionOutcome } from '../../../contracts/court/distribution.ts';
import { REGISTRY_KIND } from './behavior.ts';
import { cardAssignmentOf } from '../distribution/card.ts';
import type { ZasadyConfig } from '../../../contracts/distribution/zasady.ts';
import { routedItem } from './handoff-route.ts';

const DISTRIBUTION_KIND = 'distribution';
const CASE_KIND = 'case';
/** Errors after which the same hand-off is retried (nothing was decided). */
const TRANSIENT = new Set(['ASK_TIMEOUT', 'MAILBOX_FULL', 'SHUTTING_DOWN', 'NODE_UNREACHABLE', 'DEAD_LETTERED', 'CONCURRENCY_CONFLICT']);
const ROSTER_TTL_MS = 1000;
const RECENT = 2000;
/** Registrations examined (all skipped) after which the durable mark moves anyway. */
const MARK_EVERY = 1000;

export type HandoffOutcome =
  | { status: 'distributed' | 'transferred'; caseId: string; documentId: string; seq: number; presiding: string; members: string[]; cardUpdated: boolean }
  | { status: 'impossible'; caseId: string; documentId: string; seq: number }
  | { status: 'waiting' | 'failed' | 'refused'; caseId: string; code?: string; message?: string }
  /** The stated route was not borne out by the records: not drawn, in the waiting list for a person's decision. */
  | { status: 'held'; caseId: string; seq: number; code: string; reason: string }
  /** `reason` (English, for logs and old clients), `reasonUk` for people, `code` stable (issue 16). */
  | { status: 'skipped'; reason: string; reasonUk: string; code: string }
  | { status: 'pending'; caseId: string; check: string }
  | { status: 'error'; code: string; message: string };

/** Why a registration is not drawn automatically (Засади 4.1). */
interface Skip {
  code: string;
  reason: string;
  reasonUk: string;
}

interface Roster {
  zasady: string | null;
  categories: string[];
}

type Registered = Pick<CaseRegisteredV1, 'ueun' | 'proceedingNumber' | 'by'> & { registration: Pick<CaseRegisteredV1['registration'], 'category' | 'existingUeun' | 'parties' | 'route'> };

export interface HandoffOptions {
  court: string;
  system: ActorSystem;
  journal: Journal;
  log: Logger;
  /** First retry delay after a transient error, ms (doubles up to 30 s). */
  retryMs?: number;
}

export class DistributionHandoff {
  /** Registry sequence number examined so far (the durable mark after a restart). */
  private cursor = -1;
  /** Registrations examined since the durable mark last moved. */
  private unmarked = 0;
  private running = false;
  private again = false;
  private stopped = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private failures = 0;
  private unsubscribe: (() => void) | undefined;
  private roster: { at: number; value: Promise<Roster | null> } | undefined;
  private zasady: { at: number; value: Promise<ZasadyConfig> } | undefined;
  /** Outcomes of the latest hand-offs, and callers waiting for one (POST /registrations). */
  private readonly recent = new Map<string, HandoffOutcome>();
  private readonly waiters = new Map<string, Array<(o: HandoffOutcome) => void>>();
  private readonly registryKey: string;

  constructor(private readonly o: HandoffOptions) {
    this.registryKey = `${REGISTRY_KIND}/${o.court}`;
  }

  /** Resume from the durable mark and follow every later fsync. */
  start(): this {
    this.unsubscribe = this.o.journal.onCommit(() => this.wake());
    this.wake();
    return this;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    clearTimeout(this.retryTimer);
    while (this.running) await new Promise((r) => setTimeout(r, 5));
  }

  /**
   * Whether a registration will be drawn automatically (Засади 4.1), by the
   * same rule the hand-off applies: a new case (no ЄУН of its own, 3.3) whose
   * category the Засади in force name. Cached roster (≤ 1 s old).
   */
  async skipReason(reg: Registered['registration']): Promise<Skip | undefined> {
    const roster = await this.rosterNow();
    if (!roster) return { code: 'no-zasady', reason: 'no Засади loaded for this court', reasonUk: 'Засади використання АСДС цього суду не завантажено: справу не розподілено автоматично' };
    if (roster.zasady === null) {
      return {
        code: 'no-zasady-in-force',
        reason: 'no Засади version in force yet: distribute via POST /distribution/cases once it is',
        reasonUk: 'Жодна редакція Засад ще не набрала чинності: справу розподілять, щойно вона набере чинності',
      };
    }
    // A case that came with its ЄУН (3.3) is routed when the registration states its ground (e.g. 5.1.1 after appeal).
    if (reg.existingUeun && reg.route?.ground === undefined) {
      return {
        code: 'route-decision',
        reason: 'the case came with its ЄУН (3.3): distribute it with its route (4.17, 5.1) via POST /distribution/cases',
        reasonUk: 'Справа надійшла зі своїм ЄУН (Засади 3.3): її розподіляють із підставою маршруту (4.17, 5.1) — рішення за працівником апарату',
      };
    }
    if (!reg.category || !roster.categories.includes(reg.category)) {
      return {
        code: reg.category ? 'not-a-zasady-category' : 'no-category',
        reason: `category ${JSON.stringify(reg.category ?? null)} is not a Засади category (${roster.zasady}): distribute via POST /distribution/cases`,
        reasonUk: reg.category
          ? `Категорії «${reg.category}» немає в Засадах суду: справу не розподілено автоматично — оберіть категорію із Засад і розподіліть її`
          : 'Категорію справи не зазначено: справу не розподілено автоматично — оберіть категорію із Засад і розподіліть її',
      };
    }
    return undefined;
  }

  /** What POST /registrations says about 4.1: skipped (why), the outcome, or `pending`. Never throws: the registration stands. */
  async replyFor(reg: Registered['registration'], proceedingNumber: string, timeoutMs: number): Promise<HandoffOutcome> {
    let skip: Skip | undefined;
    try {
      skip = await this.skipReason(reg);
    } catch {
      return this.pending(proceedingNumber);
    }
    return skip !== undefined ? { status: 'skipped', ...skip } : this.outcomeOf(proceedingNumber, timeoutMs);
  }

  private pending(caseId: string): HandoffOutcome {
    return { status: 'pending', caseId, check: `GET /distribution/case?caseId=${encodeURIComponent(caseId)}` };
  }

  /** The hand-off's outcome for a proceeding, or `pending` when it takes longer than `timeoutMs`. */
  outcomeOf(proceedingNumber: string, timeoutMs: number): Promise<HandoffOutcome> {
    const done = this.recent.get(proceedingNumber);
    if (done) return Promise.resolve(done);
    return new Promise((resolve) => {
      const list = this.waiters.get(proceedingNumber) ?? [];
      const timer = setTimeout(() => {
        const rest = (this.waiters.get(proceedingNumber) ?? []).filter((w) => w !== settle);
        if (rest.length > 0) this.waiters.set(proceedingNumber, rest);
        else this.waiters.delete(proceedingNumber);
        resolve(this.pending(proceedingNumber));
      }, timeoutMs);
      const settle = (o: HandoffOutcome) => {
        clearTimeout(timer);
        resolve(o);
      };
      list.push(settle);
      this.waiters.set(proceedingNumber, list);
    });
  }

  private wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.retryTimer) return; // a retry is scheduled; it will see the new events
    this.running = true;
    void this.drain().finally(() => {
      this.running = false;
      if (this.again && !this.retryTimer) {
        this.again = false;
        this.wake();
      }
    });
  }

  /** Hand over everything above the mark, round by round; a transient error retries later from the same place. */
  private async drain(): Promise<void> {
    try {
      if (this.cursor < 0) {
        this.cursor = (await this.o.system.ref(REGISTRY_KIND, this.o.court).ask<{ handoffMark: number }>({ type: 'status' })).handoffMark;
      }
      for (;;) {
        this.again = false;
        const rows = this.o.journal.actorEvents(this.registryKey, this.cursor, 500);
        if (rows.length === 0 || this.stopped) return;
        let drawn = false;
        let upTo = this.cursor;
        for (const row of rows) {
          if (this.stopped) return;
          if (row.type === 'case-registered') {
            drawn = (await this.handOver(JSON.parse(row.data) as Registered)) || drawn;
            this.unmarked++;
          }
          upTo = row.aseq;
        }
        // The mark moves after a round that asked for a draw, or every MARK_EVERY registrations: re-examining a
        // skipped registration after a restart writes nothing, so the mark only bounds that re-examination.
        // (The mark's own event is not a registration: it never wakes another round that moves it.)
        if (drawn || this.unmarked >= MARK_EVERY) {
          await this.o.system.ref(REGISTRY_KIND, this.o.court).ask({ type: 'handoff-advanced', upTo }, { meta: { author: 'system:distribution-handoff', role: 'system' } });
          this.unmarked = 0;
        }
        this.cursor = upTo;
        this.failures = 0;
      }
    } catch (e) {
      if (this.stopped) return;
      // Not advanced past the failing registration: it is handed over again on retry (idempotent, see above).
      this.failures += 1;
      const delay = Math.min(30_000, (this.o.retryMs ?? 500) * 2 ** (this.failures - 1));
      this.o.log.warn('distribution-handoff-retry', { court: this.o.court, inMs: delay, error: e instanceof Error ? e.message : String(e) });
      this.retryTimer = setTimeout(() => {
        this.retryTimer = undefined;
        this.wake();
      }, delay);
    }
  }

  /** One registration; true when a draw was asked for. Throws only on transient errors (to be retried). */
  private async handOver(reg: Registered): Promise<boolean> {
    const skip = await this.skipReason(reg.registration);
    const outcome = skip !== undefined ? ({ status: 'skipped', ...skip } as const) : await this.distribute(reg);
    this.settled(reg.proceedingNumber, outcome);
    return skip === undefined;
  }

  private async distribute(reg: Registered): Promise<HandoffOutcome> {
    const caseId = reg.proceedingNumber;
    // The registrar's registration is what triggers the draw (4.1): it stays the author.
    const meta = { author: reg.by.login, role: reg.by.role, via: 'auto-distribution' };
    // Routed BEFORE any draw (4.11, 4.17, 5.1–5.2): the stated route and its facts go with the item; a route the
    // records do not bear out is held for a person's decision (hold), never drawn.
    const routed = reg.registration.route ? await routedItem(this.o.system, this.o.court, reg, await this.zasadyNow()) : {};
    const item = { case: { caseId, uniqueNumber: reg.ueun, proceedingNumber: reg.proceedingNumber, category: reg.registration.category!, exclusions: [] }, ...routed, ...(reg.registration.route ? { hold: true } : {}) };
    let out: DistributionOutcome;
    try {
      out = await this.o.system.ref(DISTRIBUTION_KIND, this.o.court).ask<DistributionOutcome>({ type: 'distribute', ...item }, { meta, commandId: `auto-distribution:${caseId}` });
    } catch (e) {
      return this.refusedOrThrow(e, caseId);
    }
    if (out.status === 'distributed' || out.status === 'transferred') {
      const p = out.document.protocol;
      const chosen = p.kind === 'transfer' ? p.to : 'chosen' in p ? p.chosen : undefined;
      const presiding = chosen?.presiding ?? '';
      const assignment = cardAssignmentOf(out.document, caseId);
      if (presiding && assignment) {
        // The card keeps the judge's login (the Засади id in lower case) and the mode, as the protocol states them.
        const assign = { type: 'assign', assignment };
        try {
          await this.askCase(reg.ueun, assign, meta, `auto-assign:${caseId}`);
        } catch (e) {
          // The draw stands (it is journaled); only the card was not written — say so: POST /cases/…/assignment with the protocol writes it.
          const refused = this.refusedOrThrow(e, caseId);
          this.o.log.warn('auto-assign-failed', { court: this.o.court, proceeding: caseId, outcome: refused.status });
          return { status: out.status, caseId, documentId: out.documentId, seq: out.seq, presiding, members: chosen?.members ?? [], cardUpdated: false };
        }
      }
      return { status: out.status, caseId, documentId: out.documentId, seq: out.seq, presiding, members: chosen?.members ?? [], cardUpdated: presiding !== '' };
    }
    if (out.status === 'impossible') return { status: 'impossible', caseId, documentId: out.documentId, seq: out.seq };
    if (out.status === 'failed' || out.status === 'refused') return { status: out.status, caseId, code: out.code, message: out.message };
    if (out.status === 'held') return { status: 'held', caseId, seq: out.seq, code: out.code, reason: out.reason };
    return { status: 'waiting', caseId };
  }

  /** A domain refusal or an unexpected error is this case's outcome; a transient error is rethrown (retry). */
  private refusedOrThrow(e: unknown, caseId: string): HandoffOutcome {
    if (e instanceof DomainRejected) return { status: 'refused', caseId, code: e.code, message: e.message };
    if (e instanceof AsdsError && TRANSIENT.has(e.code)) throw e;
    if (this.stopped) throw e;
    this.o.log.error('auto-distribution-failed', { court: this.o.court, proceeding: caseId, error: e instanceof Error ? e.message : 'unknown' });
    return { status: 'error', code: e instanceof AsdsError ? e.code : 'INTERNAL', message: e instanceof Error ? e.message : 'unknown' };
  }

  /** Ask the case; a card not open yet (crash between the registry's write and the card's) is re-sent by the registry first. */
  private async askCase(ueun: string, command: unknown, meta: Record<string, string>, commandId: string): Promise<unknown> {
    const ref = this.o.system.ref(CASE_KIND, ueun);
    try {
      return await ref.ask(command, { meta, commandId });
    } catch (e) {
      if (!(e instanceof AsdsError) || e.code !== 'CASE_NOT_FOUND') throw e;
      await this.o.system.ref(REGISTRY_KIND, this.o.court).ask({ type: 'ensure-open', ueun });
      return ref.ask(command, { meta, commandId });
    }
  }

  private settled(proceedingNumber: string, outcome: HandoffOutcome): void {
    this.recent.set(proceedingNumber, outcome);
    if (this.recent.size > RECENT) this.recent.delete(this.recent.keys().next().value!);
    const waiting = this.waiters.get(proceedingNumber);
    if (!waiting) return;
    this.waiters.delete(proceedingNumber);
    for (const w of waiting) w(outcome);
  }

  /** The Засади in force (the grounds' rules for 5.1.11), cached like the roster. */
  private zasadyNow(): Promise<ZasadyConfig> {
    const now = Date.now();
    if (!this.zasady || now - this.zasady.at > ROSTER_TTL_MS) {
      const value = this.o.system
        .ref(DISTRIBUTION_KIND, this.o.court)
        .ask<ZasadyConfig>({ type: 'read-zasady' })
        .catch((e: unknown) => {
          this.zasady = undefined; // do not cache a failure
          throw e;
        });
      this.zasady = { at: now, value };
    }
    return this.zasady.value;
  }

  private rosterNow(): Promise<Roster | null> {
    const now = Date.now();
    if (!this.roster || now - this.roster.at > ROSTER_TTL_MS) {
      const value = this.o.system
        .ref(DISTRIBUTION_KIND, this.o.court)
        .ask<Roster>({ type: 'read-roster' })
        .catch((e: unknown) => {
          if (e instanceof AsdsError && e.code === 'NOT_OWNER') return null;
          this.roster = undefined; // do not cache a failure
          throw e;
        });
      this.roster = { at: now, value };
    }
    return this.roster.value;
  }
}
