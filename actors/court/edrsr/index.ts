/**
 * ЄДРСР export (Засади 11.2): the queue actor, its journal feeder and the
 * HTTP sender, started together by the court node.
 */
import type { ActorSystem, Journal, Logger } from '../../../runtime/index.ts';
import { EdrsrFeeder } from './feeder.ts';
import { EdrsrSender, type EdrsrSenderOptions } from './sender.ts';

export { edrsrBehavior, EDRSR_KIND, type EdrsrState } from './behavior.ts';
export { EdrsrFeeder } from './feeder.ts';
export { EdrsrSender } from './sender.ts';
export { backoffDelay } from './backoff.ts';

export interface EdrsrExportOptions {
  system: ActorSystem;
  journal: Journal;
  court: string;
  log: Logger;
  /** The register's endpoint; without it the queue fills and reports items pending (the court keeps working). */
  url?: string;
  clock?: () => number;
  sender?: Partial<Pick<EdrsrSenderOptions, 'pollMs' | 'backoffMs' | 'maxBackoffMs' | 'timeoutMs'>>;
}

/** Start feeding (always) and sending (when a URL is configured); returns the stop. */
export function startEdrsrExport(o: EdrsrExportOptions): { stop(): Promise<void> } {
  const sender = o.url ? new EdrsrSender({ system: o.system, court: o.court, url: o.url, log: o.log, ...(o.clock ? { clock: o.clock } : {}), ...o.sender }).start() : undefined;
  const feeder = new EdrsrFeeder({ system: o.system, journal: o.journal, court: o.court, log: o.log, ...(sender ? { onEnqueued: () => sender.wake() } : {}) }).start();
  if (!o.url) o.log.info('edrsr-url-missing', { court: o.court, note: 'ЄДРСР items are queued and stay pending until a URL is configured' });
  return {
    async stop() {
      await feeder.stop();
      await sender?.stop();
    },
  };
}
