/**
 * Bus sessions: after one ed25519-signed request, a pair of nodes authenticates further requests with an HMAC.
 *
 *   // receiver, after verifyMessage() proved the sender:
 *   const grant = issuer.issue(sender);                 // travels back in the reply (sender's inbox, over TLS)
 *   // sender, on its next requests to that node:
 *   const h = sessionHeaders(grant, subject, body);     // Asds-Session, Asds-Sent, Asds-Mac
 *   // receiver:
 *   const who = issuer.check((k) => h[k], subject, body); // the Passport proven when the grant was issued
 *
 * Why: verifying an ed25519 signature costs ≈ 80 µs and signing ≈ 30 µs — more than a whole NATS request/reply
 * on loopback, so per-message signatures halved remote asks (bench/runtime.ts). A grant is a random 256-bit key
 * bound to the passport the receiver verified; it reaches the sender only in the reply, on the sender's own inbox,
 * which no other identity may subscribe (runtime/bus/permissions.ts) and which TLS hides on the wire. A forger
 * would need the key; a grant lives 10 minutes and dies with the receiving process (then the sender signs again).
 * Replication frames keep their signatures: they are evidence the centre keeps (the witness), not just requests.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Forbidden } from '../errors.ts';
import { signedText, SENT_HEADER, type Passport } from './passport.ts';

export const SESSION_HEADER = 'Asds-Session';
export const MAC_HEADER = 'Asds-Mac';

/** What the receiver hands the sender: the grant's id, key (base64url) and end (epoch ms). */
export interface SessionGrant {
  id: string;
  key: string;
  expiresAt: number;
}

export interface SessionOptions {
  /** Life of a grant. Default 10 minutes. */
  ttlMs?: number;
  /** Most live grants a receiver keeps (oldest dropped first; their senders sign again). Default 10,000. */
  maxGrants?: number;
  /** Message time window, as for signatures. Default 5 minutes. */
  maxSkewMs?: number;
}

interface Held {
  passport: Passport;
  key: Buffer;
  expiresAt: number;
}

function mac(key: Buffer, subject: string, sent: string, data: Uint8Array | string): Buffer {
  return createHmac('sha256', key).update(signedText(subject, sent, data)).digest();
}

/** Receiver side: grants sessions to proven senders and checks the MACs made with them. */
export class SessionIssuer {
  private readonly grants = new Map<string, Held>();

  constructor(private readonly opts: SessionOptions = {}) {}

  issue(passport: Passport, now = Date.now()): SessionGrant {
    const max = this.opts.maxGrants ?? 10_000;
    while (this.grants.size >= max) this.grants.delete(this.grants.keys().next().value!);
    const id = randomBytes(12).toString('base64url');
    const key = randomBytes(32);
    const expiresAt = now + (this.opts.ttlMs ?? 10 * 60_000);
    this.grants.set(id, { passport, key, expiresAt });
    return { id, key: key.toString('base64url'), expiresAt };
  }

  /** The sender proven when the grant was issued, or `Forbidden` (`SESSION_UNKNOWN` tells the sender to sign again). */
  check(header: (name: string) => string | undefined, subject: string, data: Uint8Array, now = Date.now()): Passport {
    const id = header(SESSION_HEADER);
    const sent = header(SENT_HEADER);
    const got = header(MAC_HEADER);
    if (!id || !sent || !got) throw new Forbidden('UNSIGNED', `unsigned message on ${subject}`);
    const held = this.grants.get(id);
    if (!held || held.expiresAt <= now) {
      if (held) this.grants.delete(id);
      throw new Forbidden('SESSION_UNKNOWN', `no live bus session ${id} here: sign the request`);
    }
    const skew = this.opts.maxSkewMs ?? 5 * 60_000;
    if (!/^[0-9]{1,15}$/.test(sent) || Math.abs(now - Number(sent)) > skew) {
      throw new Forbidden('STALE_MESSAGE', `message from ${held.passport.node} on ${subject} is outside the ${skew} ms window`);
    }
    const want = mac(held.key, subject, sent, data);
    const have = Buffer.from(got, 'base64url');
    if (have.length !== want.length || !timingSafeEqual(have, want)) {
      throw new Forbidden('BAD_SIGNATURE', `session MAC of ${held.passport.node} does not cover this message on ${subject}`);
    }
    return held.passport;
  }
}

/** Headers authenticating `data` on `subject` under a grant the receiver issued. */
export function sessionHeaders(grant: SessionGrant, subject: string, data: Uint8Array | string, now = Date.now()): Record<string, string> {
  const sent = String(now);
  return { [SESSION_HEADER]: grant.id, [SENT_HEADER]: sent, [MAC_HEADER]: mac(Buffer.from(grant.key, 'base64url'), subject, sent, data).toString('base64url') };
}

/** Sender side: the live grant per receiving node (dropped a minute before it ends, or when refused). */
export class SessionBook {
  private readonly byNode = new Map<string, SessionGrant>();

  get(node: string, now = Date.now()): SessionGrant | undefined {
    const g = this.byNode.get(node);
    if (g && g.expiresAt - 60_000 > now) return g;
    if (g) this.byNode.delete(node);
    return undefined;
  }

  put(node: string, grant: SessionGrant): void {
    if (this.byNode.size > 10_000) this.byNode.clear();
    this.byNode.set(node, grant);
  }

  drop(node: string): void {
    this.byNode.delete(node);
  }
}
