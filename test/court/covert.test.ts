/**
 * Covert investigative actions (Засади 3.1 ¶2): the person and the kind of
 * action are stored only as AES-256-GCM ciphertext, never shown in lists or
 * cards, and decrypted only for the investigating judge assigned to the case.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { startCourtServer } from '../../actors/court/node.ts';
import { cleanup } from '../support/servers.ts';
import { ADMIN_PASSWORD, casePath, claim, LOGINS, newKey, startCourt, type Court } from './support.ts';
import { TEST_KEY_PASSPHRASE } from '../support/keys.ts';
import { assignByDraw, lawfulZasadyFile } from './distribution/lawful.ts';

process.env.ASDS_LOG ??= 'silent';
const test = suite('court: covert investigative actions');
test.after(cleanup);

const PERSON = 'Сидоренко Петро Миколайович 1980 р.н.';
const ACTION = 'зняття інформації з транспортних телекомунікаційних мереж';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

function covertClaim() {
  return claim({
    index: '1-кс',
    document: { kind: 'клопотання', title: 'клопотання слідчого про проведення НСРД', sender: 'СВ Лубенського РВП' },
    category: 'НСРД',
    description: 'клопотання про дозвіл на проведення негласної слідчої (розшукової) дії',
    parties: [],
    covert: { person: PERSON, action: ACTION },
  });
}

test('sealed at rest, hidden in lists and cards, readable only by the assigned investigating judge', async () => {
  const key = newKey();
  const c: Court = await startCourt({ key, zasadyFile: lawfulZasadyFile() });
  const r = await c.api.call('POST', '/registrations', { token: c.tokens.registrar, body: covertClaim() });
  assert.is(r.status, 201, JSON.stringify(r.body));
  assert.is(r.body.covert, true);
  const path = casePath(r.body.ueun);

  const list = await c.api.call('GET', '/cases', { token: c.tokens.auditor });
  const card = await c.api.call('GET', path, { token: c.tokens.head });
  for (const res of [r, list, card]) {
    const text = res.bytes.toString('utf8');
    assert.not.ok(text.includes('Сидоренко') || text.includes('телекомунікаційних'), 'no covert field in clear');
    assert.not.ok(text.includes('ciphertext'), 'not even the ciphertext is shown');
  }
  assert.ok(list.body.items.find((i: any) => i.ueun === r.body.ueun).covert);
  assert.is(card.body.covert, true);

  // Before distribution nobody reads it.
  const early = await c.api.call('GET', `${path}/covert`, { token: c.tokens.judge });
  assert.is(early.status, 409);
  assert.is(early.body.error.code, 'NOT_ASSIGNED');
  // The investigating judge is drawn (the only one of this Засади: judge.petrenko) — no judge is written by hand.
  const drawn = await assignByDraw(c.api, c.tokens.officer, r.body.ueun, r.body.proceedingNumber, 'investigator-request');
  assert.is(drawn.judge, LOGINS.judge);

  for (const who of ['registrar', 'head', 'chief', 'auditor', 'officer'] as const) {
    const x = await c.api.call('GET', `${path}/covert`, { token: c.tokens[who] });
    assert.is(x.status, 403, who);
    assert.not.ok(x.bytes.toString().includes('Сидоренко'));
  }
  const other = await c.api.call('GET', `${path}/covert`, { token: c.tokens.judge2 });
  assert.is(other.status, 403);
  assert.is(other.body.error.code, 'COVERT_FORBIDDEN');
  const mine = await c.api.call('GET', `${path}/covert`, { token: c.tokens.judge });
  assert.is(mine.status, 200);
  assert.equal(mine.body.items[0].fields, { person: PERSON, action: ACTION });
  assert.is(mine.headers.get('cache-control'), 'no-store');

  await c.server.stop();
  // Not in the SQLite file (nor its WAL), in any encoding JSON might use.
  const needles = [PERSON, ACTION, 'Сидоренко'].flatMap((s) => [Buffer.from(s, 'utf8'), Buffer.from(JSON.stringify(s).slice(1, -1), 'utf8'), Buffer.from(s, 'utf16le')]);
  const escaped = Buffer.from(JSON.stringify('Сидоренко').replace(/[\u0080-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`).slice(1, -1));
  const files = filesUnder(c.dataDir);
  assert.ok(files.some((f) => f.endsWith('journal.sqlite')));
  for (const f of files) {
    const bytes = readFileSync(f);
    for (const n of [...needles, escaped]) assert.is(bytes.indexOf(n), -1, `${f} holds covert plaintext`);
  }
  // …but the ciphertext is there, with its key id.
  const journal = readFileSync(join(c.dataDir, 'journal.sqlite'));
  assert.ok(journal.indexOf(Buffer.from(key.id)) >= 0 || readFileSync(join(c.dataDir, 'journal.sqlite-wal')).indexOf(Buffer.from(key.id)) >= 0);

  // A node whose journal holds covert records refuses to start without the key, or with another key.
  await assert_rejects(startCourtServer({ court: '537', dataDir: c.dataDir, port: 0, adminPassword: ADMIN_PASSWORD, keyPassphrase: TEST_KEY_PASSPHRASE }), /covert records/);
  await assert_rejects(startCourtServer({ court: '537', dataDir: c.dataDir, port: 0, key: newKey(), keyPassphrase: TEST_KEY_PASSPHRASE }), /not the key/);
  // …and starts with the right one, still decrypting.
  const again = await startCourtServer({ court: '537', dataDir: c.dataDir, port: 0, key, keyPassphrase: TEST_KEY_PASSPHRASE, zasadyFile: lawfulZasadyFile() });
  const t = await (await import('./support.ts')).api(again.url).login(LOGINS.judge);
  const back = await fetch(`${again.url}${path}/covert`, { headers: { authorization: `Bearer ${t}` } });
  assert.equal(((await back.json()) as any).items[0].fields.person, PERSON);
  await again.stop();
});

test('a court without a key runs, but refuses covert registration (503) and writes nothing', async () => {
  const c = await startCourt({ court: '538' });
  const r = await c.api.call('POST', '/registrations', { token: c.tokens.registrar, body: covertClaim() });
  assert.is(r.status, 503);
  assert.is(r.body.error.code, 'COVERT_KEY_MISSING');
  const list = await c.api.call('GET', '/cases', { token: c.tokens.registrar });
  assert.is(list.body.total, 0);
  // ordinary registration works
  assert.is((await c.api.call('POST', '/registrations', { token: c.tokens.registrar, body: claim() })).status, 201);
  await c.server.stop();
});

async function assert_rejects(p: Promise<unknown>, re: RegExp): Promise<void> {
  try {
    const s = (await p) as { stop?: () => Promise<void> };
    await s.stop?.();
  } catch (e) {
    assert.match((e as Error).message, re);
    return;
  }
  assert.unreachable(`expected a refusal matching ${re}`);
}

test.run();
