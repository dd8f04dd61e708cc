/**
 * Signed NATS messages: the headers of passport.ts on a `@nats-io` message, and the check a receiver makes.
 *
 *   nc.publish(subject, body, { headers: signedHeaders(signer, subject, body) });
 *   const from = senderOf(msg, operatorPublicKey, { class: 'court', node: 'court-537' }); // or Forbidden
 */
import { headers as natsHeaders, type MsgHdrs } from '@nats-io/transport-node';
import { Forbidden } from '../errors.ts';
import { busSigner, signMessage, verifyMessage, type BusSigner, type NodeClass, type Passport, type VerifyOptions } from './passport.ts';
import type { BusIdentity } from './identity.ts';

export function signerOf(identity: BusIdentity): BusSigner {
  return busSigner(identity.seed, identity.passport, identity.operatorPublicKey);
}

/** NATS headers proving `signer` sent `data` on `subject` (plus any extra headers, e.g. `Nats-Msg-Id`). */
export function signedHeaders(signer: BusSigner, subject: string, data: Uint8Array | string, extra: Record<string, string> = {}): MsgHdrs {
  const h = natsHeaders();
  for (const [k, v] of Object.entries(extra)) h.set(k, v);
  for (const [k, v] of Object.entries(signMessage(signer, subject, data))) h.set(k, v);
  return h;
}

export interface Expect {
  class: NodeClass;
  /** The one node allowed to send this (e.g. the court named by the subject). */
  node?: string;
}

/** The verified sender of a received message, or `Forbidden` (unsigned, forged, or not the expected node). */
export function senderOf(
  msg: { subject: string; data: Uint8Array; headers?: MsgHdrs | undefined },
  operatorPublicKey: string,
  expect: Expect,
  opts: VerifyOptions = {},
): Passport {
  const p = verifyMessage((h) => msg.headers?.get(h) || undefined, msg.subject, msg.data, operatorPublicKey, opts);
  if (p.class !== expect.class) throw new Forbidden('WRONG_SENDER', `${msg.subject}: expected a ${expect.class} node, got ${p.node}`);
  if (expect.node !== undefined && p.node !== expect.node) throw new Forbidden('WRONG_SENDER', `${msg.subject}: expected ${expect.node}, got ${p.node}`);
  return p;
}
