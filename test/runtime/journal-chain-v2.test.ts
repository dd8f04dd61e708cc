/**
 * Chain format 2 (runtime/journal/hash.ts): the journal commits to the public
 * view its opener's policy decides at write, plus a salted digest of the whole
 * row; old rows stay verifiable as the legacy range (format 1).
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { chainHash, GENESIS_HASH, hiddenDigest, Journal, verifyJournalFile, type StoredEvent } from '../../runtime/index.ts';
import { courtPublicView } from '../../contracts/ingest/index.ts';
import { cleanup, tempDir } from '../support/servers.ts';

const test = suite('runtime: journal chain format 2 (public view + salted digest), legacy range');
test.after(cleanup);

const policy = courtPublicView({ hashKey: 'k' });
const ev = (data: Record<string, unknown>, author = 'clerk-1') => ({ type: String(data.type), data: JSON.stringify(data), meta: JSON.stringify({ author, role: 'clerk' }) });

test('test vector: a fixed row gives a fixed hash (computed independently, with Python hashlib)', () => {
  const row = {
    gseq: 1,
    actor: 'case/537-1-25',
    aseq: 1,
    type: 'card-opened',
    ts: 1_700_000_000_000,
    meta: '{"author":"clerk-1"}',
    data: '{"type":"card-opened","ueun":"537/1/25","covert":{"person":"Іван"}}',
    chain: 2,
    salt: '00112233445566778899aabbccddeeff',
    pub: '{"author":"clerk-1","data":{"ueun":"537/1/25"},"redacted":["covert"]}',
  };
  assert.is(hiddenDigest(row.salt, row.meta, row.data), 'bdbfc1dca04166bb36e6f69605e12f09e77b2db4412d71c612d4c351e0faca49');
  assert.is(chainHash(GENESIS_HASH, row), '06f26be4878497cac982433fee8d67a46938657ce1bcce7d83f40f7c5b2a8fc1');
  // the same row read as format 1 hashes differently: the format is part of what is verified
  assert.is.not(chainHash(GENESIS_HASH, { ...row, chain: 1 }), chainHash(GENESIS_HASH, row));
});

test('rows are written in format 2: the policy\'s view committed, salt per row, the secret only in the row itself', async () => {
  const file = join(tempDir(), 'journal.sqlite');
  const j = new Journal(file, { publicView: policy });
  await j.persist({ actor: 'case/537-1-25', expectedSeq: 0, ts: 1, events: [ev({ type: 'card-opened', ueun: '537/1/25', covert: { person: 'СЕКРЕТ' } }), ev({ type: 'card-opened', ueun: '537/1/25', covert: { person: 'СЕКРЕТ' } })] });
  const rows = j.read(1, 10);
  j.close();
  assert.equal(rows.map((r) => r.chain), [2, 2]);
  assert.equal(JSON.parse(rows[0]!.pub!), { author: 'clerk-1', data: { ueun: '537/1/25' }, redacted: ['covert'] });
  assert.not.ok(rows[0]!.pub!.includes('СЕКРЕТ'));
  assert.ok(rows[0]!.data.includes('СЕКРЕТ'), 'the court keeps its record whole');
  assert.match(rows[0]!.salt!, /^[0-9a-f]{32}$/);
  assert.is.not(rows[0]!.salt, rows[1]!.salt);
  assert.is.not(hiddenDigest(rows[0]!.salt!, rows[0]!.meta, rows[0]!.data), hiddenDigest(rows[1]!.salt!, rows[1]!.meta, rows[1]!.data), 'equal rows, different digests');
  const rep = verifyJournalFile(file);
  assert.ok(rep.ok);
  assert.is(rep.legacyEvents, 0);
});

test('no policy: nothing is public (fail-closed); a policy that throws: nothing public, the write still succeeds', async () => {
  const a = new Journal(join(tempDir(), 'journal.sqlite'));
  await a.persist({ actor: 'case/1', expectedSeq: 0, ts: 1, events: [ev({ type: 'card-opened', ueun: 'x' })] });
  assert.equal(JSON.parse(a.read(1, 1)[0]!.pub!), { author: '', data: {}, redacted: ['*'] });
  a.close();
  const b = new Journal(join(tempDir(), 'journal.sqlite'), {
    publicView: () => {
      throw new Error('policy bug');
    },
  });
  await b.persist({ actor: 'case/1', expectedSeq: 0, ts: 1, events: [ev({ type: 'card-opened', ueun: 'x' })] });
  assert.equal(JSON.parse(b.read(1, 1)[0]!.pub!), { author: '', data: {}, redacted: ['*'] });
  b.close();
});

test('an edited public view, an edited hidden field, and an edit re-hashed with the next link left alone: each is found', async () => {
  const file = join(tempDir(), 'journal.sqlite');
  const j = new Journal(file, { publicView: policy });
  for (let i = 1; i <= 4; i++) await j.persist({ actor: 'case/9', expectedSeq: i - 1, ts: i, events: [ev({ type: 'card-moved', movement: { kind: 'other', to: `r${i}` }, covertNote: 'n' })] });
  j.close();
  const db = new Database(file);
  const row = db.prepare('SELECT * FROM events WHERE gseq = 2').get() as StoredEvent;
  db.prepare('UPDATE events SET pub = ? WHERE gseq = 2').run(row.pub!.replace('r2', 'rX'));
  assert.equal([verifyJournalFile(file).firstBreak?.gseq, verifyJournalFile(file).firstBreak?.problem], [2, 'hash-mismatch']);
  db.prepare('UPDATE events SET pub = ?, data = ? WHERE gseq = 2').run(row.pub, row.data.replace('"n"', '"m"'));
  assert.equal(verifyJournalFile(file).firstBreak?.problem, 'hash-mismatch', 'a hidden field is covered by the salted digest');
  const edited = { ...row, data: row.data.replace('"n"', '"m"') };
  db.prepare('UPDATE events SET hash = ? WHERE gseq = 2').run(chainHash(row.prev_hash, edited));
  assert.equal([verifyJournalFile(file).firstBreak?.gseq, verifyJournalFile(file).firstBreak?.problem], [3, 'prev-hash-mismatch']);
  db.close();
});

test('a journal written before format 2: its rows stay format 1 (the legacy range), new rows are format 2, both verify; a format 1 row after format 2 is a break', async () => {
  const file = join(tempDir(), 'journal.sqlite');
  const j = new Journal(file);
  for (let i = 1; i <= 3; i++) await j.persist({ actor: 'case/7', expectedSeq: i - 1, ts: i, events: [ev({ type: 'card-moved', i })] });
  j.close();
  // as the journal was before: format 1 hashes, no chain/salt/pub columns
  const db = new Database(file);
  let prev = GENESIS_HASH;
  for (const r of db.prepare('SELECT * FROM events ORDER BY gseq').all() as StoredEvent[]) {
    const hash = chainHash(prev, { ...r, chain: 1 });
    db.prepare('UPDATE events SET prev_hash = ?, hash = ? WHERE gseq = ?').run(prev, hash, r.gseq);
    prev = hash;
  }
  for (const c of ['chain', 'salt', 'pub']) db.exec(`ALTER TABLE events DROP COLUMN ${c}`);
  db.close();
  const before = verifyJournalFile(file);
  assert.ok(before.ok);
  assert.is(before.legacyEvents, 3);

  const k = new Journal(file, { publicView: policy });
  await k.persist({ actor: 'case/7', expectedSeq: 3, ts: 4, events: [ev({ type: 'card-moved', i: 4 }), ev({ type: 'card-moved', i: 5 })] });
  const rows = k.read(1, 10);
  k.close();
  assert.equal(rows.map((r) => r.chain), [1, 1, 1, 2, 2]);
  assert.is(rows[3]!.prev_hash, rows[2]!.hash, 'the first format 2 row links to the last legacy one');
  const after = verifyJournalFile(file);
  assert.ok(after.ok, JSON.stringify(after.firstBreak));
  assert.equal([after.events, after.legacyEvents], [5, 3]);

  // downgrading the last row to format 1 (re-hashed, so its own hash holds) is still refused
  const db2 = new Database(file);
  const last = rows[4]!;
  db2.prepare('UPDATE events SET chain = 1, hash = ? WHERE gseq = 5').run(chainHash(last.prev_hash, { ...last, chain: 1 }));
  db2.close();
  assert.is(verifyJournalFile(file).firstBreak?.problem, 'format-downgrade');
});

test.run();
