/**
 * `asds verify-protocol <file|id> [--data <dir>] [--ca <ca.crt.pem>] [--courts <registry.yaml>]`
 *
 * Distribution (Засади 4–5), juror (7.6, 7.9) and duty (4.6) protocols alike:
 * all carry the court seal (actors/court/seal).
 *
 * With a file: the protocol document (JSON) is recomputed from itself
 * (the draw: bytes → u → weights → pick; spec §4) and its court seal is
 * verified over the canonical content. With an id: `--data <dir>` is the
 * court node's data dir; the document is read from its journal, and the
 * event row and its links to the rows around it are recomputed too.
 * Trust anchor: `--ca <ca.crt.pem>` (the court's CA), else `<data>/pki/ca.crt.pem`
 * — never the imported `trust/` anchors: a protocol passes only under THIS
 * court's seal certificate issued by its own CA (Засади 13). With neither
 * the seal cannot be verified and the protocol is refused. With `--courts` (the centre's registry of
 * connected courts) the CA must also be the one the registry pins for the protocol's court (`seal.caSha256`).
 * asds-draw/2 protocols: the VRF proofs are verified under the seal certificate (docs/draw-spec.md §9.4).
 * Exit 0 when everything matches, 1 listing every mismatch, 2 on usage errors.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checkProtocolDocument, ProtocolStore } from '../../actors/court/distribution/index.ts';
import { courtSealAnchor, type CourtSealAnchor } from '../../actors/pki/index.ts';
import { courtSealAnchorOf } from '../../actors/court/seal/index.ts';
import { checkJurorOrDutyRecord, isJurorOrDutyRecord } from '../../actors/court/jurors/check.ts';
import { readRecord, recordSource } from '../../actors/court/jurors/store.ts';
import { recordStreamHeadProblems } from '../../actors/court/jurors/stream-head.ts';
import { CliError } from './util.ts';
import { createHash } from 'node:crypto';
import { loadCourtRegistry } from '../../analytics/court-registry.ts';
import type { ConnectedCourtV1 } from '../../contracts/ingest/index.ts';
import type { ProtocolDocument } from '../../contracts/court/distribution.ts';
import { streamHeadProblems } from '../../actors/court/distribution/store.ts';

/** The centre's registry of connected courts pins each court's CA (`seal.caSha256`): the anchor used must be it. */
function pinnedCaProblems(registry: readonly ConnectedCourtV1[], document: unknown, trust: CourtSealAnchor | undefined): string[] {
  const court = (document as { protocol?: { court?: string }; court?: string }).protocol?.court ?? (document as { court?: string }).court;
  const entry = registry.find((c) => c.code === court);
  if (!entry) return [`registry: court ${court} is not in the registry of connected courts`];
  if (!entry.seal) return [`registry: court ${court} has no pinned seal CA (seal.caSha256) in the registry`];
  const ca = trust?.trustStore.anchors[0]?.x509;
  if (!ca) return ['registry: no court CA given to compare with the pinned one'];
  const got = createHash('sha256').update(ca.raw).digest('hex');
  return got === entry.seal.caSha256 ? [] : [`registry: the CA used (SHA-256 ${got}) is not the one the registry pins for court ${court} (${entry.seal.caSha256})`];
}

export async function verifyProtocolCommand(argv: string[]): Promise<number> {
  let values: { data?: string; ca?: string; courts?: string };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: argv, options: { data: { type: 'string' }, ca: { type: 'string' }, courts: { type: 'string' } }, allowPositionals: true, strict: true }));
  } catch (e) {
    throw new CliError((e as Error).message, 2);
  }
  const target = positionals[0];
  if (!target || positionals.length > 1) throw new CliError('usage: asds verify-protocol <file|id> [--data <dir>] [--ca <ca.crt.pem>] [--courts <registry.yaml>]', 2);

  let trust: CourtSealAnchor | undefined;
  try {
    if (values.ca) trust = courtSealAnchor(readFileSync(resolve(values.ca), 'utf8'));
    else if (values.data) trust = courtSealAnchorOf(resolve(values.data));
  } catch (e) {
    throw new CliError(`--ca: not a court CA certificate (${(e as Error).message})`, 2);
  }
  let registry: ConnectedCourtV1[] | undefined;
  if (values.courts) {
    try {
      registry = loadCourtRegistry(resolve(values.courts));
    } catch (e) {
      throw new CliError(`--courts: ${(e as Error).message}`, 2);
    }
  }

  let document: unknown;
  const problems: string[] = [];
  if (existsSync(target)) {
    try {
      document = JSON.parse(readFileSync(target, 'utf8'));
    } catch (e) {
      throw new CliError(`${target}: not JSON (${(e as Error).message})`, 1);
    }
  } else {
    if (!values.data) throw new CliError(`${target} is not a file; to read a protocol by id give --data <court data dir>`, 2);
    const journal = join(resolve(values.data), 'journal.sqlite');
    if (!existsSync(journal)) throw new CliError(`no journal at ${journal}`, 2);
    // Juror and duty protocols have their own numbers (not the event seq): found by id in their actor's stream.
    let got: { document: unknown; rowHashOk: boolean } | undefined;
    if (recordSource(target)) {
      got = readRecord(journal, target);
      // asds-draw/2 juror and duty draws bind their actor's stream head (docs/draw-spec.md §9.6)
      if (got) problems.push(...recordStreamHeadProblems(journal, got.document));
    }
    else {
      const store = new ProtocolStore(journal);
      try {
        got = store.get(target);
        if (got) problems.push(...streamHeadProblems(store, got.document as ProtocolDocument));
      } finally {
        store.close();
      }
    }
    if (!got) throw new CliError(`no protocol ${target} in ${journal}`, 1);
    if (!got.rowHashOk) problems.push(`journal: the event row of ${target} does not match its hash or the chain around it (edited in place)`);
    document = got.document;
  }

  // Juror (Засади 7) and duty (4.6) protocols: dispatched on their `kind`.
  const check = isJurorOrDutyRecord(document) ? checkJurorOrDutyRecord(document, trust) : checkProtocolDocument(document, trust);
  problems.push(...check.problems);
  if (registry) problems.push(...pinnedCaProblems(registry, document, trust));
  const id = (document as { documentId?: string }).documentId ?? target;
  if (problems.length === 0) {
    const p = (document as { protocol?: { algorithm?: string } }).protocol;
    const v2 = p?.algorithm === 'asds-draw/2' ? `; asds-draw/2: VRF proofs verified under the seal certificate, ${values.data ? 'stream head recomputed from the journal' : 'stream head not checked (give --data to recompute it from the journal)'}` : '';
    process.stdout.write(`protocol ${id}: OK — draw recomputed, seal ${check.seal} (court ${trust!.courtCode} seal)${v2}\n`);
    return 0;
  }
  process.stdout.write(`protocol ${id}: ${problems.length} mismatch(es)\n${problems.map((p) => `  MISMATCH ${p}`).join('\n')}\n`);
  return 1;
}
