/**
 * Issue 11 leftover: the court seal CA pinned at the centre. An operator's CA file is pinned on the court's first
 * checkpoint instead of trusting what it presents; a court that lawfully re-issues its CA is re-pinned by an
 * operator — journaled at the centre (`seal-pin/<court>`, attributed, with the reason and the CA it replaces) —
 * after which its new seal is accepted and the old one refused.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { startCentralNode, type CentralNode } from '../../actors/central/node.ts';
import { repinCourtCa, RepinRefused, SEAL_PIN_KIND, WitnessStore } from '../../actors/central/witness/index.ts';
import { headCheckpoint, sealCheckpoint } from '../../actors/court/checkpoint/index.ts';
import { createSigner, initCourtCa, readSeal } from '../../actors/pki/index.ts';
import { checkpointSubject, type CheckpointAnswerV1, type CheckpointV1 } from '../../contracts/witness/index.ts';
import { signedHeaders, signerOf } from '../../runtime/bus/nats-sign.ts';
import type { AnalyticsEngine } from '../../analytics/engine.ts';
import { cleanup, startNats, tempDir, type NatsHandle } from '../support/servers.ts';
import { until } from '../replication/support.ts';
import { TEST_KEY_PASSPHRASE } from '../support/keys.ts';
import { startWitnessedCourt, write, type WitnessedCourt } from './support.ts';

process.env.ASDS_LOG ??= 'silent';
const test = suite('witness: the court CA pin — the operator\'s file, and a journaled re-pin');
const ctx: { nats?: NatsHandle; central?: CentralNode; engine?: AnalyticsEngine; centralDir: string; courts: WitnessedCourt[] } = { centralDir: tempDir('asds-repin-central-'), courts: [] };

test.before(async () => {
  ctx.nats = await startNats({ jetstream: true });
  ctx.central = await startCentralNode({ node: 'central-1', dataDir: ctx.centralDir, natsUrl: ctx.nats.url, bus: await ctx.nats.bus.identity('central-1'), anyCourt: true });
  ctx.engine = (await ctx.central.ingest)!.worker.analytics;
});
test.after(async () => {
  for (const c of ctx.courts) await c.stop().catch(() => undefined);
  await ctx.central?.stop();
  await cleanup();
});

/** A new CA and seal for court `code`, as a court re-issuing its CA would make. */
function newCa(code: string, pass = 'new-ca-passphrase-1') {
  const dir = join(tempDir('asds-newca-'), 'pki');
  initCourtCa({ dir, courtCode: code, courtName: `Суд ${code}`, passphrase: pass });
  return { pem: readFileSync(join(dir, 'ca.crt.pem'), 'utf8'), signer: createSigner(readSeal(dir, pass)), dir };
}

async function sendAs(c: WitnessedCourt, cp: CheckpointV1): Promise<CheckpointAnswerV1> {
  const subject = checkpointSubject(c.code);
  const body = new TextEncoder().encode(JSON.stringify(cp));
  const m = await c.nc.request(subject, body, { timeout: 15_000, headers: signedHeaders(signerOf(c.identity), subject, body) });
  return JSON.parse(new TextDecoder().decode(m.data)) as CheckpointAnswerV1;
}

/** The refusal's message, or a failure when it did not refuse. */
async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    assert.instance(e, RepinRefused);
    return (e as Error).message;
  }
  throw new Error('the re-pin was not refused');
}

const pinOf = async (court: string) => (await new WitnessStore(() => ctx.engine!).pin(court))?.fingerprint;

function repinEvents(court: string): Array<{ author: string; data: any }> {
  const db = new Database(join(ctx.centralDir, 'journal.sqlite'), { readonly: true });
  try {
    return (db.prepare('SELECT meta, data FROM events WHERE actor = ? ORDER BY aseq').all(`${SEAL_PIN_KIND}/${court}`) as Array<{ meta: string; data: string }>).map((r) => ({ author: JSON.parse(r.meta).author, data: JSON.parse(r.data) }));
  } finally {
    db.close();
  }
}

