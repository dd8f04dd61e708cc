/**
 * Every event the correspondence journal and the card write about incoming
 * correspondence has a redaction rule (contracts/ingest/redaction.ts): without
 * one it would reach the centre stripped to its identifiers. The rules keep
 * numbers, kinds and dates, hash the sender (a private person's name stays
 * correlatable, not readable) and the global rule drops covert ciphertext.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { redact, ruleFor } from '../../contracts/ingest/redaction.ts';

const test = suite('court: incoming correspondence events have redaction rules');

/** The `type: '…'` literals of an event union in a source file. */
function eventTypes(file: string, start: string, end: string): string[] {
  const src = readFileSync(file, 'utf8');
  const from = src.indexOf(start);
  assert.ok(from >= 0, `${start} in ${file}`);
  return [...src.slice(from, src.indexOf(end, from)).matchAll(/type: '([a-z-]+)'/g)].map((m) => m[1]!);
}

test('every journal and card event type of correspondence has a rule', () => {
  const journal = ['correspondence-registered', ...eventTypes('actors/court/correspondence/journal.ts', 'export type JournalEvent', 'export const')];
  const card = eventTypes('actors/court/correspondence/card.ts', 'export type CorrespondenceEvent', '/** The part');
  assert.equal(journal.sort(), ['correspondence-handed', 'correspondence-recorded', 'correspondence-registered']);
  assert.equal(card.sort(), ['correspondence-handed-over', 'correspondence-received']);
  for (const t of journal) assert.ok(ruleFor('correspondence', t), `correspondence/${t} has no redaction rule`);
  for (const t of card) assert.ok(ruleFor('case', t), `case/${t} has no redaction rule`);
});

test('the centre gets the number, kind, dates and the hand-over; the sender hashed; covert ciphertext never', () => {
  const item = {
    ueun: '537/12/26',
    proceedingNumber: '1-кс/537/3/26',
    covertCase: true,
    kind: 'motion',
    arrivalDate: '2026-12-07',
    sender: 'Іваненко Іван Іванович',
    title: 'клопотання про продовження строку',
    covert: { alg: 'A256GCM', keyId: '0123456789abcdef', iv: 'AAAAAAAAAAAAAAAA', tag: 'AAAAAAAAAAAAAAAAAAAAAA==', ciphertext: 'c2VjcmV0' },
  };
  const registered = { type: 'correspondence-registered', v: 1, number: '41/26', year: 2026, seq: 41, registeredAt: 1, registrationDate: '2026-12-07', by: { login: 'registrar1', role: 'registrar' }, item };
  const j = redact('correspondence', 'correspondence-registered', registered, { hashKey: 'k' });
  const ji = j.data.item as Record<string, unknown>;
  assert.equal([j.data.number, ji.kind, ji.arrivalDate, ji.proceedingNumber], ['41/26', 'motion', '2026-12-07', '1-кс/537/3/26']);
  assert.match(String(ji.sender), /^hmac:[0-9a-f]{64}$/);
  assert.is(ji.covert, undefined);
  assert.not.ok(JSON.stringify(j.data).includes('c2VjcmV0'));
  const c = redact('case', 'correspondence-received', { type: 'correspondence-received', registered }, { hashKey: 'k' });
  const ci = (c.data.registered as { item: Record<string, unknown> }).item;
  assert.is(ci.sender, ji.sender, 'the same sender correlates across both events');
  assert.is(ci.covert, undefined);
  const h = redact('case', 'correspondence-handed-over', { type: 'correspondence-handed-over', at: 1, by: { login: 'officer1', role: 'distribution_officer' }, proceedingNumber: '2/537/9/26', judge: 'lub-05', numbers: ['41/26'] }, { hashKey: 'k' });
  assert.equal([h.data.judge, h.data.numbers, h.redacted], ['lub-05', ['41/26'], []]);
});

test.run();
