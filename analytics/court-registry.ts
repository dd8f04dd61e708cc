/**
 * The registry of connected courts (contracts/ingest/courts.ts) from its
 * YAML file, and its merge into the lag list (13.3): a court in the registry
 * that never reported is listed with `neverReported: true`, lagging since the
 * day it was connected (`since`) — or from the start when not given.
 */
import { readFileSync } from 'node:fs';
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
    const since = c.since ? Date.parse(`${c.since}T00:00:00Z`) : 0;
    byCode.set(c.code, { court: c.code, name: c.name, lagMs: Math.max(0, now - since), lastSeen: 0, head: 0, mark: 0, pendingSince: null, neverReported: true });
  }
  return [...byCode.values()].sort((a, b) => (a.court < b.court ? -1 : a.court > b.court ? 1 : 0));
}
