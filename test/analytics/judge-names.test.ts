/**
 * Judges' names at the centre (analytics/judge-names.ts): the workload report
 * and the CEPEJ rows per judge name people from the court's replicated
 * Засади (deploy/examples/lubny/zasady.yaml through the simulator's court
 * journal, redacted by the real policy), never by the id alone: a later
 * version's name wins (by effective date, not load order), a judge appointed by
 * order is named, ids match case-insensitively (a login), another court's
 * roster does not leak in, and a judge the Засади do not name gets null.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { openEngine, type AnalyticsEngine } from '../../analytics/engine.ts';
import { judgeNameOf, judgeNames } from '../../analytics/judge-names.ts';
import { workloadCsv, workloadReport } from '../../analytics/workload.ts';
import { cepejSql, withJudgeLoad } from '../../analytics/stats-sql/index.ts';
import { factsOf, type FactRow } from '../../actors/central/ingest/facts.ts';
import { courtWorkload } from '../../actors/court/simulator/workload.ts';
import type { EventRow } from '../../actors/court/simulator/journal.ts';
import type { ZasadyConfig } from '../../contracts/distribution/zasady.ts';
import { cleanup, tempDir } from '../support/servers.ts';

const test = suite('judges named from the court’s Засади at the centre');

const LUBNY = parse(readFileSync('deploy/examples/lubny/zasady.yaml', 'utf8')) as ZasadyConfig;
const named = (id: string) => LUBNY.judges.find((j) => j.id === id)!.name;
const RENAMED = 'Коваленко-Шевчук Олена Петрівна';
const APPOINTED = 'Гончаренко Андрій Сергійович';

let engine: AnalyticsEngine;

/** A distribution event of court `court` as the centre stores it, next to the simulator's rows. */
function row(court: string, seq: number, type: string, data: Record<string, unknown>): EventRow {
  const ts = Date.parse('2025-06-01T07:00:00Z') + seq;
  return { court, seq, actor: `distribution/${court}`, kind: 'distribution', aseq: seq, type, ts, author: 'head', hash: `h${seq}`, prev_hash: '', redacted: [], payload: JSON.stringify({ type, ...data }), ingested_at: ts };
}

const fact = (court: string, seq: number, judge: string): FactRow => ({ court, seq, n: 0, fact: 'assigned', case_id: `x-${seq}`, judge, role: 'presiding', category: 'civil-claim', weight: 1, day: '2025-06-10' });

test.before(async () => {
  engine = await openEngine({ dataDir: join(tempDir('asds-judge-names-'), 'analytics') });
  // court 537: the Lubny Засади loaded and two weeks of draws, as the court replicates them
  const { journal } = courtWorkload({ court: '537', seed: 3, from: '2025-06-02', days: 14, casesPerDay: 6 });
  const rows = journal.rows;
  let seq = rows.at(-1)!.seq;
  const v1 = journal.baseZasady;
  const version = (id: string, effectiveFrom: string) => ({ ...v1.version, id, effectiveFrom });
  // a later version renames judge 02 (the assembly's decision of 2025-09) and drops judge 08 (powers ended)
  const v2: ZasadyConfig = { ...v1, version: version('lubny-2025-09-01', '2025-09-01'), judges: v1.judges.filter((j) => j.id !== 'LUB-08').map((j) => (j.id === 'LUB-02' ? { ...j, name: RENAMED } : j)) };
  // an older version imported after both: it must not win over them
  const v0: ZasadyConfig = { ...v1, version: version('lubny-2024-01-01', '2024-01-01'), judges: v1.judges.map((j) => ({ ...j, name: `Колишнє ім’я ${j.id}` })) };
  const appoint = { kind: 'appoint', effectiveFrom: '2025-07-01', judge: { id: 'LUB-09', name: APPOINTED, displayOrder: 9, specialisations: ['civil'], reductions: [] } };
  const later = [
    row('537', ++seq, 'zasady-loaded', { config: v2 }),
    row('537', ++seq, 'roster-changed', { change: appoint, order: { number: '12-к', date: '2025-06-30' }, by: { author: 'head', role: 'chief_judge' }, seq }),
    row('537', ++seq, 'zasady-loaded', { config: v0 }),
    // court 538 has its own judges under the same ids
    row('538', 1, 'zasady-loaded', { config: { ...v1, court: { ...v1.court, code: '538' }, judges: v1.judges.map((j) => ({ ...j, name: `Суддя Хорольського суду ${j.id}` })) } }),
  ];
  const all = [...rows, ...later];
  await engine.insert('events', all);
  await engine.insert('events', later); // redelivered: FINAL keeps one of each
  const facts = rows.flatMap((r) => factsOf({ court: r.court, seq: r.seq, type: r.type, ts: r.ts, data: JSON.parse(r.payload) }));
  assert.ok(facts.some((f) => f.judge === 'LUB-02'), 'the draws gave judge 02 cases');
  // a fact naming the judge by login (lower case) and one naming a judge no Засади know
  facts.push(fact('537', 90_001, 'lub-09'), fact('537', 90_002, 'LUB-77'), fact('538', 90_003, 'LUB-01'));
  await engine.insert('workload_facts', facts as unknown as Array<Record<string, unknown>>);
});

