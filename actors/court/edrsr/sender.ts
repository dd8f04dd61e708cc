/**
 * Sends the ЄДРСР queue to the register's endpoint (a URL from configuration).
 * Outside the actor: the runtime does I/O, the actor stays pure.
 *
 * - one POST per item, JSON body = the item, header `Idempotency-Key: <key>`
 *   (the decision document's unique id, percent-encoded): a retry after a lost reply carries
 *   the same key, so the register can recognise it;
 * - the item is marked delivered ONLY after a 2xx; anything else (refused
 *   connection, timeout, destroyed socket, non-2xx) is journaled as a failed
 *   attempt and retried with exponential backoff (base · 2^(attempts−1), capped),
 *   computed from the journaled attempts — so backoff survives restarts;
 * - state is never held here: after a crash the next start reads `pending`
 *   from the actor and carries on.
 */
import type { ActorSystem, Logger } from '../../../runtime/index.ts';
import type { EdrsrItemV1 } from '../../../contracts/court/legal-force.ts';
import { EDRSR_KIND } from './behavior.ts';
import { backoffDelay } from './backoff.ts';

export interface EdrsrSenderOptions {
  system: ActorSystem;
  court: string;
  url: string;
  log: Logger;
  /** Same clock as the actor system (backoff is measured against journaled attempt times). */
  clock?: () => number;
  /** Look for work at least this often, ms. Default 2000. */
  pollMs?: number;
  /** First retry delay, ms. Default 1000; doubled per failed attempt up to maxBackoffMs (default 5 min). */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** One POST's timeout, ms. Default 10 s. */
  timeoutMs?: number;
}

const META = { meta: { author: 'system:edrsr-sender', role: 'system' } };

export { backoffDelay };

export class EdrsrSender {
  private readonly stopCtl = new AbortController();
  private running?: Promise<void>;
  private wakeUp?: () => void;
  /** A wake that came during a round: the next pause ends at once. */
  private woken = false;
  private readonly clock: () => number;

  constructor(private readonly o: EdrsrSenderOptions) {
    this.clock = o.clock ?? Date.now;
  }

  start(): this {
    this.running = this.loop();
    return this;
  }

  /** New work (the feeder enqueued an item): look now instead of at the next poll. */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  async stop(): Promise<void> {
    this.stopCtl.abort();
    this.wakeUp?.();
    await this.running;
  }

  private async loop(): Promise<void> {
    const signal = this.stopCtl.signal;
    while (!signal.aborted) {
      let waitMs = this.o.pollMs ?? 2000;
      this.woken = false;
      try {
        waitMs = Math.min(waitMs, await this.round(signal));
      } catch (e) {
        if (!signal.aborted) this.o.log.warn('edrsr-sender-round-failed', { error: String(e) });
      }
      await this.pause(Math.max(10, waitMs), signal);
    }
  }

  /**
   * Send every item that is due now (the actor filters by backoff, so items that keep failing cannot
   * starve the rest); return ms until the next one falls due.
   */
  private async round(signal: AbortSignal): Promise<number> {
    const queue = this.o.system.ref(EDRSR_KIND, this.o.court);
    const base = this.o.backoffMs ?? 1000;
    const max = this.o.maxBackoffMs ?? 300_000;
    let next = Infinity;
    // Each item at most once per round, even if a zero backoff made it due again at once.
    const tried = new Set<string>();
    for (;;) {
      const due = await queue.ask<{ items: Array<{ item: EdrsrItemV1; attempts: number }>; more: boolean; nextInMs: number | null }>({ type: 'due', now: this.clock(), backoffMs: base, maxBackoffMs: max, limit: 100 });
      if (due.nextInMs !== null) next = Math.min(next, due.nextInMs);
      const fresh = due.items.filter((p) => !tried.has(p.item.key));
      for (const p of fresh) {
        if (signal.aborted) return next;
        tried.add(p.item.key);
        const outcome = await this.post(p.item);
        if (outcome.ok) await queue.ask({ type: 'delivered', key: p.item.key, status: outcome.status }, META);
        else {
          await queue.ask({ type: 'failed', key: p.item.key, error: outcome.error.slice(0, 2000) }, META);
          next = Math.min(next, backoffDelay(p.attempts + 1, base, max));
        }
      }
      // More than one page was due: the ones just tried are in backoff now, the next page follows at once.
      if (!due.more || fresh.length === 0 || signal.aborted) return next;
    }
  }

  private async post(item: EdrsrItemV1): Promise<{ ok: true; status: number } | { ok: false; error: string }> {
    try {
      const res = await fetch(this.o.url, {
        method: 'POST',
        // Header values are ASCII; document ids are Cyrillic (`537-000000042-рішення-ц`): percent-encoded here, raw in the body.
        headers: { 'content-type': 'application/json', 'idempotency-key': encodeURIComponent(item.key) },
        body: JSON.stringify(item),
        signal: AbortSignal.timeout(this.o.timeoutMs ?? 10_000),
      });
      await res.arrayBuffer().catch(() => undefined);
      if (res.status >= 200 && res.status < 300) return { ok: true, status: res.status };
      return { ok: false, error: `HTTP ${res.status}` };
    } catch (e) {
      const cause = (e as { cause?: { code?: string } }).cause?.code;
      return { ok: false, error: `${(e as Error).name}: ${(e as Error).message}${cause ? ` (${cause})` : ''}` };
    }
  }

  private pause(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal.aborted || this.woken) return resolve();
      const t = setTimeout(done, ms);
      const self = this;
      function done() {
        clearTimeout(t);
        self.wakeUp = undefined;
        resolve();
      }
      this.wakeUp = done;
    });
  }
}
