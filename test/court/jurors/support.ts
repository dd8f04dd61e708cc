/** A system on a temp journal with an injected clock, for the jurors / duty / outage actors. */
import { join } from 'node:path';
import { ActorSystem, DomainRejected, type Behavior } from '../../../runtime/index.ts';
import { tempDir } from '../../support/servers.ts';
import * as assert from 'uvu/assert';

process.env.ASDS_LOG ??= 'silent';

/** Kyiv local time on a date, as epoch ms (summer: UTC+3). */
export function kyiv(date: string, hour = 9, minute = 0): number {
  return Date.parse(`${date}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+03:00`);
}

export interface TestNode {
  system: ActorSystem;
  dir: string;
  clock: { now: number };
  ask<R = any>(kind: string, command: unknown, author?: string): Promise<R>;
}

export function startNode(behaviors: Behavior[], opts: { dir?: string; now?: number } = {}): TestNode {
  const dir = opts.dir ?? tempDir();
  const clock = { now: opts.now ?? kyiv('2025-06-10') };
  const system = new ActorSystem({ node: 'court-537', journal: join(dir, 'journal.sqlite'), clock: () => clock.now, reminderTickMs: 3_600_000 });
  for (const b of behaviors) system.register(b);
  system.start();
  return {
    system,
    dir,
    clock,
    ask: (kind, command, author = 'head1') => system.ref(kind, '537').ask(command, { meta: { author } }) as Promise<any>,
  };
}

/** The promise must fail with a DomainRejected of this code. */
export async function refused(p: Promise<unknown>, code: string): Promise<DomainRejected> {
  try {
    await p;
  } catch (e) {
    assert.instance(e, DomainRejected, String(e));
    assert.is((e as DomainRejected).code, code, (e as Error).message);
    return e as DomainRejected;
  }
  assert.unreachable(`expected ${code}`);
  throw new Error('unreachable');
}

export const ORDER = (n: string, date = '2025-06-01') => ({ kind: 'order' as const, number: n, date });
export const RULING = (n: string) => ({ kind: 'other' as const, number: n, date: '2025-06-10' });
