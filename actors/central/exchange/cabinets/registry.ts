/**
 * Prosecutors' electronic cabinets (issue 17 §A.1; 2024 order пп. 5, 11–13) — one actor `exchange-cabinets/hub`.
 * It journals, each attributed: a cabinet's registration (by the head's qualified signature, or by the operator on
 * a conditional code of the list and a written request), the list of conditional codes as loaded from the
 * configuration and its changes on request (п. 12), and a change of head: from the notice on the former head's
 * certificate is no longer trusted; the new one is trusted from the moment its data is recorded (п. 13).
 *
 *   await system.ref(CABINETS_KIND, CABINETS_ID).ask({ type: 'get', orgId: 'okp-lubny' });   // CabinetV1 | null
 */
import { DomainRejected, type Behavior } from '../../../../runtime/index.ts';
import { CabinetsCommandV1, type CabinetV1, type DistrictListChangeV1, type DistrictOfficeV1, type HeadCertificateV1, type WrittenRequestV1 } from '../../../../contracts/exchange/cabinets.ts';
import { sameCertificate } from './certificates.ts';

export const CABINETS_KIND = 'exchange-cabinets';
export const CABINETS_ID = 'hub';

export interface CabinetsState {
  cabinets: Record<string, CabinetV1>;
  /** The effective list of district offices' conditional codes, by code. */
  district: Record<string, DistrictOfficeV1>;
  /** Digest of the configuration file last loaded (a restart with the same file writes nothing). */
  listDigest: string | null;
}

type Registration = Extract<CabinetsCommandV1, { type: 'register' }>['cabinet'];
type Event =
  | { type: 'cabinet-registered'; cabinet: Registration; at: number; by: string }
  | { type: 'cabinet-head-replaced'; orgId: string; head: HeadCertificateV1; requestDigest?: string; at: number; by: string }
  | { type: 'head-change-begun'; orgId: string; changedOn: string; dueDate: string; dueAt: number; request?: WrittenRequestV1; note?: string; at: number; by: string }
  | { type: 'head-change-completed'; orgId: string; head: HeadCertificateV1; request?: WrittenRequestV1; at: number; by: string }
  | { type: 'district-list-loaded'; offices: DistrictOfficeV1[]; digest: string; source: string; at: number }
  | { type: 'district-list-changed'; change: DistrictListChangeV1; at: number; by: string };

export class CabinetRefused extends DomainRejected {}

function cabinetOf(s: CabinetsState, orgId: string): CabinetV1 {
  const c = s.cabinets[orgId];
  if (!c) throw new CabinetRefused('CABINET_NOT_FOUND', 'електронний кабінет цього органу прокуратури не зареєстровано');
  return c;
}

function decideRegister(s: CabinetsState, cab: Registration, now: number, by: string): Event[] {
  const existing = s.cabinets[cab.orgId];
  const sameCode = Object.values(s.cabinets).find((c) => c.code === cab.code && c.orgId !== cab.orgId);
  if (sameCode) throw new CabinetRefused('CABINET_CODE_TAKEN', `кабінет з кодом ${cab.code} уже зареєстровано для «${sameCode.officeName}»`);
  if (cab.via === 'conditional-code' && !s.district[cab.code]) {
    throw new CabinetRefused('DISTRICT_CODE_NOT_LISTED', `умовного ідентифікаційного коду ${cab.code} немає в Переліку окружних прокуратур`);
  }
  if (!existing) return [{ type: 'cabinet-registered', cabinet: cab, at: now, by }];
  // a regional office's new head registers again with his own qualified signature: the head is replaced
  if (cab.via === 'qualified-signature' && existing.via === 'qualified-signature' && existing.code === cab.code) {
    if (existing.head && sameCertificate(existing.head, cab.head)) throw new CabinetRefused('CABINET_EXISTS', 'кабінет уже зареєстровано з цим сертифікатом керівника');
    return [{ type: 'cabinet-head-replaced', orgId: cab.orgId, head: cab.head, ...(cab.requestDigest ? { requestDigest: cab.requestDigest } : {}), at: now, by }];
  }
  throw new CabinetRefused('CABINET_EXISTS', `електронний кабінет «${existing.officeName}» уже зареєстровано`);
}

