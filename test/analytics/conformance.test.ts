/**
 * Engine conformance: the same suite against every available analytics
 * engine — chdb always; a ClickHouse server when ASDS_CLICKHOUSE_URL is set.
 * Migrations, idempotent storage (duplicates never count), marks over gaps,
 * the workload report, lag, the central-database views.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { openEngine, type AnalyticsEngine } from '../../analytics/engine.ts';
import { migrate, loadMigrations, splitStatements } from '../../analytics/migrate.ts';
import { workloadReport } from '../../analytics/workload.ts';
import { courtLags, laggingCourts } from '../../analytics/lag.ts';
import { parseCourtRegistry } from '../../analytics/court-registry.ts';
import { courtSeqs, documents, caseCard } from '../../analytics/central-db.ts';
import { MarkBook } from '../../actors/central/ingest/marks.ts';
import { cleanup, tempDir } from '../support/servers.ts';

function conformance(name: string, open: () => Promise<AnalyticsEngine>, courtPrefix: string): void {
  const test = suite(`analytics engine conformance: ${name}`);
  let engine: AnalyticsEngine;
  // a server may hold data of earlier runs: every court code of this run is fresh
  const court = (n: number) => String((Number(courtPrefix) + n) % 10_000);

  test.before(async () => {
    engine = await open();
  });
  test.after(async () => {
    await engine.close();
    await cleanup();
  });

  const ev = (c: string, seq: number, extra: Record<string, unknown> = {}) => ({
    court: c, seq, actor: 'case/1/1/25', kind: 'case', aseq: seq, type: 'card-moved', ts: 1000 + seq, author: 'a', hash: 'h', prev_hash: 'p', redacted: [], payload: '{}', ingested_at: 0, ...extra,
  });

  test('migrations are numbered, recorded, and applying them again changes nothing', async () => {
    const ms = loadMigrations();
    assert.equal(ms.map((m) => m.version), ms.map((_, i) => i + 1));
    assert.equal(await migrate(engine), []);
    const rows = await engine.query<{ version: number }>('SELECT DISTINCT version FROM schema_migrations ORDER BY version');
    assert.equal(rows.map((r) => Number(r.version)), ms.map((m) => m.version));
    assert.equal(splitStatements('-- c\nSELECT 1;\nSELECT 2;\n'), ['SELECT 1', 'SELECT 2']);
  });

  test('a duplicated (court, seq) is stored once as far as every query can tell', async () => {
    const c = court(1);
    await engine.insert('events', [ev(c, 1), ev(c, 2), ev(c, 3)]);
    await engine.insert('events', [ev(c, 2), ev(c, 3)]);
    assert.equal(await courtSeqs(engine, c), { count: 3, distinct: 3, min: 1, max: 3 });
  });

  test('marks: contiguous runs advance; a gap holds the mark and is re-requested after the grace; filling it releases', async () => {
    const c = court(2);
    const book = new MarkBook(() => engine, 1000);
    await engine.insert('events', [1, 2, 3, 5, 6].map((s) => ev(c, s)));
    const t0 = 1_000_000;
    const a = await book.advance(c, t0);
    assert.equal([a.mark, a.highest, a.resendFrom], [3, 6, undefined]);
    const b = await book.advance(c, t0 + 1500);
    assert.is(b.resendFrom, 4);
    await engine.insert('events', [ev(c, 4), ev(c, 4)]);
    const d = await book.advance(c, t0 + 2000);
    assert.equal([d.mark, d.previous, d.resendFrom], [6, 3, undefined]);
    // a fresh book (another worker, a restart) starts from the recorded mark
    assert.is(await new MarkBook(() => engine).current(c), 6);
  });

  test('workload report counts distinct cases over FINAL: re-inserted facts do not change it', async () => {
    const c = court(3);
    const f = (seq: number, n: number, fact: string, caseId: string, judge: string, role: string, day: string, weight = 1) => ({
      court: c, seq, n, fact, case_id: caseId, judge, role, category: 'civil', weight, day,
    });
    const facts = [
      f(1, 0, 'assigned', 'a', 'j1', 'presiding', '2025-01-02', 2),
      f(1, 1, 'assigned', 'a', 'j2', 'member', '2025-01-02', 0.5),
      f(2, 0, 'assigned', 'b', 'j1', 'presiding', '2025-01-03'),
      f(3, 0, 'decided', 'a', '', 'none', '2025-01-10', 0),
      f(4, 0, 'assigned', 'c', 'j1', 'presiding', '2025-02-03'),
    ];
    await engine.insert('workload_facts', facts);
    const first = await workloadReport(engine, { from: '2025-01-01', to: '2025-01-31', court: c });
    await engine.insert('workload_facts', facts);
    const again = await workloadReport(engine, { from: '2025-01-01', to: '2025-01-31', court: c });
    assert.equal(again, first);
    assert.equal(first, [
      { court: c, judge: 'j1', judgeName: null, category: 'civil', received: 2, weighted_load: 3, decided: 1, pending: 1 },
      { court: c, judge: 'j2', judgeName: null, category: 'civil', received: 1, weighted_load: 0.5, decided: 0, pending: 0 },
    ]);
    // reassigned in March (Засади: a repeated distribution): from then the case is the new judge's; by `to` in February it is still j1's
    await engine.insert('workload_facts', [f(5, 0, 'assigned', 'b', 'j3', 'presiding', '2025-03-05')]);
    const march = await workloadReport(engine, { from: '2025-03-01', to: '2025-03-31', court: c });
    assert.equal(march.map((r) => [r.judge, r.received, r.pending]), [['j1', 0, 1], ['j3', 1, 1]]);
    // the case received in February is outside January, pending at the end of February
    const feb = await workloadReport(engine, { from: '2025-02-01', to: '2025-02-28', court: c });
    assert.equal(feb, [{ court: c, judge: 'j1', judgeName: null, category: 'civil', received: 1, weighted_load: 1, decided: 0, pending: 2 }]);
  });

  test('lag: a caught-up court lags by its silence, a behind court by its oldest unconfirmed event', async () => {
    const up = court(4);
    const behind = court(5);
    const now = 50_000_000_000;
    await engine.insert('court_status', [
      { court: up, seen_at: now - 60_000, head: 10, mark: 10, pending_since: 0 },
      { court: behind, seen_at: now - 1000, head: 10, mark: 4, pending_since: now - 3 * 3600_000 },
    ]);
    const lags = new Map((await courtLags(engine, now)).map((l) => [l.court, l.lagMs]));
    assert.is(lags.get(up), 60_000);
    assert.is(lags.get(behind), 3 * 3600_000);
    const lagging = (await laggingCourts(engine, { now })).map((l) => l.court);
    assert.ok(lagging.includes(behind) && !lagging.includes(up));
  });

  test('lag with a registry of connected courts (13.3): a court that never reported is listed; a reporting one gets its name', async () => {
    const up = court(7);
    const silent = court(8);
    const fresh = court(9);
    const now = Date.parse('2026-03-10T01:00:00Z');
    await engine.insert('court_status', [{ court: up, seen_at: now - 60_000, head: 3, mark: 3, pending_since: 0 }]);
    const registry = parseCourtRegistry(
      `schema: asds.courts/v1\ncourts:\n  - { code: "${up}", name: Суд А }\n  - { code: "${silent}", name: Суд Б, since: 2026-03-01 }\n  - { code: "${fresh}", name: Суд В, since: 2026-03-10 }\n`,
    );
    const lags = new Map((await courtLags(engine, now, registry)).map((l) => [l.court, l]));
    assert.equal([lags.get(up)?.name, lags.get(up)?.lagMs, lags.get(up)?.neverReported], ['Суд А', 60_000, undefined]);
    assert.equal(lags.get(silent), { court: silent, name: 'Суд Б', lagMs: now - Date.parse('2026-03-01T00:00:00Z'), lastSeen: 0, head: 0, mark: 0, pendingSince: null, neverReported: true });
    const lagging = (await laggingCourts(engine, { now, registry })).map((l) => l.court);
    assert.ok(lagging.includes(silent), 'silent for 9 days: lagging');
    assert.ok(!lagging.includes(fresh), 'connected an hour ago: not yet past two hours');
    assert.ok(!lagging.includes(up), 'caught up a minute ago');
  });

  test('central database: case card by actor id, documents with signature status', async () => {
    const c = court(6);
    await engine.insert('events', [
      ev(c, 1, { actor: 'case/7/1/25', type: 'card-opened', payload: '{"registered":{"ueun":"7/1/25"}}' }),
      ev(c, 2, { actor: 'case/7/1/25', type: 'judge-assigned', payload: '{"judge":"j9","protocol":"P"}' }),
      ev(c, 3, { actor: 'distribution/7', kind: 'distribution', type: 'case-distributed', payload: '{"caseId":"7/1/25","document":{"documentId":"7-1","kind":"distribution","title":"П","signature":{"cms":"X","signer":"s"}}}' }),
    ]);
    const card = await caseCard(engine, c, '7/1/25');
    assert.equal([card?.events, card?.lastType, card?.judge], [2, 'judge-assigned', 'j9']);
    assert.equal(card?.history.map((h) => h.seq), [1, 2]);
    assert.equal((await documents(engine, c, '7/1/25')).map((d) => [d.documentId, d.signatureStatus, d.signer]), [['7-1', 'signed', 's']]);
  });

  test.run();
}

conformance('chdb (embedded)', () => openEngine({ dataDir: join(tempDir('asds-chdb-'), 'analytics') }), '1000');

const url = process.env.ASDS_CLICKHOUSE_URL;
if (url) conformance(`ClickHouse server (${new URL(url).host})`, () => openEngine({ clickhouseUrl: url }), String(2000 + (Date.now() % 7000)));
else process.stdout.write('\n  analytics conformance: ClickHouse server NOT tested — set ASDS_CLICKHOUSE_URL=http://user:pw@host:8123 to run the same suite against it\n');

