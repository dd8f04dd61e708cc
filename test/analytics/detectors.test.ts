/**
 * Manipulation detectors (issue 11 item 4) on real chdb: each fires on its
 * planted pattern with the evidence that names it, and all stay silent on a
 * clean workload; the exact test's p-values against hand-computed vectors.
 * The workload is the court's replicated journal made by the court's own
 * distribution code (actors/court/simulator/journal.ts) and redacted by the
 * real policy; its events are checked against the court contracts first.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { openEngine, type AnalyticsEngine } from '../../analytics/engine.ts';
import { listAlarms, type NewAlarm } from '../../analytics/alarms.ts';
import { benjaminiHochberg, DEFAULT_CONFIG, DETECTORS, FactsCache, poissonBinomialPmf, runDetectors, twoSidedPValue } from '../../analytics/detectors/index.ts';
import { ProtocolDocumentSchema } from '../../contracts/court/distribution.ts';
import { CaseRegisteredV1 } from '../../contracts/court/registration.ts';
import { verifyProtocol } from '../../actors/distribution/verify.ts';
import { detectedBy, plantedCourts, SCENARIOS, type Planted, type Scenario } from '../../actors/court/simulator/manipulate.ts';
import { zasadyConfigFor, type EventRow } from '../../actors/court/simulator/journal.ts';
import { groundOf } from '../../analytics/detectors/non-random-rate.ts';
import { favouredBy } from '../../analytics/detectors/zasady-concentration.ts';
import { cleanup, tempDir } from '../support/servers.ts';

const test = suite('manipulation detectors: planted patterns found with their evidence, clean courts silent');
const SCOPE = { from: '2025-06-01', to: '2025-08-31' };
const BASE = { from: '2025-05-01', days: 123, warmUpDays: 31, casesPerDay: 8 };
let engine: AnalyticsEngine;
const clean: string[] = [];
const planted = new Map<Scenario, Planted>();
const sample: EventRow[] = [];

test.before(async () => {
  engine = await openEngine({ dataDir: join(tempDir('asds-detectors-'), 'analytics') });
  const sink = async (rows: EventRow[]) => {
    if (sample.length === 0) sample.push(...rows);
    await engine.insert('events', rows);
  };
  clean.push(...(await plantedCourts({ ...BASE, seed: 3, first: 601, courts: 3 }, sink)).courts);
  for (const [k, scenario] of SCENARIOS.entries()) {
    const run = await plantedCourts({ ...BASE, seed: 40 + k, first: 701 + k, courts: 1, scenario }, sink);
    assert.is(run.truth.length, 1, `${scenario} planted`);
    planted.set(scenario, run.truth[0]!);
  }
});
test.after(async () => {
  await engine.close();
  await cleanup();
});

async function found(name: string, court: string): Promise<NewAlarm[]> {
  return DETECTORS[name]!(engine, { ...SCOPE, court, cache: new FactsCache(), config: DEFAULT_CONFIG });
}

test('the simulated journal holds what the court writes: contracts, valid protocols, redaction applied', () => {
  const registered = TypeCompiler.Compile(CaseRegisteredV1);
  const document = TypeCompiler.Compile(ProtocolDocumentSchema);
  const regs = sample.filter((r) => r.type === 'case-registered');
  const draws = sample.filter((r) => r.type === 'case-distributed');
  assert.ok(regs.length > 500 && draws.length > 500, `${regs.length} registrations, ${draws.length} draws`);
  for (const r of regs) assert.ok(registered.Check({ type: 'case-registered', ...JSON.parse(r.payload) }), `registration ${r.seq}`);
  for (const r of draws) {
    const d = JSON.parse(r.payload);
    assert.ok(document.Check(d.document), `protocol document at ${r.seq}`);
    if (d.document.kind !== 'transfer') assert.ok(verifyProtocol(d.document.protocol).ok, `protocol ${d.document.documentId} verifies`);
  }
  assert.ok(sample.every((r, i) => i === 0 || (r.seq === sample[i - 1]!.seq + 1 && r.ts >= sample[i - 1]!.ts && r.prev_hash === sample[i - 1]!.hash)), 'contiguous chain, time only grows');
});

test('clean courts: no detector raises anything over three months', async () => {
  for (const court of clean) {
    for (const name of Object.keys(DETECTORS)) {
      const a = await found(name, court);
      assert.equal(a.map((x) => x.summary), [], `${name} on clean court ${court}`);
    }
  }
});

test('(a) absences recorded minutes before a draw that left one judge: the protocol, the absences and their cancellation', async () => {
  const t = planted.get('absence-before-draw')!;
  const a = await found('absence-before-draw', t.court);
  assert.ok(detectedBy(t, a), JSON.stringify(a.map((x) => x.evidence.documentId)));
  const hit = a.find((x) => x.evidence.documentId === t.documentIds![0])!;
  const ev = hit.evidence as { chosen: { presiding: string }; eligible: string[]; absences: Array<{ judgeId: string; seq: number; undone: unknown }>; seq: number };
  assert.is(ev.chosen.presiding, t.judge);
  assert.equal(ev.eligible, [t.judge]);
  assert.ok(ev.absences.length >= 2 && ev.absences.every((x) => x.seq < ev.seq && x.judgeId !== t.judge));
  assert.ok(ev.absences.some((x) => x.undone !== null), 'a cancellation after the draw is quoted');
  assert.match(hit.summary, /пул звузився до 1/);
});

test('(b) a month of transfers to one judge on one ground: judge, ground and every protocol', async () => {
  const t = planted.get('non-random-rate')!;
  const a = await found('non-random-rate', t.court);
  const hit = a.find((x) => x.evidence.judge === t.judge && x.evidence.ground === t.ground);
  assert.ok(hit, JSON.stringify(a.map((x) => x.summary)));
  const ids = (hit!.evidence.protocols as Array<{ documentId: string }>).map((p) => p.documentId);
  assert.ok(ids.length >= DEFAULT_CONFIG.nonRandomRate.minCount && ids.every((id) => t.documentIds!.includes(id)), JSON.stringify(ids));
});

test('(c) a Засади version that takes a specialisation away: the version, its change and the judge who got the category', async () => {
  const t = planted.get('zasady-concentration')!;
  const a = await found('zasady-concentration', t.court);
  assert.ok(detectedBy(t, a), JSON.stringify(a.map((x) => x.summary)));
  const hit = a.find((x) => x.evidence.judge === t.judge && x.evidence.version === t.version)!;
  const ev = hit.evidence as { changes: string[]; after: { share: number }; before: { share: number }; effectiveFrom: string; loadedSeq: number };
  assert.is(ev.effectiveFrom, t.from);
  assert.ok(ev.changes.some((c) => c.startsWith('спеціалізацію втратили')), JSON.stringify(ev.changes));
  assert.ok(ev.after.share >= 0.5 && ev.after.share - ev.before.share >= 0.25);
  assert.ok(ev.loadedSeq > 0);
});

test('(d) the same claim withdrawn and filed again until another judge: every filing with its judge and outcome', async () => {
  const t = planted.get('refiling')!;
  const a = await found('refiling', t.court);
  assert.is(a.length, 1, JSON.stringify(a.map((x) => x.summary)));
  const filings = a[0]!.evidence.filings as Array<{ ueun: string; judge: string; outcome: { outcome: string } | null }>;
  assert.equal(filings.map((f) => f.ueun), t.ueuns);
  assert.is(filings[filings.length - 1]!.judge === t.judge || filings.length === 6, true);
  assert.ok(filings.slice(0, -1).every((f) => f.outcome?.outcome === 'left-without-consideration'), 'each earlier filing withdrawn');
});

test('(e) exact Poisson-binomial test: hand-computed vectors', () => {
  const pmf = poissonBinomialPmf([0.5, 0.2, 0.1]);
  // P(0) = .5·.8·.9; P(1) = .5·.8·.9 + .5·.2·.9 + .5·.8·.1; P(2) = .5·.2·.9 + .5·.8·.1 + .5·.2·.1; P(3) = .5·.2·.1
  [0.36, 0.49, 0.14, 0.01].forEach((p, k) => assert.ok(Math.abs(pmf[k]! - p) < 1e-12, `P(${k}) = ${pmf[k]}`));
  assert.ok(Math.abs(twoSidedPValue([0.5, 0.2, 0.1], 3) - 0.02) < 1e-12, 'all three won: 2 × 0.01');
  assert.ok(Math.abs(twoSidedPValue([0.5, 0.2, 0.1], 0) - 0.72) < 1e-12, 'none won: 2 × 0.36');
  assert.is(twoSidedPValue([0.5, 0.2, 0.1], 1), 1);
  // ten draws at p = 0.1, all ten won: 2 · 10^-10
  assert.ok(Math.abs(twoSidedPValue(Array(10).fill(0.1), 10) / 2e-10 - 1) < 1e-9);
  // Benjamini–Hochberg, q = 0.05, m = 8: thresholds k·q/m = 0.00625, 0.0125, 0.01875 … → the first two only
  assert.equal(benjaminiHochberg([0.041, 0.001, 0.205, 0.008, 0.039, 0.06, 0.042, 0.074], 0.05).sort(), [1, 3]);
  assert.equal(benjaminiHochberg([0.5, 0.9], 0.01), []);
});

test('(e) a month of secretly repeated draws for one judge: judge, month, draws won against expected', async () => {
  const t = planted.get('draw-frequency')!;
  const a = await found('draw-frequency', t.court);
  assert.ok(detectedBy(t, a), JSON.stringify(a.map((x) => x.summary)));
  const ev = a.find((x) => x.evidence.judge === t.judge)!.evidence as { wins: number; expected: number; pValue: number; family: number; won: Array<{ documentId: string }> };
  assert.ok(ev.wins > ev.expected * 1.3, `${ev.wins} won, ${ev.expected} expected`);
  assert.ok(ev.pValue <= DEFAULT_CONFIG.drawFrequency.fdr, String(ev.pValue));
  assert.ok(ev.family >= 5 && ev.won.length > 0);
});

test('(f) load figures read from a tampered ledger: the judge, the field, held against recomputed', async () => {
  const t = planted.get('load-inputs')!;
  const a = await found('load-inputs', t.court);
  assert.is(a.length, 1, JSON.stringify(a.map((x) => x.summary)));
  const ev = a[0]!.evidence as { judge: string; fields: string[]; from: string; differences: Array<{ field: string; held: number; recomputed: number; documentId: string }> };
  assert.is(ev.judge, t.judge);
  assert.ok(ev.from >= t.from && ev.from <= t.to, `${ev.from} in ${t.from}…${t.to}`);
  const L = ev.differences.find((d) => d.field === 'L')!;
  assert.ok(Math.abs(L.held - L.recomputed * 0.6) < 1e-9, `${L.held} = 0.6 × ${L.recomputed}`);
});

test('(b) grounds: a transfer by its code, a repeated distribution by its order\'s reason, a draw none', () => {
  const ev = (data: Record<string, unknown>) => ({ seq: 1, ts: 0, type: 'case-distributed', data });
  assert.is(groundOf(ev({ assignmentMode: 'non-random', ground: '5.1.7', document: { kind: 'transfer', protocol: { ground: { code: '5.1.7' } } } })), '5.1.7');
  assert.is(groundOf(ev({ document: { kind: 'transfer', protocol: { ground: { code: '4.17.2' } } } })), '4.17.2', 'a transfer from before assignmentMode');
  assert.is(groundOf(ev({ assignmentMode: 'random', document: { kind: 'repeated-distribution', order: { reason: 'replace-judges' } } })), 'повторний:replace-judges');
  assert.is(groundOf(ev({ assignmentMode: 'random', document: { kind: 'distribution' } })), null);
});

test('(c) favoured by a version: those left when others lose the category; nobody when judges regain it', () => {
  const base = zasadyConfigFor('537');
  const narrowed = { ...base, judges: base.judges.map((j) => (['LUB-05', 'LUB-06'].includes(j.id) ? { ...j, specialisations: j.specialisations.filter((x) => x !== 'civil') } : j)) };
  assert.equal([...favouredBy(base, narrowed, 'civil-claim')].sort(), ['LUB-01', 'LUB-07', 'LUB-08']);
  assert.equal([...favouredBy(narrowed, base, 'civil-claim')], [], 'a judge who regains it catches up on load — not favoured');
  assert.equal([...favouredBy(base, narrowed, 'criminal')], [], 'an untouched category');
  const reduced = { ...base, judges: base.judges.map((j) => (j.id === 'LUB-06' ? { ...j, reductions: ['council'] } : j)) };
  assert.ok(favouredBy(base, reduced, 'civil-claim').has('LUB-05') && !favouredBy(base, reduced, 'civil-claim').has('LUB-06'), 'another judge\'s larger reduction favours the rest');
});

test('runDetectors: validates the run, raises every finding once as a detector alarm', async () => {
  for (const bad of [{ from: 'June', to: '2025-08-31' }, { from: '2025-08-31', to: '2025-06-01' }, { ...SCOPE, only: ['crystal-ball'] }, { ...SCOPE, config: { refiling: { minFilings: -1 } } }]) {
    await runDetectors(engine, bad as never, 'central-test').then(
      () => assert.unreachable(JSON.stringify(bad)),
      (e: Error) => assert.match(e.message, /detector run|threshold|unknown/),
    );
  }
  assert.is((await listAlarms(engine, { kind: 'detector:' })).length, 0, 'nothing raised by a refused run');
  const silent = { info() {}, debug() {}, warn() {}, error() {} };
  const first = await runDetectors(engine, SCOPE, 'central-test', silent);
  assert.is(first.courts, clean.length + SCENARIOS.length);
  const listed = await listAlarms(engine, { kind: 'detector:' });
  assert.is(listed.length, new Set(first.ids).size);
  for (const t of planted.values()) assert.ok(detectedBy(t, listed), `${t.scenario} listed`);
  assert.ok(listed.every((x) => !clean.includes(x.court)), 'nothing on clean courts');
  const again = await runDetectors(engine, SCOPE, 'central-test', silent);
  assert.equal(again.ids.sort(), first.ids.sort());
  assert.is((await listAlarms(engine, { kind: 'detector:' })).length, listed.length, 'the next run adds no alarm');
});

test.run();
