/** The court node hosts the distribution actor with the Lubny Засади and bootstraps the court seal under <data>/pki. */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startCourtNode } from '../../../actors/court/node.ts';
import { checkProtocolDocument } from '../../../actors/court/distribution/index.ts';
import { loadCourtSealAnchor } from '../../../actors/pki/index.ts';
import { cleanup, tempDir } from '../../support/servers.ts';

process.env.ASDS_LOG ??= 'silent';
const test = suite('court node: distribution wiring');
test.after(cleanup);

test('court 537 distributes with the example Засади; the seal is created on first start and reused', async () => {
  const data = tempDir();
  let host = await startCourtNode({ court: '537', dataDir: data });
  assert.ok(existsSync(join(data, 'pki', 'seal.key.pem')));
  const out = await host.system.ref('distribution', '537').ask<any>({ type: 'distribute', case: { caseId: '537/1/25', category: 'civil-claim', exclusions: [] } });
  assert.is(out.status, 'distributed');
  assert.is(out.document.protocol.zasady.id, 'lubny-2025-04-01');
  await host.stop();
  host = await startCourtNode({ court: '537', dataDir: data });
  const again = await host.system.ref('distribution', '537').ask<any>({ type: 'distribute', case: { caseId: '537/2/25', category: 'civil-claim', exclusions: [] } });
  assert.equal(checkProtocolDocument(again.document, loadCourtSealAnchor(join(data, 'pki'))).problems, [], 'same seal after a restart');
  await host.stop();
});

test('a court whose code differs from the default example Засади runs without the distribution actor; an explicit foreign --zasady is refused', async () => {
  const host = await startCourtNode({ court: '999', dataDir: tempDir() });
  await host.stop();
  try {
    await startCourtNode({ court: '999', dataDir: tempDir(), zasadyFile: 'deploy/examples/lubny/zasady.yaml' });
    assert.unreachable();
  } catch (e) {
    assert.match((e as Error).message, /court 537/);
  }
});

test.run();
