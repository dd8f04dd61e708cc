/**
 * The workload report read from the per-case state (migration 005,
 * `workload_cases`) equals the report computed from the facts alone
 * (WORKLOAD_FACTS_SQL, the definition): on a duplicate-heavy, reassignment-
 * heavy random dataset inserted out of order, for periods that cut through
 * cases' histories (cases with facts on both sides of `to`), per court and
 * for all courts; and after the migration backfills facts stored before it.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openEngine, type AnalyticsEngine } from '../../analytics/engine.ts';
import { loadMigrations, migrate } from '../../analytics/migrate.ts';
import { workloadReport, WORKLOAD_FACTS_SQL, WORKLOAD_SETTLED_SQL, WORKLOAD_SQL, type WorkloadQuery } from '../../analytics/workload.ts';
import type { FactRow } from '../../actors/central/ingest/facts.ts';
import { ChdbEngine } from '../../analytics/chdb.ts';
import { cleanup, tempDir } from '../support/servers.ts';

const test = suite('workload report from per-case state');

/** Deterministic PRNG (mulberry32): the dataset is the same on every run. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const day = (n: number) => new Date(Date.UTC(2025, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * Facts of `cases` cases over three courts: each case assigned (presiding with
 * members, or a composition-only 'none'), often reassigned later (a repeated
 * distribution: the latest presiding by seq wins), sometimes decided (some
 * twice: the first decision counts), dates spread over a year and not always
 * in seq order.
 */
function dataset(cases: number, seed: number): FactRow[] {
  const r = rng(seed);
  const pick = <T,>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  const out: FactRow[] = [];
  const seqs = new Map<string, number>();
  const next = (court: string) => {
    const s = (seqs.get(court) ?? 0) + 1;
    seqs.set(court, s);
    return s;
  };
  for (let k = 0; k < cases; k++) {
    const court = pick(['101', '102', '103']);
    const case_id = `${k}/25`;
    const category = pick(['civil', 'criminal', 'admin', 'family']);
    let d = Math.floor(r() * 300);
    const assign = () => {
      const seq = next(court);
      const role = r() < 0.2 ? ('none' as const) : ('presiding' as const);
      out.push({ court, seq, n: 0, fact: 'assigned', case_id, judge: pick(['j1', 'j2', 'j3', 'j4', 'j5']), role, category, weight: pick([1, 1.5, 2]), day: day(d) });
      if (role === 'presiding' && r() < 0.4) out.push({ court, seq, n: 1, fact: 'assigned', case_id, judge: pick(['j6', 'j7']), role: 'member', category, weight: 0.5, day: day(d) });
    };
    if (r() < 0.1) {
      // a member-only assignment (no presiding fact): never pending or decided anywhere
      out.push({ court, seq: next(court), n: 0, fact: 'assigned', case_id, judge: 'j6', role: 'member', category, weight: 0.5, day: day(d) });
    } else assign();
    while (r() < 0.35) {
      d += Math.floor(r() * 40);
      assign();
    }
    for (let i = 0; i < 2 && r() < 0.45; i++) {
      // a decision dated up to 10 days before its commit's neighbours: day order ≠ seq order
      const dd = Math.max(0, d + Math.floor(r() * 60) - 10);
      out.push({ court, seq: next(court), n: 0, fact: 'decided', case_id, judge: '', role: 'none', category: '', weight: 0, day: day(dd) });
    }
  }
  return out;
}

/** Insert in shuffled batches, every third fact again in a later batch (redelivery), so duplicates sit in other parts. */
async function insertMessy(engine: AnalyticsEngine, facts: FactRow[], seed: number): Promise<void> {
  const r = rng(seed);
  const rows = facts.map((f) => ({ f, k: r() }));
  rows.sort((a, b) => a.k - b.k);
  const shuffled = rows.map((x) => x.f);
  const dups = shuffled.filter((_, i) => i % 3 === 0);
  const all = [...shuffled, ...dups.reverse()];
  for (let i = 0; i < all.length; i += 700) await engine.insert('workload_facts', all.slice(i, i + 700) as unknown as Array<Record<string, unknown>>);
}

