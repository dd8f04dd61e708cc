/**
 * Feeds the archive actor from the journal: after every event of a case card that can change whether the case is
 * due (a proceeding opened, legal force recorded or withdrawn), the card's current facts go to the archive actor as
 * `case-state` — data in a command, so the actor's decide stays pure. The cursor is the actor's own `fedThrough`,
 * so a restart resumes after the last case it noted (the ЄДРСР feeder's pattern, ../edrsr/feeder.ts).
 */
import { followJournal, type ActorSystem, type Journal, type Logger } from '../../../runtime/index.ts';
import type { ArchiveCaseStateV1 } from '../../../contracts/court/archive.ts';
import type { CardV1 } from '../../../contracts/court/index.ts';
import { CASE_KIND } from '../case/behavior.ts';
import { ARCHIVE_KIND } from './behavior.ts';

const ADVANCE_EVERY = 10_000;
const FED: ReadonlySet<string> = new Set(['card-opened', 'legal-force-recorded', 'legal-force-revoked']);
const META = { meta: { author: 'system:archive-feeder', role: 'system' } };

export class ArchiveFeeder {
  private readonly stopCtl = new AbortController();
  private running?: Promise<void>;

  constructor(private readonly o: { system: ActorSystem; journal: Journal; court: string; log: Logger; retryMs?: number }) {}

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
        if (!signal.aborted) this.o.log.warn('archive-feeder-retry', { error: String(e) });
        await sleep(this.o.retryMs ?? 1000, signal);
      }
    }
  }

  private async follow(signal: AbortSignal): Promise<void> {
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

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
  });
}
