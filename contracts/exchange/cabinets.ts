/**
 * Prosecutors' electronic cabinets (issue 17 §A.1; the 2024 order of the State Judicial Administration and the
 * Prosecutor General's Office, пп. 5, 11–13): the signed registration request of a top-level or regional office,
 * the operator's registration of a district office by its conditional code, changes of the list of codes, the
 * change of a district office's head, and the cabinet as the hub keeps it.
 */
import { Type, type Static } from '@sinclair/typebox';
import { IsoDateV1, OrganisationIdV1 } from './organisations.ts';

export const DistrictOfficeV1 = Type.Object(
  {
    /** Conditional identification code (умовний ідентифікаційний код) of the annex. */
    code: Type.String({ pattern: '^[0-9A-Za-z-]{3,20}$' }),
    name: Type.String({ minLength: 3, maxLength: 300 }),
    region: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type DistrictOfficeV1 = Static<typeof DistrictOfficeV1>;

/** deploy/examples/exchange/prosecutors-district-codes.yaml */
export const DistrictCodesFileV1 = Type.Object(
  {
    /** `true` in the repository's example: not the real annex. */
    examples: Type.Optional(Type.Boolean()),
    note: Type.Optional(Type.String()),
    offices: Type.Array(DistrictOfficeV1, { maxItems: 2000 }),
  },
  { additionalProperties: false },
);
export type DistrictCodesFileV1 = Static<typeof DistrictCodesFileV1>;

/** The data of a head's qualified certificate, as a written request gives it (п. 11, 13). */
export const HeadCertificateV1 = Type.Object(
  {
    /** Serial number, hex. */
    serial: Type.String({ pattern: '^[0-9A-Fa-f: ]{1,80}$' }),
    /** Issuer DN (`C=UA\nO=…\nCN=…` or comma-separated). */
    issuer: Type.String({ minLength: 3, maxLength: 1000 }),
    subject: Type.String({ minLength: 3, maxLength: 1000 }),
    notAfter: Type.Optional(Type.String({ maxLength: 40 })),
  },
  { additionalProperties: false },
);
export type HeadCertificateV1 = Static<typeof HeadCertificateV1>;

/** A written request (letter) of the Prosecutor General's Office: its number and date. */
export const WrittenRequestV1 = Type.Object({ number: Type.String({ minLength: 1, maxLength: 100 }), date: IsoDateV1 }, { additionalProperties: false });
export type WrittenRequestV1 = Static<typeof WrittenRequestV1>;

export const ContactV1 = Type.Object(
  { location: Type.Optional(Type.String({ maxLength: 300 })), phone: Type.Optional(Type.String({ maxLength: 50 })), email: Type.Optional(Type.String({ maxLength: 200 })) },
  { additionalProperties: false },
);
export type ContactV1 = Static<typeof ContactV1>;

export const CabinetLevelV1 = Type.Union([Type.Literal('central'), Type.Literal('regional'), Type.Literal('district')]);
export type CabinetLevelV1 = Static<typeof CabinetLevelV1>;

/** What the head of a top-level or regional office signs (UTF-8 JSON, detached CMS). */
export const CabinetRegistrationRequestV1 = Type.Object(
  {
    type: Type.Literal('asds-cabinet-registration'),
    v: Type.Literal(1),
    level: Type.Union([Type.Literal('central'), Type.Literal('regional')]),
    /** The office's ЄДР code: equal to the code in the head's certificate and to the registry's. */
    code: Type.String({ pattern: '^[0-9]{8}$' }),
    officeName: Type.String({ minLength: 3, maxLength: 300 }),
    contact: Type.Optional(ContactV1),
  },
  { additionalProperties: false },
);
export type CabinetRegistrationRequestV1 = Static<typeof CabinetRegistrationRequestV1>;

/** POST /exchange/cabinets/registration (mTLS, the office's own system). */
export const SignedRegistrationBodyV1 = Type.Object(
  {
    /** base64 of the signed request's bytes (CabinetRegistrationRequestV1 as UTF-8 JSON). */
    request: Type.String({ minLength: 4, maxLength: 100_000 }),
    /** base64 DER or PEM of the detached CMS signature. */
    signature: Type.String({ minLength: 100, maxLength: 200_000 }),
  },
  { additionalProperties: false },
);
export type SignedRegistrationBodyV1 = Static<typeof SignedRegistrationBodyV1>;

/** POST /exchange/cabinets/district (operator): п. 11. */
export const RegisterDistrictCabinetV1 = Type.Object(
  { orgId: OrganisationIdV1, code: DistrictOfficeV1.properties.code, head: HeadCertificateV1, request: WrittenRequestV1, contact: Type.Optional(ContactV1) },
  { additionalProperties: false },
);
export type RegisterDistrictCabinetV1 = Static<typeof RegisterDistrictCabinetV1>;

/** POST /exchange/cabinets/:orgId/head-change (operator): п. 13 — the head changed; with `head` it is complete. */
export const HeadChangeNoticeV1 = Type.Object(
  { changedOn: Type.Optional(IsoDateV1), request: Type.Optional(WrittenRequestV1), head: Type.Optional(HeadCertificateV1), note: Type.Optional(Type.String({ maxLength: 1000 })) },
  { additionalProperties: false },
);
export type HeadChangeNoticeV1 = Static<typeof HeadChangeNoticeV1>;

/** POST /exchange/cabinets/:orgId/head (operator): the new head's certificate data, completing the change. */
export const NewHeadV1 = Type.Object({ head: HeadCertificateV1, request: WrittenRequestV1 }, { additionalProperties: false });
export type NewHeadV1 = Static<typeof NewHeadV1>;

/** POST /exchange/district-codes (operator): п. 12 — a change of the list on the Prosecutor General's Office's request. */
export const DistrictListChangeV1 = Type.Object(
  { add: Type.Optional(Type.Array(DistrictOfficeV1, { maxItems: 200 })), remove: Type.Optional(Type.Array(DistrictOfficeV1.properties.code, { maxItems: 200 })), request: WrittenRequestV1 },
  { additionalProperties: false },
);
export type DistrictListChangeV1 = Static<typeof DistrictListChangeV1>;

const by = Type.String({ minLength: 1, maxLength: 300 });
const registration = Type.Object(
  {
    orgId: OrganisationIdV1,
    level: CabinetLevelV1,
    code: Type.String({ maxLength: 20 }),
    officeName: Type.String({ maxLength: 300 }),
    head: HeadCertificateV1,
    via: Type.Union([Type.Literal('qualified-signature'), Type.Literal('conditional-code')]),
    request: Type.Optional(WrittenRequestV1),
    /** SHA-256 of the signed request (hex), for a signed registration. */
    requestDigest: Type.Optional(Type.String({ maxLength: 64 })),
    contact: Type.Optional(ContactV1),
  },
  { additionalProperties: false },
);

/** Commands of the `exchange-cabinets` actor (in-process only). */
export const CabinetsCommandV1 = Type.Union([
  Type.Object({ type: Type.Literal('register'), cabinet: registration, by }, { additionalProperties: false }),
  Type.Object(
    {
      type: Type.Literal('begin-head-change'),
      orgId: OrganisationIdV1,
      changedOn: IsoDateV1,
      dueDate: IsoDateV1,
      dueAt: Type.Number(),
      request: Type.Optional(WrittenRequestV1),
      note: Type.Optional(Type.String({ maxLength: 1000 })),
      /** The new head's certificate when known with the notice: the change is begun and completed in one write. */
      head: Type.Optional(HeadCertificateV1),
      by,
    },
    { additionalProperties: false },
  ),
  Type.Object({ type: Type.Literal('complete-head-change'), orgId: OrganisationIdV1, head: HeadCertificateV1, request: Type.Optional(WrittenRequestV1), by }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('sync-list'), offices: Type.Array(DistrictOfficeV1), digest: Type.String({ maxLength: 64 }), source: Type.String({ maxLength: 1000 }) }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('change-list'), change: DistrictListChangeV1, by }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('get'), orgId: Type.String({ maxLength: 100 }) }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('list') }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('district-list') }, { additionalProperties: false }),
]);
export type CabinetsCommandV1 = Static<typeof CabinetsCommandV1>;

