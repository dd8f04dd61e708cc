/**
 * The draw operations of the distribution actor (Засади 4.7–4.17, 5.1–5.4):
 * route → transfer / wait / draw, record the outcome as a sealed protocol
 * document (or a failed attempt), repeated distribution on the head of
 * staff's order, retries of waiting cases. Each works on a Tx: events are
 * applied as they are emitted, effects collected for after the commit.
 */
import { DomainRejected } from '../../../runtime/index.ts';
import type { CaseToDistribute } from '../../../contracts/distribution/inputs.ts';
import type { DistributeCommandItem as DistributeItem, DistributionCommand, DistributionOutcome, ProtocolDocument, TransferProtocol } from '../../../contracts/court/distribution.ts';
import type { IsoDate } from '../../distribution/dates.ts';
import { distribute, replaceJudges, type DistributionResult } from '../../distribution/distribute.ts';
import type { DrawInput } from '../../distribution/draw.ts';
import { DRAW_V2, VRF_SUITE_V2 } from '../../distribution/randomness.ts';
import { assignedEvent, type LoadEvent } from '../../distribution/load.ts';
import { routeCase, type Composition, type RouteDecision } from '../../distribution/routing.ts';
import type { Zasady } from '../../distribution/zasady.ts';
import { accrualEvents } from './accrual.ts';
import { DOCUMENT_TYPES, documentIdParts, formatDocumentId, seal } from './documents.ts';
import { DISTRIBUTION_KIND, reminderName, stripItem, type DistributionEnv, type Tx } from './env.ts';
import { exclusionsOf, type DistributionEvent, type RepeatedContext } from './state.ts';
import { checkTransferLink } from '../../distribution/links.ts';
import { groundFollowing, groundRule } from '../../distribution/grounds.ts';
import { heldReason } from './held.ts';
import { isoWithOffset } from './time.ts';

/** Rules behind each repeated-distribution reason. */
const REPEATED_RULES: Record<string, string> = {
  'replace-judges': '4.12; 4.13',
  'enlarge-panel': '4.9 ¶3; 4.12',
  'returned-judge-gone': '4.14',
  'settings-error': '4.15',
  'required-by-law': '4.12',
};

export interface DrawOperations {
  /** Seal a protocol as the next document of this actor (used by urgent.ts for 15.3 assignments). */
  makeDocument(tx: Tx, zasady: Zasady, kind: ProtocolDocument['kind'], protocol: ProtocolDocument['protocol']): ProtocolDocument;
  /** The load a composition adds (6.4 forms of participation). */
  loadFor(zasady: Zasady, caseId: string, category: string, date: IsoDate, c: Composition): LoadEvent[];
  distributeItem(tx: Tx, item: DistributeItem, retry: boolean): DistributionOutcome;
  orderRepeated(tx: Tx, cmd: Extract<DistributionCommand, { type: 'order-repeated-distribution' }>): DistributionOutcome;
  retryPending(tx: Tx, caseId: string): DistributionOutcome;
  rescheduleAll(tx: Tx, dueAt: number, onlyUndated?: boolean): void;
}

