/**
 * The registry of connected organisations (issue 17 §C; СЕВ ОВВ regulation 2019: the administrator "реєстрацію
 * користувачів", "тимчасове відключення користувача … за наявності … обґрунтованих підстав"). One actor
 * `exchange-orgs/hub` on the hub worker's journal: every registration, suspension and resumption is an event naming
 * the operator who made it. The mTLS hook asks it on every request, so a suspension refuses the very next call.
 * It is also the authority on client certificates: the hook admits only a certificate whose SHA-256 fingerprint was
 * issued to THAT organisation (`org-certificate-issued`) and not revoked (`org-certificate-revoked`) — a certificate
 * signed with the CA key outside the registry is unknown (403 CERT_UNKNOWN), a revoked one 403 CERT_REVOKED.
 *
 *   await system.ref(ORGS_KIND, ORGS_ID).ask({ type: 'register', org: { id: 'prok-poltava', kind: 'prosecutor',
 *     name: 'Полтавська обласна прокуратура', code: '02910060' }, by: 'оператор Коваленко Ірина Петрівна' });
 */
import { DomainRejected, type Behavior } from '../../../../runtime/index.ts';
import { OrganisationsCommandV1, type OrganisationRecordV1, type RegisterOrganisationV1, type SuspendOrganisationV1 } from '../../../../contracts/exchange/organisations.ts';
import { kyivDate } from '../deadline.ts';

export const ORGS_KIND = 'exchange-orgs';
export const ORGS_ID = 'hub';

export interface OrgsState {
  orgs: Record<string, OrganisationRecordV1>;
}

type Event =
  | { type: 'org-registered'; org: RegisterOrganisationV1 & { connectedOn: string }; at: number; by: string }
  | { type: 'org-suspended'; id: string; suspension: SuspendOrganisationV1; at: number; by: string }
  | { type: 'org-resumed'; id: string; note?: string; at: number; by: string }
  | { type: 'org-certificate-issued'; id: string; serial: string; fingerprint: string; notAfter: string; at: number; by: string }
  | { type: 'org-certificate-revoked'; id: string; fingerprint: string; reason: string; at: number; by: string };

/** A refusal of the registry: stable code, Ukrainian message. */
export class OrganisationRefused extends DomainRejected {}

function known(s: OrgsState, id: string): OrganisationRecordV1 {
  const o = s.orgs[id];
  if (!o) throw new OrganisationRefused('ORG_NOT_FOUND', `організацію «${id}» не зареєстровано в реєстрі підключених`);
  return o;
}

