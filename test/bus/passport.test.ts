/**
 * Passports and signed messages (runtime/bus/passport.ts): fixed keys make fixed tokens (ed25519 is
 * deterministic), so these are test vectors as well as properties: any changed byte is refused.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { fromSeed } from '@nats-io/nkeys';
import { Forbidden } from '../../runtime/errors.ts';
import { busSigner, classOfNode, issuePassport, signMessage, verifyMessage, verifyPassport } from '../../runtime/bus/passport.ts';

const test = suite('bus: passports and signed messages');
const enc = new TextEncoder();
// fixed nkeys (generated once with @nats-io/nkeys createOperator/createUser)
const OPERATOR_SEED = 'SOAMPSVVQVSUUAJUNIUDU4GGHIFCMQT5Q3VKY7465BHYLLYTVAR2YJKJCE';
const USER_SEED = 'SUAFIA6GYKEZD5LYQCUTT7N4LZZHYE2P77N6QIIS2EATHPU7A3QJSQ36UM';
const OPERATOR = fromSeed(enc.encode(OPERATOR_SEED)).getPublicKey();
const USER = fromSeed(enc.encode(USER_SEED)).getPublicKey();
const AT = new Date('2026-12-06T12:00:00.000Z');
const VECTOR = 'eyJ2IjoxLCJub2RlIjoiY291cnQtNTM3IiwiY2xhc3MiOiJjb3VydCIsIm5rZXkiOiJVQVFCNFRJWVFSUU5FR1FKRTRXR0c1TjdFNTJBSEFXQ09URVZVVjZUNU8zRVNKWkhRT0dLM1JXWiIsImlzc3VlZEF0IjoiMjAyNi0xMi0wNlQxMjowMDowMC4wMDBaIn0.Z3hA4c5nwTEi-JJKIL8DB2BnV45XXsmCckZ2O2rl7tKc00g297JEydV7dMGWBWnXUi6auTGlVsqgdly-TAuFCg';

function reason(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    assert.instance(e, Forbidden);
    return ((e as Forbidden).details as { reason: string }).reason;
  }
  throw new Error('not refused');
}

test('node names say their class', () => {
  assert.is(classOfNode('court-537'), 'court');
  assert.is(classOfNode('central-1'), 'central');
  assert.is(classOfNode('ops-admin'), 'operator');
  for (const bad of ['court-12345', 'court-', 'tester', 'central-1.x', 'ops-A', 'court-537>']) assert.is(classOfNode(bad), undefined, bad);
});

test('a passport is deterministic, verifies, and binds name, class and key', () => {
  const token = issuePassport(OPERATOR_SEED, { node: 'court-537', class: 'court', nkey: USER }, AT);
  assert.is(token, VECTOR, 'the token format is fixed (a change breaks every issued passport)');
  const p = verifyPassport(token, OPERATOR);
  assert.equal(p, { v: 1, node: 'court-537', class: 'court', nkey: USER, issuedAt: AT.toISOString() });
  const [claim, sig] = token.split('.') as [string, string];
  const forged = Buffer.from(JSON.stringify({ ...p, node: 'court-538' })).toString('base64url');
  assert.is(reason(() => verifyPassport(`${forged}.${sig}`, OPERATOR)), 'BAD_PASSPORT');
  assert.is(reason(() => verifyPassport(`${claim}.${sig}x`, OPERATOR)), 'BAD_PASSPORT');
  assert.is(reason(() => verifyPassport(claim, OPERATOR)), 'BAD_PASSPORT');
  assert.is(reason(() => verifyPassport(token, USER)), 'BAD_PASSPORT', 'another key is not the operator');
  assert.is(reason(() => issuePassport(OPERATOR_SEED, { node: 'court-537', class: 'central', nkey: USER })), 'BAD_PASSPORT', 'class must fit the name');
});

test('a signer must hold the key its passport names', () => {
  const other = 'SUANVLHBSQTGTIBPCYSVLVJ7MHCMGSWGCROV6K2JS7IBRMY2CAX7UYMOOU';
  const token = issuePassport(OPERATOR_SEED, { node: 'central-1', class: 'central', nkey: USER }, AT);
  assert.is(busSigner(USER_SEED, token, OPERATOR).node, 'central-1');
  assert.is(reason(() => busSigner(other, token)), 'BAD_PASSPORT');
  assert.is(reason(() => busSigner(USER_SEED.slice(0, -1) + 'A', token)), 'BAD_KEY', 'checksum');
});

test('a signed message verifies only with its subject, body and time', () => {
  const signer = busSigner(USER_SEED, issuePassport(OPERATOR_SEED, { node: 'court-537', class: 'court', nkey: USER }, AT));
  const body = enc.encode('{"v":1}');
  const now = AT.getTime();
  const h = signMessage(signer, 'asds.ingest.537', body, now);
  assert.is(h['Asds-Sent'], String(now));
  const get = (x: Record<string, string>) => (k: string) => x[k];
  assert.is(verifyMessage(get(h), 'asds.ingest.537', body, OPERATOR, { now }).node, 'court-537');
  assert.is(verifyMessage(get(h), 'asds.ingest.537', '{"v":1}' as unknown as Uint8Array, OPERATOR, { now }).node, 'court-537', 'text = its UTF-8');
  assert.is(reason(() => verifyMessage(get(h), 'asds.ingest.538', body, OPERATOR, { now })), 'BAD_SIGNATURE');
  assert.is(reason(() => verifyMessage(get(h), 'asds.ingest.537', enc.encode('{"v":2}'), OPERATOR, { now })), 'BAD_SIGNATURE');
  assert.is(reason(() => verifyMessage(get({ ...h, 'Asds-Sent': String(now + 1) }), 'asds.ingest.537', body, OPERATOR, { now })), 'BAD_SIGNATURE');
  assert.is(reason(() => verifyMessage(get(h), 'asds.ingest.537', body, OPERATOR, { now: now + 6 * 60_000 })), 'STALE_MESSAGE');
  assert.is(verifyMessage(get(h), 'asds.ingest.537', body, OPERATOR, { now: now + 86_400_000, maxSkewMs: Infinity }).node, 'court-537', 'stored frames: no window');
  assert.is(reason(() => verifyMessage(get({}), 'asds.ingest.537', body, OPERATOR, { now })), 'UNSIGNED');
});

test.run();
