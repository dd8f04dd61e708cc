/**
 * Consolidation court → region → nation (Засади 16.1.5) from the centre's
 * cards with the same form: a region is the cell-wise sum of its courts, the
 * nation of its regions plus the courts in none; every build stored once per
 * (form, period, scope). Deadlines and the overdue list (16.1.6) from the
 * configuration.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { openEngine, type AnalyticsEngine } from '../../analytics/engine.ts';
import { evaluateFormSql, insertCards } from '../../analytics/stats-sql/index.ts';
import { parseStatsConfig, StatsConfigInvalid } from '../../actors/central/stats/config.ts';
import { consolidateNation, savedReports } from '../../actors/central/stats/consolidate.ts';
import { deadlineOf, overdueReports, overdueTextUk } from '../../actors/central/stats/overdue.ts';
import { saveSubmission } from '../../actors/central/stats/store.ts';
import type { StatReportV1, StatSubmissionV1 } from '../../contracts/stats/index.ts';
import { cleanup, tempDir } from '../support/servers.ts';
import { TEST_FORM, randomCards } from './stats-support.ts';

const test = suite('stats: consolidation and deadlines at the centre');
let engine: AnalyticsEngine;
const period = { kind: 'quarter' as const, from: '2026-01-01', to: '2026-03-31' };
const config = parseStatsConfig(`
schema: asds.stats-centre/v1
deadlines: { courtToRegion: { daysAfterPeriod: 15 }, regionToNation: { daysAfterPeriod: 20 } }
regions:
  - id: poltava
    name: Полтавська область
    courts: [{ code: "537", name: Лубенський міськрайонний суд Полтавської області }, { code: "538", name: Миргородський районний суд Полтавської області }]
  - id: kyiv
    name: місто Київ
    courts: [{ code: "2601", name: Печерський районний суд міста Києва }]
`);

test.before(async () => {
  engine = await openEngine({ dataDir: join(tempDir('asds-stats-cons-'), 'analytics') });
  await insertCards(engine, randomCards(7, ['537', '538', '2601', '999'], 2000).map((c, i) => ({ card: c, caseKey: c.proceedingNumber, version: i + 1 })));
});
test.after(async () => {
  await engine.close();
  await cleanup();
});

function sum(reports: StatReportV1[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of reports)
    for (const [s, rows] of Object.entries(r.cells)) for (const [row, cols] of Object.entries(rows)) for (const [c, v] of Object.entries(cols)) out[`${s}.${row}.${c}`] = (out[`${s}.${row}.${c}`] ?? 0) + v;
  return out;
}
const flat = (r: StatReportV1) => sum([r]);

test('region = Σ its courts; nation = Σ regions + the court in no region; stored once per scope however often built', async () => {
  const steps: Array<[number, number]> = [];
  const { regions, nation } = await consolidateNation(engine, config, TEST_FORM, period, 'central-1', (d, t) => void steps.push([d, t]));
  assert.equal(steps, [[1, 4], [2, 4], [3, 4], [4, 4]]);
  const court = (c: string) => evaluateFormSql(engine, TEST_FORM, period, { kind: 'court', court: c });
  const poltava = regions.find((r) => r.scope.kind === 'region' && r.scope.region === 'poltava')!;
  assert.equal(flat(poltava), sum([await court('537'), await court('538')]));
  assert.ok(flat(poltava)['s1.all.recv']! > 0, 'the data is not empty');
  // the per-court pass summed = the form over the region's courts in one query
  assert.equal(flat(poltava), flat(await evaluateFormSql(engine, TEST_FORM, period, { kind: 'region', region: 'poltava', courts: ['537', '538'] })));
  assert.is(poltava.cards, (await evaluateFormSql(engine, TEST_FORM, period, { kind: 'region', region: 'poltava', courts: ['537', '538'] })).cards);
  assert.equal(flat(nation), sum([...regions, await court('999')]));
  assert.equal(nation.scope, { kind: 'nation', courts: ['2601', '537', '538', '999'] });
  await consolidateNation(engine, config, TEST_FORM, period, 'central-2');
  const saved = await savedReports(engine, TEST_FORM.id, period);
  assert.equal(saved.map((r) => r.scope.kind + ':' + (r.scope.kind === 'region' ? r.scope.region : '')).sort(), ['nation:', 'region:kyiv', 'region:poltava']);
});

test('a configuration with a court in two regions is refused with every error listed', () => {
  try {
    parseStatsConfig(`
schema: asds.stats-centre/v1
deadlines: { courtToRegion: { daysAfterPeriod: 15 }, regionToNation: { daysAfterPeriod: -1 } }
regions:
  - { id: a, name: A, courts: [{ code: "1", name: X }] }
  - { id: b, name: B, courts: [{ code: "1", name: X }] }
`);
    assert.unreachable('accepted');
  } catch (e) {
    assert.instance(e, StatsConfigInvalid);
    assert.match((e as Error).message, /daysAfterPeriod/);
  }
  try {
    parseStatsConfig(`
schema: asds.stats-centre/v1
deadlines: { courtToRegion: { daysAfterPeriod: 15 }, regionToNation: { daysAfterPeriod: 20 } }
regions:
  - { id: a, name: A, courts: [{ code: "1", name: X }] }
  - { id: b, name: B, courts: [{ code: "1", name: X }] }
`);
    assert.unreachable('accepted');
  } catch (e) {
    assert.equal((e as StatsConfigInvalid).errors, ['config: court 1 is in regions a and b']);
  }
});

function submission(court: string, documentId: string): StatSubmissionV1 {
  const report: StatReportV1 = { schema: 'asds.stats-report/v1', form: { id: TEST_FORM.id, version: 1 }, scope: { kind: 'court', court }, period, cells: {}, failures: [], cards: 0 };
  return { v: 1, documentId, report, reportSha256: 'a'.repeat(64), cms: 'MIIBxxxxxxxx', author: { name: 'Петренко Олена Іванівна', position: 'статистик' }, signedAt: 1 };
}

test('deadlines: the 15th and 20th day after the period, end of day Kyiv time; the overdue list by court and region', async () => {
  assert.equal(deadlineOf(period, 15), { dueDate: '2026-04-15', dueAt: Date.parse('2026-04-15T21:00:00Z') });
  const at = { receivedAt: 1, receivedBy: 'central-1' };
  await saveSubmission(engine, submission('537', '537/1'), '537', at, 'accepted');
  await saveSubmission(engine, submission('538', '538/1'), '538', at, 'returned', 'повернуто');
  // before the court deadline nothing is overdue
  assert.equal(await overdueReports(engine, config, TEST_FORM.id, period, Date.parse('2026-04-15T20:59:00Z')), []);
  const afterCourt = await overdueReports(engine, config, TEST_FORM.id, period, Date.parse('2026-04-16T08:00:00Z'));
  assert.equal(afterCourt.map((i) => (i.level === 'court' ? `${i.court}:${i.state}` : i.region)), ['538:returned', '2601:missing']);
  const afterRegion = await overdueReports(engine, config, TEST_FORM.id, period, Date.parse('2026-04-21T08:00:00Z'));
  assert.equal(afterRegion.filter((i) => i.level === 'region').map((i) => i.level === 'region' && `${i.region}:${i.courtsNotAccepted}`), ['poltava:538', 'kyiv:2601']);
  const text = overdueTextUk(afterRegion, TEST_FORM.name, period);
  assert.match(text, /Миргородський районний суд Полтавської області: звіт повернуто і не подано повторно \(строк — до 15\.04\.2026 включно\)/);
  assert.match(text, /Печерський районний суд міста Києва: звіт не надійшов/);
  assert.match(text, /Полтавська область \(зведений звіт регіону\)/);
});

test.run();
