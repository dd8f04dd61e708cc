/**
 * The centre's statistical cards from the replicated court events (Засади
 * 16.1.3): folded by the court's own reducer (analytics/stats/derive.ts), so
 * the centre's cards equal the court's fold of the same journal; only the
 * contiguous run of events is folded (an event above a gap waits for it); a
 * redelivered event or a fold repeated after a lost mark changes nothing.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { openEngine, type AnalyticsEngine } from '../../analytics/engine.ts';
import { rowCard } from '../../analytics/stats-sql/index.ts';
import { deriveCard, deriveCards, statCardKey, STAT_CARD_ENTERED, type CardEvent } from '../../analytics/stats/derive.ts';
import { CardFolder, foldCourt, type CardReducer } from '../../actors/central/stats/cards.ts';
import type { StatCardV1 } from '../../contracts/stats/index.ts';
import { cleanup, tempDir } from '../support/servers.ts';

const test = suite('stats: cards folded at the centre from replicated events');
const silent = { debug() {}, info() {}, warn() {}, error() {} };
const reducer: CardReducer = { key: statCardKey, derive: deriveCard };
let engine: AnalyticsEngine;

/** A court journal: three proceedings through registration, distribution, decision and entered facts, plus noise. */
function journal(court: string): Array<CardEvent & { seq: number }> {
  const out: Array<CardEvent & { seq: number }> = [];
  const add = (type: string, data: unknown) => out.push({ seq: out.length + 1, court, actor: `case/${out.length}`, type, data, ts: Date.parse('2026-03-01T09:00:00Z') + out.length * 60_000 });
  const numbers = [`2/${court}/15/26`, `1-кп/${court}/16/26`, `2/${court}/17/26`];
  numbers.forEach((n, i) => add('case-registered', { proceedingNumber: n, registrationDate: `2026-02-0${i + 1}`, registration: { index: n.split('/')[0], arrivalDate: `2026-02-0${i + 1}`, category: 'family' } }));
  add('noise', { anything: true });
  numbers.forEach((n, i) => add('case-distributed', { caseId: n, case: { category: i === 1 ? 'theft' : 'family' }, composition: { presiding: `judge-${i}` } }));
  add('case-decided', { proceedingNumber: numbers[0], date: '2026-03-10', outcome: 'ruling-closing' });
  add(STAT_CARD_ENTERED, { proceedingNumber: numbers[1], fields: { article: '185', detention: true } });
  add('case-decided', { proceedingNumber: numbers[1], date: '2026-04-02', outcome: 'judgment' });
  add(STAT_CARD_ENTERED, { proceedingNumber: numbers[1], fields: { result: 'convicted' } });
  add('legal-force-recorded', { proceedingNumber: numbers[0], item: { kind: 'legal-force', legalForce: { date: '2026-04-10' } } });
  return out;
}

function rows(events: Array<CardEvent & { seq: number }>) {
  return events.map((e) => ({ court: e.court, seq: e.seq, actor: e.actor, kind: 'case', aseq: 1, type: e.type, ts: e.ts, author: 'system:test', hash: 'a'.repeat(64), prev_hash: '0'.repeat(64), redacted: [], payload: JSON.stringify(e.data), ingested_at: Date.now() }));
}

async function centreCards(court: string): Promise<Map<string, StatCardV1>> {
  const r = await engine.query<Record<string, unknown>>('SELECT * FROM stat_cards FINAL WHERE court = {court:String} AND removed = 0', { court });
  return new Map(r.map((x) => [String(x.proceeding_number), rowCard(x)]));
}

test.before(async () => {
  engine = await openEngine({ dataDir: join(tempDir('asds-stats-cards-'), 'analytics') });
});
test.after(async () => {
  await engine.close();
  await cleanup();
});

test('a gap stops the fold below it; once filled, the centre cards equal the court fold of the whole journal', async () => {
  const events = journal('537');
  const gap = 9;
  await engine.insert('events', rows(events.filter((e) => e.seq !== gap)));
  const first = await foldCourt(engine, reducer, '537');
  assert.is(first.mark, gap - 1, 'folded up to the gap');
  assert.equal(await centreCards('537'), deriveCards(events.filter((e) => e.seq < gap)));
  await engine.insert('events', rows(events.filter((e) => e.seq === gap)));
  const folder = new CardFolder({ engine: () => engine, reducer, log: silent });
  folder.poke(['537']);
  await folder.idle();
  const want = deriveCards(events);
  assert.equal(await centreCards('537'), want);
  assert.equal(want.get('1-кп/537/16/26')!.result, 'convicted');
  assert.is(want.get('1-кп/537/16/26')!.judge, 'judge-1');
  assert.is((await centreCards('537')).get('2/537/15/26')!.legalForceOn, '2026-04-10', 'the legal-force date reaches the centre card');
});

test('a redelivered event and a fold repeated from a lost mark change no card', async () => {
  const events = journal('537');
  const before = await centreCards('537');
  await engine.insert('events', rows(events.slice(0, 4)));
  await engine.exec('TRUNCATE TABLE stat_card_marks');
  const again = await foldCourt(engine, reducer, '537');
  assert.is(again.events, events.length, 'every event read again');
  assert.equal(await centreCards('537'), before);
  const versions = await engine.query<{ n: string }>("SELECT count() AS n FROM stat_cards FINAL WHERE court = '537'");
  assert.is(Number(versions[0]!.n), 3);
});

test.run();
