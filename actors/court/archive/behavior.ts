/**
 * The court's archive (kind `archive`, id = court code; Засади 17.1): which considered cases are due for the
 * electronic archive under the court's rules (rules.ts), the archivist's confirmation or the automatic one the
 * configuration allows, the packages the node built, and the centre's answer — a receipt records the transfer and
 * marks the case card; a refusal keeps the case listed with the centre's reason. A transferred case is changed again
 * only after a recall (request back from the archive), journaled here and on the card.
 *
 * Pure: the node feeds the cards' facts (feeder.ts) and the packages it built (packager.ts) as commands; the daily
 * due list is a durable reminder of this actor. Only a central node may send `record-receipt`/`record-refusal`
 * (Behavior.remote, checked by runtime/remote.ts), and the receipt must name the node that sent it.
 */
import type { Behavior, DecideContext, Effect } from '../../../runtime/index.ts';
import type { ActorStampV1, DocRefV1 } from '../../../contracts/court/index.ts';
import { ArchiveCommandV1, type ArchiveCaseStateV1, type ArchiveCaseViewV1, type ArchiveConfigV1, type ArchiveListV1, type ArchiveReceiptV1, type PackageBuiltV1 } from '../../../contracts/court/archive.ts';
import { archiveReceiptSigner } from '../../../contracts/archive/index.ts';
import { CourtRejected } from '../errors.ts';
import { isCalendarDate, kyivDate, longDateUk } from '../dates.ts';
import { stampOf } from '../stamp.ts';
import { DEFAULT_ARCHIVE } from './config.ts';
import { nextKyivTime, readiness, type ArchiveCaseFacts } from './rules.ts';

export const ARCHIVE_KIND = 'archive';
const DAILY = 'archive-daily';
const CASE_KIND = 'case';

type Stage = 'open' | 'confirmed' | 'built' | 'transferred' | 'refused' | 'recalled';

interface Built extends PackageBuiltV1 {
  at: number;
}

export interface ArchiveCase extends ArchiveCaseFacts {
  ueun: string;
  stage: Stage;
  confirmed?: { at: number; by: ActorStampV1; automatic: boolean };
  package?: Built;
  transferred?: { packageId: string; centre: string; acceptedAt: number; at: number };
  /** A mark the case card has not confirmed yet (re-sent by the daily reminder). */
  cardPending?: { op: 'mark' | 'recall'; packageId: string };
  refusals: Array<{ packageId: string; code: string; reason: string; at: number; from: string }>;
  failures: Array<{ code: string; message: string; at: number }>;
  recalls: Array<{ packageId: string; reason: string; basis?: DocRefV1; at: number; by: ActorStampV1 }>;
}

export interface ArchiveState {
  court: string;
  armed: boolean;
  /** Journal position the feeder has fed through (its durable cursor, like the ЄДРСР queue's). */
  fedThrough: number;
  cases: Record<string, ArchiveCase>;
  /** packageId → ЄУН. */
  packages: Record<string, string>;
  lastListed?: string;
}

export type ArchiveEvent =
  | { type: 'archive-armed'; at: number }
  | { type: 'archive-case-noted'; gseq: number; state: ArchiveCaseStateV1 }
  | { type: 'archive-fed'; gseq: number }
  | { type: 'archive-due-listed'; date: string; due: string[]; automatic: string[] }
  | { type: 'archive-confirmed'; ueun: string; at: number; by: ActorStampV1; automatic: boolean; category: string; dueDate: string; retention: { years: number | null; until: string | null } }
  | { type: 'execution-recorded'; ueun: string; date: string; note?: string; at: number; by: ActorStampV1 }
  | ({ type: 'package-built'; at: number } & PackageBuiltV1)
  | { type: 'package-failed'; ueun: string; code: string; message: string; at: number }
  | { type: 'archive-transferred'; ueun: string; packageId: string; centre: string; acceptedAt: number; at: number; receipt: ArchiveReceiptV1 }
  | { type: 'archive-refused'; ueun: string; packageId: string; code: string; reason: string; from: string; at: number }
  | { type: 'archive-card-marked'; ueun: string; packageId: string; op: 'mark' | 'recall' }
  | { type: 'archive-recalled'; ueun: string; packageId: string; reason: string; basis?: DocRefV1; at: number; by: ActorStampV1 };

