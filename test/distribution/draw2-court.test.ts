/**
 * asds-draw/2 on a court node (issue 13 item 13): the distribution actor's
 * draws come from the seal's VRF bound to its stream head, so the runtime's
 * random source no longer matters; the head is the journal's; the public
 * seal certificate endpoint gives a third party what it needs to verify;
 * asds-draw/1 protocols still verify.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import Database from 'better-sqlite3';
import Fastify from 'fastify';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkProtocolDocument, ensureCourtSeal, ProtocolStore, streamHeadProblems, distributionBehavior } from '../../actors/court/distribution/index.ts';
import { chainStreamHead, GENESIS_STREAM_HEAD } from '../../actors/court/distribution/stream-head.ts';
import { sealCertificateRoutes } from '../../actors/court/http/seal-certificate.ts';
import type { CourtHttpContext } from '../../actors/court/http/context.ts';
import { courtSealAnchor } from '../../actors/pki/index.ts';
import { ActorSystem, Journal } from '../../runtime/index.ts';
import { cleanup, tempDir } from '../support/servers.ts';
import { civil, kyiv, startCourt, testConfig, testSeal } from '../court/distribution/support.ts';
import { martialCalendar } from './support/fixtures.ts';

const test = suite('asds-draw/2 on the court node');
test.after(cleanup);

const fill = (b: number) => (n: number) => new Uint8Array(n).fill(b);

async function drawThree(randomBytes: (n: number) => Uint8Array) {
  const c = startCourt({ randomBytes });
  const out = [];
  for (const [i, cat] of [[1, 'civil-claim'], [2, 'criminal-panel'], [3, 'civil-claim']] as const) out.push(await c.ask<any>({ type: 'distribute', case: civil(`537/${i}/25`, { category: cat }) }));
  await c.system.shutdown();
  return { dir: c.dir, out };
}

test('the runtime random source no longer decides: two nodes with different CSPRNGs draw the same', async () => {
  const a = await drawThree(fill(0x00));
  const b = await drawThree(fill(0xff));
  for (let i = 0; i < 3; i++) {
    const pa = a.out[i].document.protocol;
    const pb = b.out[i].document.protocol;
    assert.is(pa.algorithm, 'asds-draw/2');
    assert.is(pa.randomBytes, undefined);
    assert.equal(pa.steps.map((s: any) => [s.bytes, s.chosen]), pb.steps.map((s: any) => [s.bytes, s.chosen]));
    assert.ok(pa.steps.every((s: any) => /^[0-9a-f]{512}$/.test(s.proof)), 'an RSA-2048 proof per step');
  }
  // Each attempt binds a different stream head.
  assert.is(new Set(a.out.map((o) => o.document.protocol.vrf.prev)).size, 3);
});

test('prev is the head of the actor stream in the journal before the attempt; an edited prev is caught', async () => {
  const { dir, out } = await drawThree(fill(0x01));
  const db = new Database(join(dir, 'journal.sqlite'), { readonly: true });
  const rows = db.prepare("SELECT aseq, data FROM events WHERE actor = 'distribution/537' ORDER BY aseq").all() as Array<{ aseq: number; data: string }>;
  db.close();
  for (const o of out) {
    let h = GENESIS_STREAM_HEAD;
    for (const r of rows) if (r.aseq < o.seq) h = chainStreamHead(h, r.data);
    assert.is(o.document.protocol.vrf.prev, h, `attempt ${o.seq}`);
  }
  const store = new ProtocolStore(join(dir, 'journal.sqlite'));
  const doc = store.get(out[2].documentId)!.document;
  assert.equal(streamHeadProblems(store, doc), []);
  const moved = structuredClone(doc);
  (moved.protocol as any).vrf.prev = out[1].document.protocol.vrf.prev; // "drawn at another moment"
  assert.match(streamHeadProblems(store, moved).join('\n'), /protocol\/vrf\/prev/);
  store.close();
  // The whole document checks under the court CA: seal and VRF proofs.
  assert.equal(checkProtocolDocument(doc, testSeal().trust).problems, []);
  // A copy whose candidates were re-weighted and re-proven with another key is refused (the seal's key only).
  const bad = structuredClone(doc) as any;
  bad.protocol.vrf.key = 'ab'.repeat(32);
  assert.match(checkProtocolDocument(bad, testSeal().trust).problems.join('\n'), /vrf\/key/);
});

test('GET /public/seal-certificate: the seal certificate and CA, no login; with them a third party verifies the protocol by file', async () => {
  const data = tempDir();
  const signer = ensureCourtSeal(data, '537', 'Тестовий суд');
  const system = new ActorSystem({ node: 'court-537', journal: join(data, 'journal.sqlite') }).register(distributionBehavior({ zasady: [testConfig()], calendar: martialCalendar, signer })).start();
  const out = await system.ref('distribution', '537').ask<any>({ type: 'distribute', case: civil('537/7/25', { category: 'criminal-panel' }) });
  await system.shutdown();

  const app = Fastify();
  await app.register(sealCertificateRoutes({ court: '537', blobs: { root: join(data, 'blobs') } } as unknown as CourtHttpContext));
  const json = await app.inject({ method: 'GET', url: '/public/seal-certificate' });
  assert.is(json.statusCode, 200);
  const body = json.json();
  assert.is(body.court, '537');
  assert.match(body.seal.subject, /Печатка/);
  assert.is(body.seal.vrfKey, out.document.protocol.vrf.key, 'the key every v2 protocol names');
  assert.match(body.ca.pem, /BEGIN CERTIFICATE/);
  const pem = await app.inject({ method: 'GET', url: '/public/seal-certificate?format=pem' });
  assert.is(pem.body, body.seal.pem + body.ca.pem);
  await app.close();

  // Only what was published: the CA from the endpoint, the protocol as a file.
  const dir = tempDir();
  writeFileSync(join(dir, 'ca.pem'), body.ca.pem);
  writeFileSync(join(dir, 'p.json'), JSON.stringify(out.document));
  courtSealAnchor(body.ca.pem);
  const r = spawnSync(process.execPath, ['bin/asds.js', 'verify-protocol', join(dir, 'p.json'), '--ca', join(dir, 'ca.pem')], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, ASDS_LOG: 'error' } });
  assert.is(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /asds-draw\/2: VRF proofs verified under the seal certificate/);
  // The centre's registry pins the court's CA: the published CA passes, another does not.
  const run = (pin: string) => {
    writeFileSync(join(dir, 'courts.yaml'), `schema: asds.courts/v1\ncourts:\n  - code: "537"\n    name: Тестовий суд\n    seal:\n      caSha256: ${pin}\n      sealSha256: ${body.seal.sha256}\n`);
    return spawnSync(process.execPath, ['bin/asds.js', 'verify-protocol', join(dir, 'p.json'), '--ca', join(dir, 'ca.pem'), '--courts', join(dir, 'courts.yaml')], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, ASDS_LOG: 'error' } });
  };
  const pinned = run(body.ca.sha256);
  assert.is(pinned.status, 0, pinned.stdout + pinned.stderr);
  const wrong = run('ab'.repeat(32));
  assert.is(wrong.status, 1);
  assert.match(wrong.stdout, /MISMATCH registry: the CA used/);
  const byId = spawnSync(process.execPath, ['bin/asds.js', 'verify-protocol', out.documentId, '--data', data], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, ASDS_LOG: 'error' } });
  assert.is(byId.status, 0, byId.stdout + byId.stderr);
  assert.match(byId.stdout, /stream head recomputed from the journal/);
});

test('a snapshot from before the stream head is set aside: the head comes from the whole stream, never restarted from genesis', async () => {
  const { dir, out } = await drawThree(fill(0x02));
  const journalPath = join(dir, 'journal.sqlite');
  const rowsOf = () => {
    const db = new Database(journalPath, { readonly: true });
    try {
      return db.prepare("SELECT aseq, type, data FROM events WHERE actor = 'distribution/537' ORDER BY aseq").all() as Array<{ aseq: number; type: string; data: string }>;
    } finally {
      db.close();
    }
  };
  const rows = rowsOf();
  const behavior = distributionBehavior({ zasady: [testConfig()], calendar: martialCalendar, signer: testSeal().signer });
  let state = behavior.initialState('537');
  for (const r of rows) state = behavior.evolve(state, JSON.parse(r.data));
  const { head, ...old } = state; // as a snapshot taken before the field existed
  assert.is.not(head, GENESIS_STREAM_HEAD);
  const j = new Journal(journalPath);
  await j.persist({ actor: 'distribution/537', expectedSeq: rows.at(-1)!.aseq, events: [], ts: Date.now(), snapshot: { aseq: rows.at(-1)!.aseq, state: JSON.stringify(old) } });
  j.close();

  const system = new ActorSystem({ node: 'court-537', journal: journalPath, clock: () => kyiv('2025-06-10'), randomBytes: fill(0x03) }).register(behavior).start();
  const r = await system.ref('distribution', '537').ask<any>({ type: 'distribute', case: civil('537/4/25') });
  await system.shutdown();
  // prev = the head over every event of the stream before the protocol's own (the whole stream, not genesis)
  const after = rowsOf();
  const at = after.find((x) => x.type === 'case-distributed' && JSON.parse(x.data).document.documentId === r.document.documentId)!.aseq;
  const expected = after.filter((x) => x.aseq < at).reduce((h, x) => chainStreamHead(h, x.data), GENESIS_STREAM_HEAD);
  assert.is(r.document.protocol.vrf.prev, expected);
  assert.is(out.length, 3);
});

test('asds-draw/1 stays available and verifiable on a node configured for it', async () => {
  const data = tempDir();
  const system = new ActorSystem({ node: 'court-537', journal: join(data, 'journal.sqlite'), clock: () => kyiv('2025-06-10') })
    .register(distributionBehavior({ zasady: [testConfig()], calendar: martialCalendar, signer: testSeal().signer, draw: 'asds-draw/1' }))
    .start();
  const out = await system.ref('distribution', '537').ask<any>({ type: 'distribute', case: civil('537/8/25') });
  await system.shutdown();
  assert.is(out.document.protocol.algorithm, 'asds-draw/1');
  assert.match(out.document.protocol.randomBytes, /^[0-9a-f]{64}$/);
  assert.equal(checkProtocolDocument(out.document, testSeal().trust).problems, []);
});

test.run();
