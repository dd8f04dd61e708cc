/**
 * The recipient of a court's procedural document must exist (exchange order 2024, §A: the court sends procedural
 * documents "до електронного кабінету" of the prosecutor's office). Decided: a procedural document goes only to a
 * prosecutor's office that is registered in the registry of connected organisations, not suspended, and has an
 * electronic cabinet; anything else is refused with the reason, so the court never sees "sent" for an inbox nobody
 * reads.
 *
 * decide() stays pure: the facts come from the registry actors as answers to ask effects — `exchange-orgs/hub`
 * (`get`), then `exchange-cabinets/hub` (`get`) — and the verdict is journaled on the filings actor. The court's
 * `send-document` is answered `{ pending: true }` until the verdict exists; the court asks again (outgoing.ts) and
 * then gets the inbox id or the refusal (DomainRejected: final).
 *
 *   decide(send-document) → event exchange-document-vetting + ask orgs  → reply { pending: true }
 *   recipient-answer      → refused | ask cabinets;  cabinet-answer → refused | exchange-document-received
 */
import { DomainRejected, type DecideContext, type Effect } from '../../../../runtime/index.ts';
import type { SentDocumentV1 } from '../../../../contracts/exchange/wire.ts';
import type { RefusalV1 } from '../../../../contracts/exchange/filings.ts';
import type { OrganisationRecordV1 } from '../../../../contracts/exchange/organisations.ts';
import { ORGS_ID, ORGS_KIND } from '../organisations/registry.ts';
import { CABINETS_ID, CABINETS_KIND } from '../cabinets/registry.ts';

const CHECK_TIMEOUT_MS = 5000;

export type Answer = { correlation?: string; ok: boolean; reply?: unknown; error?: unknown };

/** The stable codes of a refused recipient (Ukrainian reasons below). */
export type RecipientRefusalCode = 'RECIPIENT_UNKNOWN' | 'RECIPIENT_NOT_PROSECUTOR' | 'RECIPIENT_SUSPENDED' | 'RECIPIENT_NO_CABINET';

export function askOrganisation(ctx: DecideContext, key: string, orgId: string): Effect {
  return { type: 'ask', to: { node: ctx.self.node, kind: ORGS_KIND, id: ORGS_ID }, message: { type: 'get', id: orgId }, replyType: 'recipient-answer', correlation: key, timeoutMs: CHECK_TIMEOUT_MS };
}

export function askCabinet(ctx: DecideContext, key: string, orgId: string): Effect {
  return { type: 'ask', to: { node: ctx.self.node, kind: CABINETS_KIND, id: CABINETS_ID }, message: { type: 'get', orgId }, replyType: 'cabinet-answer', correlation: key, timeoutMs: CHECK_TIMEOUT_MS };
}

/** The registry's answer about the recipient: a refusal, or undefined when its cabinet is still to be checked. */
export function organisationVerdict(item: SentDocumentV1, rec: OrganisationRecordV1 | null): RefusalV1 | undefined {
  if (!rec) return { code: 'RECIPIENT_UNKNOWN', reason: `Організацію «${item.organisation}» не зареєстровано в реєстрі підключених до обміну; документ не надіслано` };
  if (rec.kind !== 'prosecutor') return { code: 'RECIPIENT_NOT_PROSECUTOR', reason: `«${rec.name}» не є органом прокуратури: процесуальні документи надсилаються лише до електронного кабінету прокуратури` };
  if (rec.status === 'suspended') {
    const until = rec.suspension?.expectedUntil ? `, орієнтовно до ${rec.suspension.expectedUntil.split('-').reverse().join('.')}` : '';
    return { code: 'RECIPIENT_SUSPENDED', reason: `Обмін з «${rec.name}» тимчасово зупинено (${rec.suspension?.reason ?? 'без зазначення причини'}${until}); документ не надіслано` };
  }
  return undefined;
}

export function cabinetVerdict(item: SentDocumentV1, cabinet: unknown): RefusalV1 | undefined {
  if (cabinet) return undefined;
  return { code: 'RECIPIENT_NO_CABINET', reason: `У прокуратури «${item.organisation}» немає зареєстрованого електронного кабінету; документ не надіслано` };
}

/** A journaled refusal as the court's sender sees it: final (DomainRejected), code and Ukrainian reason. */
export function recipientRejected(r: RefusalV1): DomainRejected {
  return new DomainRejected(r.code, r.reason);
}
