import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { zasadyJsonSchema } from '../../contracts/distribution/zasady.ts';
import { ConfigInvalid, NoZasadyInForce } from '../../actors/distribution/errors.ts';
import { loadZasady, ZasadyHistory, zasadyIssues } from '../../actors/distribution/zasady.ts';
import { baseConfig, baseZasady } from './support/fixtures.ts';

const test = suite('Засади configuration');

function refused(input: unknown): ConfigInvalid {
  try {
    loadZasady(input);
  } catch (e) {
    if (e instanceof ConfigInvalid) return e;
    throw e;
  }
  throw new Error('expected ConfigInvalid');
}

test('the base configuration loads, with r_j summed from positions', () => {
  const z = baseZasady();
  assert.is(z.versionId, 'test-2025-01');
  assert.is(z.reduction.get('J01'), 0.5);
  assert.is(z.reduction.get('J02'), 0);
  assert.equal(z.specialisationsFor.get('criminal-juvenile'), ['juvenile']);
});

test('every semantic error is listed at once', () => {
  const c = baseConfig();
  c.judges[1]!.specialisations.push('maritime'); // unknown specialisation
  c.judges[2]!.id = 'J01'; // duplicate judge id
  c.administrativeReductions.push({ id: 'deputy', name: 'Заступник голови суду', r: 0.7 }); // r > 0.6
  c.judges[3]!.reductions = ['deputy'];
  c.panels.push({ id: 'P1', name: 'Колегія 1', specialisation: 'criminal', members: ['J02', 'J99'] }); // not a judge
  c.categories[0]!.proceedingIndex = '9-x'; // unknown index
  const e = refused(c);
  assert.is(e.name, 'ConfigInvalid');
  assert.is(e.code, 'CONFIG_INVALID');
  const codes = e.errors.map((x) => x.code).sort();
  for (const code of ['UNKNOWN_SPECIALISATION', 'DUPLICATE_ID', 'REDUCTION_ABOVE_60', 'PANEL_MEMBER_NOT_A_JUDGE', 'UNKNOWN_PROCEEDING_INDEX']) {
    assert.ok(codes.includes(code), `missing ${code} in ${codes.join(',')}`);
  }
  // r > 0.6 reported both on the position and on the judge carrying it.
  assert.is(e.errors.filter((x) => x.code === 'REDUCTION_ABOVE_60').length, 2);
  assert.ok(e.errors.some((x) => x.path === '/judges/1/specialisations/3'));
});

test('Засади 6.5: two positions summing above 60 % are refused, exactly 60 % accepted', () => {
  const c = baseConfig();
  c.administrativeReductions = [
    { id: 'chief', name: 'Голова суду', r: 0.4 },
    { id: 'council', name: 'Член Ради суддів України', r: 0.2 },
    { id: 'school', name: 'НШСУ', r: 0.01 },
  ];
  c.judges[0]!.reductions = ['chief', 'council'];
  // 0.4 + 0.2 is 0.6000000000000001 in binary floating point; the cap must still accept it.
  assert.is(loadZasady(c).reduction.get('J01'), 0.6);
  c.judges[0]!.reductions = ['chief', 'council', 'school'];
  assert.equal(refused(c).errors.map((x) => x.code), ['REDUCTION_ABOVE_60']);
});

test('schema errors are all listed (not just the first)', () => {
  const c = baseConfig() as unknown as Record<string, unknown>;
  delete c.selection;
  (c.court as Record<string, unknown>).code = 'Lubny';
  c.extra = true;
  const e = refused(c);
  assert.ok(e.errors.every((x) => x.code === 'SCHEMA'));
  const paths = e.errors.map((x) => x.path);
  assert.ok(paths.includes('/selection'), paths.join(','));
  assert.ok(paths.includes('/court/code'), paths.join(','));
  assert.ok(paths.includes('/extra'), paths.join(','));
});

test('investigating judges: count set by the assembly must match the roster (8.2)', () => {
  const c = baseConfig();
  c.investigatingJudges.count = 3;
  assert.equal(zasadyIssues(c).map((x) => x.code), ['INVESTIGATING_COUNT_MISMATCH']);
});

test('panel member lacking the panel specialisation; reserve that is also a member', () => {
  const c = baseConfig();
  c.panels.push({ id: 'P1', name: 'Колегія', specialisation: 'criminal', members: ['J02', 'J05'], reserve: 'J02' });
  assert.equal(zasadyIssues(c).map((x) => x.code).sort(), ['PANEL_MEMBER_LACKS_SPECIALISATION', 'RESERVE_IS_MEMBER']);
});

test('impossible dates are refused (2025-02-30)', () => {
  const c = baseConfig();
  c.judges[0]!.appointedOn = '2025-02-30';
  assert.equal(zasadyIssues(c).map((x) => x.code), ['INVALID_DATE']);
});

test('plain JSON Schema export has $id and is JSON-clean', () => {
  const s = zasadyJsonSchema();
  assert.is(s.$id, 'asds.zasady/v1');
  assert.is(s.type, 'object');
  assert.equal(JSON.parse(JSON.stringify(s)), s);
  assert.ok((s.required as string[]).includes('judges'));
});

test('ZasadyHistory: version in force by effective date', () => {
  const v1 = baseZasady();
  const v2 = baseZasady((c) => {
    c.version = { id: 'test-2025-06', decisionNumber: '№7', decisionDate: '2025-05-30', effectiveFrom: '2025-06-02' };
  });
  const h = new ZasadyHistory([v2, v1]);
  assert.is(h.inForceOn('2025-06-01').versionId, 'test-2025-01');
  assert.is(h.inForceOn('2025-06-02').versionId, 'test-2025-06');
  // 2025-06-01T21:30Z is already 2 June in Kyiv.
  assert.is(h.inForceAt('2025-06-01T21:30:00Z').versionId, 'test-2025-06');
  assert.is(h.inForceAt('2025-06-01T20:30:00Z').versionId, 'test-2025-01');
  assert.throws(() => h.inForceOn('2024-12-31'), (e: unknown) => e instanceof NoZasadyInForce && e.code === 'NO_ZASADY_IN_FORCE');
  assert.throws(() => new ZasadyHistory([v1, v1]), (e: unknown) => e instanceof ConfigInvalid);
});

test.run();
