/**
 * Journal rows → dossier rows (actors/archive/rows.ts): a chain row recomputes to its stored hash from
 * the public view alone; a legacy (format 1) row and a gap in the journal are refused with
 * ARCHIVE_DOSSIER_INVALID (a segment with either could never prove the case).
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { chainHashV2, Journal, publicText } from '../../runtime/index.ts';
import { courtPublicView } from '../../contracts/ingest/index.ts';
import { caseRowOf, chainRowOf, readSegment } from '../../actors/archive/index.ts';
import { cleanup, tempDir } from '../support/servers.ts';

const test = suite('archive: journal rows to chain and case rows');
test.after(cleanup);

const ev = (type: string, data: Record<string, unknown>) => ({ type, data: JSON.stringify({ type, ...data }), meta: JSON.stringify({ author: 'registrar-1' }) });

test('a chain row recomputes to the stored hash from its public view; the case row keeps the full stored texts', async () => {
  const j = new Journal(join(tempDir(), 'journal.sqlite'), { publicView: courtPublicView({ hashKey: 'k' }) });
  await j.persist({ actor: 'case/537/1/26', expectedSeq: 0, ts: 5, events: [ev('card-opened', { ueun: '537/1/26', covert: { person: 'X' } }), ev('card-moved', { movement: { kind: 'other', to: 'архів' } })] });
  const rows = j.read(1, 10);
  const seg = readSegment(j, 1, 2, 1);
  j.close();
  assert.is(seg.length, 2);
  for (const r of seg) assert.is(chainHashV2(r.prevHash, r, r.hidden, publicText({ author: r.author, data: r.data, redacted: r.redacted })), r.hash);
  assert.equal(seg[0]!.redacted, ['covert']);
  const c = caseRowOf(rows[0]!);
  assert.is(c.data, rows[0]!.data);
  assert.is(c.salt, rows[0]!.salt);
});

test('a legacy row or a gap is refused with ARCHIVE_DOSSIER_INVALID', () => {
  const legacy = { gseq: 3, actor: 'case/x', aseq: 1, type: 't', ts: 1, meta: '{}', data: '{}', chain: 1, salt: null, pub: null, prev_hash: '0'.repeat(64), hash: '1'.repeat(64) };
  const e = (() => {
    try {
      chainRowOf(legacy);
    } catch (x) {
      return x as { code: string; message: string };
    }
    return undefined;
  })();
  assert.is(e?.code, 'ARCHIVE_DOSSIER_INVALID');
  assert.match(e!.message, /chain format 1/);
  const gap = { read: () => [] };
  assert.throws(() => readSegment(gap, 1, 2), (x: { code?: string }) => x.code === 'ARCHIVE_DOSSIER_INVALID');
});

test.run();
