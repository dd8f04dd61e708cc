/**
 * The court file service and the centre's resumable fetcher (contracts/files; actors/court/files,
 * actors/central/files) over a real nats-server with the bus's TLS, nkeys and subject permissions, against a real
 * court node (HTTP uploads, journal): a scan fetched and verified; a fetch cut on the centre's side resumes from
 * the acknowledged bytes; a court stopped mid-fetch is waited out; a covert case's scan, an unattached blob, an
 * unsigned or non-central request and a path out of the packages folder are refused with their code.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NatsConnection } from '@nats-io/transport-node';
import { cleanup, startNats, tempDir, type NatsHandle } from '../support/servers.ts';
import { casePath, claim, newKey, startCourt, type Court } from '../court/support.ts';
import { signedHeaders, signerOf } from '../../runtime/bus/nats-sign.ts';
import type { BusSigner } from '../../runtime/bus/passport.ts';
import { CourtFileError, fetchCourtFile, statCourtFile } from '../../actors/central/files/index.ts';
import { filesStatSubject } from '../../contracts/files/index.ts';
import type { CourtKey } from '../../actors/court/covert/vault.ts';

process.env.ASDS_LOG ??= 'silent';
const test = suite('court files: service and resumable fetcher');
const COURT = '537';
let nats: NatsHandle;
let court: Court;
let key: CourtKey;
let nc: NatsConnection;
let signer: BusSigner;
let courtBus: string;
const scan = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(700_000)]);
const scanSha = createHash('sha256').update(scan).digest('hex');
const covertScan = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(5000)]);
const covertSha = createHash('sha256').update(covertScan).digest('hex');

async function until<T>(fn: () => Promise<T | undefined>, what: string, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function refusal(p: Promise<unknown>): Promise<CourtFileError> {
  try {
    await p;
  } catch (e) {
    assert.instance(e, CourtFileError, String(e));
    return e as CourtFileError;
  }
  throw new Error('expected a refusal');
}

const startTheCourt = (dataDir?: string) => startCourt({ key, ...(dataDir ? { dataDir } : {}), server: { natsUrl: nats.url, bus: courtBus } });

test.before(async () => {
  nats = await startNats();
  courtBus = await nats.bus.bundle(`court-${COURT}`);
  key = newKey();
  court = await startTheCourt();
  nc = await nats.bus.connect('central-1');
  signer = signerOf(await nats.bus.identity('central-1'));
  const a = (await court.api.call('POST', '/registrations', { token: court.tokens.registrar, body: claim() })).body.ueun;
  const up = await court.api.call('POST', `${casePath(a)}/attachments?fileName=${encodeURIComponent('позов.pdf')}`, { token: court.tokens.registrar, raw: scan, type: 'application/pdf' });
  assert.is(up.status, 201, JSON.stringify(up.body));
  const cov = await court.api.call('POST', '/registrations', {
    token: court.tokens.registrar,
    body: claim({ index: '1-кс', category: 'НСРД', description: 'клопотання про НСРД', parties: [], covert: { person: 'Особа НСРД', action: 'дія НСРД' } }),
  });
  assert.is(cov.status, 201, JSON.stringify(cov.body));
  const upc = await court.api.call('POST', `${casePath(cov.body.ueun)}/attachments`, { token: court.tokens.registrar, raw: covertScan, type: 'application/pdf' });
  assert.is(upc.status, 201, JSON.stringify(upc.body));
  // the service starts once the court is on the bus
  await until(() => statCourtFile({ nc, signer, court: COURT, source: 'blob', id: scanSha, requestTimeoutMs: 2000 }), 'the court file service');
});

test.after(async () => {
  await nc?.close();
  await court?.server.stop();
  await cleanup();
});

test('a scan: stat gives its size and SHA-256; the fetch lands byte for byte, only under its final name at the end', async () => {
  const st = await statCourtFile({ nc, signer, court: COURT, source: 'blob', id: scanSha });
  assert.equal(st, { size: scan.length, sha256: scanSha });
  const dest = join(tempDir(), 'scans', scanSha);
  const seen: number[] = [];
  const r = await fetchCourtFile({ nc, signer, court: COURT, source: 'blob', id: scanSha, dest, size: st.size, sha256: st.sha256, chunkBytes: 64 * 1024, onProgress: (n) => void seen.push(n) });
  assert.is(r.bytes, scan.length);
  assert.is(r.sha256, scanSha);
  assert.ok(readFileSync(dest).equals(scan));
  assert.not.ok(existsSync(`${dest}.part`) || existsSync(`${dest}.part.json`), 'no part left');
  assert.is(seen.at(-1), scan.length);
  assert.is(r.fetched, Math.ceil(scan.length / (64 * 1024)));
  // asked again: already there, nothing fetched
  const again = await fetchCourtFile({ nc, signer, court: COURT, source: 'blob', id: scanSha, dest, size: st.size, sha256: st.sha256 });
  assert.is(again.already, true);
});

test('the centre cut mid-fetch (an error in its own hands) resumes from the acknowledged bytes, not from zero', async () => {
  const dest = join(tempDir(), 'scan');
  const chunk = 32 * 1024;
  const chunks = Math.ceil(scan.length / chunk);
  let n = 0;
  const cut = fetchCourtFile({ nc, signer, court: COURT, source: 'blob', id: scanSha, dest, size: scan.length, sha256: scanSha, chunkBytes: chunk, window: 1, onProgress: () => {
    if (++n === 8) throw new Error('the central worker dies here');
  } });
  await assert_rejects(cut, /dies here/);
  assert.ok(existsSync(`${dest}.part`) && !existsSync(dest), 'only the part exists after the cut');
  const rec = JSON.parse(readFileSync(`${dest}.part.json`, 'utf8'));
  assert.is(rec.received, 8 * chunk);
  const r = await fetchCourtFile({ nc, signer, court: COURT, source: 'blob', id: scanSha, dest, size: scan.length, sha256: scanSha, chunkBytes: chunk, window: 1 });
  assert.equal(r.resumedAt, [8 * chunk]);
  assert.is(r.fetched, chunks, `${r.fetched} chunk requests in all for ${chunks} chunks: none asked twice`);
  assert.ok(readFileSync(dest).equals(scan));
});

test('a court stopped mid-fetch is waited out: the fetch finishes after its restart', async () => {
  const dest = join(tempDir(), 'scan');
  const chunk = 16 * 1024;
  let n = 0;
  let restarted: Promise<void> | undefined;
  const r = await fetchCourtFile({ nc, signer, court: COURT, source: 'blob', id: scanSha, dest, size: scan.length, sha256: scanSha, chunkBytes: chunk, window: 2, patienceMs: 60_000, requestTimeoutMs: 1500, onProgress: async () => {
    if (++n === 5) {
      const dataDir = court.dataDir;
      await court.server.stop();
      restarted = (async () => {
        await new Promise((res) => setTimeout(res, 1000));
        court = await startTheCourt(dataDir);
      })();
    }
  } });
  await restarted;
  assert.ok(readFileSync(dest).equals(scan));
  assert.ok(r.resumedAt.length >= 1 && r.resumedAt[0]! > 0, `resumed after the court came back (${JSON.stringify(r.resumedAt)})`);
});

test('refused with a code: a covert case\'s scan (3.1 ¶2), an unattached or unknown blob, a malformed id', async () => {
  const covert = await refusal(statCourtFile({ nc, signer, court: COURT, source: 'blob', id: covertSha }));
  assert.equal([covert.code, (covert.details as { court: string }).court], ['COURT_REFUSED', 'COVERT']);
  const chunkCovert = await refusal(fetchCourtFile({ nc, signer, court: COURT, source: 'blob', id: covertSha, dest: join(tempDir(), 'x'), size: covertScan.length, sha256: covertSha }));
  assert.is((chunkCovert.details as { court: string }).court, 'COVERT');
  // a blob in the store that no case names (uploaded, never attached)
  const loose = randomBytes(100);
  const looseSha = createHash('sha256').update(loose).digest('hex');
  const dir = join(court.dataDir, 'blobs', looseSha.slice(0, 2), looseSha.slice(2, 4));
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, looseSha), loose);
  assert.is(((await refusal(statCourtFile({ nc, signer, court: COURT, source: 'blob', id: looseSha }))).details as { court: string }).court, 'NOT_ATTACHED');
  assert.is(((await refusal(statCourtFile({ nc, signer, court: COURT, source: 'blob', id: 'a'.repeat(64) }))).details as { court: string }).court, 'NOT_FOUND');
  assert.is(((await refusal(statCourtFile({ nc, signer, court: COURT, source: 'blob', id: '../journal.sqlite' }))).details as { court: string }).court, 'BAD_ID');
});

test('archive files: <packageId>/<path> served; "..", absolute paths and links out of the packages folder refused', async () => {
  const bag = join(court.dataDir, 'archive', 'packages', 'pkg-1');
  mkdirSync(join(bag, 'data'), { recursive: true });
  const body = Buffer.from('BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n');
  writeFileSync(join(bag, 'bagit.txt'), body);
  writeFileSync(join(bag, 'data', 'опис.pdf'), scan.subarray(0, 100_000));
  const st = await statCourtFile({ nc, signer, court: COURT, source: 'archive', id: 'pkg-1/bagit.txt' });
  assert.equal(st, { size: body.length, sha256: createHash('sha256').update(body).digest('hex') });
  const dest = join(tempDir(), 'pkg-1', 'data', 'опис.pdf');
  const want = createHash('sha256').update(scan.subarray(0, 100_000)).digest('hex');
  const r = await fetchCourtFile({ nc, signer, court: COURT, source: 'archive', id: 'pkg-1/data/опис.pdf', dest, size: 100_000, sha256: want });
  assert.is(r.sha256, want);
  symlinkSync(join(court.dataDir, 'journal.sqlite'), join(bag, 'data', 'link'));
  for (const id of ['pkg-1/../../journal.sqlite', '/etc/passwd', 'pkg-1', 'pkg-1/data/link', 'pkg-1\\..\\x']) {
    const e = await refusal(statCourtFile({ nc, signer, court: COURT, source: 'archive', id }));
    assert.is((e.details as { court: string }).court, 'BAD_ID', id);
  }
  assert.is(((await refusal(statCourtFile({ nc, signer, court: COURT, source: 'archive', id: 'pkg-1/data/none' }))).details as { court: string }).court, 'NOT_FOUND');
});

test('a wrong expected SHA-256: the bytes are discarded, no file under the final name', async () => {
  const dest = join(tempDir(), 'scan');
  const e = await refusal(fetchCourtFile({ nc, signer, court: COURT, source: 'blob', id: scanSha, dest, size: scan.length, sha256: 'b'.repeat(64) }));
  assert.is(e.code, 'SHA256_MISMATCH');
  assert.not.ok(existsSync(dest) || existsSync(`${dest}.part`));
  const short = await refusal(fetchCourtFile({ nc, signer, court: COURT, source: 'blob', id: scanSha, dest, size: scan.length + 10, sha256: scanSha }));
  assert.is(short.code, 'SIZE_MISMATCH');
});

test('only a signed central node is served: unsigned and court-signed requests are FORBIDDEN; no other court may listen', async () => {
  const subject = filesStatSubject(COURT);
  const body = JSON.stringify({ source: 'blob', id: scanSha });
  const unsigned = await nc.request(subject, body, { timeout: 5000 });
  assert.match(decodeURIComponent(unsigned.headers?.get('Asds-Error') ?? ''), /"code":"FORBIDDEN"/);
  assert.is(unsigned.data.length, 0);
  const other = await nats.bus.identity('court-538');
  const signed = await nc.request(subject, body, { timeout: 5000, headers: signedHeaders(signerOf(other), subject, body) });
  assert.match(decodeURIComponent(signed.headers?.get('Asds-Error') ?? ''), /"code":"FORBIDDEN"/);
  // the server itself refuses court 538 a subscription to 537's files
  const nc538 = await nats.bus.connect('court-538');
  try {
    const errors: unknown[] = [];
    void (async () => {
      for await (const s of nc538.status()) if (s.type === 'error') errors.push(s);
    })();
    nc538.subscribe(`asds.files.${COURT}.>`);
    await nc538.flush();
    await until(async () => (errors.length > 0 ? true : undefined), 'a permissions violation', 5000);
  } finally {
    await nc538.close();
  }
});

async function assert_rejects(p: Promise<unknown>, re: RegExp): Promise<void> {
  try {
    await p;
  } catch (e) {
    assert.match(String((e as Error).message), re);
    return;
  }
  assert.unreachable('expected a rejection');
}

test.run();
