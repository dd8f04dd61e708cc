/**
 * Database pulls (Засади 18.3: a court sends the АСДС administrator its
 * database no later than the next working day after the request), version 1.
 *
 *   centre → court actor `database-pull/<court>`  RequestPullV1            (journaled at the court)
 *   centre → court  asds.pull.<court>.prepare     PullPrepareV1 → PullManifestV1 (sealed)
 *   centre → court  asds.pull.<court>.chunk       PullChunkV1   → raw bytes of the copy
 *   ops CLI → centre asds.central.query.pull-*    PullRequestV1 / PullStatusQueryV1
 */
import { Type, type Static } from '@sinclair/typebox';

export const COURT_CODE = Type.String({ pattern: '^[0-9]{1,4}$' });
export const PULL_ID = Type.String({ pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' });
const HASH = Type.String({ pattern: '^[0-9a-f]{64}$' });

/** Largest chunk the centre asks for (below NATS's default 1 MB max payload). */
export const MAX_CHUNK_BYTES = 512 * 1024;

export const pullPrepareSubject = (court: string) => `asds.pull.${court}.prepare`;
export const pullChunkSubject = (court: string) => `asds.pull.${court}.chunk`;
export const CENTRAL_PULL_REQUEST_SUBJECT = 'asds.central.query.pull-request';
export const CENTRAL_PULLS_SUBJECT = 'asds.central.query.pulls';

/** Commands of the court actor `database-pull` (id = court code). */
export const DatabasePullCommandV1 = Type.Union([
  Type.Object(
    {
      type: Type.Literal('request-pull'),
      pullId: PULL_ID,
      /** Who asked at the centre (person and operator identity). */
      requestedBy: Type.String({ minLength: 1, maxLength: 200 }),
      requestedAt: Type.Integer({ minimum: 0 }),
      /** End of the next working day on the court's calendar (epoch ms). */
      dueAt: Type.Integer({ minimum: 0 }),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      type: Type.Literal('record-prepared'),
      pullId: PULL_ID,
      sha256: HASH,
      size: Type.Integer({ minimum: 0 }),
      headGseq: Type.Integer({ minimum: 0 }),
      headHash: HASH,
    },
    { additionalProperties: false },
  ),
  Type.Object({ type: Type.Literal('status') }, { additionalProperties: false }),
]);
export type DatabasePullCommandV1 = Static<typeof DatabasePullCommandV1>;

export const PullPrepareV1 = Type.Object({ pullId: PULL_ID }, { additionalProperties: false });
export type PullPrepareV1 = Static<typeof PullPrepareV1>;

export const PullChunkV1 = Type.Object(
  { pullId: PULL_ID, offset: Type.Integer({ minimum: 0 }), length: Type.Integer({ minimum: 1, maximum: MAX_CHUNK_BYTES }) },
  { additionalProperties: false },
);
export type PullChunkV1 = Static<typeof PullChunkV1>;

/** What the court seals about its copy (actors/court/seal): the centre checks the file against it. */
export const PullManifestV1 = Type.Object(
  {
    schema: Type.Literal('asds.pull-manifest/v1'),
    pullId: PULL_ID,
    court: COURT_CODE,
    sha256: HASH,
    size: Type.Integer({ minimum: 0 }),
    head: Type.Object({ gseq: Type.Integer({ minimum: 0 }), hash: HASH }, { additionalProperties: false }),
    /** When the copy was taken (ISO 8601). */
    createdAt: Type.String({ maxLength: 40 }),
    signature: Type.Optional(
      Type.Object({ format: Type.Literal('cms-detached-der-base64'), cms: Type.String(), signer: Type.String() }, { additionalProperties: false }),
    ),
  },
  { additionalProperties: false },
);
export type PullManifestV1 = Static<typeof PullManifestV1>;

/** A request from an operator (CLI over NATS, signed) or HTTP. */
export const PullRequestV1 = Type.Object(
  { court: COURT_CODE, by: Type.String({ minLength: 1, maxLength: 120 }), note: Type.Optional(Type.String({ maxLength: 500 })) },
  { additionalProperties: false },
);
export type PullRequestV1 = Static<typeof PullRequestV1>;

export const PullStatusQueryV1 = Type.Object(
  { court: Type.Optional(COURT_CODE), pullId: Type.Optional(PULL_ID), overdue: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
export type PullStatusQueryV1 = Static<typeof PullStatusQueryV1>;
