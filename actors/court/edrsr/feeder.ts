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
import { JournalFeeder } from '../journal-feeder.ts';
import type { EdrsrItemV1 } from '../../../contracts/court/legal-force.ts';
import { EDRSR_KIND } from './behavior.ts';

const ADVANCE_EVERY = 10_000;
const FED: ReadonlySet<string> = new Set(['legal-force-recorded', 'legal-force-revoked']);
const META = { meta: { author: 'system:edrsr-feeder', role: 'system' } };

export class EdrsrFeeder extends JournalFeeder {
  constructor(private readonly o: { system: ActorSystem; journal: Journal; court: string; log: Logger; onEnqueued?: () => void; retryMs?: number }) {
    super('edrsr-feeder', o.log, o.retryMs);
  }

  protected async follow(signal: AbortSignal): Promise<void> {
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