export const PendingHeadChangeV1 = Type.Object({
  changedOn: IsoDateV1,
  noticedAt: Type.String(),
  dueDate: IsoDateV1,
  dueAt: Type.Number(),
  by: Type.String(),
  request: Type.Union([WrittenRequestV1, Type.Null()]),
});
export type PendingHeadChangeV1 = Static<typeof PendingHeadChangeV1>;

/** A cabinet as the hub keeps it (GET /exchange/cabinets, the operator). */
export const CabinetV1 = Type.Object({
  orgId: OrganisationIdV1,
  level: CabinetLevelV1,
  code: Type.String(),
  officeName: Type.String(),
  via: Type.Union([Type.Literal('qualified-signature'), Type.Literal('conditional-code')]),
  /** The head whose certificate the cabinet trusts now; null while a change waits for the new certificate. */
  head: Type.Union([HeadCertificateV1, Type.Null()]),
  headSince: Type.Union([Type.String(), Type.Null()]),
  formerHeads: Type.Array(Type.Object({ head: HeadCertificateV1, until: Type.String() })),
  pendingChange: Type.Union([PendingHeadChangeV1, Type.Null()]),
  registeredAt: Type.String(),
  registeredBy: Type.String(),
  request: Type.Union([WrittenRequestV1, Type.Null()]),
  requestDigest: Type.Union([Type.String(), Type.Null()]),
  contact: Type.Union([ContactV1, Type.Null()]),
});
export type CabinetV1 = Static<typeof CabinetV1>;

/** GET /exchange/cabinets/overdue: changes of head not completed within two working days (п. 13). */
export const OverdueHeadChangesV1 = Type.Object({
  asOf: Type.String(),
  overdue: Type.Array(Type.Object({ orgId: Type.String(), officeName: Type.String(), code: Type.String(), changedOn: IsoDateV1, dueDate: IsoDateV1, daysLate: Type.Number() })),
});
export type OverdueHeadChangesV1 = Static<typeof OverdueHeadChangesV1>;
