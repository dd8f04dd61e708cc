/**
 * The registry of organisations connected to the judiciary's exchange hub (issue 17 §C, after the СЕВ ОВВ
 * regulation 2019, п. "публікацію … інформації про поточних користувачів … із зазначенням дати підключення,
 * візуальним виділенням … підключилися протягом останніх 30 днів, та … тимчасово зупинили обмін … із зазначенням
 * орієнтовного строку та причин"): the operator's requests, the registry actor's commands, the public reply.
 */
import { Type, type Static } from '@sinclair/typebox';

export const OrganisationIdV1 = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{1,62}$' });
export const OrganisationKindV1 = Type.Union([Type.Literal('prosecutor'), Type.Literal('police'), Type.Literal('other')]);
export type OrganisationKindV1 = Static<typeof OrganisationKindV1>;
/** ЄДР code (8 digits) or a conditional identification code (district prosecutors' offices, the 2024 order's annex). */
export const OrganisationCodeV1 = Type.String({ pattern: '^[0-9A-Za-z-]{3,20}$' });
export const IsoDateV1 = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' });

/** POST /exchange/organisations (operator). */
export const RegisterOrganisationV1 = Type.Object(
  {
    id: OrganisationIdV1,
    kind: OrganisationKindV1,
    name: Type.String({ minLength: 3, maxLength: 300 }),
    code: OrganisationCodeV1,
    /** Connection date; default today (Kyiv). */
    connectedOn: Type.Optional(IsoDateV1),
  },
  { additionalProperties: false },
);
export type RegisterOrganisationV1 = Static<typeof RegisterOrganisationV1>;

/**
 * POST /exchange/organisations/:id/suspend (operator). `initiator: 'operator'` is the hub's temporary disconnection
 * "за наявності обґрунтованих підстав"; `'organisation'` records that the user itself suspended the exchange.
 */
export const SuspendOrganisationV1 = Type.Object(
  {
    reason: Type.String({ minLength: 5, maxLength: 1000 }),
    expectedUntil: Type.Optional(IsoDateV1),
    initiator: Type.Optional(Type.Union([Type.Literal('operator'), Type.Literal('organisation')])),
  },
  { additionalProperties: false },
);
export type SuspendOrganisationV1 = Static<typeof SuspendOrganisationV1>;

/** POST /exchange/organisations/:id/resume (operator). */
export const ResumeOrganisationV1 = Type.Object({ note: Type.Optional(Type.String({ maxLength: 1000 })) }, { additionalProperties: false });
export type ResumeOrganisationV1 = Static<typeof ResumeOrganisationV1>;

const by = Type.String({ minLength: 1, maxLength: 300 });
/** SHA-256 of the certificate's DER, lower-case hex (as `POST /exchange/organisations/:id/certificate` returns it). */
export const CertFingerprintV1 = Type.String({ pattern: '^[0-9a-f]{64}$' });

/**
 * POST /exchange/organisations/:id/certificate (operator), body optional. A new certificate does NOT revoke the
 * organisation's earlier ones (a system changes its certificate without a gap) unless `revokePrevious` asks it,
 * with the reason.
 */
export const IssueCertificateV1 = Type.Object(
  { revokePrevious: Type.Optional(Type.Object({ reason: Type.String({ minLength: 5, maxLength: 1000 }) }, { additionalProperties: false })) },
  { additionalProperties: false },
);
export type IssueCertificateV1 = Static<typeof IssueCertificateV1>;

/** POST /exchange/organisations/:id/certificates/:fingerprint/revoke (operator): refused at its next call. */
export const RevokeCertificateV1 = Type.Object({ reason: Type.String({ minLength: 5, maxLength: 1000 }) }, { additionalProperties: false });
export type RevokeCertificateV1 = Static<typeof RevokeCertificateV1>;