test('a court that re-issued its CA is refused until an operator re-pins it; the re-pin is journaled, attributed, and the new seal then accepted', async () => {
  const c = await startWitnessedCourt('311', tempDir('asds-repin-311-'), ctx.nats!);
  ctx.courts.push(c);
  await write(c, 4, 'a');
  await until(async () => (await pinOf('311')) !== undefined, 'the first checkpoint pins the court CA');
  const first = (await pinOf('311'))!;
  const fresh = newCa('311');
  const unsealed = () => headCheckpoint('311', c.journal, Date.now())!;
  const before = await sendAs(c, sealCheckpoint(unsealed(), fresh.signer, fresh.pem));
  assert.is(before.ok, false, 'the new CA is not the pinned one yet');

  const system = ctx.central!.system;
  const store = new WitnessStore(() => ctx.engine!);
  // refusals write nothing
  assert.match(await refusal(repinCourtCa({ system, store, court: '311', caPem: 'not a certificate at all, just text that is long enough'.repeat(3), reason: 'перевипуск ЦСК суду', by: 'оператор Тест' })), /не є самопідписаним сертифікатом ЦСК/);
  assert.match(await refusal(repinCourtCa({ system, store, court: '311', caPem: newCa('999').pem, reason: 'перевипуск ЦСК суду', by: 'оператор Тест' })), /суду 999/);
  assert.equal(repinEvents('311'), [], 'nothing journaled for a refused re-pin');

  const r = await repinCourtCa({ system, store, court: '311', caPem: fresh.pem, reason: 'наказ № 12 про перевипуск ЦСК суду', by: 'оператор Тест' });
  assert.equal([r.previous, r.fingerprint === first], [first, false]);
  assert.is(await pinOf('311'), r.fingerprint, 'the latest pin is the one the witness reads');
  const ev = repinEvents('311');
  assert.equal(ev.map((e) => [e.author, e.data.type, e.data.previous, e.data.reason]), [['оператор Тест', 'ca-repinned', first, 'наказ № 12 про перевипуск ЦСК суду']]);
  assert.match(await refusal(repinCourtCa({ system, store, court: '311', caPem: fresh.pem, reason: 'наказ № 12 про перевипуск ЦСК суду', by: 'оператор Тест' })), /уже закріплено/);

  await write(c, 2, 'b');
  const after = await sendAs(c, sealCheckpoint(unsealed(), fresh.signer, fresh.pem));
  assert.is(after.ok, true, JSON.stringify(after));
});

test('the operator\'s CA file is pinned on the first checkpoint: a court presenting another CA is refused from the start', async () => {
  const rogue = newCa('312', 'rogue-passphrase-1');
  mkdirSync(join(ctx.centralDir, 'court-cas'), { recursive: true });
  copyFileSync(join(rogue.dir, 'ca.crt.pem'), join(ctx.centralDir, 'court-cas', '312.crt.pem'));
  const c = await startWitnessedCourt('312', tempDir('asds-repin-312-'), ctx.nats!);
  ctx.courts.push(c);
  await write(c, 3, 'a');
  await until(async () => (await pinOf('312')) !== undefined, 'a pin for court 312');
  const r = await sendAs(c, sealCheckpoint(headCheckpoint('312', c.journal, Date.now())!, createSigner(readSeal(join(c.dataDir, 'pki'), TEST_KEY_PASSPHRASE)), readFileSync(join(c.dataDir, 'pki', 'ca.crt.pem'), 'utf8')));
  assert.is(r.ok, false, 'the court\'s own (unplaced) CA is not the one the operator placed');
  assert.match((r as { error: string }).error, /not the CA pinned/);
  const placed = await new WitnessStore(() => ctx.engine!).pin('312');
  assert.is(placed!.pem.trim(), rogue.pem.trim(), 'the pinned CA is the operator\'s file');
});

test.run();
