/**
 * One source of a judge's absences (Засади 4.2, 4.5): for a judge in the
 * Засади the distribution actor's record is the only one — PUT writes it,
 * GET reads it, the draw reads it — so what the head of staff sees cannot
 * differ from what the draw uses, even after a cancellation made in the
 * distribution actor. A judge user outside the Засади keeps the judge
 * actor's record.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cleanup } from '../../support/servers.ts';
import { callerOf, PASSWORD, startCourt, today, LOGINS, type Court } from '../support.ts';
import { ActorSystem, DomainRejected } from '../../../runtime/index.ts';
import { join } from 'node:path';
import { tempDir } from '../../support/servers.ts';
import { distributionBehavior } from '../../../actors/court/distribution/index.ts';
import { martialCalendar } from '../../distribution/support/fixtures.ts';
import { testConfig, testSeal } from './support.ts';

const test = suite('judges’ absences: one source of truth');
let court: Court;
let lub05 = '';
test.before(async () => {
  court = await startCourt();
  const u = await court.api.call('POST', '/users', { token: court.tokens.admin, body: { login: 'lub-05', fullName: 'Суддя 05', role: 'judge', password: PASSWORD, order: { number: 'к-5', date: '2025-01-10' } } });
  assert.is(u.status, 201, JSON.stringify(u.body));
  lub05 = await court.api.login('lub-05');
});
test.after(async () => {
  await court.server.stop('test over');
  await cleanup();
});

const call = callerOf(() => court);
const plusDays = (d: string, n: number) => new Date(Date.parse(`${d}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const ORDER = { kind: 'order', number: 'відп-5', date: today() };

async function draw(caseId: string): Promise<{ excluded: string[] }> {
  const r = await call('POST', '/distribution/cases', court.tokens.officer, { case: { caseId, category: 'civil-claim', exclusions: [] } });
  assert.is(r.status, 201, JSON.stringify(r.body));
  return { excluded: r.body.document.protocol.excluded.map((x: { judgeId: string }) => x.judgeId) };
}

test('a Засади judge: PUT and GET use the distribution record only; a cancellation there shows at once; the draw agrees', async () => {
  const from = today();
  const put = await call('PUT', '/judges/lub-05/availability', court.tokens.head, { kind: 'vacation', from, to: plusDays(from, 20), basis: ORDER });
  assert.is(put.status, 201, JSON.stringify(put.body));
  assert.equal([put.body.absences, put.body.distribution.judgeId], [1, 'LUB-05']);
  const seen = await call('GET', '/judges/lub-05/availability', lub05);
  assert.equal(seen.body.map((a: any) => [a.kind, a.from, a.recordedIn]), [['vacation', from, 'distribution/537']]);
  // Not copied to the judge actor: nothing there that could be left behind.
  assert.equal(await court.server.host.system.ref('judge', 'lub-05').ask({ type: 'availability' }), []);
  assert.ok((await draw('537/abs/1')).excluded.includes('LUB-05'), 'the draw reads the same record');

  // Cancelled in the distribution actor (4.10 ¶2: back earlier) — the page shows it at once, and the draw agrees.
  await court.server.host.system.ref('distribution', '537').ask({ type: 'cancel-absence', judgeId: 'LUB-05', kind: 'vacation', from, basis: { kind: 'memo', number: 'сз-9', date: from } });
  assert.equal((await call('GET', '/judges/lub-05/availability', court.tokens.head)).body, []);
  assert.not.ok((await draw('537/abs/2')).excluded.includes('LUB-05'));

  // A refused absence (ends before it starts) is written nowhere.
  const bad = await call('PUT', '/judges/lub-05/availability', court.tokens.head, { kind: 'vacation', from, to: plusDays(from, -1), basis: ORDER });
  assert.is(bad.status, 400);
  assert.equal((await call('GET', '/judges/lub-05/availability', court.tokens.head)).body, []);
});

test('a judge user outside the Засади: the judge actor keeps the record (never drawn)', async () => {
  const from = today();
  const put = await call('PUT', `/judges/${LOGINS.judge}/availability`, court.tokens.head, { kind: 'sick-leave', from, basis: { kind: 'memo', number: 'сз-1', date: from } });
  assert.is(put.status, 201, JSON.stringify(put.body));
  assert.is(put.body.distribution, null);
  const got = await call('GET', `/judges/${LOGINS.judge}/availability`, court.tokens.head);
  assert.equal(got.body.map((a: any) => [a.kind, a.recordedBy.role]), [['sick-leave', 'head_of_staff']]);
});

test('review 8: a judge who joins in a later Засади version — the absence goes to the distribution record, where the draw reads it', async () => {
  const dist = court.server.host.system.ref('distribution', '537');
  const current = await dist.ask<any>({ type: 'read-zasady' });
  const next = structuredClone(current);
  const from = plusDays(today(), 30);
  next.version = { ...next.version, id: `${current.version.id}-next`, decisionNumber: '№ 99', decisionDate: today(), effectiveFrom: from };
  next.judges.push({ ...current.judges[0], id: 'LUB-99', name: 'Суддя Новий', displayOrder: 99, appointedOn: from, reductions: [] });
  delete next.judges.at(-1).powersEnd;
  await dist.ask({ type: 'load-zasady', config: next });
  const u = await court.api.call('POST', '/users', { token: court.tokens.admin, body: { login: 'lub-99', fullName: 'Суддя Новий', role: 'judge', password: PASSWORD, order: { number: 'к-99', date: '2025-01-10' } } });
  assert.is(u.status, 201, JSON.stringify(u.body));
  const absence = { kind: 'vacation', from: plusDays(from, 5), to: plusDays(from, 25), basis: ORDER };
  const put = await call('PUT', '/judges/lub-99/availability', court.tokens.head, absence);
  assert.is(put.status, 201, JSON.stringify(put.body));
  assert.equal(put.body.distribution?.judgeId, 'LUB-99', 'recorded in the distribution actor, not the judge actor');
  const roster = await dist.ask<any>({ type: 'read-roster' });
  assert.equal(roster.absences['LUB-99'], [absence]);
  assert.equal(await court.server.host.system.ref('judge', 'lub-99').ask({ type: 'availability' }), []);
  const got = await call('GET', '/judges/lub-99/availability', court.tokens.head);
  assert.equal(got.body.map((a: any) => [a.kind, a.recordedIn]), [['vacation', 'distribution/537']]);
});

test('review 8: with only a future-dated Засади loaded, read-roster answers (no version in force) instead of throwing', async () => {
  const c = testConfig();
  c.version = { ...c.version, id: 'future', effectiveFrom: '2099-01-01' };
  const system = new ActorSystem({ node: 'court-537', journal: join(tempDir(), 'journal.sqlite') })
    .register(distributionBehavior({ zasady: [c], calendar: martialCalendar, signer: testSeal().signer }))
    .start();
  try {
    const ref = system.ref('distribution', '537');
    const roster = await ref.ask<any>({ type: 'read-roster' });
    assert.equal([roster.zasady, roster.judges, roster.firstEffectiveFrom], [null, [], '2099-01-01']);
    assert.ok(roster.allJudges.some((j: any) => j.id === 'J03'), 'the judges of the future version are known (absences go to them)');
    assert.equal(await ref.ask({ type: 'record-absence', judgeId: 'J03', absence: { kind: 'sick-leave', from: '2098-12-01', basis: ORDER } }), { recorded: true, seq: 2 });
    let code = '';
    try {
      await ref.ask({ type: 'read-load' });
    } catch (e) {
      code = e instanceof DomainRejected ? e.code : String(e);
    }
    assert.is(code, 'NO_ZASADY_IN_FORCE');
  } finally {
    await system.shutdown();
  }
});

test.run();
