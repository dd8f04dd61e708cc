/**
 * Before a database pull the centre asks the court to seal a checkpoint of its
 * head at that moment (Засади 18.3 is for security monitoring). The court's
 * checkpointer sends it to the witness and answers with the witness's receipt,
 * so by the time the copy is made the centre holds a sealed head the copy must
 * contain: events the court deleted or rewrote since its last periodic
 * checkpoint, and before the copy, can no longer hide in the gap between them.
 *
 * A court that does not answer (older software, no checkpointer) is not a
 * reason to give up the pull: the report says the head was not sealed first.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NatsConnection } from '@nats-io/transport-node';
import { schemaErrors } from '../../../runtime/validate.ts';
import { CheckpointAnswerV1, checkpointNowSubject, receiptSigner, type CheckpointNowV1 } from '../../../contracts/witness/index.ts';
import type { BusIdentity } from '../../../runtime/bus/identity.ts';
import { signedHeaders, signerOf } from '../../../runtime/bus/nats-sign.ts';
import { writeFileDurable } from '../../../runtime/durable-file.ts';

/** The head the court sealed right before the copy, or why there is none. */
export type FreshCheckpoint = { gseq: number; hash: string; receivedAt: number; centre: string } | { error: string };

/** How long the court gets to seal and have it receipted. Default 30 s. */
export const FRESH_CHECKPOINT_TIMEOUT_MS = 30_000;

/** Ask once per pull; a retry of the job reuses the answer saved in the pull's directory. */
export async function freshCheckpoint(o: { nc: NatsConnection; bus: BusIdentity; court: string; pullId: string; dir: string; timeoutMs?: number }): Promise<FreshCheckpoint> {
  const file = join(o.dir, 'checkpoint-before.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as FreshCheckpoint;
  const out = await ask(o);
  writeFileDurable(file, JSON.stringify(out), { mode: 0o600 });
  return out;
}

async function ask(o: { nc: NatsConnection; bus: BusIdentity; court: string; pullId: string; timeoutMs?: number }): Promise<FreshCheckpoint> {
  const subject = checkpointNowSubject(o.court);
  const req: CheckpointNowV1 = { v: 1, reason: `database pull ${o.pullId} (Засади 18.3)` };
  const body = JSON.stringify(req);
  let answer: CheckpointAnswerV1;
  try {
    const m = await o.nc.request(subject, body, { timeout: o.timeoutMs ?? FRESH_CHECKPOINT_TIMEOUT_MS, headers: signedHeaders(signerOf(o.bus), subject, body) });
    answer = JSON.parse(new TextDecoder().decode(m.data)) as CheckpointAnswerV1;
  } catch (e) {
    return { error: `суд не відповів на запит контрольної точки: ${(e as Error).message}` };
  }
  try {
    const errs = schemaErrors(CheckpointAnswerV1, answer);
    if (errs.length > 0) return { error: `відповідь суду не відповідає CheckpointAnswerV1: ${errs[0]!.path} ${errs[0]!.message}` };
    if (!answer.ok) return { error: `суд не засвідчив вершину: ${answer.error}` };
    const r = answer.receipt;
    // the receipt must be a central worker's, signed under the operator — not one the court made up
    receiptSigner(r, o.bus.operatorPublicKey);
    if (r.court !== o.court) return { error: `квитанція іншого суду (${r.court})` };
    return { gseq: r.gseq, hash: r.hash, receivedAt: r.receivedAt, centre: r.centre };
  } catch (e) {
    return { error: `квитанцію на контрольну точку не підписано центром: ${(e as Error).message}` };
  }
}
