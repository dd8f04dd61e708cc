/**
 * A court node's clock for `asds simulate --timeline`: real time plus an
 * offset read from a file, moved forward by the simulator one simulated day at
 * a time (it rewrites the file, then sends the node SIGUSR2). So each simulated
 * day's registrations, draws and decisions carry that day's date, appeal terms
 * run out, reminders fire and legal force arrives — as over real weeks.
 *
 *   writeClockOffset(file, -3 * 86_400_000);            // the simulator, before the node starts
 *   const clock = SimulatedClock.open(file);            // `asds court serve --simulated-clock <file>`
 *   process.on('SIGUSR2', () => clock.reload());
 *   clock.now();                                         // Date.now() − 3 days
 *
 * The offset may only be ≤ 0: a simulated court lives in the past and catches
 * up with today, never dates a record in the future. The runtime still holds
 * the clock if it ever moved back (runtime/clock.ts), and the node's run log
 * records that it ran on a simulated clock (runtime/node-log.ts
 * `node-started.clock`), which reaches the centre: a production court started
 * this way is seen.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';

export class SimulatedClockError extends Error {
  readonly code = 'SIMULATED_CLOCK';
}

export function readClockOffset(file: string): number {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').trim();
  } catch (e) {
    throw new SimulatedClockError(`simulated clock file ${file}: ${(e as Error).message}`);
  }
  const n = Number(text);
  if (!/^-?[0-9]+$/.test(text) || !Number.isSafeInteger(n) || n > 0) throw new SimulatedClockError(`simulated clock file ${file}: an offset in ms ≤ 0 expected, got "${text.slice(0, 40)}"`);
  return n;
}

/** Atomically (rename) so the node never reads half a number. */
export function writeClockOffset(file: string, offsetMs: number): void {
  if (!Number.isSafeInteger(offsetMs) || offsetMs > 0) throw new SimulatedClockError(`offset must be an integer ≤ 0 ms, got ${offsetMs}`);
  writeFileSync(`${file}.tmp`, `${offsetMs}\n`);
  renameSync(`${file}.tmp`, file);
}

export class SimulatedClock {
  private constructor(
    readonly file: string,
    private offset: number,
  ) {}

  static open(file: string): SimulatedClock {
    return new SimulatedClock(file, readClockOffset(file));
  }

  readonly now = (): number => Date.now() + this.offset;

  /** Re-read the file; a bad file keeps the last offset (the caller logs the error). */
  reload(): number {
    this.offset = readClockOffset(this.file);
    return this.offset;
  }
}

/** The simulator's side: set the node's offset, signal it, wait for its acknowledgement (`<file>.ack`). */
export async function moveNodeClock(file: string, pid: number, offsetMs: number, timeoutMs = 15_000): Promise<void> {
  writeClockOffset(file, offsetMs);
  process.kill(pid, 'SIGUSR2');
  const end = Date.now() + timeoutMs;
  for (;;) {
    let ack = '';
    try {
      ack = readFileSync(`${file}.ack`, 'utf8').trim();
    } catch {
      // not yet written
    }
    if (ack === String(offsetMs)) return;
    if (Date.now() > end) throw new SimulatedClockError(`the node (pid ${pid}) did not take the simulated clock ${offsetMs} ms within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