test.after(async () => {
  await engine?.close();
  await cleanup();
});

test('judgeNames: every court’s judges from its Засади, the later version’s name, appointments by order', async () => {
  const names = await judgeNames(engine);
  assert.equal([...names.keys()].sort(), ['537', '538']);
  const lubny = names.get('537')!;
  assert.is(lubny.get('lub-01'), named('LUB-01'));
  assert.is(lubny.get('lub-02'), RENAMED, 'the 2025-09-01 version wins over 2025-04-01 and the 2024 one loaded after it');
  assert.is(lubny.get('lub-08'), named('LUB-08'), 'a judge dropped by a later version keeps the name of the version they sat under');
  assert.is(lubny.get('lub-09'), APPOINTED);
  assert.is(lubny.size, 9);
  assert.is(judgeNameOf(names, '537', 'LUB-05'), named('LUB-05'));
  assert.is(judgeNameOf(names, '538', 'lub-05'), 'Суддя Хорольського суду LUB-05');
  assert.is(judgeNameOf(names, '537', 'LUB-77'), null);
  assert.is(judgeNameOf(names, '999', 'LUB-01'), null);
  // only the courts asked for
  assert.equal([...(await judgeNames(engine, ['538'])).keys()], ['538']);
  assert.is((await judgeNames(engine, [])).size, 0);
});

test('the workload report names each judge (id kept), null for a judge the Засади do not name; CSV «ПІБ судді»', async () => {
  const rows = await workloadReport(engine, { from: '2025-06-01', to: '2025-06-30', court: '537' });
  assert.ok(rows.length > 5);
  const judges = new Set(rows.map((r) => r.judge));
  assert.ok(judges.has('LUB-02') && judges.has('lub-09') && judges.has('LUB-77'));
  for (const r of rows) {
    const want = r.judge === 'LUB-77' ? null : r.judge === 'lub-09' ? APPOINTED : r.judge === 'LUB-02' ? RENAMED : named(r.judge);
    assert.is(r.judgeName, want, r.judge);
  }
  // all courts: court 538's LUB-01 is that court's judge
  const both = await workloadReport(engine, { from: '2025-06-01', to: '2025-06-30' });
  assert.is(both.find((r) => r.court === '538')!.judgeName, 'Суддя Хорольського суду LUB-01');
  assert.is(both.find((r) => r.court === '537' && r.judge === 'LUB-01')!.judgeName, named('LUB-01'));
  const csv = workloadCsv(rows).trim().split('\n');
  assert.is(csv[0], 'court,judge,ПІБ судді,category,received,weighted_load,decided,pending');
  assert.ok(csv.some((l) => l.startsWith(`537,LUB-01,${named('LUB-01')},`)), 'the name in its column');
  assert.ok(csv.some((l) => l.startsWith('537,LUB-77,,civil-claim,')), 'an unknown name is an empty cell');
});

test('CEPEJ per judge names the judge beside the load; a judge without a name in the Засади gets null', async () => {
  const period = { kind: 'any' as const, from: '2025-06-01', to: '2025-06-30' };
  const load = await workloadReport(engine, { from: period.from, to: period.to, court: '537' });
  const rows = withJudgeLoad(await cepejSql(engine, period, ['537'], 'judge'), load, await judgeNames(engine, ['537']));
  const of = (key: string) => rows.find((r) => r.key === key && r.court === '537')!;
  assert.is(of('LUB-03').judgeName, named('LUB-03'));
  assert.is(of('lub-09').judgeName, APPOINTED);
  assert.is(of('LUB-77').judgeName, null);
  assert.is(of('LUB-77').assigned, 1);
});

test.run();
