/**
 * Feeds the ЄДРСР queue from the journal: every `legal-force-recorded` and
 * `legal-force-revoked` (a withdrawal item) event of a `case` actor becomes an
 * `enqueue` of the `edrsr-export` actor, in journal
 * order. The cursor is the queue actor's own `fedThrough` (see behavior.ts),
 * so a restart resumes after the last item it holds. Events of other types are
 * skipped; every ADVANCE_EVERY skipped events the cursor is moved on (one
 * small event) so that a restart does not rescan the whole journal.
 */
import { followJournal, type ActorSystem, type Journal, type Logger } from '../../../runtime/index.ts';
import type { EdrsrItemV1 } from '../../../contracts/court/legal-force.ts';
import { EDRSR_KIND } from './behavior.ts';

const ADVANCE_EVERY = 10_000;
const FED: ReadonlySet<string> = new Set(['legal-force-recorded', 'legal-force-revoked']);
const META = { meta: { author: 'system:edrsr-feeder', role: 'system' } };

export class EdrsrFeeder {
  private readonly stopCtl = new AbortController();
  private running?: Promise<void>;

  constructor(
    private readonly o: { system: ActorSystem; journal: Journal; court: string; log: Logger; onEnqueued?: () => void; retryMs?: number },
  ) {}

  start(): this {
    this.running = this.loop();
    return this;
  }

  async stop(): Promise<void> {
    this.stopCtl.abort();
    await this.running;
  }

  private async loop(): Promise<void> {
    const signal = this.stopCtl.signal;
    while (!signal.aborted) {
      try {
        await this.follow(signal);
      } catch (e) {
        // The queue actor did not answer (busy, restarting): start over from its durable cursor.
        if (!signal.aborted) this.o.log.warn('edrsr-feeder-retry', { error: String(e) });
        await sleep(this.o.retryMs ?? 1000, signal);
      }
    }
  }

  private async follow(signal: AbortSignal): Promise<void> {
    const queue = this.o.system.ref(EDRSR_KIND, this.o.court);
    const { fedThrough } = await queue.ask<{ fedThrough: number }>({ type: 'status' });
    let skipped = 0;
    for await (const ev of followJournal(this.o.journal, { from: fedThrough + 1, signal })) {
      if (FED.has(ev.type) && ev.actor.startsWith('case/')) {
        const item = (JSON.parse(ev.data) as { item: EdrsrItemV1 }).item;
        await queue.ask({ type: 'enqueue', gseq: ev.gseq, item }, { ...META, commandId: `edrsr-feed:${ev.gseq}` });
        skipped = 0;
        this.o.onEnqueued?.();
      } else if (++skipped >= ADVANCE_EVERY && !ev.actor.startsWith(`${EDRSR_KIND}/`)) {
        await queue.ask({ type: 'advance', gseq: ev.gseq }, META);
        skipped = 0;
      }
    }
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
  });
}
