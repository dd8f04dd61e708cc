/**
 * A record's basis linked to the court document it names (Засади 2.1, 4.2, 4.13): used by the HTTP handlers
 * that write an absence, a repeated distribution or a user-rights change.
 *
 *   const link = await basisLink(ctx, body.basis, { kind: 'absence', summary, target }, asUser(p)); // may refuse
 *   await dist.ask({ type: 'record-absence', … });                                                    // the record
 *   await link();                                                                                      // the document shows it
 *
 * The check runs BEFORE the record is written, so a reference that contradicts the document it names (another
 * date, a kind that cannot ground this record) is refused with nothing written. The link is written after the
 * record: a refused record leaves no link. A reference to a document the system does not have yet is accepted
 * and kept pending (decide.ts says why) — it is on the overdue list until the document is entered.
 */
import type { AskOptions } from '../../../runtime/index.ts';
import type { BasisRefV1, EffectV1 } from '../../../contracts/court/orders.ts';
import type { RoleV1 } from '../../../contracts/court/common.ts';
import { DOCUMENTS_KIND } from '../../../contracts/court/documents.ts';
import type { CourtHttpContext } from '../http/context.ts';
import { longDateUk } from '../dates.ts';

/** What a record's basis looks like in the existing contracts: DocRefV1 `{number, date, title?}` or DocumentRef `{kind, number, date, issuer?}`. */
export interface AnyBasis {
  kind?: string;
  number: string;
  date: string;
}

export async function basisLink(ctx: Pick<CourtHttpContext, 'system' | 'court'>, basis: AnyBasis, effect: EffectV1, as: AskOptions): Promise<() => Promise<void>> {
  // a node without the documents actor (no court PKI configured) has no registers to link to
  if (!ctx.system.hasKind(DOCUMENTS_KIND)) return async () => {};
  const ref: BasisRefV1 = { ...(basis.kind ? { kind: basis.kind } : {}), number: basis.number, date: basis.date };
  const docs = ctx.system.ref(DOCUMENTS_KIND, ctx.court);
  const r = await docs.ask<{ applies: boolean }>({ type: 'resolve-basis', ref, effect: effect.kind });
  if (!r.applies) return async () => {};
  return async () => void (await docs.ask({ type: 'link-basis', ref, effect }, as));
}

/** Absence kinds as printed (contracts/distribution/inputs.ts AbsenceKindSchema). */
const ABSENCE_UK: Record<string, string> = {
  vacation: 'відпустка',
  'business-trip': 'відрядження',
  'sick-leave': 'тимчасова непрацездатність',
  training: 'навчання',
  'appointment-vkks-vrp': 'призначення членом ВККС чи ВРП',
  suspension: 'тимчасове відсторонення',
  dismissal: 'звільнення',
  'powers-end': 'закінчення повноважень',
};

/** The absence record as a document shows it: the judge by full name, the kind and the period in words. */
export function absenceEffect(judgeName: string, judgeKey: string, a: { kind: string; from: string; to?: string }): EffectV1 {
  const period = `з ${longDateUk(a.from)}${a.to ? ` по ${longDateUk(a.to)}` : ''}`;
  return { kind: 'absence', summary: `відсутність судді (${ABSENCE_UK[a.kind] ?? a.kind}): ${judgeName}, ${period}`, target: `${judgeKey}/${a.kind}/${a.from}` };
}

/** A role as a position, printed under a document's text and in a rights change. */
export const POSITION_UK: Record<RoleV1, string> = {
  head_of_staff: 'Керівник апарату суду',
  chief_judge: 'Голова суду',
  judge: 'Суддя',
  registrar: 'Працівник апарату суду',
  distribution_officer: 'Відповідальна особа з автоматизованого розподілу',
  tech_admin: 'Технічний адміністратор',
  auditor: 'Аудитор',
  statistician: 'Відповідальна особа з ведення судової статистики',
  archivist: 'Працівник архіву суду',
};