const QUERIES: WorkloadQuery[] = [
  { from: '2025-01-01', to: '2025-12-31' },
  { from: '2025-01-01', to: '2026-12-31' },
  { from: '2025-03-01', to: '2025-03-31' },
  { from: '2025-02-10', to: '2025-06-15' },
  { from: '2025-06-01', to: '2025-09-30', court: '102' },
  { from: '2024-01-01', to: '2024-12-31' },
  { from: '2025-05-05', to: '2025-05-05', court: '101' },
];

async function assertSameReports(engine: AnalyticsEngine): Promise<number> {
  let rows = 0;
  for (const q of QUERIES) {
    const reference = await workloadReport(engine, q, WORKLOAD_FACTS_SQL);
    assert.equal(await workloadReport(engine, q, WORKLOAD_SQL), reference, `report ${JSON.stringify(q)}`);
    // as run: the settled query first, the full one when some case straddles `to`
    const fast = await workloadReport(engine, q);
    assert.equal(fast, reference, `report as run ${JSON.stringify(q)}`);
    rows += fast.length;
  }
  return rows;
}

test('equals the facts-only report on duplicated, reassigned, out-of-order facts, for periods cutting through cases', async () => {
  const engine = await openEngine({ dataDir: join(tempDir('asds-wcases-'), 'analytics') });
  try {
    const facts = dataset(3000, 7);
    await insertMessy(engine, facts, 11);
    const [{ n }] = await engine.query<{ n: string }>(
      `SELECT count() AS n FROM workload_cases FINAL WHERE first_day <= toDate('2025-06-15') AND last_day > toDate('2025-06-15')`,
    );
    assert.ok(Number(n) > 50, `cases with facts on both sides of a 'to' exist (${n})`);
    const rows = await assertSameReports(engine);
    // the settled query answers alone exactly when no case straddles `to`: after all data it does, mid-year it must not
    const straddling = async (q: WorkloadQuery) =>
      (await engine.query<{ straddling: string }>(WORKLOAD_SETTLED_SQL, { from: q.from, to: q.to, court: '' })).reduce((n, r) => n + Number(r.straddling), 0);
    assert.is(await straddling({ from: '2025-01-01', to: '2026-12-31' }), 0);
    assert.ok((await straddling({ from: '2025-02-10', to: '2025-06-15' })) > 50);
    const settledOnly = (await engine.query<Record<string, unknown>>(WORKLOAD_SETTLED_SQL, { from: '2025-01-01', to: '2026-12-31', court: '' })).map(({ straddling: _, ...r }) => r);
    const full = await engine.query<Record<string, unknown>>(WORKLOAD_SQL, { from: '2025-01-01', to: '2026-12-31', court: '' });
    assert.equal(settledOnly, full);
    assert.ok(rows > 100, `the reports are not empty (${rows} rows)`);
    // the period before any fact: nothing at all
    assert.equal(await workloadReport(engine, { from: '2024-01-01', to: '2024-12-31' }), []);
    // after background merges collapse the states, the answers do not move
    await engine.exec('OPTIMIZE TABLE workload_cases FINAL');
    await assertSameReports(engine);
  } finally {
    await engine.close();
  }
});

test('migration 005 backfills the per-case state from facts stored before it', async () => {
  const dir = tempDir('asds-wcases-mig-');
  const early = join(dir, 'migrations-1-4') + '/';
  mkdirSync(early);
  const src = fileURLToPath(new URL('../../analytics/migrations/', import.meta.url));
  for (const f of readdirSync(src)) if (/^00[1-4]-/.test(f)) copyFileSync(src + f, early + f);
  const data = join(dir, 'analytics');
  const old = ChdbEngine.open(data);
  try {
    assert.equal(await migrate(old, early), [1, 2, 3, 4]);
    await insertMessy(old, dataset(800, 3), 5);
  } finally {
    await old.close();
  }
  const engine = await openEngine({ dataDir: data });
  try {
    const [{ v }] = await engine.query<{ v: number }>('SELECT max(version) AS v FROM schema_migrations');
    // every later migration applied too, 005 among them
    assert.is(Number(v), loadMigrations().at(-1)!.version);
    assert.ok((await assertSameReports(engine)) > 50);
  } finally {
    await engine.close();
  }
});

test.after(async () => {
  await cleanup();
});

test.run();
