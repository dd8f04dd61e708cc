/**
 * Database pull benchmarks (issue 11 item 7), beside the ceiling measured in the same run:
 * - pull.verify_1m_s: a pulled copy of a court journal with 1,000,000 events verified at the centre
 *   (actors/central/pulls/compare.ts: the journal's own chain verification and table checks, then every
 *   (seq, hash) against the witnessed events read from chdb with FINAL); target ≤ 60 s;
 *   ceiling `raw_sha256_s`: one SHA-256 per row over the same rows read from the same file, nothing else.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Journal } from '../runtime/index.ts';
import { chainHash, GENESIS_HASH } from '../runtime/journal/hash.ts';
import { openEngine } from '../analytics/engine.ts';
import { compareCopy } from '../actors/central/pulls/compare.ts';
import { cleanup, tempDir } from '../test/support/servers.ts';
import type { Figure } from './index.ts';
import { round } from './stats.ts';

const EVENTS = Number(process.env.ASDS_BENCH_PULL_EVENTS ?? 1_000_000);
const COURT = '537';

/** A court journal of `n` events written straight into SQLite (the chain computed by the journal's own hash). */
export function buildJournal(file: string, n: number): void {
  new Journal(file).close();
  const db = new Database(file);
  db.pragma('journal_mode = DELETE');
  db.pragma('synchronous = OFF');
  const ins = db.prepare('INSERT INTO events (gseq, actor, aseq, type, ts, meta, data, command_id, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)');
  const aseq = new Map<string, number>();
  let prev = GENESIS_HASH;
  const t0 = Date.parse('2026-01-01T08:00:00Z');
  db.transaction(() => {
    for (let g = 1; g <= n; g++) {
      const actor = `case/527-${g % 5000}-26`;
      const a = (aseq.get(actor) ?? 0) + 1;
      aseq.set(actor, a);
      const row = { gseq: g, actor, aseq: a, type: 'document-registered', ts: t0 + g * 1000, meta: '{"author":"user:clerk-1"}', data: JSON.stringify({ docId: `d-${g}`, kind: 'claim', pages: g % 40, note: 'x'.repeat(60) }) };
      const hash = chainHash(prev, row);
      ins.run(g, actor, a, row.type, row.ts, row.meta, row.data, prev, hash);
      prev = hash;
    }
  })();
  db.close();
}

export async function run(): Promise<Figure[]> {
  const dir = tempDir('asds-bench-pulls-');
  const copy = join(dir, 'copy.sqlite');
  try {
    process.stderr.write(`  building a journal of ${EVENTS} events…\n`);
    buildJournal(copy, EVENTS);
    const engine = await openEngine({ dataDir: join(dir, 'analytics') });
    try {
      process.stderr.write('  loading the witnessed events into chdb…\n');
      await engine.exec(
        `INSERT INTO events (court, seq, actor, kind, aseq, type, ts, author, hash, prev_hash, redacted, payload, ingested_at)
         SELECT '${COURT}', gseq, actor, splitByChar('/', actor)[1], aseq, type, ts, '', hash, prev_hash, [], '{}', 0 FROM sqlite({file:String}, 'events')`,
        { file: copy },
      );
      process.stderr.write('  verifying…\n');
      const t1 = performance.now();
      const c = await compareCopy(copy, engine, COURT);
      const verifyS = (performance.now() - t1) / 1000;
      if (!c.identical || c.witnessed.events !== EVENTS) throw new Error(`bench copy not identical: ${JSON.stringify(c.counts)} ${c.witnessed.events}`);
      const t2 = performance.now();
      const db = new Database(copy, { readonly: true });
      let x = 0;
      for (const r of db.prepare('SELECT * FROM events ORDER BY gseq').raw().iterate() as Iterable<unknown[]>) x ^= createHash('sha256').update(JSON.stringify(r)).digest()[0]!;
      db.close();
      const rawS = (performance.now() - t2) / 1000;
      void x;
      return [{ name: 'pull.verify_1m_s', value: round(verifyS, 1), unit: 's', events: EVENTS, target: 60, met: verifyS <= 60, ceiling_raw_sha256_s: round(rawS, 1), ratio_to_raw: round(verifyS / rawS, 2) }];
    } finally {
      await engine.close();
    }
  } finally {
    await cleanup();
  }
}
