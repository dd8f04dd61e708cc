/**
 * The distribution actor: kind `distribution`, one per court (id = court
 * code). decide() routes (4.11, 4.17, 5.1–5.4), draws (4.7–4.9), records
 * impossibility (4.10) with a durable reminder, runs repeated distribution
 * on the head of staff's order (4.12–4.16), and seals every protocol.
 *
 * Every draw attempt — success, transfer, impossibility, wait, error — is
 * one journal event with its own sequence number. A second `distribute` for
 * a case already distributed (or waiting) is refused with a typed error
 * naming the existing protocol: only a repeated-distribution order re-draws.
 *
 * Split by concern: env.ts (options, Tx, Засади cache, clock), draws.ts
 * (routing, draws, protocols, repeated distribution), reads.ts (reads),
 * state.ts (events and evolve); this file is the command dispatch.
 */
import type { Behavior, DecideContext } from '../../../runtime/index.ts';
import { DomainRejected } from '../../../runtime/index.ts';
import { DistributionCommandSchema, type DistributionCommand } from '../../../contracts/court/distribution.ts';
import { absenceWindows } from '../../distribution/absence.ts';
import { loadZasady, type Zasady } from '../../distribution/zasady.ts';
import { appliesFrom, rosterChangeIssues } from '../../distribution/roster.ts';
import { ConfigInvalid, NoZasadyInForce } from '../../distribution/errors.ts';
import { isCalendarDate } from '../dates.ts';
import { drawOperations } from './draws.ts';
import { DISTRIBUTION_KIND, makeEnv, Tx, type DistributionOptions } from './env.ts';
import { isRead, read } from './reads.ts';
import { assignByAssembly } from './urgent.ts';
import { evolve, initialState, type DistributionEvent, type DistributionState } from './state.ts';

export { DISTRIBUTION_KIND, type DistributionOptions } from './env.ts';

/**
 * Exclusions come only from recorded facts (absences, recusals with their rulings) — never from the
 * request: a caller who could list them could remove every judge but one (Засади 4.7–4.8, issue 10).
 */
function refuseCallerExclusions(items: ReadonlyArray<{ case: { caseId: string; exclusions: readonly unknown[] } }>): void {
  const bad = items.filter((i) => i.case.exclusions.length > 0).map((i) => i.case.caseId);
  if (bad.length > 0) {
    throw new DomainRejected('EXCLUSIONS_NOT_ACCEPTED', 'exclusions are not taken from a request: record the recusal (POST /distribution/recusals) or the absence with its document', { cases: bad });
  }
}

/** Who records a fact: the node's authenticated user (meta set by the node), never the message body. */
function recordedBy(ctx: DecideContext): { author: string; role: string } {
  return { author: typeof ctx.meta.author === 'string' ? ctx.meta.author : 'system', role: typeof ctx.meta.role === 'string' ? ctx.meta.role : 'system' };
}

