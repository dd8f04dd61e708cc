/**
 * Case search over the registry's list (issue 16): a linear scan of the
 * in-memory rows, newest first — 100,000 registrations are scanned well
 * inside the 200 ms the console's search may take (bench/console.ts).
 *
 *   searchRows(rows, total, { type: 'search', q: 'іваненко', offset: 0, limit: 50 })
 *   // → { total: 3, items: [{ ueun: '537/9/26', parties: [...], ... }, ...] }
 *
 * Covert fields (Засади 3.1 ¶2) are sealed before the registry sees them, so
 * they are never in a row: nothing covert can match or be returned.
 */
import type { CaseRegisteredV1, RegistryHitV1, RegistrySearchReplyV1, RegistrySearchV1 } from '../../../contracts/court/index.ts';

/** Free text kept per row for matching: long essences are cut (the card holds the whole text). */
const DESCRIPTION_KEPT = 500;

/**
 * [ordinal, ueun, proceedingNumber, arrivalDate, registrationDate, covert 0|1, category, kind, title, parties, text].
 * The last five are absent in rows from a snapshot written before the search existed (they are found by number only).
 */
export type ListRow = [number, string, string, string, string, 0 | 1, string?, string?, string?, Array<[string, string]>?, string?];

export function rowOf(e: CaseRegisteredV1): ListRow {
  const r = e.registration;
  const parties = r.parties.map((p) => [p.role, p.name] as [string, string]);
  // lower-cased once here, so a search does not lower-case 100,000 texts
  const text = [r.document.sender, r.document.title, r.document.kind, r.description.slice(0, DESCRIPTION_KEPT), ...r.parties.map((p) => p.name)].join('\n').toLowerCase();
  return [e.ordinal, e.ueun, e.proceedingNumber, r.arrivalDate, e.registrationDate, r.covert ? 1 : 0, r.category ?? '', r.document.kind, r.document.title, parties, text];
}

type Matcher = (r: ListRow) => boolean;

function matcherOf(cmd: RegistrySearchV1): Matcher {
  const tests: Matcher[] = [];
  const q = cmd.q?.trim().toLowerCase();
  if (q) tests.push((r) => r[1].includes(q) || r[2].includes(q) || (r[10] ?? '').includes(q));
  const ueun = cmd.ueun?.trim();
  if (ueun) tests.push((r) => r[1] === ueun || r[2] === ueun);
  const party = cmd.party?.trim().toLowerCase();
  if (party) tests.push((r) => (r[9] ?? []).some((p) => p[1].toLowerCase().includes(party)));
  if (cmd.from) tests.push((r) => r[4] >= cmd.from!);
  if (cmd.to) tests.push((r) => r[4] <= cmd.to!);
  if (cmd.category) tests.push((r) => r[6] === cmd.category);
  if (cmd.proceedings) {
    const wanted = new Set(cmd.proceedings);
    tests.push((r) => wanted.has(r[2]));
  }
  return (r) => tests.every((t) => t(r));
}

function hitOf(r: ListRow): RegistryHitV1 {
  return {
    ordinal: r[0],
    ueun: r[1],
    proceedingNumber: r[2],
    arrivalDate: r[3],
    registrationDate: r[4],
    covert: r[5] === 1,
    category: r[6] ? r[6] : null,
    document: { kind: r[7] ?? '', title: r[8] ?? '' },
    parties: (r[9] ?? []).map(([role, name]) => ({ role, name })),
  };
}

/** Newest first; `total` counts every match, `items` the page. */
export function searchRows(chunks: ListRow[][], cmd: RegistrySearchV1): RegistrySearchReplyV1 {
  const match = matcherOf(cmd);
  const items: RegistryHitV1[] = [];
  let total = 0;
  const end = cmd.offset + cmd.limit;
  for (let c = chunks.length - 1; c >= 0; c--) {
    const chunk = chunks[c]!;
    for (let i = chunk.length - 1; i >= 0; i--) {
      const r = chunk[i]!;
      if (!match(r)) continue;
      if (total >= cmd.offset && total < end) items.push(hitOf(r));
      total++;
    }
  }
  return { total, items };
}