export function drawOperations(env: DistributionEnv): DrawOperations {
  const { opts, zasadyOn, today, retryAt } = env;
  const vrf = (opts.draw ?? DRAW_V2) === DRAW_V2 ? opts.signer.vrf : undefined;
  if ((opts.draw ?? DRAW_V2) === DRAW_V2 && !vrf) throw new Error('asds-draw/2 needs an RSA court seal key (its VRF); this seal key is not RSA — configure draw: asds-draw/1 explicitly');

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
    const ev: DistributionEvent = { type: 'case-distributed', caseId, case: original, document, composition, load, assignmentMode: 'random' };
    indexed(zasady, item, ev);
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
    // Not drawn: marked non-random with its ground, so central monitoring can find every such assignment.
    const ev: DistributionEvent = { type: 'case-distributed', caseId: c.caseId, case: c, document, composition: protocol.to, load, assignmentMode: 'non-random', ground: route.ground.code };
    indexed(zasady, item, ev);
    tx.emit(ev);
    tx.effects.push({ type: 'cancel', name: reminderName(c.caseId) });
    return { status: 'transferred', caseId: c.caseId, seq: document.attempt.seq, documentId: document.documentId, document };
  }

  /**
   * The indexes a later route looks up, on the distribution event: the ЄРДР number → investigating judge (5.2)
   * and the person's keys → this case (5.1.11) — each only for a category its ground applies to (an indictment
   * with a ЄРДР number must not make the trial judge the proceeding's investigating judge).
   */
  function indexed(zasady: Zasady, item: DistributeItem, ev: Extract<DistributionEvent, { type: 'case-distributed' }>): void {
    const category = item.case.category;
    if (item.route?.erdr !== undefined && groundFollowing(zasady, 'erdr', category)) ev.erdr = item.route.erdr;
    if (item.facts?.personKeys && groundFollowing(zasady, 'person', category)) ev.personKeys = [...item.facts.personKeys];
  }

  /** The hand-off's route the records do not bear out: held in the waiting list with the reason, not drawn (4.1, 4.11, 5.1). */
  function hold(tx: Tx, item: DistributeItem, date: IsoDate, code: string, message: string): DistributionOutcome {
    const caseId = item.case.caseId;
    const seq = tx.nextSeq();
    const reason = heldReason(code, item.route?.ground);
    const ev: DistributionEvent = { type: 'route-held', caseId, seq, code, message, reason, on: date, item: stripItem(item) };
    if (item.facts?.personKeys) ev.personKeys = [...item.facts.personKeys];
    tx.emit(ev);
    tx.effects.push({ type: 'cancel', name: reminderName(caseId) });
    return { status: 'held', caseId, seq, code, message, reason };
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
      // The version in force with the roster in force that day (roster changes by order applied).
      const zasady = zasadyOn(tx.state, date);
      accrue(tx, zasady, date);
      return fn(zasady, date);
    } catch (e) {
      if (e instanceof DomainRejected) throw e;
      if (typeof (e as { code?: unknown }).code !== 'string') throw e; // a bug, not an attempt: let supervision see it
      return failed(tx, caseId, e);
    }
  }

  /**
   * The randomness of a draw: asds-draw/2 (default) — the seal's VRF over the attempt, bound to the stream head
   * before it (state.head, stream-head.ts); asds-draw/1 — 32 CSPRNG bytes from the runtime.
   */
  function randomness(tx: Tx): Pick<DrawInput, 'vrf' | 'randomBytes'> {
    if (!vrf) return { randomBytes: tx.ctx.randomBytes(32) };
    if (tx.state.head === undefined) throw new DomainRejected('STREAM_HEAD_UNKNOWN', 'the stream head of this actor is unknown (a snapshot older than asds-draw/2 and no journal to rebuild it from)');
    return { vrf: { suite: VRF_SUITE_V2, keyId: vrf.keyId, prev: tx.state.head, prove: vrf.prove } };
  }

  function drawInput(tx: Tx, zasady: Zasady, date: IsoDate, c: CaseToDistribute) {
    return {
      zasady,
      calendar: opts.calendar,
      // Exclusions only from recorded facts: the law's own on the case (4.12) and recusals with their rulings.
      case: { ...c, exclusions: exclusionsOf(tx.state, c) },
      at: isoWithOffset(tx.ctx.now, zasady.config.court.timeZone),
      date,
      absences: tx.state.absences,
      duty: tx.state.duty,
      ledger: tx.state.ledger!,
      ...randomness(tx),
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
    // A held route waits for a person's decision: that decision (a new route, or none) is the next distribution of it.
    const decided = pending?.why === 'held';
    if (pending && !retry && !decided) {
      return { status: 'refused', caseId, code: 'DISTRIBUTION_PENDING', message: `case ${caseId} is waiting (${pending.why}, attempt ${pending.seq}); it is retried automatically on ${pending.runOn ?? 'new facts'}`, details: { seq: pending.seq, documentId: pending.protocol, runOn: pending.runOn } };
    }
    if (pending?.personKeys && !item.facts?.personKeys) item = { ...item, facts: { ...(item.facts ?? {}), personKeys: pending.personKeys } };
    return attempt(
      tx,
      (zasady, date) => {
        if ((!retry || decided) && item.route?.ground !== undefined) {
          // A ground is accepted only with the link that justifies it, on this court's records (Засади 4.11, 4.17, 5.1).
          const route = item.route;
          const related = route.relatedCaseId !== undefined ? tx.state.cases[route.relatedCaseId] : undefined;
          const rule = groundRule(zasady, route.ground!);
          const bad = checkTransferLink({
            code: route.ground!,
            ...(rule ? { rule } : {}),
            route,
            case: item.case,
            related: related && { caseId: route.relatedCaseId!, composition: related, case: related.case, ...(related.personKeys ? { personKeys: related.personKeys } : {}) },
            facts: item.facts,
          });
          if (bad) return item.hold ? hold(tx, item, date, bad.code, bad.message) : { status: 'refused', caseId, code: bad.code, message: bad.message, details: bad.details };
        }
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
            return item.hold ? hold(tx, item, date, decision.code, decision.message) : { status: 'refused', caseId, code: decision.code, message: decision.message };
          case 'transfer':
            return transfer(tx, zasady, item, decision, date);
          case 'wait': {
            const seq = tx.nextSeq();
            tx.emit({ type: 'transfer-waiting', caseId, seq, judgeId: decision.judgeId, ground: decision.ground.code, rule: decision.rule, until: decision.until, on: date, ...(decision.recheckOn ? { recheckOn: decision.recheckOn } : {}), item: stripItem(item), ...(item.facts?.personKeys ? { personKeys: [...item.facts.personKeys] } : {}) });
            // 5.4 exceptions wait for the judge: retried on the judge's first working day back (or when a known departure takes effect);
            // with no known return (an open sick leave) the judge's recorded return retries it (rescheduleAll).
            const retryOn = decision.until ?? decision.recheckOn ?? null;
            if (retryOn !== null) tx.effects.push({ type: 'schedule', name: reminderName(caseId), dueAt: retryAt(tx.state, tx.ctx, retryOn), message: { type: 'retry-pending', caseId } });
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
        // 4.9 ¶2, 4.12: exactly the judges the order names are replaced (one member, several, the presiding judge); the others stay.
        if (r.reason === 'replace-judges' && r.replace.length > 0 && r.replace.length < onPanel.length) {
          const result = replaceJudges({ ...drawInput(tx, zasady, date, baseCase), panel: { presiding: rec.presiding, members: rec.members }, replacedJudgeIds: r.replace, basis: r.order });
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
      const z = zasadyOn(tx.state, today(tx.state, tx.ctx));
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
      // A held route waits for a person, not for new facts.
      if (p.why === 'held') continue;
      tx.effects.push({ type: 'schedule', name: reminderName(caseId), dueAt, message: { type: 'retry-pending', caseId } });
    }
  }

  return { makeDocument, loadFor, distributeItem, orderRepeated, retryPending, rescheduleAll };
}
