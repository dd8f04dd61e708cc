/**
 * From the court's journal rows to the dossier's (dossier.ts): a stored row (runtime/journal, chain format 2)
 * as a chain row — the public view and salted digest the centre also receives — or as a case row in full.
 * The court node (actors/court/archive) collects the proof with these, so the package's rows are exactly
 * what the chain committed to.
 *
 *   const segment = readSegment(host.journal, firstCaseGseq - 1, checkpoint.gseq);
 *   const caseRows = host.journal.read(first, n).filter((r) => r.actor === `case/${ueun}`).map(caseRowOf);
 */
import { hiddenDigest } from '../../runtime/journal/hash.ts';
import type { Journal, StoredEvent } from '../../runtime/index.ts';
import type { CaseJournalRow, ChainRow } from './dossier.ts';
import { ArchiveDossierInvalid } from './errors.ts';

type Row = Omit<StoredEvent, 'command_id'> & { command_id?: string | null };

function format2(r: Row): { salt: string; pub: string } {
  // A legacy (format 1) row's hash covers its unredacted content: no public view can prove it (hash.ts).
  if (r.chain !== 2 || !r.salt || !r.pub) throw new ArchiveDossierInvalid(`journal row ${r.gseq} is of chain format ${r.chain ?? 1}: only format 2 rows can be proven by a public segment`, { gseq: r.gseq });
  return { salt: r.salt, pub: r.pub };
}

/** The row as the chain segment carries it (what the centre receives: contracts/ingest/event.ts IngestEventV2). */
export function chainRowOf(r: Row): ChainRow {
  const { salt, pub } = format2(r);
  const view = JSON.parse(pub) as { author: string; data: Record<string, unknown>; redacted: string[] };
  return { gseq: r.gseq, actor: r.actor, aseq: r.aseq, type: r.type, ts: r.ts, hidden: hiddenDigest(salt, r.meta, r.data), author: view.author, data: view.data, redacted: view.redacted, prevHash: r.prev_hash, hash: r.hash };
}

/** The row in full, as the dossier gives the case's rows (build.ts decides what of it enters the package). */
export function caseRowOf(r: Row): CaseJournalRow {
  const { salt, pub } = format2(r);
  return { gseq: r.gseq, actor: r.actor, aseq: r.aseq, type: r.type, ts: r.ts, meta: r.meta, data: r.data, salt, pub, prevHash: r.prev_hash, hash: r.hash };
}

/** Chain rows `from`..`to` (inclusive, contiguous) read from the journal in batches. */
export function readSegment(journal: Pick<Journal, 'read'>, from: number, to: number, batch = 5000): ChainRow[] {
  const out: ChainRow[] = [];
  for (let next = Math.max(1, from); next <= to; ) {
    const rows = journal.read(next, Math.min(batch, to - next + 1));
    if (rows.length === 0 || rows[0]!.gseq !== next) throw new ArchiveDossierInvalid(`journal has no row ${next}: the segment ${from}..${to} cannot be read whole`, { gseq: next });
    for (const r of rows) {
      if (r.gseq > to) break;
      if (r.gseq !== next) throw new ArchiveDossierInvalid(`journal row ${next} is missing (found ${r.gseq})`, { gseq: next });
      out.push(chainRowOf(r));
      next++;
    }
  }
  return out;
}
