/** Shared set-up for distribution actor tests: a court seal, the test Засади, a system on a temp journal with an injected clock. */
import { join } from 'node:path';
import { ActorSystem } from '../../../runtime/index.ts';
import { createSigner, initCourtCa, loadCourtSealAnchor, readSeal, type CourtSealAnchor, type Signer } from '../../../actors/pki/index.ts';
import { distributionBehavior } from '../../../actors/court/distribution/index.ts';
import { baseConfig, martialCalendar } from '../../distribution/support/fixtures.ts';
import { tempDir } from '../../support/servers.ts';
import type { ZasadyConfig } from '../../../contracts/distribution/zasady.ts';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { TEST_KEY_PASSPHRASE } from '../../support/keys.ts';

/** The test Засади with the 4.17 and 5.1–5.2 grounds of the Lubny example. */
export function testConfig(): ZasadyConfig {
  const lubny = parse(readFileSync('deploy/examples/lubny/zasady.yaml', 'utf8'));
  const c = baseConfig();
  c.notDistributed = lubny.notDistributed;
  c.transferGrounds = lubny.transferGrounds;
  return c;
}

process.env.ASDS_LOG ??= 'silent';

let sealCache: { signer: Signer; trust: CourtSealAnchor } | undefined;
/** One court CA + seal per test process (RSA key generation is the slow part). */
export function testSeal(): { signer: Signer; trust: CourtSealAnchor } {
  if (!sealCache) {
    const dir = join(tempDir('asds-seal-'), 'pki');
    // Issued before the tests' injected clock (2025), so signing times fall inside the seal's validity.
    initCourtCa({ passphrase: TEST_KEY_PASSPHRASE, dir, courtCode: '537', courtName: 'Тестовий суд', now: new Date('2025-01-01T00:00:00Z') });
    sealCache = { signer: createSigner(readSeal(dir, TEST_KEY_PASSPHRASE)), trust: loadCourtSealAnchor(dir)! };
  }
  return sealCache;
}

/** Kyiv 09:00 on a date, as epoch ms (summer: UTC+3). */
export function kyiv(date: string, hour = 9): number {
  return Date.parse(`${date}T${String(hour).padStart(2, '0')}:00:00+03:00`);
}

export interface TestCourt {
  system: ActorSystem;
  dir: string;
  clock: { now: number };
  ask<R = any>(command: unknown, author?: string): Promise<R>;
}

export function startCourt(opts: { dir?: string; now?: number; config?: ZasadyConfig; randomBytes?: (n: number) => Uint8Array } = {}): TestCourt {
  const dir = opts.dir ?? tempDir();
  const clock = { now: opts.now ?? kyiv('2025-06-10') };
  const behavior = distributionBehavior({ zasady: [opts.config ?? testConfig()], calendar: martialCalendar, signer: testSeal().signer });
  const system = new ActorSystem({
    node: 'court-537',
    journal: join(dir, 'journal.sqlite'),
    clock: () => clock.now,
    reminderTickMs: 3_600_000, // tests fire reminders explicitly
    ...(opts.randomBytes ? { randomBytes: opts.randomBytes } : {}),
  })
    .register(behavior)
    .start();
  return {
    system,
    dir,
    clock,
    ask: (command, author = 'registrar1') => system.ref('distribution', '537').ask(command, { meta: { author } }),
  };
}

export const civil = (caseId: string, extra: Record<string, unknown> = {}) => ({ caseId, category: 'civil-claim', exclusions: [], ...extra });
