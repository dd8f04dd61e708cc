/**
 * The person of Засади 5.1.11 ("відносно однієї і тієї ж особи") as the node
 * keeps it: never the name, date of birth or РНОКПП in clear, only keyed
 * hashes of their normalized forms — one per identifier the clerk gave
 * (РНОКПП; full name + date of birth), so either finds the earlier case. The
 * key is derived from the court key (covert/vault.ts): the hashes mean
 * nothing outside this court, and a 10-digit РНОКПП cannot be recovered by
 * trying every number without it. The redaction policy drops them from
 * replication as well (contracts/ingest/redaction.ts).
 *
 *   personKeys(key, { name: 'Петренко  Петро', birthDate: '1990-01-02' })  // ['3f…']
 */
import type { RoutePersonV1 } from '../../../contracts/court/index.ts';
import type { CourtKey } from '../covert/vault.ts';

const LABEL = 'person/v1';

/** Case, spaces, apostrophes and letter forms as clerks type them: "ПЕТРЕНКО  Петро" ≡ "петренко петро", ʼ ≡ ' ≡ ’. */
export function normalizeName(name: string): string {
  return name
    .normalize('NFC')
    .toLowerCase()
    .replace(/[ʼ’`'‘"«»]/g, "'")
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
}

/** Which identifiers are complete: a РНОКПП, or a name with its date of birth. Empty = the person cannot be found. */
export function personIdentifiers(p: RoutePersonV1): string[] {
  const out: string[] = [];
  if (p.rnokpp !== undefined) out.push(`rnokpp:${p.rnokpp}`);
  if (p.name !== undefined && p.birthDate !== undefined && normalizeName(p.name).length > 0) out.push(`name:${normalizeName(p.name)}|${p.birthDate}`);
  return out;
}

export function personKeys(key: CourtKey, p: RoutePersonV1): string[] {
  return personIdentifiers(p).map((id) => key.mac(LABEL, id));
}