const iso = (ms: number) => new Date(ms).toISOString();
const node = (ctx: DecideContext) => (typeof ctx.meta.node === 'string' ? ctx.meta.node : undefined);

function known(state: ArchiveState, ueun: string): ArchiveCase {
  const c = state.cases[ueun];
  if (!c) throw new CourtRejected('ARCHIVE_CASE_UNKNOWN', { ueun });
  return c;
}

/** The case view of GET /archive/due and /archive/packages. */
export function viewOf(config: ArchiveConfigV1, c: ArchiveCase, today: string): ArchiveCaseViewV1 {
  const r = readiness(config, c);
  const dueNow = r.dueDate !== null && r.dueDate <= today;
  const state: ArchiveCaseViewV1['state'] = c.stage === 'open' || c.stage === 'recalled' ? (dueNow ? 'due' : c.stage === 'recalled' ? 'recalled' : 'waiting') : c.stage;
  let note = r.note;
  if (c.stage === 'refused') note = `Центр відмовив у прийнятті архівного пакета: ${c.refusals.at(-1)?.reason ?? ''}`;
  else if (c.stage === 'transferred' && c.transferred) note = `Передано до електронного архіву ${longDateUk(kyivDate(c.transferred.acceptedAt))} (квитанція ${c.transferred.centre})`;
  else if (c.stage === 'confirmed') note = 'Передачу підтверджено: архівний пакет формується';
  else if (c.stage === 'built') note = 'Архівний пакет сформовано: очікується квитанція центру';
  else if (c.failures.length > 0 && c.failures.at(-1)!.at >= (c.confirmed?.at ?? 0)) note = `Архівний пакет не сформовано: ${c.failures.at(-1)!.message}. ${r.note}`;
  return {
    ueun: c.ueun,
    state,
    category: r.category.id,
    categoryTitle: r.category.title,
    dueDate: r.dueDate,
    note,
    retention: r.retention,
    ...(c.confirmed ? { confirmed: { at: iso(c.confirmed.at), by: c.confirmed.by, automatic: c.confirmed.automatic } } : {}),
    ...(c.package ? { package: { packageId: c.package.packageId, tagmanifestSha256: c.package.tagmanifestSha256, files: c.package.files, bytes: c.package.bytes, at: iso(c.package.at) } } : {}),
    ...(c.transferred ? { transferred: { packageId: c.transferred.packageId, centre: c.transferred.centre, acceptedAt: iso(c.transferred.acceptedAt) } } : {}),
    refusals: c.refusals.map((x) => ({ packageId: x.packageId, code: x.code, reason: x.reason, at: iso(x.at), from: x.from })),
    failures: c.failures.map((x) => ({ code: x.code, message: x.message, at: iso(x.at) })),
    recalls: c.recalls.map((x) => ({ packageId: x.packageId, reason: x.reason, at: iso(x.at), by: x.by })),
  };
}

/** Open (or recalled) and due on `today`. */
function isDue(config: ArchiveConfigV1, c: ArchiveCase, today: string): boolean {
  if (c.stage !== 'open' && c.stage !== 'recalled') return false;
  const d = readiness(config, c).dueDate;
  return d !== null && d <= today;
}

function confirmEvent(config: ArchiveConfigV1, c: ArchiveCase, ctx: DecideContext, automatic: boolean): ArchiveEvent {
  const r = readiness(config, c);
  return { type: 'archive-confirmed', ueun: c.ueun, at: ctx.now, by: automatic ? { login: 'system', role: 'system' } : stampOf(ctx), automatic, category: r.category.id, dueDate: r.dueDate!, retention: { years: r.retention.years, until: r.retention.until } };
}

