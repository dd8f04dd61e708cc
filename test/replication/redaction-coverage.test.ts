/**
 * Redaction stays fail-closed AND complete (issue 15 item 1): every event type a court node can write has a rule.
 * The types come from actors/court/event-types.ts — per kind, checked by the compiler against the kind's event
 * union — and its kinds are checked here against the behaviors a court node really registers.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { courtBehaviors } from '../../actors/court/node.ts';
import { COURT_EVENT_TYPES } from '../../actors/court/event-types.ts';
import { redact, ruleFor, RULES } from '../../contracts/ingest/redaction.ts';
import { tempDir } from '../support/servers.ts';
import { TEST_KEY_PASSPHRASE } from '../support/keys.ts';
import { lawfulZasadyFile } from '../court/distribution/lawful.ts';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { courtDocumentsIssues } from '../../actors/court/orders/config.ts';
import { CASE_FIELDS, TEMPLATES } from '../../actors/court/documents/templates.ts';
import { SECRET_KEY } from '../../contracts/ingest/redaction.ts';

process.env.ASDS_LOG ??= 'silent';
const test = suite('redaction: a rule for every court event type');
const opts = { hashKey: 'k' };

test('the listed kinds are exactly the kinds a court node registers (plus the runtime\'s node log and snapshots)', () => {
  const registered = courtBehaviors({ court: '537', dataDir: tempDir(), keyPassphrase: TEST_KEY_PASSPHRASE, zasadyFile: lawfulZasadyFile() }).map((b) => b.kind);
  const listed = Object.keys(COURT_EVENT_TYPES);
  const missing = registered.filter((k) => !listed.includes(k));
  assert.equal(missing, [], `kinds with no event list in actors/court/event-types.ts: ${missing.join(', ')}`);
  assert.equal([...listed].sort(), [...new Set([...registered, 'node', 'journal'])].sort());
});

test('every event type of every court kind has a redaction rule', () => {
  const without: string[] = [];
  for (const [kind, types] of Object.entries(COURT_EVENT_TYPES)) for (const t of types) if (!ruleFor(kind, t)) without.push(`${kind}/${t}`);
  assert.equal(without, [], `event types that would reach the centre reduced to bare ids: ${without.join(', ')}`);
});

test('no rule names a type no court kind writes (a misspelt rule protects nothing)', () => {
  const known = new Set(Object.entries(COURT_EVENT_TYPES).flatMap(([k, ts]) => ts.map((t) => `${k}/${t}`)));
  const anyKind = new Set(Object.values(COURT_EVENT_TYPES).flat());
  const stray = Object.keys(RULES).filter((key) => {
    const [kind, type] = key.split('/') as [string, string];
    return kind === '*' ? !anyKind.has(type) : !known.has(key);
  });
  assert.equal(stray, []);
});

test('a removed rule is noticed: the same check on a policy without the documents rules names them', () => {
  const removed = ['documents/document-created', 'documents/document-edited', 'documents/document-signed', 'documents/document-original'];
  const partial = Object.fromEntries(Object.entries(RULES).filter(([k]) => !removed.includes(k)));
  const without = COURT_EVENT_TYPES.documents!.filter((t) => !ruleFor('documents', t, partial));
  assert.equal(without, ['document-created', 'document-edited', 'document-signed', 'document-original']);
});

test('an Original passes whole: content, card facts and the detached CMS', () => {
  const document = { id: '537-000000001-ухвала-ц', ueun: '537/1/25', fields: { claimant: 'Іваненко Іван', judge: 'Петренко П.' }, text: 'УХВАЛА …', state: 'Draft', signatures: [] };
  assert.equal(redact('documents', 'document-created', { type: 'document-created', document }, opts), { data: { document }, redacted: [] });
  const signature = { login: 'judge.petrenko', at: '2025-01-01T00:00:00.000Z', cms: 'MIIB', contentSha256: 'a'.repeat(64), verification: { indication: 'TOTAL_PASSED', reason: 'OK', revocationChecked: true } };
  assert.equal(redact('documents', 'document-signed', { type: 'document-signed', documentId: document.id, signature }, opts).data, { documentId: document.id, signature });
});

test('a covert case\'s document (restricted) leaves with its id only, on every event', () => {
  const document = { id: 'D-1', ueun: '537/2/25', fields: { request: 'ПЛАНТ' }, text: 'ПЛАНТ', restricted: true };
  assert.equal(redact('documents', 'document-created', { document }, opts).data, { document: { id: 'D-1', restricted: true } });
  assert.equal(redact('documents', 'document-edited', { documentId: 'D-1', fields: { request: 'ПЛАНТ' }, text: 'ПЛАНТ', revision: 2, restricted: true }, opts).data, { documentId: 'D-1', restricted: true });
  assert.equal(redact('documents', 'document-signed', { documentId: 'D-1', signature: { cms: 'MIIB', login: 'x' }, restricted: true }, opts).data, { documentId: 'D-1', restricted: true });
  assert.equal(redact('documents', 'document-original', { documentId: 'D-1', at: 'x', restricted: true }, opts).data, { documentId: 'D-1', restricted: true });
});

test('juror and appeal free texts that may name a private matter are hashed, the rest passes', () => {
  const a = redact('case', 'appeal-filed', { proceedingNumber: '2/537/1/25', appeal: { date: '2025-01-02', appellant: 'Іваненко Іван', kind: 'appeal' } }, opts);
  assert.match((a.data.appeal as { appellant: string }).appellant, /^hmac:/);
  assert.is((a.data.appeal as { date: string }).date, '2025-01-02');
  const j = redact('jurors', 'juror-unavailability-recorded', { jurorId: 'J1', absence: { kind: 'illness', from: '2025-01-01', note: 'лікарняний', basis: { kind: 'order', number: '1', date: '2025-01-01' } } }, opts);
  assert.match((j.data.absence as { note: string }).note, /^hmac:/);
  assert.is((j.data.absence as { kind: string }).kind, 'illness');
});

test('no document field is named like a secret: built-in templates pass whole, a court\'s documents.yaml with one is refused', () => {
  const names = [...CASE_FIELDS, ...Object.values(TEMPLATES).flatMap((t) => t.input)];
  assert.equal(names.filter((f) => SECRET_KEY.test(f)), []);
  const lubny = parse(readFileSync('deploy/examples/lubny/documents.yaml', 'utf8')) as { kinds: Array<{ input: string[] }> };
  assert.equal(courtDocumentsIssues(lubny), [], 'the example is valid');
  lubny.kinds[0]!.input.push('secretaryName');
  const issues = courtDocumentsIssues(lubny);
  assert.is(issues.length, 1);
  assert.is(issues[0]!.code, 'FIELD_NAME_REDACTED');
  assert.match(issues[0]!.message, /secretaryName/);
});

test.run();