export const cabinetsBehavior: Behavior<CabinetsState, CabinetsCommandV1, Event, unknown> = {
  kind: CABINETS_KIND,
  commandSchema: CabinetsCommandV1,
  initialState: () => ({ cabinets: {}, district: {}, listDigest: null }),
  decide(s, c, ctx) {
    switch (c.type) {
      case 'get':
        return { reply: s.cabinets[c.orgId] ?? null };
      case 'list':
        return { reply: Object.values(s.cabinets) };
      case 'district-list':
        return { reply: Object.values(s.district) };
      case 'register': {
        const events = decideRegister(s, c.cabinet, ctx.now, c.by);
        return { events, reply: { orgId: c.cabinet.orgId, event: events[0]!.type } };
      }
      case 'begin-head-change': {
        const cab = cabinetOf(s, c.orgId);
        if (cab.pendingChange) throw new CabinetRefused('HEAD_CHANGE_PENDING', `зміну керівника вже розпочато ${cab.pendingChange.changedOn}; очікуються дані сертифіката нового керівника`);
        const { type: _t, by, head, ...rest } = c;
        const begun: Event = { type: 'head-change-begun', ...rest, at: ctx.now, by };
        if (!head) return { events: [begun], reply: { orgId: c.orgId, dueDate: c.dueDate } };
        // the new head given with the notice: begun and completed in one write, or neither (a refusal writes nothing)
        if ((cab.head && sameCertificate(cab.head, head)) || cab.formerHeads.some((f) => sameCertificate(f.head, head))) {
          throw new CabinetRefused('HEAD_CERT_FORMER', 'цей сертифікат належав попередньому керівнику');
        }
        const completed: Event = { type: 'head-change-completed', orgId: c.orgId, head, ...(c.request ? { request: c.request } : {}), at: ctx.now, by };
        return { events: [begun, completed], reply: { orgId: c.orgId, dueDate: c.dueDate } };
      }
      case 'complete-head-change': {
        const cab = cabinetOf(s, c.orgId);
        if (!cab.pendingChange) throw new CabinetRefused('HEAD_CHANGE_NOT_PENDING', 'зміну керівника не розпочато: спершу повідомлення про зміну');
        if (cab.formerHeads.some((f) => sameCertificate(f.head, c.head))) throw new CabinetRefused('HEAD_CERT_FORMER', 'цей сертифікат належав попередньому керівнику');
        const { type: _t, by, ...rest } = c;
        return { events: [{ type: 'head-change-completed', ...rest, at: ctx.now, by }], reply: { orgId: c.orgId, head: c.head } };
      }
      case 'sync-list':
        if (s.listDigest === c.digest) return { reply: { changed: false } };
        return { events: [{ type: 'district-list-loaded', offices: c.offices, digest: c.digest, source: c.source, at: ctx.now }], reply: { changed: true } };
      case 'change-list': {
        for (const o of c.change.add ?? []) if (s.district[o.code]) throw new CabinetRefused('DISTRICT_CODE_LISTED', `код ${o.code} уже є в Переліку`);
        for (const code of c.change.remove ?? []) if (!s.district[code]) throw new CabinetRefused('DISTRICT_CODE_NOT_LISTED', `коду ${code} немає в Переліку`);
        if (!(c.change.add?.length || c.change.remove?.length)) throw new CabinetRefused('EMPTY_CHANGE', 'зміна Переліку не містить жодного коду');
        return { events: [{ type: 'district-list-changed', change: c.change, at: ctx.now, by: c.by }], reply: { size: Object.keys(s.district).length + (c.change.add?.length ?? 0) - (c.change.remove?.length ?? 0) } };
      }
    }
  },
  evolve(s, e) {
    const at = new Date(e.at).toISOString();
    switch (e.type) {
      case 'cabinet-registered': {
        const c = e.cabinet;
        const cab: CabinetV1 = {
          orgId: c.orgId, level: c.level, code: c.code, officeName: c.officeName, via: c.via, head: c.head, headSince: at, formerHeads: [], pendingChange: null,
          registeredAt: at, registeredBy: e.by, request: c.request ?? null, requestDigest: c.requestDigest ?? null, contact: c.contact ?? null,
        };
        return { ...s, cabinets: { ...s.cabinets, [c.orgId]: cab } };
      }
      case 'cabinet-head-replaced':
      case 'head-change-completed': {
        const cab = s.cabinets[e.orgId]!;
        const former = cab.head ? [...cab.formerHeads, { head: cab.head, until: at }] : cab.formerHeads;
        return { ...s, cabinets: { ...s.cabinets, [e.orgId]: { ...cab, head: e.head, headSince: at, formerHeads: former, pendingChange: null } } };
      }
      case 'head-change-begun': {
        const cab = s.cabinets[e.orgId]!;
        // the former head is no longer trusted from the notice of the change (п. 13)
        const former = cab.head ? [...cab.formerHeads, { head: cab.head, until: at }] : cab.formerHeads;
        const pendingChange = { changedOn: e.changedOn, noticedAt: at, dueDate: e.dueDate, dueAt: e.dueAt, by: e.by, request: e.request ?? null };
        return { ...s, cabinets: { ...s.cabinets, [e.orgId]: { ...cab, head: null, headSince: null, formerHeads: former, pendingChange } } };
      }
      case 'district-list-loaded':
        return { ...s, district: Object.fromEntries(e.offices.map((o) => [o.code, o])), listDigest: e.digest };
      case 'district-list-changed': {
        const district = { ...s.district };
        for (const code of e.change.remove ?? []) delete district[code];
        for (const o of e.change.add ?? []) district[o.code] = o;
        return { ...s, district };
      }
    }
  },
};
