/**
 * The case card's archive part (Засади 17.1, issue 15 item 4): the archive actor marks the card when the centre
 * has accepted the case's package; the card stays readable, and staff changes are refused (CASE_ARCHIVED) until the
 * case is recalled from the archive — the recall is journaled here too, with its reason and author.
 *
 * Pure: `behavior.ts` calls these from `decide`/`evolve`.
 */
import type { DecideContext } from '../../../runtime/index.ts';
import type { ActorStampV1 } from '../../../contracts/court/index.ts';
import type { CardArchiveV1, CaseArchiveMarkV1, CaseArchiveRecallV1 } from '../../../contracts/court/archive.ts';
import { CourtRejected } from '../errors.ts';
import { kyivDate, longDateUk } from '../dates.ts';

export interface CaseArchive {
  state: 'transferred' | 'recalled';
  packageId: string;
  centre: string;
  acceptedAt: number;
  recalls: Array<{ at: number; reason: string; by: ActorStampV1; packageId: string }>;
}

export type CaseArchiveEvent =
  | { type: 'archive-transferred'; at: number; packageId: string; centre: string; acceptedAt: number }
  | { type: 'archive-recalled'; at: number; packageId: string; reason: string; by: ActorStampV1 };

/** Staff changes a transferred card refuses (reads, the registry's opens and the system's reminders pass). */
const CHANGES: ReadonlySet<string> = new Set(['move', 'correct', 'attach', 'assign', 'decide', 'file-appeal', 'appeal-sent', 'record-legal-force', 'full-text']);

export function refuseIfArchived(archive: CaseArchive | undefined, command: string, ueun: string): void {
  if (archive?.state === 'transferred' && CHANGES.has(command)) throw new CourtRejected('CASE_ARCHIVED', { ueun, packageId: archive.packageId });
}

export function markTransferred(archive: CaseArchive | undefined, m: CaseArchiveMarkV1, ctx: DecideContext) {
  // the archive actor re-sends an unconfirmed mark: the same package twice is one mark
  if (archive?.state === 'transferred' && archive.packageId === m.packageId) return { reply: { marked: false } };
  return { events: [{ type: 'archive-transferred' as const, at: ctx.now, packageId: m.packageId, centre: m.centre, acceptedAt: m.acceptedAt }], reply: { marked: true } };
}

export function markRecalled(archive: CaseArchive | undefined, r: CaseArchiveRecallV1, ctx: DecideContext) {
  if (!archive || archive.state === 'recalled') return { reply: { marked: false } };
  return { events: [{ type: 'archive-recalled' as const, at: ctx.now, packageId: r.packageId, reason: r.reason, by: r.by }], reply: { marked: true } };
}

export function evolveArchive(archive: CaseArchive | undefined, e: CaseArchiveEvent): CaseArchive {
  if (e.type === 'archive-transferred') return { state: 'transferred', packageId: e.packageId, centre: e.centre, acceptedAt: e.acceptedAt, recalls: archive?.recalls ?? [] };
  const base = archive ?? { state: 'recalled' as const, packageId: e.packageId, centre: '', acceptedAt: e.at, recalls: [] };
  return { ...base, state: 'recalled', recalls: [...base.recalls, { at: e.at, reason: e.reason, by: e.by, packageId: e.packageId }] };
}

export function cardArchive(a: CaseArchive | undefined): { archive?: CardArchiveV1 } {
  if (!a) return {};
  const when = longDateUk(kyivDate(a.acceptedAt));
  const note = a.state === 'transferred' ? `Передано до електронного архіву ${when}` : `Витребувано з електронного архіву (передано ${when}): ${a.recalls.at(-1)?.reason ?? ''}`;
  return {
    archive: {
      state: a.state,
      packageId: a.packageId,
      centre: a.centre,
      transferredAt: new Date(a.acceptedAt).toISOString(),
      note,
      recalls: a.recalls.map((r) => ({ ...r, at: new Date(r.at).toISOString() })),
    },
  };
}
