/**
 * Does the package hold the case as the centre knows it? (issue 15 items 4 and 6.) The centre holds every court
 * event by replication (Засади 13.2) with the court's chain hash; a package's journal segment lists the case's events
 * (validatePackage's `caseEvents`: gseq, actor, type, hash). They must agree both ways:
 * - every event of the package is at the centre under the same gseq with the same actor, type and hash;
 * - every event the centre holds of the case's own actor (`case/<ЄУН>`) is in it — one up to the package's last event
 *   left out makes it incomplete; one after it (an appeal filed, legal force revoked, a proceeding opened after the
 *   package was built) makes it stale: the court builds it again once the case is due again.
 * An event above what the centre holds is not a disagreement but replication still on its way: the job waits and
 * asks again (`lag`), it does not refuse.
 */
import type { AnalyticsEngine } from '../../../analytics/engine.ts';

export interface CaseEventRef {
  gseq: number;
  actor: string;
  type: string;
  hash: string;
}

export type Completeness =
  | { verdict: 'agree'; events: number }
  | { verdict: 'lag'; centreHead: number; needed: number }
  | { verdict: 'disagree'; problems: string[] };

/** Case events the archive itself writes on the card after a package (actors/court/case/archive.ts). */
const ARCHIVE_MARKS: ReadonlySet<string> = new Set(['archive-transferred', 'archive-recalled']);

/** At most this many differences are named in a refusal (the rest counted). */
const NAMED = 10;

/**
 * Pure comparison. `held`: the centre's events at the package's gseqs plus every centre event of `case/<ueun>`;
 * `centreHead`: the highest seq the centre holds of that court.
 */
export function compareCaseEvents(ueun: string, pkg: readonly CaseEventRef[], held: readonly CaseEventRef[], centreHead: number): Completeness {
  if (pkg.length === 0) return { verdict: 'disagree', problems: ['пакет не містить жодної події справи'] };
  const needed = Math.max(...pkg.map((e) => e.gseq));
  if (needed > centreHead) return { verdict: 'lag', centreHead, needed };
  const atCentre = new Map(held.map((e) => [e.gseq, e]));
  const inPkg = new Set(pkg.map((e) => e.gseq));
  const problems: string[] = [];
  for (const e of [...pkg].sort((a, b) => a.gseq - b.gseq)) {
    const c = atCentre.get(e.gseq);
    if (!c) problems.push(`подія №${e.gseq} (${e.type}) пакета відсутня в центральній базі`);
    else if (c.actor !== e.actor || c.type !== e.type || c.hash !== e.hash)
      problems.push(`подія №${e.gseq}: у пакеті ${e.actor} «${e.type}» з гешем ${e.hash.slice(0, 12)}…, у центральній базі ${c.actor} «${c.type}» з гешем ${c.hash.slice(0, 12)}…`);
  }
  const caseActor = `case/${ueun}`;
  for (const c of [...held].sort((a, b) => a.gseq - b.gseq)) {
    if (c.actor !== caseActor || inPkg.has(c.gseq)) continue;
    if (c.gseq <= needed) problems.push(`подія справи №${c.gseq} (${c.type}), яку має центральна база, відсутня в пакеті`);
    // the archive's own marks on the card come after a package by design (its transfer, a recall)
    else if (!ARCHIVE_MARKS.has(c.type)) problems.push(`після формування пакета у справі є подія №${c.gseq} (${c.type}): пакет застарів — суд має сформувати його знову`);
  }
  if (problems.length === 0) return { verdict: 'agree', events: pkg.length };
  const named = problems.slice(0, NAMED);
  if (problems.length > NAMED) named.push(`і ще ${problems.length - NAMED} розбіжностей`);
  return { verdict: 'disagree', problems: named };
}

/** The centre's side read from `events` FINAL, then compared. */
export async function checkCaseEvents(engine: AnalyticsEngine, court: string, ueun: string, pkg: readonly CaseEventRef[]): Promise<Completeness> {
  const [h] = await engine.query('SELECT max(seq) AS head FROM events WHERE court = {court:String}', { court });
  const centreHead = Number(h?.head ?? 0);
  const rows = await engine.query(
    `SELECT seq, actor, type, hash FROM events FINAL
     WHERE court = {court:String} AND (seq IN {seqs:Array(UInt64)} OR actor = {actor:String})`,
    { court, seqs: pkg.map((e) => e.gseq), actor: `case/${ueun}` },
  );
  const held = rows.map((r) => ({ gseq: Number(r.seq), actor: String(r.actor), type: String(r.type), hash: String(r.hash) }));
  return compareCaseEvents(ueun, pkg, held, centreHead);
}
