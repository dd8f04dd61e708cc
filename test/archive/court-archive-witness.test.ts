/**
 * Issue 15 item 3's journal proof, court side: a court on the bus with a real central worker (the witness of
 * checkpoints) packages a due case with a checkpoint the centre witnessed and the centre's signed receipt for it —
 * the package validates with the bus operator's key and names no missing receipt.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startCentralNode, type CentralNode } from '../../actors/central/node.ts';
import { validatePackage } from '../../actors/archive/index.ts';
import { cleanup, startNats, tempDir, type NatsHandle } from '../support/servers.ts';
import { lawfulZasadyFile } from '../court/distribution/lawful.ts';
import { registeredDrawn } from '../court/stats-support.ts';
import { PASSWORD, startCourt, today, type Court } from '../court/support.ts';

process.env.ASDS_LOG ??= 'silent';
const test = suite('court archive: the package carries a checkpoint the centre witnessed');
const ctx: { nats?: NatsHandle; central?: CentralNode; c?: Court; archivist?: string; operatorKey?: string } = {};

test.before(async () => {
  ctx.nats = await startNats({ jetstream: true });
  ctx.central = await startCentralNode({ node: 'central-1', dataDir: tempDir('asds-archive-central-'), natsUrl: ctx.nats.url, bus: await ctx.nats.bus.identity('central-1'), anyCourt: true });
  const dir = tempDir('asds-archive-zasady-');
  const zasady = join(dir, 'zasady.yaml');
  copyFileSync(lawfulZasadyFile(), zasady);
  writeFileSync(join(dir, 'archive.yaml'), readFileSync('deploy/examples/lubny/archive.yaml', 'utf8').replace(/holdingDays: 30/g, 'holdingDays: 0'));
  const bus = await ctx.nats.bus.identity('court-537');
  ctx.operatorKey = bus.operatorPublicKey;
  ctx.c = await startCourt({ zasadyFile: zasady, server: { natsUrl: ctx.nats.url, bus } as never });
  await ctx.c.server.host.natsReady;
  assert.is((await ctx.c.api.call('POST', '/users', { token: ctx.c.tokens.admin, body: { login: 'archive.sydorenko', fullName: 'Сидоренко Ганна Петрівна', role: 'archivist', password: PASSWORD, order: { number: '9-к', date: '2025-01-10' } } })).status, 201);
  ctx.archivist = await ctx.c.api.login('archive.sydorenko');
});

test.after(async () => {
  await ctx.c?.server.stop();
  await ctx.central?.stop();
  await cleanup();
});

async function until<T>(what: string, f: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

test("the Lubny rules (holding period 0 here) list the case; the package's proof is witnessed by the centre", async () => {
  const c = ctx.c!;
  const k = await registeredDrawn(c);
  const d = await c.api.call('POST', `${k.path}/decision`, { token: c.tokens.head, body: { outcome: 'decision', date: today(), appealable: false } });
  assert.is(d.status, 201, JSON.stringify(d.body));
  await until('due', async () => {
    const r = await c.api.call('GET', '/archive/due', { token: ctx.archivist! });
    return (r.body.cases as Array<{ ueun: string; state: string }>).find((x) => x.ueun === k.ueun && x.state === 'due');
  });
  assert.is((await c.api.call('POST', `/archive/cases/${k.ueun}/confirm`, { token: ctx.archivist! })).status, 201);
  const built = await until('built', async () => {
    const r = await c.api.call('GET', '/archive/packages', { token: ctx.archivist! });
    return (r.body.cases as Array<{ ueun: string; state: string; package?: { packageId: string } }>).find((x) => x.ueun === k.ueun && x.state === 'built');
  });
  const dir = join(c.dataDir, 'archive', 'packages', built.package!.packageId);
  assert.ok(existsSync(join(dir, 'data', 'proof', 'receipt.json')), "the centre's receipt is in the package");
  const receipt = JSON.parse(readFileSync(join(dir, 'data', 'proof', 'receipt.json'), 'utf8')) as { centre: string; gseq: number };
  const checkpoint = JSON.parse(readFileSync(join(dir, 'data', 'proof', 'checkpoint.json'), 'utf8')) as { gseq: number };
  assert.is(receipt.centre, 'central-1');
  assert.is(receipt.gseq, checkpoint.gseq);
  const report = await validatePackage(dir, { operatorKey: ctx.operatorKey! });
  assert.ok(report.ok, JSON.stringify(report.problems));
});

test.run();
