/**
 * Scans to the centre (Засади 13.2): each `pending` row of `original_scans` is fetched from its court by SHA-256
 * with the resumable fetcher (actors/central/files) into `<central data>/originals/scans/<court>/<ab>/<sha256>`,
 * in the background — one at a time, never on the ingest path. A court that is silent is retried with a growing
 * pause (the part already on disk is kept: the next attempt resumes); a court's refusal is final and recorded with
 * its code — `COVERT` is the lawful one (a covert case's scan stays in the court, 3.1 ¶2), any other is a finding.
 */
import { join } from 'node:path';
import type { NatsConnection } from '@nats-io/transport-node';
import type { AnalyticsEngine } from '../../../analytics/engine.ts';
import type { BusSigner } from '../../../runtime/bus/passport.ts';
import type { Logger } from '../../../runtime/index.ts';
import { CourtFileError, fetchCourtFile } from '../files/index.ts';

/**
 * The largest scan the centre fetches: 1 GiB (a court's own upload limit is 50 MiB by default, `maxScanBytes`). The
 * size comes from the court's event; a larger one — a fault or a court filling the centre's disk — is refused.
 */
export const MAX_SCAN_BYTES = 1024 ** 3;

export const scanPath = (dataDir: string, court: string, sha256: string) => join(dataDir, 'originals', 'scans', court, sha256.slice(0, 2), sha256);

export interface ScanFetcherOptions {
  nc: NatsConnection;
  signer: BusSigner;
  engine: () => AnalyticsEngine;
  dataDir: string;
  log: Logger;
  /** How long one attempt waits for a silent court before moving on. Default 15 s. */
  patienceMs?: number;
  /** Longest pause between attempts at one scan. Default 10 min. */
  maxBackoffMs?: number;
  /** Look for due retries this often. Default 30 s. */
  tickMs?: number;
  chunkBytes?: number;
}

type Pending = { court: string; sha256: string; ueun: string; size: string | number; media_type: string; event_seq: string | number; event_ts: string | number; attempts: string | number };

export class ScanFetcher {
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly o: ScanFetcherOptions) {}

  start(): this {
    this.timer = setInterval(() => this.poke(), this.o.tickMs ?? 30_000);
    this.timer.unref();
    this.poke();
    return this;
  }

  /** Look for pending scans now (after a fold wrote some). Returns at once. */
  poke(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain().finally(() => {
      this.running = undefined;
      if (this.again && !this.stopped) {
        this.again = false;
        this.poke();
      }
    });
  }

  /** Resolves when no fetch is running. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  private async drain(): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      let due: Pending[];
      try {
        due = await this.o.engine().query<Pending>(
          `SELECT court, sha256, ueun, size, media_type, event_seq, event_ts, attempts FROM original_scans FINAL
            WHERE state = 'pending' AND next_at <= {now:Int64} ORDER BY event_ts LIMIT 20`,
          { now: Date.now() },
        );
      } catch (e) {
        this.o.log.warn('original-scans-query-failed', { error: String(e) });
        return;
      }
      if (due.length === 0) return;
      for (const s of due) {
        if (this.stopped) return;
        await this.fetchOne(s);
      }
    }
  }

  private async fetchOne(s: Pending): Promise<void> {
    const attempts = Number(s.attempts) + 1;
    const row = { court: s.court, sha256: s.sha256, ueun: s.ueun, size: Number(s.size), media_type: s.media_type, event_seq: Number(s.event_seq), event_ts: Number(s.event_ts), attempts };
    const dest = scanPath(this.o.dataDir, s.court, s.sha256);
    let update: Record<string, unknown>;
    if (!(Number(s.size) >= 0 && Number(s.size) <= MAX_SCAN_BYTES)) {
      const t = Date.now();
      update = { ...row, state: 'refused', next_at: 0, detail: `скан завеликий: ${s.size} байт, межа центру ${MAX_SCAN_BYTES}`, path: '', stored_at: 0, updated_at: t };
      this.o.log.warn('original-scan-too-large', { court: s.court, sha256: s.sha256, size: s.size });
      await this.o.engine().insert('original_scans', [update]).catch((e: unknown) => this.o.log.warn('original-scans-write-failed', { error: String(e) }));
      return;
    }
    try {
      await fetchCourtFile({ nc: this.o.nc, signer: this.o.signer, court: s.court, source: 'blob', id: s.sha256, dest, size: Number(s.size), sha256: s.sha256, patienceMs: this.o.patienceMs ?? 15_000, requestTimeoutMs: 10_000, ...(this.o.chunkBytes ? { chunkBytes: this.o.chunkBytes } : {}) });
      const t = Date.now();
      update = { ...row, state: 'stored', next_at: 0, detail: '', path: dest, stored_at: t, updated_at: t };
    } catch (e) {
      const t = Date.now();
      if (e instanceof CourtFileError && !e.retryable && e.code === 'COURT_REFUSED') {
        const d = e.details as { court?: string; message?: string };
        update = { ...row, state: 'refused', next_at: 0, detail: `${d.court ?? ''}: ${d.message ?? e.message}`, path: '', stored_at: 0, updated_at: t };
      } else {
        // silent court, a size or digest that differs (the court's file changed?): try again later, resuming
        const pause = Math.min(this.o.maxBackoffMs ?? 600_000, 5_000 * 2 ** Math.min(attempts - 1, 10));
        update = { ...row, state: 'pending', next_at: t + pause, detail: (e as Error).message.slice(0, 500), path: '', stored_at: 0, updated_at: t };
      }
      this.o.log.warn('original-scan-fetch-failed', { court: s.court, sha256: s.sha256, state: update.state, error: String((e as Error).message) });
    }
    try {
      await this.o.engine().insert('original_scans', [update]);
    } catch (e) {
      this.o.log.warn('original-scans-write-failed', { error: String(e) });
    }
  }
}
