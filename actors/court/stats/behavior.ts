/**
 * The court's statistics actor (kind `stats`, id = court code): the entered
 * fields of the cards (Засади 16.1.1) under input logical control (16.1.2),
 * the reports kept for signing, their signed "Original" (16.3) and the
 * journey of each to the centre (16.1.6). One actor per court, like the
 * documents actor: it numbers the Originals gaplessly.
 *
 * Pure: the card derived from the other actors' records comes with the
 * `enter` command (the HTTP layer reads it from the card index), the rules
 * and the court's trust material are given at construction (loaded outside).
 */
import { createHash } from 'node:crypto';
import type { Behavior, DecideContext } from '../../../runtime/index.ts';
import { STATS_KIND, StatsCommandV1 as StatsCommandSchema, type ControlRuleV1, type RuleFailureV1, type StatsCommandV1 } from '../../../contracts/court/stats.ts';
import type { StatReportV1, StatStatusV1 } from '../../../contracts/stats/index.ts';
import { applyEntered, STAT_CARD_ENTERED, type EnteredFields } from '../../../analytics/stats/derive.ts';
import { CourtRejected } from '../errors.ts';
import { stampOf } from '../stamp.ts';
import { checkCard } from './control.ts';
import { loginOfSubject } from '../documents/behavior.ts';
import { verifyWithTrust, type CourtTrust } from '../documents/trust.ts';
import { canonicalJson } from '../../distribution/canonical.ts';
import type { ActorStampV1 } from '../../../contracts/court/common.ts';

export { STATS_KIND };

export type StatStatus = 'draft' | 'signed' | StatStatusV1['status'];

export interface KeptReport {
  documentId: string;
  report: StatReportV1;
  /** The exact bytes the statistician signs: canonical JSON of `report`. */
  content: string;
  sha256: string;
  keptAt: number;
  keptBy: ActorStampV1;
  status: StatStatus;
  signature?: { cms: string; author: { name: string; position: string }; login: string; signedAt: number };
  /** Hand-overs to the centre (more than one: a repeat after a lost answer). */
  attempts: number;
  history: Array<{ status: StatStatus; at: number; remarks?: string; by?: string }>;
}

export interface StatsState {
  court: string;
  /** Last number given to an Original. */
  seq: number;
  entries: Record<string, { fields: EnteredFields; warnings: RuleFailureV1[] }>;
  reports: Record<string, KeptReport>;
}

export type StatsEvent =
  | { type: typeof STAT_CARD_ENTERED; v: 1; proceedingNumber: string; fields: EnteredFields; warnings: RuleFailureV1[]; at: number; by: ActorStampV1; basis?: { number: string; date: string } }
  | { type: 'stat-report-kept'; documentId: string; seq: number; report: StatReportV1; content: string; sha256: string; at: number; by: ActorStampV1 }
  | { type: 'stat-report-signed'; documentId: string; cms: string; author: { name: string; position: string }; login: string; at: number }
  | { type: 'stat-report-send-attempted'; documentId: string; at: number }
  | { type: 'stat-report-status'; documentId: string; status: StatStatusV1['status']; at: number; remarks?: string; by?: string };

export interface StatsOptions {
  rules: readonly ControlRuleV1[];
  trust?: CourtTrust;
}

/** Unique id of a report's Original: `<court>-статзвіт-<000001>` (its own register: no clash with the documents actor's numbers). */
export const statDocumentId = (court: string, seq: number) => `${court}-статзвіт-${String(seq).padStart(6, '0')}`;
export const sha256Hex = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');

const ORDER: Record<StatStatus, number> = { draft: 0, signed: 1, sent: 2, received: 3, accepted: 4, returned: 4 };

export function statsBehavior(opts: StatsOptions): Behavior<StatsState, StatsCommandV1, StatsEvent> {
  return {
    kind: STATS_KIND,
    commandSchema: StatsCommandSchema,
    initialState: (court) => ({ court, seq: 0, entries: {}, reports: {} }),
    decide: (s, cmd, ctx) => decide(opts, s, cmd, ctx),
    evolve,
  };
}

function kept(s: StatsState, id: string): KeptReport {
  const r = s.reports[id];
  if (!r) throw new CourtRejected('STAT_REPORT_NOT_FOUND', { documentId: id });
  return r;
}

