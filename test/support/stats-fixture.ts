/**
 * A small hand-made form and cards for the statistics engine tests; the
 * expected cells in the tests are counted by hand from the list below, not by
 * the engine.
 */
import { readFileSync } from 'node:fs';
import { parseForm } from '../../analytics/stats/index.ts';
import type { StatCardV1 } from '../../contracts/stats/card.ts';
import type { FormDefinitionV1 } from '../../contracts/stats/form.ts';
import type { PeriodV1 } from '../../contracts/stats/report.ts';
import { rng as prng } from '../../actors/court/simulator/index.ts';

export const SMALL_FORM = `
schema: asds.stats-form/v1
id: test-form
version: 3
name: Тестова форма руху цивільних справ
status: example
basis: тестові дані
courtKind: місцеві загальні суди
periods: [half-year, year, any]
sections:
  - id: sec-civil
    title: Розділ 1. Цивільні справи
    rows:
      - { id: r-all, code: "1", label: Усього цивільних справ, where: [{ field: index, in: ["2", 2-о] }] }
      - { id: r-claim, code: "2", label: позовного провадження, where: [{ field: index, in: ["2"] }] }
      - { id: r-special, code: "3", label: окремого провадження, where: [{ field: index, in: [2-о] }] }
      - { id: r-juv, code: "4", label: за участі неповнолітніх, where: [{ field: juvenile, is: true }] }
      - { id: r-nocat, code: "5", label: без категорії Засад, where: [{ field: category, present: false }] }
    columns:
      - { id: c-start, code: "1", label: Залишок на початок періоду, measure: pending-start }
      - { id: c-in, code: "2", label: Надійшло, measure: received }
      - { id: c-out, code: "3", label: Розглянуто, measure: resolved }
      - { id: c-sat, code: "4", label: із задоволенням позову, measure: resolved, where: [{ field: result, in: [satisfied] }] }
      - { id: c-over, code: "5", label: з порушенням строків, measure: over-term }
      - { id: c-claimed, code: "6", label: Сума позовних вимог, measure: sum-claimed }
      - { id: c-awarded, code: "7", label: Присуджено, measure: sum-awarded }
      - { id: c-end, code: "8", label: Залишок на кінець періоду, measure: pending-end }
controls:
  - { id: k-flow, kind: flow, section: sec-civil, start: c-start, received: c-in, resolved: c-out, end: c-end, text: Порушено рівність руху справ }
  - { id: k-sum, kind: sum, total: sec-civil.r-all.*, parts: [sec-civil.r-claim.*, sec-civil.r-special.*], text: Рядок 1 не дорівнює сумі рядків 2 і 3 }
  - { id: k-le, kind: le, left: sec-civil.*.c-sat, right: sec-civil.*.c-out, text: "Задоволено більше, ніж розглянуто" }
  - { id: k-cont, kind: continuity, section: sec-civil, start: c-start, end: c-end, text: Залишок на початок не дорівнює залишку на кінець попереднього періоду }
`;

export const smallForm = (): FormDefinitionV1 => parseForm(SMALL_FORM, 'test-form.yaml');

export const H1_2026: PeriodV1 = { kind: 'half-year', from: '2026-01-01', to: '2026-06-30' };

const card = (p: Partial<StatCardV1> & Pick<StatCardV1, 'proceedingNumber' | 'index' | 'receivedOn'>): StatCardV1 => ({
  court: '537',
  category: 'civil-claim',
  overTerm: false,
  juvenile: false,
  detention: false,
  ...p,
});

