/**
 * Durable reminders. Rows live in the journal (`reminders`: next due,
 * period, last fired) and change in the same transaction as the events of the
 * firing. After downtime a periodic reminder that missed k periods fires ONCE,
 * with `coalesced = k`, and moves to its first due time after now.
 */
import type { Envelope } from './cell.ts';
import type { Journal, ReminderRow } from './journal/journal.ts';
import { reminderProblem } from './journal/integrity.ts';
import type { Logger } from './log.ts';

/** Pure: how a due reminder fires at `now`. */
export function planFiring(row: Pick<ReminderRow, 'due_at' | 'every_ms'>, now: number): { coalesced: number; nextDue: number | null } {
  if (!row.every_ms || row.every_ms <= 0) return { coalesced: 1, nextDue: null };
  const coalesced = Math.floor((now - row.due_at) / row.every_ms) + 1;
  return { coalesced, nextDue: row.due_at + coalesced * row.every_ms };
}

export class ReminderScheduler {
  private timer?: NodeJS.Timeout;
  private readonly inFlight = new Set<string>();
  /** Rows refused because their seal does not hold: reported once, never delivered. */
  private readonly refused = new Set<string>();

  constructor(
    private readonly journal: Journal,
    private readonly tickMs: number,
    private readonly clock: () => number,
    private readonly log: Logger,
    private readonly deliver: (actorKey: string, env: Envelope) => boolean,
  ) {}

  start(): void {
    this.tick();
    this.timer = setInterval(() => this.tick(), this.tickMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined as unknown as NodeJS.Timeout;
  }

  /** Deliver every due reminder that is not already being handled. Returns how many fired. */
  tick(): number {
    const now = this.clock();
    let fired = 0;
    for (const row of this.journal.dueReminders(now)) {
      const key = `${row.actor}\u0000${row.name}`;
      if (this.inFlight.has(key) || this.refused.has(key)) continue;
      // A firing delivers its message with the system's authority: only a row the node itself wrote (integrity.ts).
      const problem = reminderProblem(this.journal.database, row);
      if (problem) {
        this.refused.add(key);
        this.log.error('reminder-refused', { actor: row.actor, reminder: row.name, problem });
        continue;
      }
      if (this.fire(row, now, key)) fired++;
    }
    return fired;
  }

  private fire(row: ReminderRow, now: number, key: string): boolean {
    const { coalesced, nextDue } = planFiring(row, now);
    const env: Envelope = {
      command: JSON.parse(row.message),
      // Same due time → same id: a firing re-delivered after a crash is not applied twice.
      commandId: `reminder:${row.name}:${row.due_at}`,
      meta: { author: 'system:reminder' },
      reminder: { name: row.name, dueAt: row.due_at, coalesced, everyMs: row.every_ms, nextDue },
      attempts: 0,
    };
    this.inFlight.add(key);
    try {
      if (this.deliver(row.actor, env)) return true;
      this.inFlight.delete(key);
    } catch (e) {
      this.inFlight.delete(key);
      this.log.warn('reminder-not-delivered', { actor: row.actor, reminder: row.name, error: String(e) });
    }
    return false;
  }

  settled(actorKey: string, name: string): void {
    this.inFlight.delete(`${actorKey}\u0000${name}`);
  }
}
