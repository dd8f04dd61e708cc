/**
 * Serve `asds.central.<node>.drain` (contracts/ops/drain.ts): only a signed request of an operator identity (bus
 * class `operator`, node `ops-…`) drains the worker; anything else is answered with a typed refusal and logged. The reply is sent
 * once the worker has handed over (lease released, presence removed); the caller then exits the process.
 */
import type { Msg, NatsConnection, Subscription } from '@nats-io/transport-node';
import { DrainRequestV1, drainSubject, type DrainReplyV1 } from '../../../contracts/ops/index.ts';
import { schemaErrors } from '../../../runtime/validate.ts';
import type { BusIdentity } from '../../../runtime/bus/identity.ts';
import { senderOf } from '../../../runtime/bus/nats-sign.ts';
import type { Logger } from '../../../runtime/index.ts';

const enc = new TextEncoder();
const dec = new TextDecoder();

/** `drain(reason, by)` stops taking work, finishes what is in flight, hands over; resolves with the released lease key. */
export function serveDrain(nc: NatsConnection, identity: BusIdentity, node: string, log: Logger, drain: (reason: string, by: string) => Promise<string | undefined>): Subscription {
  let draining = false;
  const refuse = (m: Msg, code: 'FORBIDDEN' | 'INVALID' | 'ALREADY_DRAINING' | 'FAILED', error: string) => {
    const r: DrainReplyV1 = { v: 1, ok: false, node, code, error };
    m.respond(enc.encode(JSON.stringify(r)));
  };
  return nc.subscribe(drainSubject(node), {
    callback: (_e, m) => {
      let by: string;
      try {
        by = senderOf(m, identity.operatorPublicKey, { class: 'operator' }).node;
      } catch (e) {
        log.warn('drain-refused', { error: String(e) });
        return refuse(m, 'FORBIDDEN', `drain is for operator identities only: ${(e as Error).message}`);
      }
      let req: unknown;
      try {
        req = m.data.length > 0 ? JSON.parse(dec.decode(m.data)) : undefined;
      } catch {
        req = undefined;
      }
      const errors = schemaErrors(DrainRequestV1, req);
      if (errors.length > 0) return refuse(m, 'INVALID', `not a DrainRequestV1: ${errors[0]!.path} ${errors[0]!.message}`);
      if (draining) return refuse(m, 'ALREADY_DRAINING', `${node} is already draining`);
      draining = true;
      const t0 = Date.now();
      const reason = (req as DrainRequestV1).reason ?? 'drain requested';
      log.info('draining', { by, reason });
      void drain(reason, by).then(
        (released) => {
          const r: DrainReplyV1 = { v: 1, ok: true, node, ...(released ? { released } : {}), tookMs: Date.now() - t0 };
          m.respond(enc.encode(JSON.stringify(r)));
        },
        (e) => {
          log.error('drain-failed', { error: String(e) });
          refuse(m, 'FAILED', String((e as Error).message ?? e));
        },
      );
    },
  });
}
