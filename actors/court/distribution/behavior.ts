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
 */
import type { Behavior, DecideContext, Effect } from '../../../runtime/index.ts';
import { DomainRejected } from '../../../runtime/index.ts';
import type { Signer } from '../../pki/index.ts';
import type { ZasadyConfig } from '../../../contracts/distribution/zasady.ts';
import type { CaseToDistribute } from '../../../contracts/distribution/inputs.ts';
import { DistributionCommandSchema, type DistributeItem, type DistributionCommand, type DistributionOutcome, type ProtocolDocument, type TransferProtocol } from '../../../contracts/court/distribution.ts';
import { absenceWindows } from '../../distribution/absence.ts';
import type { Calendar } from '../../distribution/calendar.ts';
import { localDateOf, type IsoDate } from '../../distribution/dates.ts';
import { distribute, replaceMember, type DistributionResult } from '../../distribution/distribute.ts';
import { ConfigInvalid, NoZasadyInForce } from '../../distribution/errors.ts';
import { assignedEvent, loadSnapshot, type LoadEvent } from '../../distribution/load.ts';
import { routeCase, type Composition, type RouteDecision } from '../../distribution/routing.ts';
import { loadZasady, ZasadyHistory, type Zasady } from '../../distribution/zasady.ts';
import { accrualEvents } from './accrual.ts';
import { DOCUMENT_TYPES, documentIdParts, formatDocumentId, seal } from './documents.ts';
import { evolve, initialState, type DistributionEvent, type DistributionState, type RepeatedContext } from './state.ts';
import { isoWithOffset, localTimeToEpoch } from './time.ts';
import { readAssignments } from './reads.ts';

export const DISTRIBUTION_KIND = 'distribution';

export interface DistributionOptions {
  /** Засади versions from configuration files; each is journaled (zasady-loaded) before its first use. */
  zasady: readonly ZasadyConfig[];
  calendar: Calendar;
  /** The court seal (actors/pki createSigner(readSeal(dir))). */
  signer: Signer;
  /** Court-local hour at which a waiting case is retried (default 8). */
  retryHour?: number;
}

/** Rules behind each repeated-distribution reason. */
const REPEATED_RULES: Record<string, string> = {
  'replace-judges': '4.12; 4.13',
  'enlarge-panel': '4.9 ¶3; 4.12',
  'returned-judge-gone': '4.14',
  'settings-error': '4.15',
  'required-by-law': '4.12',
};

const reminderName = (caseId: string) => `pending:${caseId}`;

/** One decision in progress: events applied to a running state as they are emitted. */
class Tx {
  events: DistributionEvent[] = [];
  effects: Effect[] = [];
  constructor(
    public state: DistributionState,
    readonly ctx: DecideContext,
  ) {}
  emit(e: DistributionEvent): void {
    this.events.push(e);
    this.state = evolve(this.state, e);
  }
  /** The sequence number the next emitted event will get in this actor's stream. */
  nextSeq(): number {
    return this.ctx.seq + this.events.length + 1;
  }
}

