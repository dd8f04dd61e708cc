/** Load coefficient (spec §3): the worked example of actors/distribution/README.md, roll-overs, cost. */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { applyLoadEvent, assignedEvent, emptyLedger, ledgerForZasady, loadSnapshot, type LoadEvent, type LoadLedger } from '../../actors/distribution/load.ts';
import { probabilities, weights } from '../../actors/distribution/policy.ts';
import { baseZasady } from './support/fixtures.ts';

const test = suite('load ledger (spec §3)');

// README example: three judges, calendar-year window, 6.6 on (non-distribution days count).
const zasady = baseZasady((c) => {
  c.judges = c.judges.slice(0, 3);
});
const close = (a: number, b: number) => Math.abs(a - b) < 1e-12;

function example(): LoadLedger {
  const events: LoadEvent[] = [
    assignedEvent(zasady, { judgeId: 'J01', caseId: 'a', category: 'civil-claim', form: 'presiding', date: '2025-01-09' }),
    assignedEvent(zasady, { judgeId: 'J01', caseId: 'b', category: 'civil-claim', form: 'presiding', date: '2025-01-15' }),
    assignedEvent(zasady, { judgeId: 'J02', caseId: 'c', category: 'criminal', form: 'presiding', date: '2025-01-10' }),
    assignedEvent(zasady, { judgeId: 'J02', caseId: 'd', category: 'criminal-panel', form: 'member', date: '2025-01-16' }),
    assignedEvent(zasady, { judgeId: 'J03', caseId: 'd', category: 'criminal-panel', form: 'presiding', date: '2025-01-16' }),
    { type: 'judge-unavailable', judgeId: 'J03', from: '2025-01-20', days: 11 },
  ];
  return events.reduce(applyLoadEvent, ledgerForZasady(zasady, '2025-01-31'));
}

test('README worked example: L, L′, r, N', () => {
  const s = loadSnapshot(example(), zasady, '2025-01-31', ['J01', 'J02', 'J03']);
  assert.equal(
    s.map((x) => [x.judgeId, x.L, x.Lp, x.r, x.N, x.dWindow, x.dAvailable]),
    [
      ['J01', 2, 2, 0.5, 4, 31, 31], // 2 civil claims × 1 × 1; chief judge r = 0.5 → N = 2 / 0.5
      ['J02', 3.5, 3.5, 0, 3.5, 31, 31], // criminal 2 × 1 + panel member 3 × 0.5
      ['J03', 3, 4.65, 0, 4.65, 31, 20], // rapporteur 3 × 1; 11 days away → 3 × 31 / 20
    ],
  );
});

test('README worked example: weights and probabilities (inverse-load-v1)', () => {
  const s = loadSnapshot(example(), zasady, '2025-01-31', ['J01', 'J02', 'J03']);
  const w = weights({ id: 'inverse-load-v1', version: 1, params: {} }, s.map((x) => x.N));
  const p = probabilities(w);
  assert.ok(close(w[0]!, 2 / 3) && w[1] === 1 && close(w[2]!, 20 / 43), String(w));
  assert.ok(close(p[0]!, 86 / 275) && close(p[1]!, 129 / 275) && close(p[2]!, 60 / 275), String(p));
});

test('6.6 off: L′ = L', () => {
  const z = baseZasady((c) => {
    c.judges = c.judges.slice(0, 3);
    c.load.countNonDistributionDays = false;
  });
  const s = loadSnapshot(example(), z, '2025-01-31', ['J03']);
  assert.is(s[0]!.Lp, 3);
});

test('calendar-year window: a new year starts from zero', () => {
  const s = loadSnapshot(example(), zasady, '2026-01-05', ['J01', 'J03']);
  assert.equal(s.map((x) => [x.L, x.dWindow, x.dAvailable]), [[0, 5, 5], [0, 5, 5]]);
});

test('rolling 3 months: roll-over subtracts the month that left; unavailable days split across months', () => {
  let l = emptyLedger({ kind: 'rolling-months', months: 3 }, '2025-01-15');
  l = applyLoadEvent(l, { type: 'judge-joined', judgeId: 'J02', since: '2020-01-01' });
  const add = (date: string, k: number): LoadEvent => ({ type: 'case-assigned', judgeId: 'J02', caseId: date, category: 'civil-claim', form: 'presiding', date, kCategory: k, kForm: 1 });
  for (const [d, k] of [['2025-01-10', 1], ['2025-02-10', 2], ['2025-03-10', 4]] as const) l = applyLoadEvent(l, add(d, k));
  l = applyLoadEvent(l, { type: 'judge-unavailable', judgeId: 'J02', from: '2025-01-30', days: 5 }); // Jan 30–31, Feb 1–3
  assert.is(l.judges.J02!.L, 7);
  assert.is(l.judges.J02!.unavailable, 5);
  const rolled = applyLoadEvent(l, { type: 'window-rolled', asOf: '2025-04-01' });
  assert.is(rolled.windowStart, '2025-02-01');
  assert.is(rolled.judges.J02!.L, 6);
  assert.is(rolled.judges.J02!.unavailable, 3);
  // The query rolls virtually when the ledger is behind.
  assert.is(loadSnapshot(l, zasady, '2025-04-01', ['J02'])[0]!.L, 6);
  // The old ledger is untouched (pure update).
  assert.is(l.judges.J02!.L, 7);
});

test('events before the window do not count', () => {
  const l = applyLoadEvent(example(), assignedEvent(zasady, { judgeId: 'J01', caseId: 'old', category: 'criminal', form: 'presiding', date: '2024-12-31' }));
  assert.is(l.judges.J01!.L, 2);
});

test('ledger size is O(judges × months), not O(cases)', () => {
  let l = ledgerForZasady(zasady, '2025-03-01');
  for (let i = 0; i < 5000; i++) {
    l = applyLoadEvent(l, assignedEvent(zasady, { judgeId: 'J02', caseId: `c${i}`, category: 'civil-special', form: 'presiding', date: '2025-03-01' }));
  }
  assert.is(l.judges.J02!.L, 2500);
  assert.equal(Object.keys(l.judges.J02!.months), ['2025-03']);
  assert.ok(JSON.stringify(l).length < 1000);
});

test.run();
