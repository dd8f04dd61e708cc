/**
 * What courts tell the centre with their mark requests (journal head, oldest
 * unconfirmed event), for the 13.3 lag monitor. Buffered in memory and
 * flushed in one insert every few seconds: 600 courts asking every second
 * must not become 600 ClickHouse inserts a second.
 */
import type { AnalyticsEngine } from '../../../analytics/engine.ts';

interface Seen {
  head: number;
  mark: number;
  pendingSince: number;
  at: number;
}

export class StatusBook {
  private pending = new Map<string, Seen>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly engine: () => AnalyticsEngine,
    private readonly flushMs = 5000,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.flush().catch(() => undefined), this.flushMs);
  }

  seen(court: string, s: Omit<Seen, 'at'>, at = Date.now()): void {
    this.pending.set(court, { ...s, at });
  }

  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const rows = [...this.pending].map(([court, s]) => ({ court, seen_at: s.at, head: s.head, mark: s.mark, pending_since: s.pendingSince }));
    this.pending = new Map();
    await this.engine().insert('court_status', rows);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.flush().catch(() => undefined);
  }
}
