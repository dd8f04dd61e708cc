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
import { ConfigInvalid } from '../../distribution/errors.ts';
import { loadZasady, type Zasady } from '../../distribution/zasady.ts';
import { drawOperations } from './draws.ts';
import { DISTRIBUTION_KIND, makeEnv, Tx, type DistributionOptions } from './env.ts';
import { isRead, read } from './reads.ts';
import { rebuildAssignments } from './store.ts';
import { evolve, initialState, type DistributionEvent, type DistributionState } from './state.ts';

export { DISTRIBUTION_KIND, type DistributionOptions } from './env.ts';

export function distributionBehavior(opts: DistributionOptions): Behavior<DistributionState, DistributionCommand, DistributionEvent, unknown> {
  const env = makeEnv(opts);
  const { historyOf, ensureZasady, allConfigs, retryAt } = env;
  const { distributeItem, orderRepeated, retryPending, rescheduleAll } = drawOperations(env);

  function decide(state: DistributionState, cmd: DistributionCommand, ctx: DecideContext) {
    // Review 9: a state recovered from a snapshot taken before the assignment rows existed lacks them.
    // They are derived data — a pure function of this actor's journaled events up to ctx.seq — so they are
    // rebuilt from the journal here, before anything is decided; the next snapshot carries them. (The first
    // decide after a recovery sees exactly the durable journal: the runtime recovers before deciding.)
    if (state.assignments === undefined && opts.journalPath) state.assignments = rebuildAssignments(opts.journalPath, state.court, ctx.seq);
    if (isRead(cmd)) return { reply: read(env, state, cmd, ctx) };
    const tx = new Tx(state, ctx);
    switch (cmd.type) {
      case 'distribute': {
        ensureZasady(tx);
        const out = distributeItem(tx, cmd.route ? { case: cmd.case, route: cmd.route } : { case: cmd.case }, false);
        if (out.status === 'refused') throw new DomainRejected(out.code, out.message, out.details);
        return { events: tx.events, effects: tx.effects, reply: out };
      }
      case 'distribute-batch': {
        // пакетний розподіл: in the given order (Засади 15 — chronological after an outage); refusals do not stop the batch.
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
      case 'retry-pending': {
        ensureZasady(tx);
        const out = retryPending(tx, cmd.caseId);
        if (out.status === 'refused') throw new DomainRejected(out.code, out.message, out.details);
        return { events: tx.events, effects: tx.effects, reply: out };
      }
      case 'record-absence': {
        ensureZasady(tx);
        if (!allConfigs(tx.state).some((c) => c.judges.some((j) => j.id === cmd.judgeId))) throw new DomainRejected('UNKNOWN_JUDGE', `no judge ${cmd.judgeId} in the Засади`);
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
        tx.emit({ type: 'absence-cancelled', judgeId: cmd.judgeId, kind: cmd.kind, from: cmd.from, basis: cmd.basis });
        // 4.10 ¶2: a judge available earlier than forecast — waiting cases are tried again now.
        rescheduleAll(tx, ctx.now);
        return { events: tx.events, effects: tx.effects, reply: { cancelled: true } };
      }
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

  return {
    kind: DISTRIBUTION_KIND,
    commandSchema: DistributionCommandSchema,
    initialState,
    decide,
    evolve,
    // The state grows with the court's cases; snapshot less often than the default.
    snapshotEvery: 2000,
  };
}
