/**
 * Opening a node's journal at start: a file SQLite cannot read, storage that
 * cannot be written, or a table the chain does not vouch for each stop the
 * start with one typed error whose message is one line (which file, what is
 * wrong, what to do) — and nothing written to the journal.
 */
import { JournalTampered } from '../errors.ts';
import { storageError } from './storage-errors.ts';
import { checkTables, describeProblems } from './integrity.ts';
import { Journal } from './journal.ts';
import type { JournalOptions } from './types.ts';

/** Open the journal and check every table the node trusts at start (integrity.ts). */
export function openJournalForStart(path: string, opts: JournalOptions = {}): Journal {
  let journal: Journal;
  try {
    journal = new Journal(path, opts);
  } catch (e) {
    throw storageError(path, e) ?? e;
  }
  let problems;
  try {
    problems = checkTables(journal.database);
  } catch (e) {
    journal.close();
    throw storageError(path, e) ?? e;
  }
  if (problems.length > 0) {
    journal.close();
    throw new JournalTampered(
      `journal ${path}: ${describeProblems(problems)} — the node did not start and changed nothing; ` +
        'find out who edited the file (`asds journal verify --data <dir>` lists every problem; ' +
        'with --drop-bad-snapshots it drops the bad snapshots so the actors rebuild from the chain)',
      problems,
    );
  }
  return journal;
}