export function distributionBehavior(opts: DistributionOptions): Behavior<DistributionState, DistributionCommand, DistributionEvent, unknown> {
  const env = makeEnv(opts);
  const { historyOf, ensureZasady, retryAt, today, knownJudge } = env;
  const ops = drawOperations(env);
  const { distributeItem, orderRepeated, retryPending, rescheduleAll } = ops;

  function decide(state: DistributionState, cmd: DistributionCommand, ctx: DecideContext) {
    if (isRead(cmd)) return { reply: read(env, state, cmd, ctx) };
    const tx = new Tx(state, ctx);
    switch (cmd.type) {
      case 'distribute': {
        refuseCallerExclusions([cmd]);
        ensureZasady(tx);
        const out = distributeItem(tx, { case: cmd.case, ...(cmd.route ? { route: cmd.route } : {}), ...(cmd.facts ? { facts: cmd.facts } : {}), ...(cmd.hold ? { hold: true } : {}) }, false);
        if (out.status === 'refused') throw new DomainRejected(out.code, out.message, out.details);
        return { events: tx.events, effects: tx.effects, reply: out };
      }
      case 'distribute-batch': {
        // пакетний розподіл: in the given order (Засади 15 — chronological after an outage); refusals do not stop the batch.
        refuseCallerExclusions(cmd.items);
        ensureZasady(tx);
        const outcomes = cmd.items.map((item) => distributeItem(tx, item, false));
        return { events: tx.events, effects: tx.effects, reply: { outcomes } };
      }
      case 'order-repeated-distribution': {
        ensureZasady(tx);
        const out = orderRepeated(tx, cmd);
        if (out.status === 'refused') throw new DomainRejected(out.code, out.message, out.details);
        return { events: tx.events, effects: tx.effects, reply: out };
      }
      case 'assign-by-assembly': {
        // Засади 15.3: recorded as the assembly decided, no draw (urgent.ts).
        ensureZasady(tx);
        const out = assignByAssembly(env, ops, tx, cmd);
        return { events: tx.events, effects: tx.effects, reply: out };
      }
      case 'retry-pending': {
        ensureZasady(tx);
        const out = retryPending(tx, cmd.caseId);
        if (out.status === 'refused') throw new DomainRejected(out.code, out.message, out.details);
        return { events: tx.events, effects: tx.effects, reply: out };
      }
      case 'record-absence': {
        ensureZasady(tx);
        if (!knownJudge(tx.state, cmd.judgeId)) throw new DomainRejected('UNKNOWN_JUDGE', `no judge ${cmd.judgeId} in the Засади or appointed by order`);
        try {
          absenceWindows(opts.calendar, cmd.absence);
        } catch (e) {
          throw new DomainRejected('ABSENCE_INVALID', (e as Error).message);
        }
        tx.emit({ type: 'absence-recorded', judgeId: cmd.judgeId, absence: cmd.absence });
        return { events: tx.events, reply: { recorded: true, seq: tx.ctx.seq + tx.events.length } };
      }
      case 'cancel-absence': {
        ensureZasady(tx);
        const has = (tx.state.absences[cmd.judgeId] ?? []).some((a) => a.kind === cmd.kind && a.from === cmd.from);
        if (!has) throw new DomainRejected('NO_SUCH_ABSENCE', `judge ${cmd.judgeId} has no ${cmd.kind} from ${cmd.from}`);
        checkBasisDate(cmd.basis.date);
        tx.emit({ type: 'absence-cancelled', judgeId: cmd.judgeId, kind: cmd.kind, from: cmd.from, basis: cmd.basis, by: recordedBy(ctx) });
        // 4.10 ¶2: a judge available earlier than forecast — waiting cases are tried again now.
        rescheduleAll(tx, ctx.now);
        return { events: tx.events, effects: tx.effects, reply: { cancelled: true } };
      }
      case 'shorten-absence': {
        ensureZasady(tx);
        const a = (tx.state.absences[cmd.judgeId] ?? []).find((x) => x.kind === cmd.kind && x.from === cmd.from);
        if (!a) throw new DomainRejected('NO_SUCH_ABSENCE', `judge ${cmd.judgeId} has no ${cmd.kind} from ${cmd.from}`);
        checkBasisDate(cmd.basis.date, cmd.to);
        // Shortening only: a longer absence is a new order, recorded as a new absence (its lead windows, 4.5, start anew).
        if (cmd.to < cmd.from || (a.to !== undefined && cmd.to >= a.to)) {
          throw new DomainRejected('NOT_SHORTER', `the new last day ${cmd.to} must be on or after ${cmd.from} and before ${a.to ?? 'the open end'}`, { from: cmd.from, to: a.to ?? null });
        }
        try {
          absenceWindows(opts.calendar, { ...a, to: cmd.to });
        } catch (e) {
          throw new DomainRejected('ABSENCE_INVALID', (e as Error).message);
        }
        tx.emit({ type: 'absence-shortened', judgeId: cmd.judgeId, kind: cmd.kind, from: cmd.from, to: cmd.to, previousTo: a.to ?? null, basis: cmd.basis, by: recordedBy(ctx) });
        // 4.10 ¶2: the judge is back earlier than forecast — waiting cases are tried again now.
        rescheduleAll(tx, ctx.now);
        return { events: tx.events, effects: tx.effects, reply: { shortened: true, to: cmd.to } };
      }
      case 'record-recusal': {
        ensureZasady(tx);
        if (!knownJudge(tx.state, cmd.judgeId)) throw new DomainRejected('UNKNOWN_JUDGE', `no judge ${cmd.judgeId} in the Засади or appointed by order`);
        // A recusal rests on a ruling (ухвала) with its number, date and author — nothing else excludes a judge from a case.
        if (cmd.ruling.kind !== 'ruling' || !cmd.ruling.issuer?.trim()) throw new DomainRejected('RULING_REQUIRED', 'a recusal or self-recusal is recorded only with its ruling: kind "ruling", number, date and author (issuer)');
        checkBasisDate(cmd.ruling.date, today(tx.state, ctx));
        if ((tx.state.recusals?.[cmd.caseId] ?? []).some((r) => r.judgeId === cmd.judgeId)) throw new DomainRejected('ALREADY_RECORDED', `judge ${cmd.judgeId} is already excluded from case ${cmd.caseId}`);
        tx.emit({ type: 'recusal-recorded', caseId: cmd.caseId, judgeId: cmd.judgeId, kind: cmd.kind, ruling: cmd.ruling, by: recordedBy(ctx) });
        const held = tx.state.cases[cmd.caseId];
        // The recused judge already holds the case: a new judge only by a repeated distribution (4.12), never by hand.
        const onPanel = held !== undefined && [held.presiding, ...held.members].includes(cmd.judgeId);
        return { events: tx.events, reply: { recorded: true, caseId: cmd.caseId, judgeId: cmd.judgeId, ...(onPanel ? { repeatedDistributionNeeded: true } : {}) } };
      }
      case 'change-roster':
        ensureZasady(tx);
        return changeRoster(tx, cmd, ctx);
      case 'record-duty':
        ensureZasady(tx);
        tx.emit({ type: 'duty-recorded', entry: cmd.entry });
        return { events: tx.events, reply: { recorded: true } };
      case 'load-zasady': {
        let z: Zasady;
        try {
          z = loadZasady(cmd.config);
        } catch (e) {
          if (e instanceof ConfigInvalid) throw new DomainRejected('CONFIG_INVALID', e.message, { errors: e.errors });
          throw e;
        }
        if (z.config.court.code !== state.court) throw new DomainRejected('WRONG_COURT', `Засади of court ${z.config.court.code}, this is court ${state.court}`);
        if (state.zasady.some((c) => c.version.id === z.versionId)) throw new DomainRejected('VERSION_EXISTS', `Засади version ${z.versionId} is already loaded`);
        try {
          historyOf([...state.zasady, z.config]);
        } catch (e) {
          if (e instanceof ConfigInvalid) throw new DomainRejected('CONFIG_INVALID', e.message, { errors: e.errors });
          throw e;
        }
        tx.emit({ type: 'zasady-loaded', config: z.config });
        // Cases waiting with no forecast are tried when the new version takes effect.
        rescheduleAll(tx, retryAt(tx.state, ctx, z.config.version.effectiveFrom), true);
        return { events: tx.events, effects: tx.effects, reply: { loaded: z.versionId, effectiveFrom: z.config.version.effectiveFrom } };
      }
      case 'import-load-history': {
        ensureZasady(tx);
        if (tx.state.attempts > 0) throw new DomainRejected('IMPORT_AFTER_DRAWS', 'load history can be imported only before the first draw');
        const l = cmd.ledger as DistributionState['ledger'];
        if (!l || typeof l !== 'object' || typeof l.judges !== 'object' || l.window?.kind !== tx.state.ledger!.window.kind) throw new DomainRejected('LEDGER_INVALID', 'the imported ledger does not match the Засади accounting window');
        tx.emit({ type: 'load-history-imported', ledger: l, cases: cmd.cases, source: cmd.source, through: cmd.through });
        return { events: tx.events, reply: { imported: cmd.cases } };
      }
    }
  }

  /**
   * D15: the roster changes by the chief judge's order — appointment, end of powers, reductions (6.5) —
   * not by a new Засади version. Attributed (the node's user), with its order; every draw from the change's
   * first day sees it and names the roster version `<Засади id>+r<this seq>`. Refused, with every problem
   * listed, when the changed roster would break the Засади (6.5 cap, unknown specialisation, 8.2 count…).
   */
  function changeRoster(tx: Tx, cmd: Extract<DistributionCommand, { type: 'change-roster' }>, ctx: DecideContext) {
    checkBasisDate(cmd.order.date, today(tx.state, ctx));
    checkBasisDate(cmd.change.effectiveFrom);
    if (cmd.change.kind === 'appoint' && cmd.change.judge.powersEnd !== undefined) checkBasisDate(cmd.change.judge.powersEnd);
    const next = { change: cmd.change, order: cmd.order, by: recordedBy(ctx), seq: tx.nextSeq() };
    const first = appliesFrom(next);
    let base: Zasady;
    try {
      base = historyOf(tx.state.zasady).inForceOn(first);
    } catch (e) {
      if (e instanceof NoZasadyInForce) throw new DomainRejected('NO_ZASADY_IN_FORCE', `no Засади version is in force on ${first}, the first day of the change`, { date: first });
      throw e;
    }
    // The order must also fit every later version it acts on (one decided before the order).
    const later = tx.state.zasady.filter((c) => c.version.effectiveFrom > first && c.version.decisionDate <= cmd.order.date).map((c) => env.zasadyOf(c));
    const issues = [base, ...later].flatMap((z) => rosterChangeIssues(z, tx.state.roster ?? [], next).map((i) => ({ ...i, version: z.versionId })));
    if (issues.length > 0) {
      const single = issues.length === 1 && ['JUDGE_ON_ROSTER', 'UNKNOWN_JUDGE', 'POWERS_END_BEFORE_APPOINTMENT'].includes(issues[0]!.code);
      throw new DomainRejected(single ? issues[0]!.code : 'ROSTER_CHANGE_INVALID', issues.map((i) => `${i.path} ${i.code}: ${i.message}`).join('; '), { errors: issues });
    }
    tx.emit({ type: 'roster-changed', ...next });
    // 4.10 ¶2: a judge appointed (or a reduction changed) may make a waiting case possible: try again when it acts.
    rescheduleAll(tx, retryAt(tx.state, ctx, first));
    return { events: tx.events, effects: tx.effects, reply: { recorded: true, seq: next.seq, rosterVersion: `${base.versionId}+r${next.seq}`, appliesFrom: first } };
  }

  /** A date of a basis document: a real calendar date, not after `latest` when given. */
  function checkBasisDate(date: string, latest?: string): void {
    if (!isCalendarDate(date)) throw new DomainRejected('BAD_DATE', `no such calendar date ${date}`, { date });
    if (latest !== undefined && date > latest) throw new DomainRejected('BASIS_IN_FUTURE', `the document is dated ${date}, after ${latest}`, { date });
  }

  return {
    kind: DISTRIBUTION_KIND,
    commandSchema: DistributionCommandSchema,
    initialState,
    decide,
    evolve,
    // The state grows with the court's cases; snapshot less often than the default.
    snapshotEvery: 2000,
    // A snapshot from before the assignment rows or the stream head (asds-draw/2) lacks derived data: the runtime
    // sets it aside and rebuilds the state from the whole stream, so decide never reads the journal.
    snapshotUsable: (s: DistributionState) => s.assignments !== undefined && s.head !== undefined,
  };
}
