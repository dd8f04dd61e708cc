import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { verifyJournalFile } from '../../runtime/index.ts';
import { CliError, options } from './util.ts';

/** `asds journal verify --data <dir>`: recompute the hash chain; exit 1 at the first broken link. */
export async function journalVerify(argv: string[]): Promise<number> {
  const o = options(argv, { data: { type: 'string' } }, ['data']);
  const file = join(resolve(o.data as string), 'journal.sqlite');
  if (!existsSync(file)) throw new CliError(`no journal at ${file}`, 2);
  const rep = verifyJournalFile(file);
  if (rep.ok) {
    process.stdout.write(`journal OK: ${rep.events} events, head ${rep.headGseq} ${rep.headHash}\n`);
    return 0;
  }
  const b = rep.firstBreak!;
  process.stdout.write(
    `journal BROKEN at gseq ${b.gseq} (${b.actor} #${b.aseq}): ${b.problem}\n  expected ${b.expected}\n  found    ${b.found}\n` +
      `  ${rep.events} events before it verify; last good head ${rep.headGseq} ${rep.headHash}\n`,
  );
  return 1;
}
