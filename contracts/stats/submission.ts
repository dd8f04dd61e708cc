/**
 * A signed report on its way from the court to the centre (Засади 16.3,
 * 16.1.6) and the centre's answers. The court's statistician signs the report
 * (CMS, the court's PKI) into "Original" with a unique document id; the node
 * sends it on `statsSubmitSubject(court)`; the centre answers with a status
 * and later accepts it or returns it with remarks on `statsStatusSubject(court)`.
 */
import { Type, type Static } from '@sinclair/typebox';
import { StatReportV1 } from './report.ts';

export const statsSubmitSubject = (court: string) => `asds.court.${court}.stats.submit`;
export const statsStatusSubject = (court: string) => `asds.court.${court}.stats.status`;

export const StatSubmissionV1 = Type.Object(
  {
    v: Type.Literal(1),
    /** Unique id of the Original (the court's document id). */
    documentId: Type.String({ minLength: 1, maxLength: 200 }),
    report: StatReportV1,
    /** SHA-256 (hex) of the canonical JSON of `report`: what the signature covers. */
    reportSha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
    /** Detached CMS (DER, base64) over the canonical JSON of `report`, by the author's certificate. */
    cms: Type.String({ minLength: 10, maxLength: 200_000 }),
    /** The author's full name and position, as signed (never a login). */
    author: Type.Object({ name: Type.String({ minLength: 1, maxLength: 300 }), position: Type.String({ minLength: 1, maxLength: 300 }) }, { additionalProperties: false }),
    signedAt: Type.Integer({ minimum: 0 }),
    /**
     * The court's journal sequence when it sent the report (≥ every event the report was formed from): the centre
     * compares only once its replica holds the court's events through it (Засади 16.1.3 — else a report of facts
     * still on their way would be "different" and raise a false alarm). Not part of the signed content.
     */
    journalThrough: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);
export type StatSubmissionV1 = Static<typeof StatSubmissionV1>;

export const STAT_STATUSES = ['sent', 'received', 'accepted', 'returned'] as const;

/** The centre's answer to a submission, and every later change of its status. */
export const StatStatusV1 = Type.Object(
  {
    v: Type.Literal(1),
    documentId: Type.String({ minLength: 1, maxLength: 200 }),
    status: Type.Union(STAT_STATUSES.map((s) => Type.Literal(s))),
    at: Type.Integer({ minimum: 0 }),
    /** Returned: the remarks (Ukrainian), e.g. the cells where the centre's own computation differs. */
    remarks: Type.Optional(Type.String({ maxLength: 20_000 })),
    by: Type.Optional(Type.String({ maxLength: 300 })),
  },
  { additionalProperties: false },
);
export type StatStatusV1 = Static<typeof StatStatusV1>;