function cardAsk(ctx: DecideContext, ueun: string, p: NonNullable<ArchiveCase['cardPending']>, c: ArchiveCase): Effect {
  const last = c.recalls.at(-1);
  const message =
    p.op === 'mark'
      ? { type: 'archive-mark', mark: { packageId: p.packageId, centre: c.transferred!.centre, acceptedAt: c.transferred!.acceptedAt } }
      : { type: 'archive-recall', recall: { packageId: p.packageId, reason: last!.reason, by: last!.by } };
  return { type: 'ask', to: { node: ctx.self.node, kind: CASE_KIND, id: ueun }, message, replyType: 'card-marked', correlation: `${ueun}|${p.packageId}|${p.op}`, meta: { author: 'system:archive', role: 'system' } };
}

function dailyReminder(config: ArchiveConfigV1, ctx: DecideContext): Effect {
  return { type: 'schedule', name: DAILY, dueAt: nextKyivTime(ctx.now, config.dailyAt), message: { type: 'daily' } };
}

const sameFacts = (a: ArchiveCaseFacts, s: ArchiveCaseStateV1) =>
  a.covert === s.covert && a.proceedings.length === s.proceedings.length && a.proceedings.every((p, i) => p.proceedingNumber === s.proceedings[i]!.proceedingNumber && p.legalForce === s.proceedings[i]!.legalForce);

/**
 * The archive kind under the court's rules (archive.yaml beside the Засади; built-in rules without one).
 * `operatorPublicKey` (the bus operator's, known to a node on the bus): the receipt's own signature is checked too
 * (contracts/archive/receipt.ts) — a pure computation over the command's data — so a stored receipt proves itself.
 */