export const organisationsBehavior: Behavior<OrgsState, OrganisationsCommandV1, Event, unknown> = {
  kind: ORGS_KIND,
  commandSchema: OrganisationsCommandV1,
  initialState: () => ({ orgs: {} }),
  decide(s, c, ctx) {
    switch (c.type) {
      case 'get':
        return { reply: s.orgs[c.id] ?? null };
      case 'list':
        return { reply: Object.values(s.orgs) };
      case 'register': {
        if (s.orgs[c.org.id]) throw new OrganisationRefused('ORG_EXISTS', `організацію з ідентифікатором «${c.org.id}» уже зареєстровано`);
        const same = Object.values(s.orgs).find((o) => o.code === c.org.code);
        if (same) throw new OrganisationRefused('ORG_CODE_TAKEN', `код ${c.org.code} уже має зареєстрована організація «${same.name}»`);
        const today = kyivDate(ctx.now);
        const connectedOn = c.org.connectedOn ?? today;
        if (connectedOn > today) throw new OrganisationRefused('CONNECTED_IN_FUTURE', 'дата підключення не може бути пізнішою за сьогоднішню');
        return { events: [{ type: 'org-registered', org: { ...c.org, connectedOn }, at: ctx.now, by: c.by }], reply: { id: c.org.id, connectedOn } };
      }
      case 'suspend': {
        const o = known(s, c.id);
        if (o.status === 'suspended') throw new OrganisationRefused('ORG_ALREADY_SUSPENDED', `обмін з «${o.name}» уже зупинено`);
        if (c.suspension.expectedUntil && c.suspension.expectedUntil < kyivDate(ctx.now)) {
          throw new OrganisationRefused('EXPECTED_UNTIL_PAST', 'орієнтовний строк зупинення не може бути в минулому');
        }
        return { events: [{ type: 'org-suspended', id: c.id, suspension: c.suspension, at: ctx.now, by: c.by }], reply: { id: c.id, status: 'suspended' } };
      }
      case 'record-certificate': {
        const o = known(s, c.id);
        const { type: _t, revokePrevious, ...rest } = c;
        // a new certificate leaves the earlier ones valid unless the operator asked to revoke them (one write)
        const revoked: Event[] = revokePrevious
          ? o.certificates.filter((x) => !x.revoked).map((x) => ({ type: 'org-certificate-revoked' as const, id: c.id, fingerprint: x.fingerprint, reason: revokePrevious, at: ctx.now, by: c.by }))
          : [];
        return { events: [{ type: 'org-certificate-issued', ...rest, at: ctx.now }, ...revoked], reply: { id: c.id, serial: c.serial, revoked: revoked.length } };
      }
      case 'revoke-certificate': {
        const o = known(s, c.id);
        const cert = o.certificates.find((x) => x.fingerprint === c.fingerprint);
        if (!cert) throw new OrganisationRefused('CERT_NOT_FOUND', `сертифікат ${c.fingerprint.slice(0, 16)}… не видавався організації «${o.name}»`);
        if (cert.revoked) throw new OrganisationRefused('CERT_ALREADY_REVOKED', `сертифікат ${c.fingerprint.slice(0, 16)}… уже відкликано`);
        return { events: [{ type: 'org-certificate-revoked', id: c.id, fingerprint: c.fingerprint, reason: c.reason, at: ctx.now, by: c.by }], reply: { id: c.id, fingerprint: c.fingerprint, revoked: true } };
      }
      case 'resume': {
        const o = known(s, c.id);
        if (o.status !== 'suspended') throw new OrganisationRefused('ORG_NOT_SUSPENDED', `обмін з «${o.name}» не зупинено`);
        return { events: [{ type: 'org-resumed', id: c.id, ...(c.note ? { note: c.note } : {}), at: ctx.now, by: c.by }], reply: { id: c.id, status: 'connected' } };
      }
    }
  },
  evolve(s, e) {
    const orgs = { ...s.orgs };
    if (e.type === 'org-registered') {
      const { connectedOn, ...org } = e.org;
      orgs[org.id] = { id: org.id, kind: org.kind, name: org.name, code: org.code, status: 'connected', connectedOn, registeredAt: new Date(e.at).toISOString(), registeredBy: e.by, suspension: null, certificates: [] };
    } else if (e.type === 'org-suspended') {
      const o = orgs[e.id]!;
      orgs[e.id] = {
        ...o,
        status: 'suspended',
        suspension: { reason: e.suspension.reason, initiator: e.suspension.initiator ?? 'operator', since: new Date(e.at).toISOString(), expectedUntil: e.suspension.expectedUntil ?? null, by: e.by },
      };
    } else if (e.type === 'org-certificate-issued') {
      const o = orgs[e.id]!;
      orgs[e.id] = { ...o, certificates: [...o.certificates, { serial: e.serial, fingerprint: e.fingerprint, notAfter: e.notAfter, issuedAt: new Date(e.at).toISOString(), by: e.by }] };
    } else if (e.type === 'org-certificate-revoked') {
      const o = orgs[e.id]!;
      const revoked = { at: new Date(e.at).toISOString(), by: e.by, reason: e.reason };
      orgs[e.id] = { ...o, certificates: o.certificates.map((x) => (x.fingerprint === e.fingerprint ? { ...x, revoked } : x)) };
    } else {
      orgs[e.id] = { ...orgs[e.id]!, status: 'connected', suspension: null };
    }
    return { orgs };
  },
};
