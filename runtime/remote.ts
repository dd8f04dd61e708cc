/**
 * The NATS side of location transparency. A node serves
 * `asds.<node>.<kind>.<id>` (request/reply for ask, plain publish for tell)
 * and turns remote failures back into the same typed errors a local caller
 * would see.
 *
 * No authority crosses the bus (architecture.md "Trust boundaries"): every request is signed by the sending
 * node (runtime/bus/passport.ts); the receiver verifies the signature and the operator's passport, then accepts
 * the command only if its actor kind declares it in `Behavior.remote` for that kind of node. The sender's
 * `meta` is never believed: the receiver writes `author: node:<sender>` itself. Anything else gets `Forbidden`,
 * is logged, and writes nothing.
 */
import type { Msg, NatsConnection, Subscription } from '@nats-io/transport-node';
import { errors as natsErrors, headers as natsHeaders } from '@nats-io/transport-node';
import type { ActorAddress, CommandMeta } from './actor.ts';
import { formatAddress } from './actor.ts';
import { AskTimeout, Forbidden, fromWire, NodeUnreachable, NotOwner, toWire, ValidationFailed } from './errors.ts';
import { busSigner, signMessage, verifyMessage, type BusSigner, type NodeClass, type Passport } from './bus/passport.ts';
import { SESSION_HEADER, SessionBook, sessionHeaders, SessionIssuer } from './bus/sessions.ts';
import { inboxPrefixOf } from './bus/permissions.ts';
import { assertValid } from './validate.ts';
import { ReplyEnvelopeV1, RequestEnvelopeV1 } from '../contracts/runtime/envelope.ts';
import type { Logger } from './log.ts';
import type { BusIdentity } from './bus/identity.ts';

export interface LocalDelivery {
  askLocal(to: ActorAddress, command: unknown, opts: { commandId?: string; meta?: CommandMeta; timeoutMs?: number }): Promise<unknown>;
  tellLocal(to: ActorAddress, command: unknown, opts: { commandId?: string; meta?: CommandMeta }): void;
  /** The remote commands a kind accepts (`Behavior.remote`), undefined for none or an unknown kind. */
  remotePolicy(kind: string): Readonly<Record<string, readonly NodeClass[]>> | undefined;
}

const enc = new TextEncoder();
const dec = new TextDecoder();

/** Actor ids may hold any text (e.g. a ЄУН `527/1234/25`); subject tokens may not hold `.`, `*`, `>` or spaces. */
export function encodeToken(s: string): string {
  return encodeURIComponent(s).replace(/\./g, '%2E').replace(/\*/g, '%2A');
}

export function subjectOf(a: ActorAddress): string {
  return `asds.${a.node}.${a.kind}.${encodeToken(a.id)}`;
}

export function parseSubject(subject: string): ActorAddress | undefined {
  const parts = subject.split('.');
  if (parts.length !== 4 || parts[0] !== 'asds') return undefined;
  try {
    return { node: parts[1]!, kind: parts[2]!, id: decodeURIComponent(parts[3]!) };
  } catch {
    return undefined;
  }
}

export class NatsBridge {
  private sub?: Subscription;
  private readonly signer: BusSigner | undefined;
  /** Sessions this node granted to proven senders, and those granted to it (runtime/bus/sessions.ts). */
  private readonly granted = new SessionIssuer();
  private readonly sessions = new SessionBook();

  constructor(
    private readonly nc: NatsConnection,
    private readonly node: string,
    private readonly local: LocalDelivery,
    private readonly log: Logger,
    private readonly identity?: BusIdentity,
  ) {
    if (identity && identity.node !== node) throw new Error(`bus identity is ${identity.node}, not this node ${node}`);
    this.signer = identity ? busSigner(identity.seed, identity.passport, identity.operatorPublicKey) : undefined;
  }

  /** Serve this node's subjects. One subscription; each message is handled concurrently. */
  start(): void {
    this.sub = this.nc.subscribe(`asds.${this.node}.>`, {
      callback: (err, msg) => {
        if (err) {
          this.log.error('nats-subscription-error', { error: String(err) });
          return;
        }
        void this.serve(msg);
      },
    });
  }

  private async serve(msg: Msg): Promise<void> {
    let out: ReplyEnvelopeV1;
    try {
      const { to, env } = this.parse(msg);
      const { sender, signed } = this.admit(msg, to, env);
      const opts: { commandId?: string; meta: CommandMeta } = { meta: { author: `node:${sender.node}`, node: sender.node, nodeClass: sender.class } };
      if (env.commandId !== undefined) opts.commandId = env.commandId;
      if (env.tell || !msg.reply) {
        this.local.tellLocal(to, env.command, opts);
        return;
      }
      const reply = await this.local.askLocal(to, env.command, opts);
      // A signed request earns the sender a session (its next requests here carry a MAC, not a signature) — only
      // when the reply goes to the sender's own inbox, which no other identity may read (runtime/bus/permissions.ts):
      // a replayed signed request with someone else's reply subject gets no key.
      const grant = signed && msg.reply.startsWith(`${inboxPrefixOf(sender.node)}.`);
      out = grant ? { ok: true, reply, session: this.granted.issue(sender) } : { ok: true, reply };
    } catch (e) {
      const w = toWire(e);
      this.log.warn('remote-message-refused', { subject: msg.subject, code: w.code, error: w.message });
      out = { ok: false, error: w };
    }
    if (msg.reply) msg.respond(enc.encode(JSON.stringify(out)));
  }