export function archiveBehavior(config: ArchiveConfigV1 = DEFAULT_ARCHIVE, o: { operatorPublicKey?: string } = {}): Behavior<ArchiveState, ArchiveCommandV1, ArchiveEvent> {
  return {
    kind: ARCHIVE_KIND,
    commandSchema: ArchiveCommandV1,
    // the centre's answers only; everything else enters through the node (HTTP with the archivist's login, the feeder)
    remote: { 'record-receipt': ['central'], 'record-refusal': ['central'] },
    initialState: (court) => ({ court, armed: false, fedThrough: 0, cases: {}, packages: {} }),

    decide(state, cmd, ctx) {
      const today = kyivDate(ctx.now);
      switch (cmd.type) {
        case 'arm':
          if (state.armed) return { reply: { armed: true } };
          return { events: [{ type: 'archive-armed', at: ctx.now }], effects: [dailyReminder(config, ctx)], reply: { armed: true } };

        case 'daily': {
          const due = Object.values(state.cases).filter((c) => isDue(config, c, today));
          const auto = due.filter((c) => readiness(config, c).automatic);
          const events: ArchiveEvent[] = [{ type: 'archive-due-listed', date: today, due: due.map((c) => c.ueun), automatic: auto.map((c) => c.ueun) }];
          // Automatic by the court's configuration (issue 15 item 2): confirmed by the system in the same write.
          for (const c of auto) events.push(confirmEvent(config, c, ctx, true));
          // Card marks the case actor did not confirm (a crash between the two writes) are sent again.
          const effects: Effect[] = Object.values(state.cases).filter((c) => c.cardPending).map((c) => cardAsk(ctx, c.ueun, c.cardPending!, c));
          if (ctx.reminder?.name === DAILY) effects.push(dailyReminder(config, ctx));
          return { events, effects, reply: { date: today, due: due.length, automatic: auto.length } };
        }

        case 'case-state': {
          const s = cmd.state;
          const c = state.cases[s.ueun];
          // Only considered cases are the archive's: an untracked card without any legal force writes nothing.
          if (!c && !s.proceedings.some((p) => p.legalForce !== null)) return { reply: { noted: false } };
          if (c && sameFacts(c, s)) return { reply: { noted: false } };
          return { events: [{ type: 'archive-case-noted', gseq: cmd.gseq, state: s }], reply: { noted: true } };
        }

        case 'advance':
          if (cmd.gseq <= state.fedThrough) return { reply: { fedThrough: state.fedThrough } };
          return { events: [{ type: 'archive-fed', gseq: cmd.gseq }], reply: { fedThrough: cmd.gseq } };

        case 'status': {
          const counts: Record<string, number> = {};
          for (const c of Object.values(state.cases)) counts[c.stage] = (counts[c.stage] ?? 0) + 1;
          return { reply: { fedThrough: state.fedThrough, armed: state.armed, cases: Object.keys(state.cases).length, stages: counts, lastListed: state.lastListed ?? null } };
        }

        case 'due': {
          // The archivist's list: due today, confirmed or built and waiting, refused with the centre's reason.
          const list = Object.values(state.cases).filter((c) => isDue(config, c, today) || c.stage === 'confirmed' || c.stage === 'built' || c.stage === 'refused');
          return { reply: { date: today, cases: list.map((c) => viewOf(config, c, today)) } satisfies ArchiveListV1 };
        }

        case 'packages': {
          const list = Object.values(state.cases).filter((c) => c.package || c.refusals.length > 0);
          return { reply: { date: today, cases: list.map((c) => viewOf(config, c, today)) } satisfies ArchiveListV1 };
        }

        case 'case':
          return { reply: viewOf(config, known(state, cmd.ueun), today) };

        case 'to-package': {
          const list = Object.values(state.cases).filter((c) => c.stage === 'confirmed' && readiness(config, c).dueDate !== null);
          return { reply: list.map((c) => viewOf(config, c, today)) };
        }

        case 'confirm': {
          const c = known(state, cmd.ueun);
          if (c.stage === 'transferred') throw new CourtRejected('ARCHIVE_ALREADY_TRANSFERRED', { ueun: c.ueun });
          if (c.stage === 'confirmed' || c.stage === 'built') throw new CourtRejected('ARCHIVE_ALREADY_CONFIRMED', { ueun: c.ueun, stage: c.stage });
          const r = readiness(config, c);
          // a refused package is confirmed again once the court has fixed the cause (its due date has long passed)
          if (r.dueDate === null || r.dueDate > today) throw new CourtRejected('ARCHIVE_NOT_DUE', { ueun: c.ueun, dueDate: r.dueDate, note: r.note });
          return { events: [confirmEvent(config, c, ctx, false)], reply: { confirmed: true, ueun: c.ueun, dueDate: r.dueDate } };
        }

        case 'record-execution': {
          const c = known(state, cmd.ueun);
          if (c.stage === 'transferred') throw new CourtRejected('CASE_ARCHIVED', { ueun: c.ueun });
          if (!isCalendarDate(cmd.execution.date)) throw new CourtRejected('BAD_DATE', { date: cmd.execution.date });
          if (cmd.execution.date > today) throw new CourtRejected('ARCHIVE_EXECUTION_DATE_INVALID', { date: cmd.execution.date, today });
          const e: ArchiveEvent = { type: 'execution-recorded', ueun: c.ueun, date: cmd.execution.date, ...(cmd.execution.note ? { note: cmd.execution.note } : {}), at: ctx.now, by: stampOf(ctx) };
          return { events: [e], reply: { recorded: true, ueun: c.ueun, date: cmd.execution.date } };
        }

        case 'record-package': {
          const b = cmd.built;
          const c = known(state, b.ueun);
          if (c.package?.packageId === b.packageId) return { reply: { recorded: false, packageId: b.packageId } };
          if (c.stage !== 'confirmed') throw new CourtRejected('ARCHIVE_NOT_CONFIRMED', { ueun: c.ueun, stage: c.stage });
          return { events: [{ type: 'package-built', ...b, at: ctx.now }], reply: { recorded: true, packageId: b.packageId } };
        }

        case 'package-failed': {
          const c = known(state, cmd.ueun);
          if (c.stage !== 'confirmed') return { reply: { recorded: false } };
          return { events: [{ type: 'package-failed', ueun: c.ueun, code: cmd.code, message: cmd.message, at: ctx.now }], reply: { recorded: true } };
        }

        case 'record-receipt': {
          const ueun = state.packages[cmd.packageId];
          if (!ueun) throw new CourtRejected('ARCHIVE_PACKAGE_UNKNOWN', { packageId: cmd.packageId });
          const c = state.cases[ueun]!;
          // the centre's job retries: the same receipt twice is one transfer
          if (c.transferred?.packageId === cmd.packageId) return { reply: { recorded: false, ueun, packageId: cmd.packageId } };
          if (c.stage !== 'built' || c.package?.packageId !== cmd.packageId) throw new CourtRejected('ARCHIVE_PACKAGE_UNKNOWN', { packageId: cmd.packageId, current: c.package?.packageId ?? null, stage: c.stage });
          const r = cmd.receipt;
          const p = c.package;
          const fields: string[] = [];
          if (r.packageId !== cmd.packageId) fields.push('packageId');
          if (r.court !== state.court) fields.push('court');
          if (r.ueun !== ueun) fields.push('ueun');
          if (r.tagmanifestSha256 !== p.tagmanifestSha256) fields.push('tagmanifestSha256');
          if (r.files !== p.files) fields.push('files');
          if (r.bytes !== p.bytes) fields.push('bytes');
          // the receipt names the central node the bus gate verified as its sender (runtime/remote.ts)
          if (r.centre !== node(ctx)) fields.push('centre');
          if (o.operatorPublicKey) {
            try {
              archiveReceiptSigner(r, o.operatorPublicKey);
            } catch {
              fields.push('signature');
            }
          }
          if (fields.length > 0) throw new CourtRejected('ARCHIVE_RECEIPT_MISMATCH', { packageId: cmd.packageId, fields });
          const e: ArchiveEvent = { type: 'archive-transferred', ueun, packageId: cmd.packageId, centre: r.centre, acceptedAt: r.acceptedAt, at: ctx.now, receipt: r };
          const after = { ...c, transferred: { packageId: cmd.packageId, centre: r.centre, acceptedAt: r.acceptedAt, at: ctx.now } };
          return { events: [e], effects: [cardAsk(ctx, ueun, { op: 'mark', packageId: cmd.packageId }, after)], reply: { recorded: true, ueun, packageId: cmd.packageId } };
        }

        case 'record-refusal': {
          const ueun = state.packages[cmd.packageId];
          if (!ueun) throw new CourtRejected('ARCHIVE_PACKAGE_UNKNOWN', { packageId: cmd.packageId });
          const c = state.cases[ueun]!;
          if (c.refusals.some((x) => x.packageId === cmd.packageId && x.code === cmd.code)) return { reply: { recorded: false, ueun } };
          // a refusal of a package that is not the current one (superseded, or already accepted) changes nothing
          if (c.stage !== 'built' || c.package?.packageId !== cmd.packageId) return { reply: { recorded: false, ueun, stage: c.stage } };
          return { events: [{ type: 'archive-refused', ueun, packageId: cmd.packageId, code: cmd.code, reason: cmd.reason, from: node(ctx) ?? String(ctx.meta.author ?? 'unknown'), at: ctx.now }], reply: { recorded: true, ueun } };
        }

        case 'recall': {
          const c = known(state, cmd.ueun);
          if (c.stage !== 'transferred' || !c.transferred) throw new CourtRejected('ARCHIVE_NOT_TRANSFERRED', { ueun: c.ueun, stage: c.stage });
          const e: ArchiveEvent = { type: 'archive-recalled', ueun: c.ueun, packageId: c.transferred.packageId, reason: cmd.recall.reason, ...(cmd.recall.basis ? { basis: cmd.recall.basis } : {}), at: ctx.now, by: stampOf(ctx) };
          const after: ArchiveCase = { ...c, recalls: [...c.recalls, { packageId: c.transferred.packageId, reason: cmd.recall.reason, at: ctx.now, by: stampOf(ctx) }] };
          return { events: [e], effects: [cardAsk(ctx, c.ueun, { op: 'recall', packageId: c.transferred.packageId }, after)], reply: { recalled: true, ueun: c.ueun, packageId: c.transferred.packageId } };
        }

        case 'card-marked': {
          const [ueun, packageId, op] = (cmd.correlation ?? '').split('|');
          const c = ueun ? state.cases[ueun] : undefined;
          if (!cmd.ok || !c?.cardPending || c.cardPending.packageId !== packageId || c.cardPending.op !== op) return { reply: { ignored: true } };
          return { events: [{ type: 'archive-card-marked', ueun: c.ueun, packageId: packageId!, op: c.cardPending.op }], reply: { marked: true } };
        }
      }
    },

    evolve(state, e) {
      const put = (c: ArchiveCase) => ({ ...state, cases: { ...state.cases, [c.ueun]: c } });
      const at = (ueun: string) => state.cases[ueun];
      switch (e.type) {
        case 'archive-armed':
          return { ...state, armed: true };
        case 'archive-fed':
          return { ...state, fedThrough: Math.max(state.fedThrough, e.gseq) };
        case 'archive-case-noted': {
          const c = at(e.state.ueun) ?? { ueun: e.state.ueun, stage: 'open' as Stage, covert: false, proceedings: [], refusals: [], failures: [], recalls: [] };
          const next: ArchiveCase = { ...c, covert: e.state.covert, proceedings: e.state.proceedings };
          // a confirmed or packaged case that is no longer ready (legal force withdrawn after an appeal, a new
          // proceeding opened) goes back to the list: no package is built — and no receipt for its old package taken —
          // until it is due and confirmed again (the centre also refuses a package older than the case's events)
          if ((next.stage === 'confirmed' || next.stage === 'built') && e.state.proceedings.some((p) => p.legalForce === null)) next.stage = 'open';
          return { ...put(next), fedThrough: Math.max(state.fedThrough, e.gseq) };
        }
        case 'archive-due-listed':
          return { ...state, lastListed: e.date };
        case 'archive-confirmed':
          return put({ ...at(e.ueun)!, stage: 'confirmed', confirmed: { at: e.at, by: e.by, automatic: e.automatic } });
        case 'execution-recorded':
          return put({ ...at(e.ueun)!, execution: { date: e.date, ...(e.note ? { note: e.note } : {}), at: e.at, by: e.by } });
        case 'package-built': {
          const { type: _t, ...b } = e;
          return { ...put({ ...at(e.ueun)!, stage: 'built', package: b }), packages: { ...state.packages, [e.packageId]: e.ueun } };
        }
        case 'package-failed': {
          const c = at(e.ueun)!;
          // back to the list: the archivist confirms again after the cause is fixed (automatic ones: the next daily run)
          return put({ ...c, stage: 'open', failures: [...c.failures, { code: e.code, message: e.message, at: e.at }] });
        }
        case 'archive-transferred':
          return put({ ...at(e.ueun)!, stage: 'transferred', transferred: { packageId: e.packageId, centre: e.centre, acceptedAt: e.acceptedAt, at: e.at }, cardPending: { op: 'mark', packageId: e.packageId } });
        case 'archive-refused': {
          const c = at(e.ueun)!;
          return put({ ...c, stage: 'refused', refusals: [...c.refusals, { packageId: e.packageId, code: e.code, reason: e.reason, at: e.at, from: e.from }] });
        }
        case 'archive-card-marked': {
          const { cardPending: _p, ...c } = at(e.ueun)!;
          return put(c);
        }
        case 'archive-recalled': {
          const c = at(e.ueun)!;
          return put({ ...c, stage: 'recalled', recalls: [...c.recalls, { packageId: e.packageId, reason: e.reason, ...(e.basis ? { basis: e.basis } : {}), at: e.at, by: e.by }], cardPending: { op: 'recall', packageId: e.packageId } });
        }
      }
    },
  };
}
