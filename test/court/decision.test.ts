/**
 * POST /cases/…/decision: the judge assigned in the proceeding (or the head of
 * staff) records one decision, dated between registration and today; the
 * journal gets the `case-decided` event the workload report reads.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { cleanup } from '../support/servers.ts';
import { casePath, claim, LOGINS, startCourt, today, type Court } from './support.ts';
import { assignByDraw, lawfulZasadyFile } from './distribution/lawful.ts';

process.env.ASDS_LOG ??= 'silent';
const test = suite('court: decision');
let c: Court;
test.before(async () => {
  c = await startCourt({ zasadyFile: lawfulZasadyFile() });
});
test.after(async () => {
  await c.server.stop();
  await cleanup();
});

test('only the assigned judge or the head of staff decides, once, with a valid date; case-decided is journaled', async () => {
  const reg = await c.api.call('POST', '/registrations', { token: c.tokens.registrar, body: claim() });
  assert.is(reg.status, 201, JSON.stringify(reg.body));
  const path = `${casePath(reg.body.ueun)}/decision`;
  const body = { outcome: 'decision', date: today() };
  const early = await c.api.call('POST', path, { token: c.tokens.head, body });
  assert.is(early.status, 409);
  assert.is(early.body.error.code, 'NOT_DISTRIBUTED');
  // The judge comes from the draw (judge.petrenko is this Засади's only civil judge), never from a request.
  assert.is((await assignByDraw(c.api, c.tokens.officer, reg.body.ueun, reg.body.proceedingNumber)).judge, LOGINS.judge);
  for (const who of ['registrar', 'officer', 'chief', 'auditor', 'judge2'] as const) assert.is((await c.api.call('POST', path, { token: c.tokens[who], body })).status, 403, who);
  assert.is((await c.api.call('POST', path, { token: c.tokens.judge, body: { outcome: 'decision', date: '2999-01-01' } })).body.error.code, 'DECISION_DATE_INVALID');
  assert.is((await c.api.call('POST', path, { token: c.tokens.judge, body: { outcome: 'made-up', date: today() } })).status, 400);
  const ok = await c.api.call('POST', path, { token: c.tokens.judge, body });
  assert.is(ok.status, 201, JSON.stringify(ok.body));
  assert.is(ok.body.proceedingNumber, reg.body.proceedingNumber);
  const again = await c.api.call('POST', path, { token: c.tokens.head, body });
  assert.is(again.status, 409);
  assert.is(again.body.error.code, 'ALREADY_DECIDED');
  const db = new Database(join(c.dataDir, 'journal.sqlite'), { readonly: true });
  const rows = db.prepare("SELECT data FROM events WHERE type = 'case-decided'").all() as Array<{ data: string }>;
  db.close();
  assert.is(rows.length, 1);
  const e = JSON.parse(rows[0]!.data);
  assert.is(e.caseId, reg.body.proceedingNumber);
  assert.is(e.judgeId, LOGINS.judge);
  assert.is(e.date, today());
});

test.run();
