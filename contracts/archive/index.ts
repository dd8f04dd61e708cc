/**
 * Central archive contracts, version 1 (issue 15, Засади 17.1): the centre's signed acceptance receipt for an
 * archival package and the codes of a refusal.
 *
 *   import { ArchiveReceiptV1, signArchiveReceipt, archiveReceiptSigner } from './contracts/archive/index.ts';
 *   const r = signArchiveReceipt({ v: 1, court: '537', ueun: '537/12/25', packageId, tagmanifestSha256, files: 14,
 *     bytes: 2_300_000, acceptedAt: Date.now(), centre: 'central-1' }, signerOf(bus));
 *   schemaErrors(ArchiveReceiptV1, r);              // []
 *   archiveReceiptSigner(r, operatorPublicKey);     // the central worker's passport, or throws ArchiveReceiptInvalid
 */
export * from './receipt.ts';
export * from './refusal.ts';
export * from './subjects.ts';