export function distributionBehavior(opts: DistributionOptions): Behavior<DistributionState, DistributionCommand, DistributionEvent, unknown> {
  const indexed = new Map<string, Zasady>();
  const zasadyOf = (c: ZasadyConfig): Zasady => {
    let z = indexed.get(c.version.id);
    if (!z) indexed.set(c.version.id, (z = loadZasady(c)));
    return z;
  };
  let historyKey = '';
  let history: ZasadyHistory | undefined;
  const historyOf = (configs: readonly ZasadyConfig[]): ZasadyHistory => {
    const key = configs.map((c) => c.version.id).join('\u0000');
    if (key !== historyKey || !history) {
      history = new ZasadyHistory(configs.map(zasadyOf));
      historyKey = key;
    }
    return history;
  };
  const retryHour = opts.retryHour ?? 8;
  const timeZone = (s: DistributionState) => (s.zasady.at(-1) ?? opts.zasady.at(-1))?.court.timeZone ?? 'Europe/Kyiv';
  const today = (s: DistributionState, ctx: DecideContext) => localDateOf(new Date(ctx.now).toISOString(), timeZone(s));
  const allConfigs = (s: DistributionState) => [...s.zasady, ...opts.zasady.filter((c) => !s.zasady.some((x) => x.version.id === c.version.id))];

  /** Journal the configured Засади versions not yet in the journal (1.2: each protocol names a journaled version). */
  function ensureZasady(tx: Tx): void {
    for (const c of opts.zasady) {
      if (tx.state.zasady.some((x) => x.version.id === c.version.id)) continue;
      zasadyOf(c);
      tx.emit({ type: 'zasady-loaded', config: c });
    }
    if (tx.state.zasady.length === 0) throw new DomainRejected('NO_ZASADY', 'no Засади version is loaded for this court');
  }

  function retryAt(s: DistributionState, ctx: DecideContext, date: IsoDate): number {
    return Math.max(ctx.now, localTimeToEpoch(date, retryHour, timeZone(s)));
  }

  function makeDocument(tx: Tx, zasady: Zasady, kind: ProtocolDocument['kind'], protocol: ProtocolDocument['protocol'], extra: Pick<ProtocolDocument, 'order' | 'routing'> = {}): ProtocolDocument {
    const seq = tx.nextSeq();
    const idParts = documentIdParts(zasady, kind, seq, protocol.case.category);
    const doc: ProtocolDocument = {
      schema: 'asds.protocol-document/v1',
      documentId: formatDocumentId(idParts),
      idParts,
      state: 'Original',
      kind,
      title: DOCUMENT_TYPES[kind].title,
      attempt: { actor: `${DISTRIBUTION_KIND}/${tx.state.court}`, seq },
      createdAt: isoWithOffset(tx.ctx.now, zasady.config.court.timeZone),
      createdBy: typeof tx.ctx.meta.author === 'string' ? tx.ctx.meta.author : 'system',
      ...(extra.order ? { order: extra.order } : {}),
      ...(extra.routing ? { routing: extra.routing } : {}),
      protocol,
    };
    return seal(doc, opts.signer, new Date(tx.ctx.now));
  }

  function loadFor(zasady: Zasady, caseId: string, category: string, date: IsoDate, c: Composition, reserve?: string): LoadEvent[] {
    const ev = (judgeId: string, form: 'presiding' | 'member' | 'reserve') => assignedEvent(zasady, { judgeId, caseId, category, form, date });
    const out = [ev(c.presiding, 'presiding'), ...c.members.map((m) => ev(m, 'member'))];
    if (reserve !== undefined && zasady.config.participation.reserve > 0) out.push(ev(reserve, 'reserve'));
    return out;
  }

  function accrue(tx: Tx, zasady: Zasady, date: IsoDate): void {
    const s = tx.state;
    const load = accrualEvents(s.ledger!, zasady, opts.calendar, s.absences, s.accruedThrough ?? date, date);
    if (load.length > 0 || (s.accruedThrough ?? date) < date) tx.emit({ type: 'load-accrued', through: date, load });
  }

  /** Record the outcome of a core draw (protocol or impossibility) as a document. */
  function recordDraw(tx: Tx, zasady: Zasady, item: DistributeItem, result: DistributionResult, extra: Pick<ProtocolDocument, 'order' | 'routing'>, repeated?: RepeatedContext, original: CaseToDistribute = item.case): DistributionOutcome {
    const caseId = item.case.caseId;
    if (result.kind === 'impossibility') {
      const document = makeDocument(tx, zasady, 'impossibility', result, extra);
      const ev: DistributionEvent = { type: 'distribution-impossible', caseId, document, item: stripItem(item) };
      if (repeated) ev.repeated = repeated;
      tx.emit(ev);
      // 4.10 ¶2–3: the case is distributed automatically when the obstacle goes; no date known → waits for new facts.
      if (result.runOn !== null) tx.effects.push({ type: 'schedule', name: reminderName(caseId), dueAt: retryAt(tx.state, tx.ctx, result.runOn), message: { type: 'retry-pending', caseId } });
      return { status: 'impossible', caseId, seq: document.attempt.seq, documentId: document.documentId, document };
    }
    const composition = { presiding: result.chosen.presiding, members: [...result.chosen.members] };
    const load = loadFor(zasady, caseId, item.case.category, result.date, composition, result.chosen.reserve);
    const document = makeDocument(tx, zasady, result.kind, result, extra);
    const ev: DistributionEvent = { type: 'case-distributed', caseId, case: original, document, composition, load };
    if (item.route?.erdr !== undefined) ev.erdr = item.route.erdr;
    tx.emit(ev);
    tx.effects.push({ type: 'cancel', name: reminderName(caseId) });
    return { status: 'distributed', caseId, seq: document.attempt.seq, documentId: document.documentId, document };
  }

  function transfer(tx: Tx, zasady: Zasady, item: DistributeItem, route: Extract<RouteDecision, { action: 'transfer' }>, date: IsoDate): DistributionOutcome {
    const c = item.case;
    const kase: TransferProtocol['case'] = { caseId: c.caseId, category: c.category };
    if (c.uniqueNumber !== undefined) kase.uniqueNumber = c.uniqueNumber;
    if (c.proceedingNumber !== undefined) kase.proceedingNumber = c.proceedingNumber;
    const v = zasady.config.version;
    const protocol: TransferProtocol = {
      v: 1,
      kind: 'transfer',
      court: zasady.config.court.code,
      case: kase,
      at: isoWithOffset(tx.ctx.now, zasady.config.court.timeZone),
      date,
      zasady: { id: v.id, decisionNumber: v.decisionNumber, effectiveFrom: v.effectiveFrom },
      ground: route.ground,
      to: { presiding: route.to.presiding, members: [...route.to.members] },
      previous: route.previous,
    };
    if (item.route?.basis) protocol.basis = item.route.basis;
    const load = loadFor(zasady, c.caseId, c.category, date, route.to);
    const document = makeDocument(tx, zasady, 'transfer', protocol);
    const ev: DistributionEvent = { type: 'case-distributed', caseId: c.caseId, case: c, document, composition: protocol.to, load };
    if (item.route?.erdr !== undefined) ev.erdr = item.route.erdr;
    tx.emit(ev);
    tx.effects.push({ type: 'cancel', name: reminderName(c.caseId) });
    return { status: 'transferred', caseId: c.caseId, seq: document.attempt.seq, documentId: document.documentId, document };
  }

  /** Errors of the core (unknown category, no Засади in force…) are attempts too: journaled, not thrown. */
  function failed(tx: Tx, caseId: string, e: unknown): DistributionOutcome {
    const code = (e as { code?: string }).code ?? 'INTERNAL';
    const message = e instanceof Error ? e.message : String(e);
    const seq = tx.nextSeq();
    tx.emit({ type: 'distribution-failed', caseId, seq, code, message });
    return { status: 'failed', caseId, seq, code, message };
  }

  function attempt(tx: Tx, fn: (zasady: Zasady, date: IsoDate) => DistributionOutcome, caseId: string): DistributionOutcome {
    try {
      const date = today(tx.state, tx.ctx);
      const zasady = historyOf(tx.state.zasady).inForceOn(date);
      accrue(tx, zasady, date);
      return fn(zasady, date);
    } catch (e) {
      if (e instanceof DomainRejected) throw e;
      if (typeof (e as { code?: unknown }).code !== 'string') throw e; // a bug, not an attempt: let supervision see it
      return failed(tx, caseId, e);
    }
  }

  function drawInput(tx: Tx, zasady: Zasady, date: IsoDate, c: CaseToDistribute) {
    return {
      zasady,
      calendar: opts.calendar,
      case: c,
      at: isoWithOffset(tx.ctx.now, zasady.config.court.timeZone),
      date,
      absences: tx.state.absences,
      duty: tx.state.duty,
      ledger: tx.state.ledger!,
      randomBytes: tx.ctx.randomBytes(32),
    };
  }

  /** Route, then transfer / wait / draw one item. `retry` = the case is pending and may be tried again. */
  function distributeItem(tx: Tx, item: DistributeItem, retry: boolean): DistributionOutcome {
    const caseId = item.case.caseId;
    const done = tx.state.cases[caseId];
    if (done) {
      // No silent second draw: only a repeated-distribution order (4.12–4.16) re-draws a case.
      return { status: 'refused', caseId, code: 'ALREADY_DISTRIBUTED', message: `case ${caseId} was already distributed by protocol ${done.protocol}; a new draw needs a repeated-distribution order (Засади 4.12–4.16)`, details: { documentId: done.protocol, seq: done.seq, presiding: done.presiding, members: done.members } };
    }
    const pending = tx.state.pending[caseId];
    if (pending && !retry) {
      return { status: 'refused', caseId, code: 'DISTRIBUTION_PENDING', message: `case ${caseId} is waiting (${pending.why}, attempt ${pending.seq}); it is retried automatically on ${pending.runOn ?? 'new facts'}`, details: { seq: pending.seq, documentId: pending.protocol, runOn: pending.runOn } };
    }
    return attempt(
      tx,
      (zasady, date) => {
        const decision = routeCase({
          zasady,
          calendar: opts.calendar,
          date,
          case: item.case,
          route: item.route,
          absences: tx.state.absences,
          lookups: { byCase: (id) => tx.state.cases[id], byErdr: (n) => tx.state.erdr[n] },
        });
        switch (decision.action) {
          case 'refuse':
            return { status: 'refused', caseId, code: decision.code, message: decision.message };
          case 'transfer':
            return transfer(tx, zasady, item, decision, date);
          case 'wait': {
            const seq = tx.nextSeq();
            tx.emit({ type: 'transfer-waiting', caseId, seq, judgeId: decision.judgeId, ground: decision.ground.code, rule: decision.rule, until: decision.until, item: stripItem(item) });
            // 5.4 exceptions wait for the judge: retried on the judge's first working day back.
            if (decision.until !== null) tx.effects.push({ type: 'schedule', name: reminderName(caseId), dueAt: retryAt(tx.state, tx.ctx, decision.until), message: { type: 'retry-pending', caseId } });
            return { status: 'waiting', caseId, seq, judgeId: decision.judgeId, until: decision.until, rule: decision.rule };
          }
          case 'draw': {
            const routing = decision.rule ? { routing: { rule: decision.rule, note: decision.note ?? '' } } : {};
            return recordDraw(tx, zasady, item, distribute(drawInput(tx, zasady, date, item.case)), routing);
          }
        }
      },
      caseId,
    );
  }

  /** Repeated distribution on the head of staff's order (4.9 ¶2–3, 4.12–4.16). */
  function repeatedDraw(tx: Tx, caseId: string, r: RepeatedContext, category?: string): DistributionOutcome {
    const rec = tx.state.cases[caseId]!;
    const baseCase = rec.case;
    return attempt(
      tx,
      (zasady, date) => {
        const extra = { order: { ref: r.order, reason: r.reason as NonNullable<ProtocolDocument['order']>['reason'], reasonText: r.reasonText, rule: r.rule, ...(r.memo ? { memo: r.memo } : {}) } };
        const item: DistributeItem = { case: baseCase };
        const onPanel = [rec.presiding, ...rec.members];
        // 4.9 ¶2: one member of a panel who cannot continue is replaced by a one-step draw.
        if (r.reason === 'replace-judges' && r.replace.length === 1 && rec.members.includes(r.replace[0]!)) {
          const result = replaceMember({ ...drawInput(tx, zasady, date, baseCase), panel: { presiding: rec.presiding, members: rec.members }, replacedJudgeId: r.replace[0]!, basis: r.order });
          return recordDraw(tx, zasady, item, result, extra, r, baseCase);
        }
        // 4.9 ¶3: enlarging the panel — the case is drawn anew with the larger composition; nobody is "replaced".
        if (r.reason === 'enlarge-panel') {
          const c: CaseToDistribute = { ...baseCase, category: category ?? rec.category };
          return recordDraw(tx, zasady, { case: c }, distribute({ ...drawInput(tx, zasady, date, c), kind: 'repeated-distribution' }), extra, r, c);
        }
        // 4.12–4.15: the replaced judges (default the whole composition) take no part in the new draw.
        const replaced = r.replace.length > 0 ? r.replace : onPanel;
        const c: CaseToDistribute = {
          ...baseCase,
          replacingJudgeId: replaced[0]!,
          repeatedBasis: r.order,
          exclusions: [...baseCase.exclusions, ...replaced.slice(1).map((judgeId) => ({ judgeId, text: 'Суддя, якого замінюють при повторному автоматизованому розподілі (Засади 4.12)', basis: r.order }))],
        };
        return recordDraw(tx, zasady, { case: c }, distribute({ ...drawInput(tx, zasady, date, c), kind: 'repeated-distribution' }), extra, r, baseCase);
      },
      caseId,
    );
  }

  function orderRepeated(tx: Tx, cmd: Extract<DistributionCommand, { type: 'order-repeated-distribution' }>): DistributionOutcome {
    const rec = tx.state.cases[cmd.caseId];
    if (!rec) throw new DomainRejected('CASE_NOT_DISTRIBUTED', `case ${cmd.caseId} has no distribution in this court to repeat`);
    // 4.13, 4.15: only a reasoned order (розпорядження) of the head of staff starts a repeated distribution.
    if (cmd.order.kind !== 'order') throw new DomainRejected('ORDER_REQUIRED', "a repeated distribution needs the head of staff's order (розпорядження), not a " + cmd.order.kind);
    if (cmd.reasonText.trim().length < 3) throw new DomainRejected('REASON_REQUIRED', 'the order must state its reasons (вмотивоване розпорядження)');
    const onPanel = [rec.presiding, ...rec.members];
    const stranger = cmd.replace.find((j) => !onPanel.includes(j));
    if (stranger) throw new DomainRejected('NOT_IN_COMPOSITION', `judge ${stranger} is not in the composition of case ${cmd.caseId}`, { composition: onPanel });
    if (cmd.reason === 'enlarge-panel') {
      const z = historyOf(tx.state.zasady).inForceOn(today(tx.state, tx.ctx));
      const size = cmd.category ? (z.categories.get(cmd.category)?.composition?.size ?? 1) : 0;
      if (size <= onPanel.length) throw new DomainRejected('NOT_ENLARGED', `enlarge-panel needs a category whose composition is larger than ${onPanel.length}`);
    }
    const r: RepeatedContext = { order: cmd.order, reason: cmd.reason, reasonText: cmd.reasonText, rule: REPEATED_RULES[cmd.reason]!, replace: cmd.replace, ...(cmd.memo ? { memo: cmd.memo } : {}) };
    return repeatedDraw(tx, cmd.caseId, r, cmd.category);
  }

  function retryPending(tx: Tx, caseId: string): DistributionOutcome {
    const p = tx.state.pending[caseId];
    if (!p) throw new DomainRejected('NOT_PENDING', `case ${caseId} is not waiting for distribution`);
    if (p.repeated && tx.state.cases[caseId]) return repeatedDraw(tx, caseId, p.repeated);
    const item: DistributeItem = p.route ? { case: p.case, route: p.route } : { case: p.case };
    return distributeItem(tx, item, true);
  }

  /** Move every waiting case's reminder to `dueAt` (new facts may let it go earlier). */
  function rescheduleAll(tx: Tx, dueAt: number, onlyUndated = false): void {
    for (const [caseId, p] of Object.entries(tx.state.pending)) {
      if (onlyUndated && p.runOn !== null) continue;
      tx.effects.push({ type: 'schedule', name: reminderName(caseId), dueAt, message: { type: 'retry-pending', caseId } });
    }
  }

  function decide(state: DistributionState, cmd: DistributionCommand, ctx: DecideContext) {
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
      case 'read-case':
        return { reply: { caseId: cmd.caseId, assignment: state.cases[cmd.caseId] ?? null, pending: state.pending[cmd.caseId] ?? null, protocols: state.protocols[cmd.caseId] ?? [] } };
      case 'read-protocols': {
        if (cmd.caseId !== undefined) return { reply: { protocols: state.protocols[cmd.caseId] ?? [] } };
        const all = Object.entries(state.protocols).flatMap(([caseId, list]) => list.map((p) => ({ caseId, ...p })));
        return { reply: { protocols: all.sort((a, b) => b.seq - a.seq).slice(0, 200), attempts: state.attempts, pending: Object.keys(state.pending) } };
      }
      case 'read-load': {
        // Засади 10: load information for each judge.
        const date = cmd.date ?? today(state, ctx);
        const configs = allConfigs(state);
        if (configs.length === 0 || !state.ledger) return { reply: { date, judges: [] } };
        const z = historyOf(configs).inForceOn(date);
        const ids = z.config.judges.map((j) => j.id).filter((id) => state.ledger!.judges[id]);
        return { reply: { date, zasady: z.versionId, judges: loadSnapshot(state.ledger, z, date, ids) } };
      }
      case 'read-assignments':
        return { reply: readAssignments(state, cmd) };
      case 'read-zasady': {
        const configs = allConfigs(state);
        if (configs.length === 0) throw new DomainRejected('NO_ZASADY', 'no Засади version is loaded for this court');
        const date = cmd.date ?? today(state, ctx);
        try {
          return { reply: historyOf(configs).inForceOn(date).config };
        } catch (e) {
          if (e instanceof NoZasadyInForce) throw new DomainRejected(e.code, e.message, { date });
          throw e;
        }
      }
      case 'read-roster': {
        const configs = allConfigs(state);
        const z = configs.length > 0 ? historyOf(configs).inForceOn(today(state, ctx)) : undefined;
        return { reply: { zasady: z?.versionId ?? null, judges: z?.config.judges ?? [], categories: z?.config.categories.map((c) => c.id) ?? [], absences: state.absences, duty: state.duty } };
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

/** Keep only the schema fields of an item (route may be absent). */
function stripItem(item: DistributeItem): { case: CaseToDistribute; route?: DistributeItem['route'] } {
  return item.route ? { case: item.case, route: item.route } : { case: item.case };
}