  /**
   * Who sent this, and may they send it: the kind must declare the command type as remote for the sender's
   * class, and the message must carry a valid signature under an operator-issued passport.
   */
  private admit(msg: Msg, to: ActorAddress, env: RequestEnvelopeV1): { sender: Passport; signed: boolean } {
    const type = (env.command as { type?: unknown } | null)?.type;
    const allowed = typeof type === 'string' ? this.local.remotePolicy(to.kind)?.[type] : undefined;
    if (!allowed) throw new Forbidden('NOT_REMOTE', `${to.kind} does not accept ${JSON.stringify(type ?? null)} over the bus`);
    if (!this.identity) throw new Forbidden('NO_IDENTITY', `node ${this.node} has no bus identity to verify senders with`);
    const header = (h: string) => msg.headers?.get(h) || undefined;
    const signed = !header(SESSION_HEADER);
    const sender = signed ? verifyMessage(header, msg.subject, msg.data, this.identity.operatorPublicKey) : this.granted.check(header, msg.subject, msg.data);
    if (!allowed.includes(sender.class)) throw new Forbidden('WRONG_SENDER', `${to.kind} does not accept "${type}" from a ${sender.class} node (${sender.node})`);
    return { sender, signed };
  }

  /**
   * Headers authenticating a message this node sends: a MAC under the session `node` granted us, else an ed25519
   * signature (none without an identity: receivers then refuse it).
   */
  private signed(subject: string, data: Uint8Array, node?: string): { headers?: ReturnType<typeof natsHeaders> } {
    if (!this.signer) return {};
    const grant = node === undefined ? undefined : this.sessions.get(node);
    const h = natsHeaders();
    for (const [k, v] of Object.entries(grant ? sessionHeaders(grant, subject, data) : signMessage(this.signer, subject, data))) h.set(k, v);
    return { headers: h };
  }

  private parse(msg: Msg): { to: ActorAddress; env: RequestEnvelopeV1 } {
    const to = parseSubject(msg.subject);
    if (!to) throw new ValidationFailed(`malformed subject ${msg.subject}`);
    if (to.node !== this.node) throw new NotOwner(formatAddress(to), this.node);
    let body: unknown;
    try {
      body = JSON.parse(dec.decode(msg.data));
    } catch {
      throw new ValidationFailed('message body is not valid JSON', [{ path: '/', message: 'invalid JSON' }]);
    }
    assertValid(RequestEnvelopeV1, body, 'envelope');
    return { to, env: body };
  }

  /** Ask a remote actor. Errors come back as the same typed classes. */
  async request(to: ActorAddress, env: RequestEnvelopeV1, timeoutMs: number): Promise<unknown> {
    const usedSession = this.sessions.get(to.node) !== undefined;
    try {
      return await this.requestOnce(to, env, timeoutMs);
    } catch (e) {
      // the receiver restarted or forgot the grant: sign this one (and get a new grant)
      if (!usedSession || !(e instanceof Forbidden) || (e.details as { reason?: string } | undefined)?.reason !== 'SESSION_UNKNOWN') throw e;
      this.sessions.drop(to.node);
      return this.requestOnce(to, env, timeoutMs);
    }
  }

  private async requestOnce(to: ActorAddress, env: RequestEnvelopeV1, timeoutMs: number): Promise<unknown> {
    let msg: Msg;
    const subject = subjectOf(to);
    const data = enc.encode(JSON.stringify(env));
    try {
      msg = await this.nc.request(subject, data, { timeout: timeoutMs, ...this.signed(subject, data, to.node) });
    } catch (e) {
      throw mapRequestError(e, to, timeoutMs);
    }
    let body: unknown;
    try {
      body = JSON.parse(dec.decode(msg.data));
      assertValid(ReplyEnvelopeV1, body, 'reply');
    } catch (e) {
      throw new ValidationFailed(`malformed reply from ${formatAddress(to)}: ${(e as Error).message}`);
    }
    if (body.ok) {
      if (body.session) this.sessions.put(to.node, body.session);
      return body.reply;
    }
    if ((body.error.details as { reason?: string } | undefined)?.reason === 'SESSION_UNKNOWN') this.sessions.drop(to.node);
    throw fromWire(body.error);
  }

  publish(to: ActorAddress, env: RequestEnvelopeV1): void {
    const subject = subjectOf(to);
    const data = enc.encode(JSON.stringify({ ...env, tell: true }));
    this.nc.publish(subject, data, this.signed(subject, data));
  }

  async stop(): Promise<void> {
    if (this.sub && !this.sub.isClosed()) await this.sub.drain();
  }
}

function mapRequestError(e: unknown, to: ActorAddress, timeoutMs: number): Error {
  if (e instanceof natsErrors.TimeoutError) return new AskTimeout(formatAddress(to), timeoutMs);
  if (e instanceof natsErrors.RequestError) {
    if (e.isNoResponders()) return new NodeUnreachable(formatAddress(to));
    if (e.cause instanceof natsErrors.TimeoutError) return new AskTimeout(formatAddress(to), timeoutMs);
  }
  if (e instanceof natsErrors.NoRespondersError) return new NodeUnreachable(formatAddress(to));
  return e instanceof Error ? e : new Error(String(e));
}
