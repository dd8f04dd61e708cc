/**
 * The hub's mutual TLS (issue 17 "Security"): a registered organisation's certificate is mapped to it; no client
 * certificate, a certificate of another CA, an expired one → the TLS handshake is refused; a certificate of our CA
 * for an organisation not in the registry → 403 ORG_UNKNOWN. Nothing is written for any refusal.
 * The exchange CA key at rest: encrypted with a passphrase, owner-only.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { openExchangeCa } from '../../actors/central/exchange/index.ts';
import { cleanup, tempDir } from '../support/servers.ts';
import { startTestHub, type TestHub, type TestOrg } from './support.ts';

const test = suite('exchange hub: mutual TLS');
const ctx = {} as { h: TestHub; org: TestOrg };

test.before(async () => {
  ctx.h = await startTestHub({ keyPassphrase: 'довга-тестова-фраза-ключа' });
  ctx.org = await ctx.h.addOrg({ id: 'prok-poltava', kind: 'prosecutor', name: 'Полтавська обласна прокуратура', code: '02910060' });
});
test.after(async () => {
  await ctx.h.stop();
  await cleanup();
});

const refusedHandshake = async (p: Promise<unknown>) => {
  try {
    const r = (await p) as { status: number };
    assert.unreachable(`expected the TLS handshake to fail, got HTTP ${r.status}`);
  } catch (e) {
    assert.not.instance(e, assert.Assertion);
    assert.match(String((e as NodeJS.ErrnoException).code ?? e), /ECONNRESET|EPROTO|ERR_SSL|alert|certificate|socket hang up/i);
  }
};

test('a registered organisation is recognised by its client certificate', async () => {
  const r = await ctx.h.call(ctx.org, 'GET', '/exchange/whoami');
  assert.is(r.status, 200);
  assert.equal(r.json, { id: 'prok-poltava', kind: 'prosecutor', name: 'Полтавська обласна прокуратура', code: '02910060', status: 'connected' });
});

test('no client certificate: the handshake is refused, nothing written', async () => {
  const before = ctx.h.events();
  await refusedHandshake(ctx.h.call(undefined, 'GET', '/exchange/whoami'));
  await refusedHandshake(ctx.h.call(undefined, 'POST', '/exchange/cabinets/registration', { request: 'e30=', signature: 'x'.repeat(120) }));
  assert.is(ctx.h.events(), before);
});

test('a certificate of another CA (same organisation id): refused, nothing written', async () => {
  const other = openExchangeCa({ dir: join(tempDir('asds-other-ca-'), 'ca') });
  const forged = other.issueClientCert('prok-poltava');
  const before = ctx.h.events();
  await refusedHandshake(ctx.h.call(forged, 'GET', '/exchange/whoami'));
  assert.is(ctx.h.events(), before);
});

test('an expired client certificate of our CA: refused', async () => {
  const old = await ctx.h.hub.issueClientCert('prok-poltava', { by: 'оператор Коваленко Ірина Петрівна', notBefore: new Date(Date.now() - 10 * 86_400_000), notAfter: new Date(Date.now() - 86_400_000) });
  await refusedHandshake(ctx.h.call(old, 'GET', '/exchange/whoami'));
});

test('our CA, but an organisation not in the registry: 403 ORG_UNKNOWN in Ukrainian, nothing written', async () => {
  // the registry cannot issue for an organisation it does not know: signed with the CA key outside it
  const stranger = ctx.h.signOutsideRegistry('prok-nevidoma');
  const before = ctx.h.events();
  const r = await ctx.h.call(stranger, 'POST', '/exchange/cabinets/registration', { request: 'e30=', signature: 'x'.repeat(120) });
  assert.is(r.status, 403);
  assert.is(r.json.error, 'ORG_UNKNOWN');
  assert.match(r.json.message, /не належить жодній організації/);
  assert.is(ctx.h.events(), before);
  const odd = await ctx.h.call(ctx.h.signOutsideRegistry('Не ідентифікатор!'), 'GET', '/exchange/whoami');
  assert.is(odd.json.error, 'ORG_UNKNOWN');
});

test('the exchange CA key is encrypted at rest and owner-only; the hub names the server by 127.0.0.1', () => {
  const keyFile = join(ctx.h.dir, 'exchange', 'ca', 'ca.key.pem');
  assert.match(readFileSync(keyFile, 'utf8'), /BEGIN ENCRYPTED PRIVATE KEY/);
  assert.is(statSync(keyFile).mode & 0o077, 0);
  assert.match(ctx.h.hub.url, /^https:\/\/127\.0\.0\.1:\d+$/);
});

test.run();
