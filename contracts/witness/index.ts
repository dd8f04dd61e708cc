/**
 * Witness contracts, version 1: sealed checkpoints (court → centre) and signed receipts (centre → court).
 *
 *   import { CheckpointV1, ReceiptV1, checkpointSubject, receiptSigner } from './contracts/witness/index.ts';
 *   schemaErrors(CheckpointV1, JSON.parse(body));                 // [] when well-formed
 *   nc.request(checkpointSubject('537'), body, { headers });      // signed with the court's bus identity
 *   receiptSigner(receipt, operatorPublicKey);                     // the central worker's passport, or throws
 */
export * from './checkpoint.ts';
export * from './receipt.ts';
export * from './subjects.ts';
export * from './pin.ts';
