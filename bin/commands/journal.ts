import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { dropBadSnapshots, verifyJournalFile } from '../../runtime/index.ts';
import { CliError, options } from './util.ts';

/**
 * `asds journal verify --data <dir> [--drop-bad-snapshots]`: recompute the hash
 * chain and check the snapshots and tables the node trusts at start against it;
 * exit 1 at the first broken link or on any table the chain does not vouch for.
 * With --drop-bad-snapshots the snapshots that fail are deleted first (the
 * actors rebuild from the chain at the next start); the node must be stopped.
 */
export async function journalVerify(argv: string[]): Promise<number> {
  const o = options(argv, { data: { type: 'string' }, 'drop-bad-snapshots': { type: 'boolean' } }, ['data']);
  const file = join(resolve(o.data as string), 'journal.sqlite');
  if (!existsSync(file)) throw new CliError(`no journal at ${file}`, 2);
  if (o['drop-bad-snapshots']) {
    for (const p of dropBadSnapshots(file)) process.stdout.write(`dropped snapshot of ${p.key} (${p.problem}): it rebuilds from the chain\n`);
  }
  const rep = verifyJournalFile(file);
  if (rep.ok) {
    process.stdout.write(`journal OK: ${rep.events} events, head ${rep.headGseq} ${rep.headHash}; snapshots and tables match the chain\n`);
    return 0;
  }
  if (rep.firstBreak) {
    const b = rep.firstBreak;
    process.stdout.write(
      `journal BROKEN at gseq ${b.gseq} (${b.actor} #${b.aseq}): ${b.problem}\n  expected ${b.expected}\n  found    ${b.found}\n` +
        `  ${rep.events} events before it verify; last good head ${rep.headGseq} ${rep.headHash}\n`,
    );
    return 1;
  }
  process.stdout.write(`journal chain OK (${rep.events} events, head ${rep.headGseq}) but ${rep.tables.length} table problem(s):\n`);
  for (const p of rep.tables) process.stdout.write(`  TAMPERED ${p.table} ${p.key}: ${p.problem}\n`);
  return 1;
}
