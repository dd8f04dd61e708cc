/**
 * The statistical card (Засади 16.1.1–16.1.2) on a real court node: derived
 * from registration, distribution, decision and legal force by the one
 * reducer; entered and corrected through the API under input logical control
 * from stats-control.yaml — every failing rule listed and nothing written,
 * warnings recorded with the entry; roles.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import Database from 'better-sqlite3';
import { cleanup } from '../support/servers.ts';
import { today } from './support.ts';
import { decided, registeredDrawn, startStatsCourt, type StatsCourt } from './stats-support.ts';
import { deriveCards } from '../../analytics/stats/derive.ts';
import { redact } from '../../contracts/ingest/redaction.ts';

process.env.ASDS_LOG ??= 'silent';
const test = suite('court statistics: the card and its entry');
let c: StatsCourt;
test.before(async () => {
  c = await startStatsCourt();
});
test.after(async () => {
  await c.server.stop();
  await cleanup();
});

const card = (path: string, token = c.stat) => c.api.call('GET', `${path}/stat-card`, { token });
const enter = (path: string, body: unknown, token = c.stat, method: 'PUT' | 'PATCH' = 'PUT') => c.api.call(method, `${path}/stat-card`, { token, body });

function journal(type: string): Array<{ actor: string; type: string; data: string; ts: number }> {
  const db = new Database(c.journalPath, { readonly: true });
  try {
    return db.prepare('SELECT actor, type, data, ts FROM events WHERE type = ? ORDER BY gseq').all(type) as Array<{ actor: string; type: string; data: string; ts: number }>;
  } finally {
    db.close();
  }
}

test('derived from registration + distribution + decision + legal force', async () => {
  const k = await registeredDrawn(c);
  const before = await card(k.path);
  assert.is(before.status, 200, JSON.stringify(before.body));
  assert.equal(before.body.card, { court: '537', proceedingNumber: k.proceedingNumber, index: '2', category: 'civil-claim', receivedOn: today(), judge: 'judge.petrenko', overTerm: false, juvenile: false, detention: false });
  // a non-appealable ruling closing the proceeding: decided, result "closed", in force the same day (Засади 11.2.1)
  await decided(c, k.path, { outcome: 'ruling-closing', date: today(), appealable: false });
  const after = await card(k.path);
  assert.equal(after.body.card, { ...before.body.card, decidedOn: today(), result: 'closed', legalForceOn: today() });
  assert.equal(after.body.entered, {});
});

test('the centre derives the same card from the replicated (redacted) events, the legal-force date included', async () => {
  const k = await registeredDrawn(c);
  await decided(c, k.path, { outcome: 'returned', date: today(), appealable: false });
  assert.is((await enter(k.path, { fields: { juvenile: true } })).status, 200);
  const court = (await card(k.path)).body.card;
  const db = new Database(c.journalPath, { readonly: true });
  const rows = db.prepare('SELECT actor, type, data, ts FROM events ORDER BY gseq').all() as Array<{ actor: string; type: string; data: string; ts: number }>;
  db.close();
  const centre = deriveCards(rows.map((r) => ({ court: '537', actor: r.actor, type: r.type, data: redact(r.actor.split('/')[0]!, r.type, JSON.parse(r.data), { hashKey: 'k' }).data, ts: r.ts })));
  assert.is(court.legalForceOn, today());
  assert.equal(centre.get(k.proceedingNumber), court);
});

test('an entry failing rules is refused with EVERY failing rule listed, and nothing is written', async () => {
  const k = await registeredDrawn(c);
  await decided(c, k.path, { outcome: 'decision', date: today() });
  const written = journal('stat-card-entered').length;
  const r = await enter(k.path, { fields: { amountClaimed: -100, amountAwarded: -5, openedOn: '2020-01-01', appealOutcome: 'upheld' } });
  assert.is(r.status, 422, JSON.stringify(r.body));
  assert.is(r.body.error.code, 'STAT_CARD_INVALID');
  assert.equal(r.body.error.details.failures.map((f: { rule: string }) => f.rule).sort(), ['awarded-not-negative', 'claimed-not-negative', 'opened-not-before-received', 'result-required-to-close'].sort());
  for (const f of r.body.error.details.failures) assert.ok(/[А-Яа-яІіЇїЄє]/.test(f.text), 'each failure in Ukrainian');
  assert.is(journal('stat-card-entered').length, written, 'nothing written');
  assert.equal((await card(k.path)).body.entered, {});
});

test('a criminal proceeding needs an article of the Criminal Code; a result needs a decision', async () => {
  const k = await registeredDrawn(c, { index: '1-кп', category: 'criminal' }, null);
  const r = await enter(k.path, { fields: { result: 'convicted', detention: true } });
  assert.is(r.status, 422, JSON.stringify(r.body));
  assert.equal(r.body.error.details.failures.map((f: { rule: string }) => f.rule).sort(), ['article-required-criminal', 'result-needs-decision']);
  const ok = await enter(k.path, { fields: { article: 'ч. 1 ст. 185 КК України', detention: true } });
  assert.is(ok.status, 200, JSON.stringify(ok.body));
  assert.is(ok.body.card.article, 'ч. 1 ст. 185 КК України');
  assert.is(ok.body.card.detention, true);
});

test('a warning is recorded with the entry; a correction with null clears a field', async () => {
  const k = await registeredDrawn(c);
  await decided(c, k.path, { outcome: 'decision', date: today() });
  const r = await enter(k.path, { fields: { result: 'satisfied', amountClaimed: 100_000, amountAwarded: 250_000 }, basis: { number: 'арк. 12', date: today() } });
  assert.is(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.warnings.map((w: { rule: string }) => w.rule), ['awarded-not-above-claimed']);
  assert.is(r.body.card.result, 'satisfied');
  assert.is(r.body.card.amountAwarded, 250_000);
  const e = JSON.parse(journal('stat-card-entered').at(-1)!.data);
  assert.equal(e.warnings.map((w: { rule: string }) => w.rule), ['awarded-not-above-claimed']);
  assert.is(e.by.login, 'stat.bondar', 'attributed');
  assert.equal(e.basis, { number: 'арк. 12', date: today() });
  const fixed = await enter(k.path, { fields: { amountAwarded: null } }, c.tokens.registrar, 'PATCH');
  assert.is(fixed.status, 200);
  assert.is(fixed.body.card.amountAwarded, undefined);
  assert.equal(fixed.body.warnings, []);
  assert.equal(fixed.body.entered, { result: 'satisfied', amountClaimed: 100_000, amountAwarded: null });
});

test('roles: a judge or an auditor does not enter; an unauthenticated read is refused', async () => {
  const k = await registeredDrawn(c);
  for (const who of ['judge', 'auditor', 'officer', 'chief'] as const) {
    const r = await enter(k.path, { fields: { juvenile: true } }, c.tokens[who]);
    assert.is(r.status, 403, who);
    assert.is(r.body.error.code, 'FORBIDDEN');
  }
  assert.is((await c.api.call('GET', `${k.path}/stat-card`)).status, 401);
  assert.is((await card(k.path, c.tokens.auditor)).status, 200);
  assert.is((await c.api.call('GET', '/stats/reports?form=x&from=2026-01-01&to=2026-01-31', { token: c.tokens.registrar })).status, 403);
});

test.run();
