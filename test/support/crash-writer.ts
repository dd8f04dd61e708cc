/**
 * Crash-safety child: keeps `--actors` ledger actors busy with appends and
 * prints `ACK <actor> <value> <seq>` for every reply it received. The parent
 * SIGKILLs it at random moments. Values continue from `--start`.
 */
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { ActorSystem } from '../../runtime/index.ts';
import { ledger } from './ledger.ts';

const { values } = parseArgs({ options: { data: { type: 'string' }, actors: { type: 'string' }, start: { type: 'string' } } });
const system = new ActorSystem({ node: 'court-1', journal: join(values.data!, 'journal.sqlite') }).register(ledger).start();
// the WAL test kills the writer right after a checkpoint that emptied the WAL (SQLite then reuses it from the start)
const observer = system.journal!.observer!;
system.journal!.observer = { ...observer, checkpoint: (mode, ok) => ok && mode === 'truncate' && process.stdout.write('TRUNCATED\n') };
const actors = Number(values.actors ?? '8');
let next = Number(values.start ?? '0');
process.stdout.write('READY\n');

async function worker(a: number): Promise<never> {
  for (;;) {
    const value = next++;
    const r = (await system.ref('ledger', `a${a}`).ask({ type: 'append', value }, { commandId: `v${value}` })) as { seq: number };
    process.stdout.write(`ACK a${a} ${value} ${r.seq}\n`);
  }
}
await Promise.all(Array.from({ length: actors }, (_, a) => worker(a)));
