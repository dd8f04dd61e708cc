import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { parseForm, StatsFormInvalid } from '../../analytics/stats/index.ts';
import { SMALL_FORM, shippedForm } from '../support/stats-fixture.ts';

const test = suite('stats forms (Засади 16.2): schema + semantic checks, every error listed with its path');

function errorsOf(text: string): string[] {
  try {
    parseForm(text, 'broken.yaml');
  } catch (e) {
    assert.instance(e, StatsFormInvalid);
    assert.is((e as StatsFormInvalid).code, 'STATS_FORM_INVALID');
    return (e as StatsFormInvalid).errors;
  }
  assert.unreachable('the form was accepted');
  return [];
}

const has = (errors: string[], ...parts: string[]) =>
  assert.ok(errors.some((e) => parts.every((p) => e.includes(p))), `no error with ${parts.join(' + ')} in:\n${errors.join('\n')}`);

test('semantic errors are all listed at once, each with its path', () => {
  const broken = SMALL_FORM.replace('{ id: r-special,', '{ id: r-claim,') // duplicate row id
    .replace('where: [{ field: juvenile, is: true }]', 'where: [{ field: juvenile, in: ["так"] }]') // boolean field without `is`
    .replace('where: [{ field: category, present: false }]', 'where: [{ field: category, present: false, is: true }]') // two comparisons
    .replace('result, in: [satisfied]', 'result, in: [satisfied, won]') // a result not in the coded list
    .replace('parts: [sec-civil.r-claim.*, sec-civil.r-special.*]', 'parts: [sec-civil.r-claim.*, sec-civil.r-missing.*]') // unknown row
    .replace('resolved: c-out, end: c-end', 'resolved: c-sat, end: c-start') // flow over wrong measures
    .replace('{ id: k-le,', '{ id: k-sum,'); // duplicate control id
  const errors = errorsOf(broken);
  has(errors, '/sections/0/rows', 'r-claim', 'більше одного разу');
  has(errors, '/sections/0/rows/3/where/0', 'juvenile', 'is');
  has(errors, '/sections/0/rows/4/where/0', 'рівно одну умову', 'present, is');
  has(errors, '/sections/0/columns/3/where/0/in', 'won');
  has(errors, '/controls/1/parts/1', 'r-missing');
  has(errors, '/controls/0/end', 'c-start', 'pending-end');
  has(errors, '/controls', 'k-sum', 'більше одного разу');
  assert.ok(errors.length >= 7, errors.join('\n'));
});

test('`is` on a field that is not boolean, a filter with no comparison, an unknown section in a control', () => {
  const broken = SMALL_FORM.replace('where: [{ field: index, in: [2-о] }]', 'where: [{ field: index, is: true }]')
    .replace('where: [{ field: index, in: ["2"] }]', 'where: [{ field: index }]')
    .replace('left: sec-civil.*.c-sat', 'left: sec-nope.*.c-sat');
  const errors = errorsOf(broken);
  has(errors, '/sections/0/rows/2/where/0', 'не логічне');
  has(errors, '/sections/0/rows/1/where/0', 'жодної');
  has(errors, '/controls/2/left', 'sec-nope');
});

test('schema errors are all listed (a bad measure and a missing name), YAML syntax errors too', () => {
  const errors = errorsOf(SMALL_FORM.replace('measure: over-term', 'measure: overdue').replace(/^name: .*$/m, ''));
  has(errors, '/sections/0/columns/4/measure');
  has(errors, 'name');
  has(errorsOf('schema: [unclosed'), 'YAML');
  // A control is a union: its errors are those of the variant its kind names, not "Expected union value".
  has(errorsOf(SMALL_FORM.replace('right: sec-civil.*.c-out, ', '')), '/controls/2/right');
  has(errorsOf(SMALL_FORM.replace('kind: le,', 'kind: less,')), '/controls/2/kind', 'sum, le, flow, continuity');
});

test('a flow over columns with different filters is refused (the identity would not hold)', () => {
  const errors = errorsOf(SMALL_FORM.replace('{ id: c-in, code: "2", label: Надійшло, measure: received }', '{ id: c-in, code: "2", label: Надійшло, measure: received, where: [{ field: juvenile, is: true }] }'));
  has(errors, '/controls/0', 'різні фільтри');
});

test('every shipped form parses and is marked as an example', () => {
  const files = readdirSync(new URL('../../deploy/stats-forms/', import.meta.url)).filter((f) => f.endsWith('.yaml'));
  assert.equal(files.sort(), ['1-mzs.yaml', '1-oas.yaml', '2-azs.yaml']);
  for (const f of files) {
    const def = shippedForm(f);
    assert.is(def.status, 'example', f);
    assert.ok(def.controls.some((c) => c.kind === 'flow') && def.controls.some((c) => c.kind === 'continuity'), f);
  }
});

test('shipped forms filter by the Lubny Засади category ids and (first instance) proceeding indexes', () => {
  const zasady = parseYaml(readFileSync(new URL('../../deploy/examples/lubny/zasady.yaml', import.meta.url), 'utf8')) as { categories: { id: string }[]; proceedingIndexes: { index: string }[] };
  const categories = new Set(zasady.categories.map((c) => c.id));
  const indexes = new Set(zasady.proceedingIndexes.map((p) => String(p.index)));
  for (const [file, firstInstance] of [['1-mzs.yaml', true], ['1-oas.yaml', true], ['2-azs.yaml', false]] as const) {
    const def = shippedForm(file);
    let used = 0;
    for (const s of def.sections)
      for (const f of [...s.rows.flatMap((r) => r.where), ...s.columns.flatMap((c) => c.where ?? [])]) {
        if (f.field === 'category') for (const v of f.in ?? []) (assert.ok(categories.has(v), `${file}: category ${v}`), used++);
        if (f.field === 'index' && firstInstance) for (const v of f.in ?? []) (assert.ok(indexes.has(v), `${file}: index ${v}`), used++);
      }
    assert.ok(used > 0, file);
  }
});

test.run();
