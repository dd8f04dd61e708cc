/**
 * The journals of information files are the hub's journal: after a restart on the same data dir the organisation's
 * journal, its cursor and the acknowledgements are as before (actor `info-files/<org>` rebuilt from its events).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cleanup, tempDir } from '../support/servers.ts';
import { startTestHub } from './support.ts';
import { decision } from './files-fixtures.ts';

test.after(cleanup);

test('after a restart the journal, the fetch cursor and the acknowledgements are unchanged', async () => {
  const dir = tempDir('asds-exchange-files-');
  let h = await startTestHub({ dir });
  const police = await h.addOrg({ id: 'npu', kind: 'police', name: 'Національна поліція України', code: '40108578' });
  const a = await h.hub.infoFiles.sendInformationFile('npu', 'admin-offence-decision', decision());
  const b = await h.hub.infoFiles.sendInformationFile('npu', 'admin-offence-decision', { ...decision(), caseNumber: '537/1235/26' });
  const got = await h.call(police, 'GET', '/exchange/v1/files');
  assert.equal(got.json.files.map((f: { id: string }) => f.id), [a.id, b.id]);
  assert.is((await h.call(police, 'POST', `/exchange/v1/files/${a.id}/ack`)).status, 200);
  const before = (await h.call(police, 'GET', '/exchange/v1/journal')).json.entries;
  await h.stop();

  h = await startTestHub({ dir });
  try {
    const after = (await h.call(police, 'GET', '/exchange/v1/journal')).json.entries;
    assert.equal(after, before);
    assert.equal(after.map((e: { status: string }) => e.status), ['acked', 'fetched']);
    const next = await h.call(police, 'GET', `/exchange/v1/files?after=${got.json.next}`);
    assert.equal(next.json.files, [], 'nothing new after the cursor');
    assert.is((await h.call(police, 'POST', `/exchange/v1/files/${b.id}/ack`)).status, 200);
  } finally {
    await h.stop();
  }
});

test.run();
