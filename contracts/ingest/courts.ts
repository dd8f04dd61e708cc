/**
 * The registry of courts connected to the centre (13.3): a YAML file,
 * e.g. deploy/examples/courts.yaml, given to `asds central serve --courts`
 * and `asds central lag --courts`. The lag monitor lists every court in it —
 * also one that has never contacted the centre, which would otherwise be
 * invisible (the centre learns of a court only from its messages).
 */
import { Type, type Static } from '@sinclair/typebox';
import { CourtCode } from './event.ts';

export const ConnectedCourtV1 = Type.Object(
  {
    code: CourtCode,
    name: Type.String({ minLength: 1, maxLength: 300 }),
    /**
     * Day the court was connected (YYYY-MM-DD, UTC midnight). A court that has
     * never reported lags since then; without it, it lags from the start.
     */
    since: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
    /** Who connected it (`asds ops court add`). */
    addedBy: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    /**
     * The court's seal, as published at its `GET /public/seal-certificate` (docs/draw-spec.md §10.3): SHA-256 of
     * its CA certificate (DER, lower-case hex) and optionally of the seal certificate. `asds verify-protocol
     * --courts <registry>` accepts a protocol of this court only under that CA.
     */
    seal: Type.Optional(
      Type.Object(
        { caSha256: Type.String({ pattern: '^[0-9a-f]{64}$' }), sealSha256: Type.Optional(Type.String({ pattern: '^[0-9a-f]{64}$' })) },
        { additionalProperties: false },
      ),
    ),
    /** Cut off the bus (`asds ops court revoke`): kept in the registry, attributed and timed; not counted as lagging. */
    revoked: Type.Optional(Type.Object({ at: Type.String({ minLength: 1, maxLength: 40 }), by: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);
export type ConnectedCourtV1 = Static<typeof ConnectedCourtV1>;

export const CourtRegistryV1 = Type.Object(
  {
    schema: Type.Literal('asds.courts/v1'),
    courts: Type.Array(ConnectedCourtV1, { maxItems: 5000 }),
  },
  { additionalProperties: false },
);
export type CourtRegistryV1 = Static<typeof CourtRegistryV1>;
