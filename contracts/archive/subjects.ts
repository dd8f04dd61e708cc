/**
 * The central archive for operators' tools (`asds archive …`), answered by the central worker that serves the
 * analytics store (actors/central/archive/service.ts). The ops CLI may publish `asds.central.query.>` only.
 *
 *   ops CLI → centre  asds.central.query.archive           ArchiveQueryV1      → ArchiveRecord[] / files / a chunk
 *   ops CLI → centre  asds.central.query.archive-transfer  ArchiveTransferV1   → job ids (operator-signed: a write)
 */
import { Type, type Static } from '@sinclair/typebox';
import { CourtCode } from '../ingest/event.ts';
import { UeunV1 } from '../court/common.ts';
import { ArchivePackageId } from './receipt.ts';

export const CENTRAL_ARCHIVE_SUBJECT = 'asds.central.query.archive';
export const CENTRAL_ARCHIVE_TRANSFER_SUBJECT = 'asds.central.query.archive-transfer';
/** The largest chunk of a stored package one answer carries (base64 in JSON stays under NATS's 1 MB). */
export const MAX_ARCHIVE_READ_BYTES = 512 * 1024;

export const ArchiveQueryV1 = Type.Union([
  /** Packages (latest state of each) by court, case, package, state; `year`: accepted in that year (the inventory). */
  Type.Object(
    {
      op: Type.Literal('list'),
      court: Type.Optional(CourtCode),
      ueun: Type.Optional(UeunV1),
      packageId: Type.Optional(ArchivePackageId),
      state: Type.Optional(Type.Union([Type.Literal('transferring'), Type.Literal('accepted'), Type.Literal('refused')])),
      year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2200 })),
    },
    { additionalProperties: false },
  ),
  /** Accepted packages past their retention term at `at` (default now). */
  Type.Object({ op: Type.Literal('retention'), court: Type.Optional(CourtCode), at: Type.Optional(Type.Integer({ minimum: 0 })) }, { additionalProperties: false }),
  /** The files of a stored package. */
  Type.Object({ op: Type.Literal('files'), court: CourtCode, packageId: ArchivePackageId }, { additionalProperties: false }),
  /** Bytes of one stored file (base64 in `data`). */
  Type.Object(
    {
      op: Type.Literal('read'),
      court: CourtCode,
      packageId: ArchivePackageId,
      path: Type.String({ minLength: 1, maxLength: 1000 }),
      offset: Type.Integer({ minimum: 0 }),
      length: Type.Integer({ minimum: 1, maximum: MAX_ARCHIVE_READ_BYTES }),
    },
    { additionalProperties: false },
  ),
]);
export type ArchiveQueryV1 = Static<typeof ArchiveQueryV1>;

/** Start the transfer of every built package without an outcome (optionally of one court or package) now. */
export const ArchiveTransferV1 = Type.Object(
  { court: Type.Optional(CourtCode), packageId: Type.Optional(ArchivePackageId) },
  { additionalProperties: false },
);
export type ArchiveTransferV1 = Static<typeof ArchiveTransferV1>;