function decide(opts: StatsOptions, s: StatsState, cmd: StatsCommandV1, ctx: DecideContext) {
  switch (cmd.type) {
    case 'enter': {
      const prev = s.entries[cmd.proceedingNumber]?.fields ?? {};
      const fields = { ...prev, ...cmd.fields } as EnteredFields;
      // Засади 16.1.2: the card as it would be after the entry, checked against every rule; an error refuses it whole.
      const card = applyEntered(cmd.base, fields);
      const failures = checkCard(opts.rules, card);
      const errors = failures.filter((f) => f.severity === 'error');
      if (errors.length > 0) throw new CourtRejected('STAT_CARD_INVALID', { proceedingNumber: cmd.proceedingNumber, failures: errors, warnings: failures.filter((f) => f.severity === 'warning') });
      const warnings = failures.filter((f) => f.severity === 'warning');
      const e: StatsEvent = { type: STAT_CARD_ENTERED, v: 1, proceedingNumber: cmd.proceedingNumber, fields: cmd.fields as EnteredFields, warnings, at: ctx.now, by: stampOf(ctx), ...(cmd.basis ? { basis: cmd.basis } : {}) };
      return { events: [e], reply: { card, warnings } };
    }
    case 'read-entry':
      return { reply: s.entries[cmd.proceedingNumber] ?? { fields: {}, warnings: [] } };
    case 'keep-report': {
      const seq = s.seq + 1;
      const documentId = statDocumentId(s.court, seq);
      const content = canonicalJson(cmd.report);
      const e: StatsEvent = { type: 'stat-report-kept', documentId, seq, report: cmd.report, content, sha256: sha256Hex(content), at: ctx.now, by: stampOf(ctx) };
      return { events: [e], reply: { documentId, sha256: e.sha256, content } };
    }
    case 'read-report':
      return { reply: kept(s, cmd.documentId) };
    case 'sign':
      return sign(opts, s, cmd, ctx);
    case 'send-attempted': {
      const r = kept(s, cmd.documentId);
      const events: StatsEvent[] = [{ type: 'stat-report-send-attempted', documentId: r.documentId, at: ctx.now }];
      // the first hand-over is "sent"; a repeat after a lost answer only counts
      if (ORDER[r.status] < ORDER.sent) events.push({ type: 'stat-report-status', documentId: r.documentId, status: 'sent', at: ctx.now });
      return { events, reply: { status: ORDER[r.status] < ORDER.sent ? 'sent' : r.status } };
    }
    case 'status': {
      const r = s.reports[cmd.status.documentId];
      // only an Original travels: a status about a report never signed is not recorded
      if (!r || !r.signature) return { reply: { recorded: false } };
      // Answers may arrive twice or out of order (a retry, a late reply): a status never goes back;
      // a report returned with remarks and then accepted after a correction is the centre's call, so a final one replaces a final one.
      const st = cmd.status;
      if (ORDER[st.status] < ORDER[r.status] || (st.status === r.status && r.history.at(-1)?.at === st.at)) return { reply: { recorded: false, status: r.status } };
      const e: StatsEvent = { type: 'stat-report-status', documentId: r.documentId, status: st.status, at: st.at, ...(st.remarks ? { remarks: st.remarks } : {}), ...(st.by ? { by: st.by } : {}) };
      return { events: [e], reply: { recorded: true, status: st.status } };
    }
    case 'list':
      return { reply: Object.values(s.reports) };
  }
}

/** Засади 16.3: the author's signature makes the report "Original"; 16.1.4: never a report with control failures. */
function sign(opts: StatsOptions, s: StatsState, cmd: Extract<StatsCommandV1, { type: 'sign' }>, ctx: DecideContext) {
  const r = kept(s, cmd.documentId);
  const by = stampOf(ctx);
  if (r.signature) throw new CourtRejected('STAT_REPORT_SIGNED', { documentId: r.documentId, signedAt: r.signature.signedAt });
  if (r.report.failures.length > 0) throw new CourtRejected('STAT_REPORT_HAS_FAILURES', { documentId: r.documentId, failures: r.report.failures });
  const trust = opts.trust?.current();
  if (!trust) throw new CourtRejected('STAT_PKI_NOT_CONFIGURED');
  const v = verifyWithTrust(trust, Buffer.from(r.content, 'utf8'), Buffer.from(cmd.cms, 'base64'), new Date(ctx.now), trust.pkiDir);
  if (v.indication !== 'TOTAL_PASSED') {
    throw new CourtRejected('STAT_SIGNATURE_REJECTED', { indication: v.indication, subIndication: v.subIndication, reason: v.reason.code, message: { uk: v.reason.uk, en: v.reason.en } });
  }
  const certLogin = v.signer ? loginOfSubject(v.signer.subject) : undefined;
  if (certLogin !== by.login) throw new CourtRejected('STAT_SIGNER_MISMATCH', { certificateLogin: certLogin ?? null });
  const e: StatsEvent = { type: 'stat-report-signed', documentId: r.documentId, cms: cmd.cms, author: cmd.author, login: by.login, at: ctx.now };
  return { events: [e], reply: { documentId: r.documentId, state: 'Original', signedAt: ctx.now, reportSha256: r.sha256 } };
}

function evolve(s: StatsState, e: StatsEvent): StatsState {
  switch (e.type) {
    case STAT_CARD_ENTERED: {
      const prev = s.entries[e.proceedingNumber]?.fields ?? {};
      return { ...s, entries: { ...s.entries, [e.proceedingNumber]: { fields: { ...prev, ...e.fields }, warnings: e.warnings } } };
    }
    case 'stat-report-kept':
      return {
        ...s,
        seq: e.seq,
        reports: { ...s.reports, [e.documentId]: { documentId: e.documentId, report: e.report, content: e.content, sha256: e.sha256, keptAt: e.at, keptBy: e.by, status: 'draft', attempts: 0, history: [{ status: 'draft', at: e.at }] } },
      };
    case 'stat-report-signed':
      return patch(s, e.documentId, (r) => ({ ...r, status: 'signed', signature: { cms: e.cms, author: e.author, login: e.login, signedAt: e.at }, history: [...r.history, { status: 'signed', at: e.at }] }));
    case 'stat-report-send-attempted':
      return patch(s, e.documentId, (r) => ({ ...r, attempts: r.attempts + 1 }));
    case 'stat-report-status':
      return patch(s, e.documentId, (r) => ({ ...r, status: e.status, history: [...r.history, { status: e.status, at: e.at, ...(e.remarks ? { remarks: e.remarks } : {}), ...(e.by ? { by: e.by } : {}) }] }));
  }
}

function patch(s: StatsState, id: string, f: (r: KeptReport) => KeptReport): StatsState {
  const r = s.reports[id];
  return r ? { ...s, reports: { ...s.reports, [id]: f(r) } } : s;
}

/** Reports signed and not yet handed to the bus: what the sender (sender.ts) owes the centre. */
export const unsent = (reports: readonly KeptReport[]) => reports.filter((r) => r.status === 'signed');