/** Cards A–I; what each counts for in H1 2026 is said beside it. */
export const CARDS: StatCardV1[] = [
  // A: pending at start, resolved (satisfied, over term), claimed 1000,00 awarded 500,00
  card({ proceedingNumber: '2/537/1/25', index: '2', receivedOn: '2025-11-10', decidedOn: '2026-02-01', result: 'satisfied', amountClaimed: 100000, amountAwarded: 50000, overTerm: true }),
  // B: pending at start and at end
  card({ proceedingNumber: '2/537/2/25', index: '2', receivedOn: '2025-12-01' }),
  // C: received, resolved on the last day (refused), juvenile, claimed 200,00
  card({ proceedingNumber: '2-о/537/3/26', index: '2-о', category: 'civil-special', receivedOn: '2026-03-01', decidedOn: '2026-06-30', result: 'refused', amountClaimed: 20000, juvenile: true }),
  // D: received on the last day, pending at end, no category
  card({ proceedingNumber: '2/537/4/26', index: '2', category: undefined, receivedOn: '2026-06-30' }),
  // E: decided before the period — nowhere
  card({ proceedingNumber: '2/537/5/25', index: '2', receivedOn: '2025-05-01', decidedOn: '2025-12-31', result: 'satisfied' }),
  // F: received after the period — nowhere
  card({ proceedingNumber: '2/537/6/26', index: '2', receivedOn: '2026-07-01' }),
  // G: pending at start, resolved on the first day (satisfied), awarded 300,00 without a claimed sum
  card({ proceedingNumber: '2/537/7/25', index: '2', receivedOn: '2025-12-31', decidedOn: '2026-01-01', result: 'satisfied', amountAwarded: 30000 }),
  // H: criminal, juvenile: received, pending at end — only in the juvenile row
  card({ proceedingNumber: '1-кп/537/8/26', index: '1-кп', category: 'criminal', receivedOn: '2026-02-02', juvenile: true }),
  // I: another court — outside the scope
  card({ proceedingNumber: '2/538/9/26', court: '538', index: '2', receivedOn: '2026-02-02' }),
];
// JSON has no `undefined`: drop D's category the way a stored card would not have it.
delete (CARDS[3] as Partial<StatCardV1>).category;

export const shippedForm = (file: string): FormDefinitionV1 => parseForm(readFileSync(new URL(`../../deploy/stats-forms/${file}`, import.meta.url), 'utf8'), file);


const INDEX_CATEGORIES: [string, string[]][] = [
  ['1-кп', ['criminal', 'criminal-panel', 'criminal-juvenile']],
  ['2', ['civil-claim']],
  ['2-о', ['civil-special']],
  ['2-н', ['civil-writ']],
  ['2-а', ['administrative']],
  ['3', ['admin-offence']],
];
const RESULTS = ['satisfied', 'refused', 'closed', 'left-without-consideration', 'returned', 'sent-by-jurisdiction', 'convicted', 'acquitted', 'released', 'imposed', 'other'] as const;

const iso = (day: number) => new Date(Date.UTC(2024, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);

/** Consistent random cards (a decision never before the arrival, category of the case's index) over 2024–2026. */
export function randomCards(seed: number, n: number, courts = ['537']): StatCardV1[] {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const out: StatCardV1[] = [];
  for (let i = 0; i < n; i++) {
    const [index, cats] = pick(INDEX_CATEGORIES);
    const received = Math.floor(rnd() * 1000);
    const decided = rnd() < 0.7 ? received + Math.floor(rnd() * 300) : undefined;
    const c: StatCardV1 = {
      court: pick(courts),
      proceedingNumber: `${index}/537/${i + 1}/24`,
      index,
      category: pick(cats),
      receivedOn: iso(received),
      overTerm: decided !== undefined && rnd() < 0.2,
      juvenile: rnd() < 0.1,
      detention: rnd() < 0.1,
    };
    if (decided !== undefined) {
      c.decidedOn = iso(decided);
      c.result = pick(RESULTS);
      if (rnd() < 0.5) c.amountClaimed = Math.floor(rnd() * 1e7);
      if (rnd() < 0.3) c.amountAwarded = Math.floor(rnd() * 1e7);
      if (rnd() < 0.3) c.appealOutcome = pick(['upheld', 'changed', 'quashed'] as const);
    }
    out.push(c);
  }
  return out;
}

/** Seeded PRNG (the simulator's mulberry32): the same "random" cards on every run. */
export { prng };
