import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { dropBadSnapshots, verifyJournalFile } from '../../runtime/index.ts';
import { CliError, options } from './util.ts';
import { verifyReceipts } from '../../actors/court/checkpoint/verify.ts';
import { loadBusIdentity } from '../../runtime/bus/index.ts';

/**
 * `asds journal verify --data <dir> [--drop-bad-snapshots] [--receipts [--operator-key O… | --bus <dir>]]`: recompute the hash
 * chain and check the snapshots and tables the node trusts at start against it;
 * exit 1 at the first broken link or on any table the chain does not vouch for.
 * With --drop-bad-snapshots the snapshots that fail are deleted first (the
 * actors rebuild from the chain at the next start); the node must be stopped.
 * With --receipts the chain is also checked against the centre's signed receipts
 * (actors/court/checkpoint/verify.ts): exit 1 on any receipt that does not match.
 */
export async function journalVerify(argv: string[]): Promise<number> {
  const o = options(
    argv,
    { data: { type: 'string' }, 'drop-bad-snapshots': { type: 'boolean' }, receipts: { type: 'boolean' }, 'operator-key': { type: 'string' }, bus: { type: 'string' } },
    ['data'],
  );
  const file = join(resolve(o.data as string), 'journal.sqlite');
  if (!existsSync(file)) throw new CliError(`no journal at ${file}`, 2);
  const chain = verifyChain(o, file);
  return o.receipts ? Math.max(chain, checkReceipts(o, file)) : chain;
}

function verifyChain(o: Record<string, string | boolean | undefined>, file: string): number {
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

/** The receipts part: one Ukrainian summary line, then each mismatch naming its gseq. */
function checkReceipts(o: Record<string, string | boolean | undefined>, file: string): number {
  const key = (o['operator-key'] as string | undefined) ?? (o.bus ? loadBusIdentity(resolve(o.bus as string)).operatorPublicKey : undefined);
  const rep = verifyReceipts(resolve(o.data as string), file, key);
  const keyNote = rep.operatorKeySource === 'stored' ? ' (ключ оператора шини — записаний разом із квитанціями; для незалежної перевірки дайте --operator-key)' : '';
  if (rep.problems.length === 0) {
    const l = rep.last!;
    process.stdout.write(`Квитанції центру: ${rep.checked} перевірено, усі збігаються з журналом; остання — подія ${l.gseq} (${l.centre}, ${new Date(l.receivedAt).toISOString()})${keyNote}\n`);
    return 0;
  }
  process.stdout.write(`Квитанції центру: РОЗБІЖНІСТЬ — ${rep.problems.length} проблем(и) у ${rep.checked} квитанціях${keyNote}\n`);
  for (const p of rep.problems) process.stdout.write(`  ${p.gseq === null ? '' : `подія ${p.gseq}: `}${p.problem}\n`);
  return 1;
}
