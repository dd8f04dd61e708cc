/**
 * Feeds the archive actor from the journal: after every event of a case card that can change whether the case is
 * due (a proceeding opened, legal force recorded or withdrawn), the card's current facts go to the archive actor as
 * `case-state` — data in a command, so the actor's decide stays pure. The cursor is the actor's own `fedThrough`,
 * so a restart resumes after the last case it noted (the ЄДРСР feeder's pattern, ../edrsr/feeder.ts).
 */
import { followJournal, type ActorSystem, type Journal, type Logger } from '../../../runtime/index.ts';
import { JournalFeeder } from '../journal-feeder.ts';
import type { ArchiveCaseStateV1 } from '../../../contracts/court/archive.ts';
import type { CardV1 } from '../../../contracts/court/index.ts';
import { CASE_KIND } from '../case/behavior.ts';
import { ARCHIVE_KIND } from './behavior.ts';

const ADVANCE_EVERY = 10_000;
const FED: ReadonlySet<string> = new Set(['card-opened', 'legal-force-recorded', 'legal-force-revoked']);
const META = { meta: { author: 'system:archive-feeder', role: 'system' } };

export class ArchiveFeeder extends JournalFeeder {
  constructor(private readonly o: { system: ActorSystem; journal: Journal; court: string; log: Logger; retryMs?: number }) {
    super('archive-feeder', o.log, o.retryMs);
  }

  protected async follow(signal: AbortSignal): Promise<void> {
    const archive = this.o.system.ref(ARCHIVE_KIND, this.o.court);
    await archive.ask({ type: 'arm' }, META);
    const { fedThrough } = await archive.ask<{ fedThrough: number }>({ type: 'status' }, META);
    let skipped = 0;
    for await (const ev of followJournal(this.o.journal, { from: fedThrough + 1, signal })) {
      if (FED.has(ev.type) && ev.actor.startsWith(`${CASE_KIND}/`)) {
        const ueun = ev.actor.slice(CASE_KIND.length + 1);
        // the card as it is now (the latest truth; a later event of the same card sends it again)
        const card = await this.o.system.ref(CASE_KIND, ueun).ask<CardV1>({ type: 'card' }, META);
        const state: ArchiveCaseStateV1 = { ueun, covert: card.covert, proceedings: card.proceedings.map((p) => ({ proceedingNumber: p.proceedingNumber, legalForce: p.legalForce?.date ?? null })) };
        await archive.ask({ type: 'case-state', gseq: ev.gseq, state }, { ...META, commandId: `archive-feed:${ev.gseq}` });
        skipped++;
      } else skipped++;
      if (skipped >= ADVANCE_EVERY && !ev.actor.startsWith(`${ARCHIVE_KIND}/`)) {
        await archive.ask({ type: 'advance', gseq: ev.gseq }, META);
        skipped = 0;
      }
    }
  }
}
