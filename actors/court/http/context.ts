/**
 * What every court HTTP plugin gets: the court, its actor system (the ONLY
 * way to the records — asks, never SQLite), the key for covert fields when
 * configured, the blob store, and the auth guard.
 */
import type { ActorSystem, AskOptions, Logger } from '../../../runtime/index.ts';
import type { PrincipalV1, RoleV1 } from '../../../contracts/court/index.ts';
import type { CourtKey } from '../covert/vault.ts';
import type { BlobStore } from '../blobs/store.ts';
import type { LoginThrottleOptions } from './throttle.ts';
import type { Calendar } from '../../distribution/calendar.ts';

export interface CourtHttpContext {
  court: string;
  system: ActorSystem;
  key?: CourtKey;
  blobs: BlobStore;
  log: Logger;
  /** Lifetime of a bearer token, ms (default 8 h: one working day). */
  tokenTtlMs: number;
  /** Largest attached scan, bytes. */
  maxScanBytes: number;
  /** Login attempt limits (throttle.ts; defaults there). */
  loginThrottle?: Partial<LoginThrottleOptions>;
  /**
   * Court codes an `existingUeun` may name (registration.ts): the courts of the registry of connected courts.
   * This court's own code is always known. Without a list only the format and the year are checked.
   */
  knownCourts?: ReadonlySet<string>;
  /** The court's production calendar (calendar.yaml beside the Засади). Default: the built-in `ua-martial-law`. */
  calendar?: Calendar;
  /** Report forms (Засади 16.2): the shipped `deploy/stats-forms` and the court's own `stats-forms/` beside the Засади (a later folder's form replaces one of the same id). */
  statsFormsDirs?: readonly string[];
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: PrincipalV1 | null;
  }
}

/** Meta for an ask on behalf of the user: the runtime journals it with every event (author of every write). */
export function asUser(p: PrincipalV1, extra: Omit<AskOptions, 'meta'> = {}): AskOptions {
  return { ...extra, meta: { author: p.login, role: p.role } };
}

/** Roles that read case cards (tech_admin configures workplaces, it does not read cases — Засади 2.1). */
export const CASE_READERS: RoleV1[] = ['registrar', 'distribution_officer', 'judge', 'head_of_staff', 'chief_judge', 'auditor', 'archivist'];
/** Roles that register and keep cards (registry staff; the head of staff may act for them). */
export const REGISTRY_STAFF: RoleV1[] = ['registrar', 'head_of_staff'];
