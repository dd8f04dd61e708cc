/**
 * Every event the distribution actor and the card write about assignments
 * has a redaction rule (contracts/ingest/redaction.ts): a type without one
 * would reach the centre stripped to its identifiers — the non-random mark
 * (`assignmentMode`, `ground`) and the recusal's ruling included.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { redact, ruleFor } from '../../contracts/ingest/redaction.ts';

const test = suite('security: assignment events have redaction rules');

/** The `type: '…'` literals of an event union in a source file. */
function eventTypes(file: string, start: string, end: string): string[] {
  const src = readFileSync(file, 'utf8');
  const union = src.slice(src.indexOf(start), src.indexOf(end, src.indexOf(start)));
  return [...union.matchAll(/type: '([a-z-]+)'/g)].map((m) => m[1]!);
}

test('every distribution event type and the card assignment event have a rule', () => {
  const dist = eventTypes('actors/court/distribution/state.ts', 'export type DistributionEvent', 'export function initialState');
  assert.ok(dist.includes('recusal-recorded') && dist.includes('absence-shortened'), dist.join());
  for (const t of dist) assert.ok(ruleFor('distribution', t), `distribution/${t} has no redaction rule`);
  assert.ok(ruleFor('case', 'judge-assigned'));
});

test('the non-random mark and the ruling reach the centre', () => {
  const out = redact('case', 'judge-assigned', { type: 'judge-assigned', judge: 'lub-05', protocol: 'p', assignmentMode: 'non-random', ground: { code: '4.11', text: 't' }, basis: { kind: 'ruling', number: '1', date: '2025-06-01', issuer: 'LUB-05' } }, { hashKey: 'k' });
  assert.equal([out.data.assignmentMode, (out.data.ground as { code: string }).code, (out.data.basis as { issuer: string }).issuer], ['non-random', '4.11', 'LUB-05']);
  const rec = redact('distribution', 'recusal-recorded', { type: 'recusal-recorded', caseId: 'c', judgeId: 'LUB-01', kind: 'self-recusal', ruling: { kind: 'ruling', number: '7', date: '2025-06-01', issuer: 'LUB-01' }, by: { author: 'officer1', role: 'distribution_officer' } }, { hashKey: 'k' });
  assert.equal(rec.redacted, []);
  assert.is((rec.data.ruling as { number: string }).number, '7');
});

test.run();
