/**
 * Redaction before the wire: the policy itself, and on the wire — every byte
 * published on `asds.ingest.>` is captured and searched for planted secrets.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { NatsConnection } from '@nats-io/transport-node';
import { redact } from '../../contracts/ingest/index.ts';
import { cleanup, startNats, tempDir, type NatsHandle } from '../support/servers.ts';
import { startCentralWorker, startCourt, type Court } from './support.ts';
import type { NodeProcess } from '../support/processes.ts';

process.env.ASDS_LOG ??= 'silent';
const policy = suite('redaction policy (contracts/ingest/redaction.ts)');
const opts = { hashKey: 'k' };

policy('covert*, encrypted*, password, token fields are dropped at any depth; sealed objects too', () => {
  const r = redact('registry', 'case-registered', {
    type: 'case-registered',
    ueun: '1/2/25',
    registration: { description: 'ok', covert: { alg: 'A256GCM', ciphertext: 'xx' }, parties: [{ name: 'A', encryptedName: 'E' }] },
    annex: { alg: 'A256GCM', keyId: 'k', ciphertext: 'yy' },
  }, opts);
  assert.equal(r.data, { ueun: '1/2/25', registration: { description: 'ok', parties: [{ name: 'A' }] } });
  assert.equal(r.redacted.sort(), ['annex', 'registration.covert', 'registration.parties[0].encryptedName']);
  const u = redact('users', 'user-created', { type: 'user-created', login: 'x', password: { alg: 'scrypt', hash: 'h' } }, opts);
  assert.equal(u.data, { login: 'x' });
  assert.equal(redact('users', 'token-issued', { login: 'x', tokenHash: 'abc', expiresAt: 1 }, opts).data, { login: 'x', expiresAt: 1 });
});

policy('an official-use-only document keeps only its identifiers', () => {
  const r = redact('case', 'card-moved', { movement: { kind: 'other', to: 'x' }, doc: { documentId: 'D-1', officialUseOnly: true, title: 'T', body: 'B' } }, opts);
  assert.equal(r.data, { movement: { kind: 'other', to: 'x' }, doc: { documentId: 'D-1', officialUseOnly: true } });
  assert.equal(redact('case', 'card-moved', { doc: { id: 'x', restricted: true, text: 's' } }, opts).data, { doc: { id: 'x', restricted: true } });
});

policy('hash rules give a keyed hash: equal values correlate, the value is gone', () => {
  const a = redact('case', 'scan-attached', { attachment: { sha256: 'f'.repeat(64), fileName: 'Іванов.pdf' } }, opts);
  const b = redact('case', 'scan-attached', { attachment: { sha256: 'f'.repeat(64), fileName: 'Іванов.pdf' } }, opts);
  const fn = (a.data.attachment as { fileName: string }).fileName;
  assert.match(fn, /^hmac:[0-9a-f]{64}$/);
  assert.is(fn, (b.data.attachment as { fileName: string }).fileName);
  assert.equal(a.redacted, ['attachment.fileName']);
});

policy('an unknown event type passes only allowed top-level scalars (fail closed)', () => {
  const r = redact('newthing', 'brand-new', { caseId: 'C-1', judgeId: 'j', date: '2025-01-01', notes: 'secret text', nested: { caseId: 'x' }, category: { a: 1 } }, opts);
  assert.equal(r.data, { caseId: 'C-1', judgeId: 'j', date: '2025-01-01' });
  assert.equal(r.redacted.sort(), ['category', 'nested', 'notes']);
});

policy('the journal object is not mutated', () => {
  const data = { registration: { covert: { alg: 'A256GCM', ciphertext: 'c' } } };
  redact('registry', 'case-registered', data, opts);
  assert.ok('covert' in data.registration);
});

policy('copy-on-write: what changed is copied, the rest passes equal and in order; the input is never mutated', () => {
  const data = { type: 'card-moved', a: 1, list: [{ x: 1 }, { y: 2, tokenHash: 't' }, 3], nested: { k: 'v' }, z: 'last' };
  const before = structuredClone(data);
  const r = redact('case', 'card-moved', data, opts);
  assert.equal(r.data, { a: 1, list: [{ x: 1 }, { y: 2 }, 3], nested: { k: 'v' }, z: 'last' });
  assert.equal(Object.keys(r.data), ['a', 'list', 'nested', 'z']);
  assert.equal(r.redacted, ['list[1].tokenHash']);
  assert.equal(data, before);
  // nothing to remove: equal content, `type` still dropped from the copy only
  const clean = { type: 'card-moved', movement: { kind: 'other', to: 'x' } };
  assert.equal(redact('case', 'card-moved', clean, opts), { data: { movement: { kind: 'other', to: 'x' } }, redacted: [] });
  assert.is(clean.type, 'card-moved');
  // a hash rule beside a dropped secret: the hashed object is not the caller's
  const scan = { attachment: { sha256: 'f'.repeat(64), fileName: 'Іванов.pdf' }, secretNote: 'x' };
  const scanBefore = structuredClone(scan);
  const h = redact('case', 'scan-attached', scan, opts);
  assert.ok(String((h.data.attachment as { fileName: string }).fileName).startsWith('hmac:'));
  assert.equal(h.redacted.sort(), ['attachment.fileName', 'secretNote']);
  assert.equal(scan, scanBefore);
});

policy.run();

const wire = suite('redaction on the wire: a planted secret never leaves the court');
const ctx: { nats?: NatsHandle; central?: NodeProcess; nc?: NatsConnection; court?: Court } = {};

wire.before(async () => {
  ctx.nats = await startNats({ jetstream: true });
  ctx.central = await startCentralWorker(ctx.nats, tempDir('asds-central-'));
  // a capture identity that sees every subject (test harness only): proves what crosses the wire
  ctx.nc = await ctx.nats.bus.wiretap();
});

wire.after(async () => {
  await ctx.court?.stop();
  await ctx.nc?.close();
  await ctx.central?.kill('SIGTERM');
  await cleanup();
});

wire('covert, encrypted, official-use-only, passwords and unknown-type content are absent from every published byte', async () => {
  const SECRET = 'ПЛАНТ-СЕКРЕТ-7f3a';
  const captured: Buffer[] = [];
  const sub = ctx.nc!.subscribe('asds.ingest.>', { callback: (_e, m) => void captured.push(Buffer.from(m.data)) });
  const hdrs: string[] = [];
  const sub2 = ctx.nc!.subscribe('asds.>', { callback: (_e, m) => void hdrs.push(m.subject + (m.headers ? m.headers.toString() : '')) });
  await ctx.nc!.flush();
  ctx.court = await startCourt('201', tempDir(), ctx.nats!);
  const ref = (kind: string, id: string) => ctx.court!.system.ref(kind, id);
  const events = [
    { type: 'card-opened', registered: { ueun: '201/1/25', registration: { description: 'public', covert: { person: SECRET, action: SECRET } } } },
    { type: 'card-moved', movement: { kind: 'other', to: 'archive' }, doc: { documentId: 'D-9', officialUseOnly: true, title: SECRET, body: SECRET } },
    { type: 'card-moved', movement: { kind: 'other', to: 'x', note: 'n' }, encryptedNote: SECRET, covertPerson: SECRET },
    { type: 'brand-new-type', caseId: '201/1/25', story: SECRET, nested: { deep: SECRET } },
    { type: 'case-distributed', caseId: 'C', case: { category: 'civil' }, composition: { presiding: 'j1', members: [] }, load: [], restricted_annex: { restricted: true, text: SECRET } },
  ];
  for (const e of events) await ref(e.type === 'case-distributed' ? 'distribution' : 'case', '201/1/25').ask({ type: 'raw', event: e });
  await ctx.court.replicator.confirmedThrough(ctx.court.journal.head().gseq);
  await ctx.nc!.flush();
  sub.unsubscribe();
  sub2.unsubscribe();
  const all = Buffer.concat(captured);
  // courts send frames of consecutive events: count the events inside
  const sent = captured.reduce((n, m) => n + ((JSON.parse(m.toString('utf8')) as { events?: unknown[] }).events?.length ?? 1), 0);
  assert.ok(sent >= events.length, `saw ${sent} events in ${captured.length} ingest messages`);
  assert.is(all.indexOf(Buffer.from(SECRET)), -1, 'the secret is not in any published byte');
  assert.ok(!hdrs.some((h) => h.includes(SECRET)), 'nor in any subject or header');
  // and what did pass is still useful: the official-use-only document's id reached the centre
  const text = all.toString('utf8');
  assert.ok(text.includes('"documentId":"D-9"'));
  assert.ok(text.includes('"description":"public"'));
  // the court journal itself keeps the secret (redaction is on the wire, not in the record)
  const journalRow = ctx.court.journal.read(1, 100).find((r) => r.data.includes(SECRET));
  assert.ok(journalRow, 'the court keeps its own record intact');
});

wire.run();
