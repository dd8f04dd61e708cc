/**
 * The loop shared by the court's journal feeders (the ЄДРСР queue, edrsr/feeder.ts; the archive, archive/feeder.ts):
 * follow the journal from the fed actor's own durable cursor and, when that actor does not answer (busy,
 * restarting), wait and start over from the cursor — nothing is skipped, nothing fed twice (the commands carry ids).
 *
 *   class MyFeeder extends JournalFeeder {
 *     protected async follow(signal: AbortSignal) { for await (const ev of followJournal(journal, { from, signal })) … }
 *   }
 *   const f = new MyFeeder('my-feeder', log).start();  …  await f.stop();
 */
import type { Logger } from '../../runtime/index.ts';

export abstract class JournalFeeder {
  private readonly stopCtl = new AbortController();
  private running?: Promise<void>;

  /** `name` names the log line of a retry (`<name>-retry`); a retry waits `retryMs` (default 1 s). */
  constructor(
    private readonly name: string,
    private readonly feederLog: Logger,
    private readonly retryMs = 1000,
  ) {}

  start(): this {
    this.running = this.loop();
    return this;
  }

  async stop(): Promise<void> {
    this.stopCtl.abort();
    await this.running;
  }

  /** Feed from the cursor until `signal` aborts; a throw means "start over from the cursor". */
  protected abstract follow(signal: AbortSignal): Promise<void>;

  private async loop(): Promise<void> {
    const signal = this.stopCtl.signal;
    while (!signal.aborted) {
      try {
        await this.follow(signal);
      } catch (e) {
        if (!signal.aborted) this.feederLog.warn(`${this.name}-retry`, { error: String(e) });
        await sleep(this.retryMs, signal);
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
