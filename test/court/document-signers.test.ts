/** Pure: who may be a required signer of a template (Засади 13.2). */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TEMPLATES } from '../../actors/court/documents/index.ts';
import { checkSigners, signerProblems } from '../../actors/court/documents/signers.ts';

const users = [
  { login: 'lub-01', role: 'judge' as const, active: true },
  { login: 'lub-02', role: 'judge' as const, active: false },
  { login: 'reg1', role: 'registrar' as const, active: true },
];

test('a ruling: active judges only; each problem named', () => {
  const t = TEMPLATES['ukhvala-vidkryttia']!;
  assert.equal(signerProblems(t, ['lub-01'], users), []);
  assert.equal(signerProblems(t, ['lub-01', 'lub-02', 'reg1', 'ghost'], users), [
    { login: 'lub-02', problem: 'disabled', role: 'judge' },
    { login: 'reg1', problem: 'role', role: 'registrar' },
    { login: 'ghost', problem: 'unknown' },
  ]);
  try {
    checkSigners(t, ['reg1'], users);
    assert.unreachable('a registrar may not sign a ruling');
  } catch (e) {
    assert.is((e as { code: string }).code, 'SIGNER_NOT_ALLOWED');
  }
});

test('a summons: the judge or the registrar', () => {
  const t = TEMPLATES.povistka!;
  assert.equal(signerProblems(t, ['lub-01', 'reg1'], users), []);
  checkSigners(t, ['reg1'], users);
});

test.run();