/** Commands of the `exchange-orgs` actor (in-process only: the operator's authority enters through HTTP). */
export const OrganisationsCommandV1 = Type.Union([
  Type.Object({ type: Type.Literal('register'), org: RegisterOrganisationV1, by }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('suspend'), id: OrganisationIdV1, suspension: SuspendOrganisationV1, by }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('resume'), id: OrganisationIdV1, note: Type.Optional(Type.String({ maxLength: 1000 })), by }, { additionalProperties: false }),
  Type.Object(
    {
      type: Type.Literal('record-certificate'),
      id: OrganisationIdV1,
      serial: Type.String({ maxLength: 80 }),
      fingerprint: Type.String({ maxLength: 64 }),
      notAfter: Type.String({ maxLength: 40 }),
      /** Revoke the organisation's earlier certificates in the same write, with this reason. */
      revokePrevious: Type.Optional(Type.String({ minLength: 5, maxLength: 1000 })),
      by,
    },
    { additionalProperties: false },
  ),
  Type.Object({ type: Type.Literal('revoke-certificate'), id: OrganisationIdV1, fingerprint: CertFingerprintV1, reason: Type.String({ minLength: 5, maxLength: 1000 }), by }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('get'), id: Type.String({ maxLength: 100 }) }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('list') }, { additionalProperties: false }),
]);
export type OrganisationsCommandV1 = Static<typeof OrganisationsCommandV1>;

export const SuspensionV1 = Type.Object({
  reason: Type.String(),
  initiator: Type.Union([Type.Literal('operator'), Type.Literal('organisation')]),
  since: Type.String({ description: 'ISO time' }),
  expectedUntil: Type.Union([IsoDateV1, Type.Null()]),
  by: Type.String(),
});
export type SuspensionV1 = Static<typeof SuspensionV1>;

/** One organisation as the registry holds it (operator's view, `asds exchange org list`). */
export const OrganisationRecordV1 = Type.Object({
  id: OrganisationIdV1,
  kind: OrganisationKindV1,
  name: Type.String(),
  code: Type.String(),
  status: Type.Union([Type.Literal('connected'), Type.Literal('suspended')]),
  connectedOn: IsoDateV1,
  registeredAt: Type.String(),
  registeredBy: Type.String(),
  suspension: Type.Union([SuspensionV1, Type.Null()]),
  /** Client certificates issued to it (mutual TLS): serial, SHA-256 fingerprint, expiry, who issued it when. */
  certificates: Type.Array(
    Type.Object({
      serial: Type.String(),
      fingerprint: Type.String(),
      notAfter: Type.String(),
      issuedAt: Type.String(),
      by: Type.String(),
      /** Set once the operator revoked it: the hub refuses it (403 CERT_REVOKED) from the next call. */
      revoked: Type.Optional(Type.Object({ at: Type.String(), by: Type.String(), reason: Type.String() })),
    }),
  ),
});
export type OrganisationRecordV1 = Static<typeof OrganisationRecordV1>;

/** GET /public/organisations.json */
export const PublicOrganisationsV1 = Type.Object({
  asOf: IsoDateV1,
  current: Type.Array(
    Type.Object({
      id: Type.String(),
      kind: OrganisationKindV1,
      name: Type.String(),
      code: Type.String(),
      connectedOn: IsoDateV1,
      /** Connected on one of the last 30 calendar days (today included): shown highlighted. */
      recent: Type.Boolean(),
    }),
  ),
  suspended: Type.Array(
    Type.Object({
      id: Type.String(),
      kind: OrganisationKindV1,
      name: Type.String(),
      code: Type.String(),
      connectedOn: IsoDateV1,
      since: IsoDateV1,
      expectedUntil: Type.Union([IsoDateV1, Type.Null()]),
      reason: Type.String(),
      initiator: Type.Union([Type.Literal('operator'), Type.Literal('organisation')]),
    }),
  ),
});
export type PublicOrganisationsV1 = Static<typeof PublicOrganisationsV1>;
