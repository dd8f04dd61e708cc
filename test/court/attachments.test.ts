/**
 * Scans attached to cards (Засади 3.2): content-addressed under
 * `<data>/blobs/ab/cd/<sha256>`, stored once, referenced by hash on the card.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup } from '../support/servers.ts';
import { casePath, claim, LOGINS, newKey, startCourt, type Court } from './support.ts';
import { assignByDraw, lawfulZasadyFile } from './distribution/lawful.ts';

process.env.ASDS_LOG ??= 'silent';
const test = suite('court: attached scans');
let c: Court;
test.before(async () => {
  c = await startCourt({ key: newKey(), zasadyFile: lawfulZasadyFile() });
});
test.after(async () => {
  await c.server.stop();
  await cleanup();
});

function blobFiles(): string[] {
  const root = join(c.dataDir, 'blobs');
  const out: string[] = [];
  const walk = (d: string) => {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) {
        if (f !== 'tmp') walk(p);
      } else out.push(p);
    }
  };
  walk(root);
  return out;
}

const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(300_000)]);
const sha = createHash('sha256').update(pdf).digest('hex');

test('upload → stored at blobs/ab/cd/<sha256>, listed on the card, downloaded byte for byte; the same file twice is stored once', async () => {
  const a = (await c.api.call('POST', '/registrations', { token: c.tokens.registrar, body: claim() })).body.ueun;
  const b = (await c.api.call('POST', '/registrations', { token: c.tokens.registrar, body: claim() })).body.ueun;
  const up = await c.api.call('POST', `${casePath(a)}/attachments?fileName=${encodeURIComponent('позов.pdf')}`, { token: c.tokens.registrar, raw: pdf, type: 'application/pdf' });
  assert.is(up.status, 201, JSON.stringify(up.body));
  assert.equal(up.body, { attached: true, sha256: sha, size: pdf.length });
  const file = join(c.dataDir, 'blobs', sha.slice(0, 2), sha.slice(2, 4), sha);
  assert.ok(existsSync(file));
  assert.ok(readFileSync(file).equals(pdf));

  const again = await c.api.call('POST', `${casePath(a)}/attachments`, { token: c.tokens.registrar, raw: pdf, type: 'application/pdf' });
  assert.equal(again.body, { attached: false, sha256: sha, size: pdf.length });
  const other = await c.api.call('POST', `${casePath(b)}/attachments`, { token: c.tokens.head, raw: pdf, type: 'application/pdf' });
  assert.is(other.body.attached, true);
  assert.equal(blobFiles(), [file], 'one file for three uploads of the same content');

  const card = (await c.api.call('GET', casePath(a), { token: c.tokens.judge })).body;
  assert.equal(card.attachments.map((x: any) => [x.sha256, x.size, x.mediaType, x.fileName, x.by.login]), [[sha, pdf.length, 'application/pdf', 'позов.pdf', LOGINS.registrar]]);
  const down = await c.api.call('GET', `${casePath(a)}/attachments/${sha}`, { token: c.tokens.judge });
  assert.is(down.status, 200);
  assert.is(down.headers.get('content-type'), 'application/pdf');
  assert.ok(down.bytes.equals(pdf));
  // a hash not attached to THIS case is not served through it
  const c3 = (await c.api.call('POST', '/registrations', { token: c.tokens.registrar, body: claim() })).body.ueun;
  assert.is((await c.api.call('GET', `${casePath(c3)}/attachments/${sha}`, { token: c.tokens.judge })).status, 404);
});

test('refusals: wrong type 415, empty 400, unknown case 404 (nothing stored), no right 403', async () => {
  const a = (await c.api.call('POST', '/registrations', { token: c.tokens.registrar, body: claim() })).body.ueun;
  const before = blobFiles().length;
  const txt = await c.api.call('POST', `${casePath(a)}/attachments`, { token: c.tokens.registrar, raw: 'hello', type: 'text/plain' });
  assert.is(txt.status, 415);
  const empty = await c.api.call('POST', `${casePath(a)}/attachments`, { token: c.tokens.registrar, raw: Buffer.alloc(0), type: 'application/pdf' });
  assert.is(empty.status, 400);
  const nocase = await c.api.call('POST', '/cases/537/999999/25/attachments', { token: c.tokens.registrar, raw: randomBytes(100), type: 'image/png' });
  assert.is(nocase.status, 404);
  assert.is(nocase.body.error.code, 'CASE_NOT_FOUND');
  const judge = await c.api.call('POST', `${casePath(a)}/attachments`, { token: c.tokens.judge, raw: randomBytes(100), type: 'image/png' });
  assert.is(judge.status, 403);
  assert.is(blobFiles().length, before);
});

test('a covert case’s scan is downloadable only by the assigned judge', async () => {
  const r = await c.api.call('POST', '/registrations', {
    token: c.tokens.registrar,
    body: claim({ index: '1-кс', parties: [], covert: { person: 'Особа Х', action: 'аудіоконтроль' } }),
  });
  const path = casePath(r.body.ueun);
  const scan = randomBytes(1000);
  const h = createHash('sha256').update(scan).digest('hex');
  assert.is((await c.api.call('POST', `${path}/attachments`, { token: c.tokens.registrar, raw: scan, type: 'image/tiff' })).status, 201);
  assert.is((await c.api.call('GET', `${path}/attachments/${h}`, { token: c.tokens.head })).status, 403);
  // The investigating judge is drawn (the only one of this Засади: judge.petrenko).
  assert.is((await assignByDraw(c.api, c.tokens.officer, r.body.ueun, r.body.proceedingNumber, 'investigator-request')).judge, LOGINS.judge);
  assert.is((await c.api.call('GET', `${path}/attachments/${h}`, { token: c.tokens.judge2 })).status, 403);
  const ok = await c.api.call('GET', `${path}/attachments/${h}`, { token: c.tokens.judge });
  assert.is(ok.status, 200);
  assert.ok(ok.bytes.equals(scan));
});

test.run();
