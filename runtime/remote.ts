/**
 * The NATS side of location transparency. A node serves
 * `asds.<node>.<kind>.<id>` (request/reply for ask, plain publish for tell)
 * and turns remote failures back into the same typed errors a local caller
 * would see.
 */
import type { Msg, NatsConnection, Subscription } from '@nats-io/transport-node';
import { errors as natsErrors } from '@nats-io/transport-node';
import type { ActorAddress, CommandMeta } from './actor.ts';
import { formatAddress } from './actor.ts';
import { AskTimeout, fromWire, NodeUnreachable, NotOwner, toWire, ValidationFailed } from './errors.ts';
import { assertValid } from './validate.ts';
import { ReplyEnvelopeV1, RequestEnvelopeV1 } from '../contracts/runtime/envelope.ts';
import type { Logger } from './log.ts';
import type { BusIdentity } from './bus/identity.ts';

export interface LocalDelivery {
  askLocal(to: ActorAddress, command: unknown, opts: { commandId?: string; meta?: CommandMeta; timeoutMs?: number }): Promise<unknown>;
  tellLocal(to: ActorAddress, command: unknown, opts: { commandId?: string; meta?: CommandMeta }): void;
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

  constructor(
    private readonly nc: NatsConnection,
    private readonly node: string,
    private readonly local: LocalDelivery,
    private readonly log: Logger,
    private readonly identity?: BusIdentity,
  ) {}

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
      const opts: { commandId?: string; meta?: CommandMeta } = {};
      if (env.commandId !== undefined) opts.commandId = env.commandId;
      if (env.meta !== undefined) opts.meta = env.meta;
      if (env.tell || !msg.reply) {
        this.local.tellLocal(to, env.command, opts);
        return;
      }
      out = { ok: true, reply: await this.local.askLocal(to, env.command, opts) };
    } catch (e) {
      const w = toWire(e);
      this.log.warn('remote-message-refused', { subject: msg.subject, code: w.code, error: w.message });
      out = { ok: false, error: w };
    }
    if (msg.reply) msg.respond(enc.encode(JSON.stringify(out)));
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
    let msg: Msg;
    try {
      msg = await this.nc.request(subjectOf(to), enc.encode(JSON.stringify(env)), { timeout: timeoutMs });
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
    if (body.ok) return body.reply;
    throw fromWire(body.error);
  }

  publish(to: ActorAddress, env: RequestEnvelopeV1): void {
    this.nc.publish(subjectOf(to), enc.encode(JSON.stringify({ ...env, tell: true })));
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
