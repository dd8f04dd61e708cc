/**
 * Client certificates pinned to what the registry issued (issue 17 "Security"): a certificate of the hub's CA with
 * the right CN but never journaled as issued to that organisation → 403 CERT_UNKNOWN; an issued one revoked by the
 * operator → 403 CERT_REVOKED at its very next call; a new certificate leaves the earlier ones valid unless
 * `revokePrevious` asks; all of it survives a hub restart (state from the journal). Nothing written on refusal.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cleanup } from '../support/servers.ts';
import { startTestHub, type TestHub, type TestOrg } from './support.ts';

const test = suite('exchange hub: client certificates pinned to the registry');
const PASS = 'довга-тестова-фраза-ключа';
const POLTAVA = { id: 'prok-poltava', kind: 'prosecutor' as const, name: 'Полтавська обласна прокуратура', code: '02910060' };
const ctx = {} as { h: TestHub; org: TestOrg };

test.before(async () => {
  ctx.h = await startTestHub({ keyPassphrase: PASS });
  ctx.org = await ctx.h.addOrg(POLTAVA);
});
test.after(async () => {
  await ctx.h.stop();
  await cleanup();
});

const issue = async (body?: unknown) => {
  const r = await ctx.h.admin('POST', `/exchange/organisations/${POLTAVA.id}/certificate`, body);
  assert.is(r.status, 201, r.text);
  return r.json as { certPem: string; keyPem: string; fingerprint: string };
};
const whoami = (cert: { certPem: string; keyPem: string }) => ctx.h.call(cert, 'GET', '/exchange/whoami');

test('a certificate of the hub CA with the right CN, not issued through the registry: 403 CERT_UNKNOWN, nothing written', async () => {
  const rogue = ctx.h.signOutsideRegistry(POLTAVA.id);
  const before = ctx.h.events();
  const r = await whoami(rogue);
  assert.is(r.status, 403);
  assert.is(r.json.error, 'CERT_UNKNOWN');
  assert.match(r.json.message, /не видавався організації «Полтавська обласна прокуратура»/);
  assert.is(ctx.h.events(), before);
  assert.is((await whoami(ctx.org)).status, 200, 'the issued one still works');
});

test('revoked by the operator: the next call is 403 CERT_REVOKED; attributed and journaled; other certificates unaffected', async () => {
  const second = await issue();
  assert.is((await whoami(second)).status, 200);
  const first = (await ctx.h.admin('GET', '/exchange/organisations')).json.organisations.find((o: { id: string }) => o.id === POLTAVA.id).certificates[0];
  const before = ctx.h.events();
  const rv = await ctx.h.admin('POST', `/exchange/organisations/${POLTAVA.id}/certificates/${second.fingerprint}/revoke`, { reason: 'компрометація ключа системи' });
  assert.is(rv.status, 200, rv.text);
  assert.is(ctx.h.events(), before + 1);
  const rec = rv.json.organisation.certificates.find((c: { fingerprint: string }) => c.fingerprint === second.fingerprint);
  assert.is(rec.revoked.reason, 'компрометація ключа системи');
  assert.is(rec.revoked.by, 'оператор Коваленко Ірина Петрівна');
  const r = await whoami(second);
  assert.is(r.status, 403);
  assert.is(r.json.error, 'CERT_REVOKED');
  assert.match(r.json.message, /відкликано \d\d\.\d\d\.\d{4}: компрометація ключа системи/);
  assert.is(first.revoked, undefined);
  assert.is((await whoami(ctx.org)).status, 200, 'the first certificate was not revoked');
  // twice, or a fingerprint never issued to it: typed refusals, nothing written
  const again = await ctx.h.admin('POST', `/exchange/organisations/${POLTAVA.id}/certificates/${second.fingerprint}/revoke`, { reason: 'ще раз відкликати' });
  assert.is(again.json.error, 'CERT_ALREADY_REVOKED');
  const unknown = await ctx.h.admin('POST', `/exchange/organisations/${POLTAVA.id}/certificates/${'0'.repeat(64)}/revoke`, { reason: 'чужий сертифікат' });
  assert.is(unknown.status, 404);
  assert.is(unknown.json.error, 'CERT_NOT_FOUND');
  const noReason = await ctx.h.admin('POST', `/exchange/organisations/${POLTAVA.id}/certificates/${second.fingerprint}/revoke`, {});
  assert.is(noReason.status, 400);
  const analyst = await ctx.h.admin('POST', `/exchange/organisations/${POLTAVA.id}/certificates/${second.fingerprint}/revoke`, { reason: 'не оператор' }, ctx.h.tokenFor('analyst'));
  assert.ok(analyst.status === 401 || analyst.status === 403, analyst.text);
  assert.is(ctx.h.events(), before + 1);
});

test('a new certificate with revokePrevious revokes all earlier ones in one write', async () => {
  const fresh = await issue({ revokePrevious: { reason: 'заміна сертифіката системи' } });
  assert.is((await whoami(fresh)).status, 200);
  const old = await whoami(ctx.org);
  assert.is(old.status, 403);
  assert.is(old.json.error, 'CERT_REVOKED');
  assert.match(old.json.message, /заміна сертифіката системи/);
});

test('after a hub restart the registry (issued and revoked certificates) comes from the journal', async () => {
  const fresh = await issue();
  const revokedOne = ctx.org;
  await ctx.h.hub.stop();
  await ctx.h.system.shutdown();
  const dir = ctx.h.dir;
  ctx.h = await startTestHub({ keyPassphrase: PASS, dir });
  assert.is((await whoami(fresh)).status, 200);
  assert.is((await whoami(revokedOne)).json.error, 'CERT_REVOKED');
  assert.is((await whoami(ctx.h.signOutsideRegistry(POLTAVA.id))).json.error, 'CERT_UNKNOWN');
});

test.run();
