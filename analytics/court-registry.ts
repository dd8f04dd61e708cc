/**
 * The registry of connected courts (contracts/ingest/courts.ts) from its
 * YAML file, and its merge into the lag list (13.3): a court in the registry
 * that never reported is listed with `neverReported: true`, lagging since the
 * day it was connected (`since`) — or from the start when not given.
 */
import { readFileSync, statSync } from 'node:fs';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { parse } from 'yaml';
import { CourtRegistryV1, type ConnectedCourtV1 } from '../contracts/ingest/index.ts';
import { ValidationFailed } from '../runtime/index.ts';
import type { CourtLag } from './lag.ts';

const check = TypeCompiler.Compile(CourtRegistryV1);

/** Parse and validate a registry (YAML text); every schema error listed, duplicate codes refused. */
export function parseCourtRegistry(text: string, where = 'courts registry'): ConnectedCourtV1[] {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (e) {
    throw new ValidationFailed(`${where}: not YAML (${(e as Error).message.split('\n')[0]})`);
  }
  if (!check.Check(doc)) {
    const errors = [...check.Errors(doc)].slice(0, 20).map((e) => ({ path: e.path || '/', message: e.message }));
    throw new ValidationFailed(`${where} is invalid: ${errors[0]?.path} ${errors[0]?.message}`, errors);
  }
  const seen = new Set<string>();
  for (const c of doc.courts) {
    if (seen.has(c.code)) throw new ValidationFailed(`${where}: court ${c.code} is listed twice`, [{ path: '/courts', message: `duplicate code ${c.code}` }]);
    seen.add(c.code);
  }
  return doc.courts;
}

export function loadCourtRegistry(file: string): ConnectedCourtV1[] {
  return parseCourtRegistry(readFileSync(file, 'utf8'), file);
}

/** The registry as a list, or as a getter that may change while the worker runs (`registryFile`). */
export type CourtRegistrySource = readonly ConnectedCourtV1[] | (() => readonly ConnectedCourtV1[]);

export const registryNow = (src: CourtRegistrySource | undefined): readonly ConnectedCourtV1[] => (typeof src === 'function' ? src() : (src ?? []));

/**
 * The registry file, re-read whenever it changed (size or mtime) when asked — `asds ops court add|revoke`
 * rewrites it on a running cluster, and the next lag query sees it without a restart. The first read must
 * succeed (a broken registry would hide silent courts, 13.3); a later broken write keeps the last good list.
 */
export function registryFile(file: string, onError: (e: Error) => void = () => undefined): () => readonly ConnectedCourtV1[] {
  let courts = loadCourtRegistry(file);
  let stamp = stampOf(file);
  return () => {
    const now = stampOf(file);
    if (now !== stamp) {
      try {
        courts = loadCourtRegistry(file);
        stamp = now;
      } catch (e) {
        onError(e as Error);
      }
    }
    return courts;
  };
}

function stampOf(file: string): string {
  try {
    const s = statSync(file);
    return `${s.size}:${s.mtimeMs}:${s.ino}`;
  } catch {
    return 'missing';
  }
}

/**
 * Add the registry's courts to the lags computed from what courts said:
 * names for the known ones, an entry for every court that never reported.
 * Idempotent (merging twice changes nothing), so the CLI may merge its own
 * registry into a worker's answer that already has one.
 */
export function withRegistry(lags: CourtLag[], registry: readonly ConnectedCourtV1[], now = Date.now()): CourtLag[] {
  const byCode = new Map(lags.map((l) => [l.court, l]));
  for (const c of registry) {
    const known = byCode.get(c.code);
    if (known) {
      byCode.set(c.code, { ...known, name: c.name });
      continue;
    }
    // a revoked court can no longer report: its silence is the revocation, not a lag to chase
    if (c.revoked) continue;
    const since = c.since ? Date.parse(`${c.since}T00:00:00Z`) : 0;
    byCode.set(c.code, { court: c.code, name: c.name, lagMs: Math.max(0, now - since), lastSeen: 0, head: 0, mark: 0, pendingSince: null, neverReported: true });
  }
  return [...byCode.values()].sort((a, b) => (a.court < b.court ? -1 : a.court > b.court ? 1 : 0));
}
