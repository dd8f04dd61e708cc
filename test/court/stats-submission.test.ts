/**
 * A signed report's journey to the centre (Засади 16.1.6) over a real
 * nats-server with the bus PKI: signed while the centre is away, the court
 * restarted, the node sends it when a centre answers (durable: "signed, not
 * sent" is in the journal); the submission is signed by the court's bus
 * identity and its CMS verifies; the statuses sent → received → accepted (or
 * returned with remarks) are recorded and listed in Ukrainian.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import type { NatsConnection } from '@nats-io/transport-node';
import { cleanup, startNats, tempDir, type NatsHandle } from '../support/servers.ts';
import { today } from './support.ts';
import { until } from './legal-force-support.ts';
import { registeredDrawn, startStatsCourt, type StatsCourt } from './stats-support.ts';
import { loadTrustStore, signDetached, verifyDetached } from '../../actors/pki/index.ts';
import { senderOf, signedHeaders, signerOf } from '../../runtime/bus/nats-sign.ts';
import { schemaErrors } from '../../runtime/validate.ts';
import { canonicalJson } from '../../actors/distribution/canonical.ts';
import { sha256Hex } from '../../actors/court/stats/index.ts';
import { StatSubmissionV1, statsStatusSubject, statsSubmitSubject, type StatStatusV1 } from '../../contracts/stats/index.ts';
import type { BusIdentity } from '../../runtime/bus/identity.ts';

process.env.ASDS_LOG ??= 'silent';
process.env.ASDS_STATS_RETRY_MS = '200';
const test = suite('court statistics: signed reports sent to the centre over NATS, statuses recorded');

const enc = new TextEncoder();
const dec = new TextDecoder();
let nats: NatsHandle;
let central: { nc: NatsConnection; id: BusIdentity };
let c: StatsCourt | undefined;
const dataDir = tempDir('asds-stats-court-');
const received: StatSubmissionV1[] = [];

test.before(async () => {
  nats = await startNats();
  central = { nc: await nats.bus.connect('central-1'), id: await nats.bus.identity('central-1') };
});
test.after(async () => {
  await c?.server.stop();
  await central.nc.close();
  await nats.stop();
  await cleanup();
});

const startNode = async () => (c = await startStatsCourt({ dataDir, node: { natsUrl: nats.url, bus: await nats.bus.identity('court-537') } }));
const submissions = async () => (await c!.api.call('GET', '/stats/submissions', { token: c!.stat })).body.items as Array<{ documentId: string; status: string; statusUk: string; history: Array<{ status: string; statusUk: string; remarks?: string }> }>;
const rowOf = async (id: string) => (await submissions()).find((r) => r.documentId === id);

/** A centre in this test: checks who sent it and that the Original verifies, then answers "received". */
function respond(): void {
  central.nc.subscribe(statsSubmitSubject('537'), {
    callback: (_err, m) => {
      const from = senderOf(m, central.id.operatorPublicKey, { class: 'court', node: 'court-537' });
      assert.is(from.node, 'court-537');
      const s = JSON.parse(dec.decode(m.data)) as StatSubmissionV1;
      assert.equal(schemaErrors(StatSubmissionV1, s), []);
      const content = Buffer.from(canonicalJson(s.report), 'utf8');
      assert.is(sha256Hex(content), s.reportSha256);
      assert.is(verifyDetached({ content, cms: Buffer.from(s.cms, 'base64'), trustStore: loadTrustStore(join(dataDir, 'pki')) }).indication, 'TOTAL_PASSED');
      received.push(s);
      const answer: StatStatusV1 = { v: 1, documentId: s.documentId, status: 'received', at: Date.now() };
      m.respond(enc.encode(JSON.stringify(answer)));
    },
  });
}

function publishStatus(st: StatStatusV1): void {
  const subject = statsStatusSubject('537');
  const body = enc.encode(JSON.stringify(st));
  central.nc.publish(subject, body, { headers: signedHeaders(signerOf(central.id), subject, body) });
}

async function signOne(form = '1-мзс-example'): Promise<string> {
  const kept = await c!.api.call('POST', '/stats/originals', { token: c!.stat, body: { form, from: today(), to: today(), kind: 'any' } });
  assert.is(kept.status, 201, JSON.stringify(kept.body));
  const content = Buffer.from(kept.body.content, 'utf8');
  const cms = signDetached({ content, certPem: c!.cert.certPem, keyPem: c!.cert.keyPem }).toString('base64');
  const s = await c!.api.call('POST', `/stats/originals/${encodeURIComponent(kept.body.documentId)}/signatures`, { token: c!.stat, body: { cms } });
  assert.is(s.status, 201, JSON.stringify(s.body));
  return kept.body.documentId as string;
}

test('signed while no centre answers, kept across a restart, sent when the centre is back; received → accepted', async () => {
  await startNode();
  await registeredDrawn(c!);
  const id = await signOne();
  // nobody listens on the submit subject: the node keeps it as signed and retries
  assert.is((await rowOf(id))!.status, 'signed');
  await c!.server.stop();
  c = undefined;
  respond();
  await startNode();
  const row = await until(async () => ((await rowOf(id))?.status === 'received' ? rowOf(id) : undefined), 'the centre received it');
  assert.equal(row!.history.map((h) => h.status), ['draft', 'signed', 'sent', 'received']);
  assert.equal(row!.history.map((h) => h.statusUk), ['сформовано, не підписано', 'підписано, очікує надсилання', 'надіслано', 'отримано']);
  assert.is(received.filter((s) => s.documentId === id).length >= 1, true);
  assert.is(received.find((s) => s.documentId === id)!.author.name, 'Бондар Оксана Петрівна');
  publishStatus({ v: 1, documentId: id, status: 'accepted', at: Date.now(), by: 'Обласне управління ДСА' });
  const done = await until(async () => ((await rowOf(id))?.status === 'accepted' ? rowOf(id) : undefined), 'accepted');
  assert.is(done!.statusUk, 'прийнято');
});

test('returned with remarks: recorded with them; an unsigned status message is ignored', async () => {
  const id = await signOne();
  await until(async () => ((await rowOf(id))?.status === 'received' ? true : undefined), 'received');
  // not signed by a central node: refused, nothing recorded
  central.nc.publish(statsStatusSubject('537'), enc.encode(JSON.stringify({ v: 1, documentId: id, status: 'accepted', at: Date.now() })));
  publishStatus({ v: 1, documentId: id, status: 'returned', at: Date.now(), remarks: 'Розділ 2, рядок 1, графа 3: 2 замість 1 за даними центру' });
  const row = await until(async () => ((await rowOf(id))?.status === 'returned' ? rowOf(id) : undefined), 'returned');
  assert.is(row!.statusUk, 'повернуто на доопрацювання');
  assert.is(row!.history.at(-1)!.remarks, 'Розділ 2, рядок 1, графа 3: 2 замість 1 за даними центру');
  assert.not.ok(row!.history.some((h) => h.status === 'accepted'), 'the unsigned "accepted" left no trace');
});

test.run();
