/**
 * Input logical control rules as data (Засади 16.1.2): the shipped Lubny file loads; a bad file is refused at
 * start with EVERY problem listed; the condition language on its own.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { checkCard, holds, loadStatsControlFile, statsControlIssues } from '../../actors/court/stats/index.ts';
import { cleanup, tempDir } from '../support/servers.ts';
import type { StatCardV1 } from '../../contracts/stats/card.ts';

const test = suite('court statistics: input control rules as data');
test.after(cleanup);

const card: StatCardV1 = { court: '537', proceedingNumber: '2/537/1/26', index: '2', receivedOn: '2026-02-02', overTerm: false, juvenile: false, detention: false };

test('the Lubny rules load and a clean card passes every one', () => {
  const cfg = loadStatsControlFile('deploy/examples/lubny/zasady.yaml');
  assert.ok(cfg.rules.length >= 8);
  assert.equal(checkCard(cfg.rules, card), []);
  // a decision before the arrival fails the date rule and the missing result — both listed, in the file's order
  assert.equal(checkCard(cfg.rules, { ...card, decidedOn: '2026-01-30' }).map((f) => f.rule), ['decided-not-before-received', 'result-required-to-close']);
});

test('a bad rules file is refused with every problem listed', () => {
  const dir = tempDir('asds-stats-control-');
  writeFileSync(join(dir, 'zasady.yaml'), '');
  writeFileSync(
    join(dir, 'stats-control.yaml'),
    `schema: asds.stats-control/v1
rules:
  - { id: a, text: "т", severity: error, check: { field: noSuchField, present: true } }
  - { id: a, text: "т", severity: error, check: { field: article, present: true } }
  - { id: b, text: "т", severity: error, when: { field: index, in: ["1-кп"] }, check: { field: amountClaimed, le: { field: alsoMissing } } }
`,
  );
  try {
    loadStatsControlFile(join(dir, 'zasady.yaml'));
    assert.unreachable('loaded');
  } catch (e) {
    const errors = (e as { errors: Array<{ code: string }> }).errors;
    assert.equal(errors.map((x) => x.code).sort(), ['DUPLICATE', 'UNKNOWN_FIELD', 'UNKNOWN_FIELD']);
  }
  assert.ok(statsControlIssues({ schema: 'asds.stats-control/v1', rules: [{ id: 'x', text: 'т', severity: 'fatal', check: { field: 'article' } }] }).length > 0, 'a severity outside error|warning');
});

test('conditions: all / any / not, field against field, an absent side holds', () => {
  const c = { ...card, amountClaimed: 100 };
  assert.ok(holds({ all: [{ field: 'index', in: ['2'] }, { not: { field: 'article', present: true } }] }, c));
  assert.ok(holds({ any: [{ field: 'juvenile', eq: true }, { field: 'amountClaimed', ge: 100 }] }, c));
  assert.ok(holds({ field: 'amountAwarded', le: { field: 'amountClaimed' } }, c), 'nothing awarded yet: nothing to compare');
  assert.not.ok(holds({ field: 'amountClaimed', gt: 100 }, c));
});

test.run();
