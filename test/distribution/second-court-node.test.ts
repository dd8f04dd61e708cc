/**
 * Issue 13 item 11: a court node started with a second court's Засади (deploy/examples/reshetylivka)
 * numbers, distributes and handles an outage by ITS rules — its proceeding indexes (2-п yes, 2-а no), its
 * permanent panels, its jurisdiction letters, its 13.3 urgent list — with no code change; the Lubny node
 * keeps its own.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cleanup } from '../support/servers.ts';
import { callerOf, startCourt, today, type Court } from '../court/support.ts';

process.env.ASDS_LOG ??= 'silent';

const test = suite('second court node');
let second: Court;
let lubny: Court;
test.before(async () => {
  second = await startCourt({ court: '543', zasadyFile: 'deploy/examples/reshetylivka/zasady.yaml' });
  lubny = await startCourt({ court: '537' });
});
test.after(async () => {
  await second.server.stop('test over');
  await lubny.server.stop('test over');
  await cleanup();
});
const atSecond = callerOf(() => second);
const atLubny = callerOf(() => lubny);

const registration = (index: string, category: string) => ({
  index,
  arrivalDate: today(),
  document: { kind: 'заява', title: 'Заява про перегляд заочного рішення', sender: 'Коваль К. К.' },
  category,
  description: 'Перегляд заочного рішення',
  parties: [],
});

test('numbering by its own index list: 2-п registered and drawn; 2-а (not in its Засади) refused; Lubny the other way round', async () => {
  const ok = await atSecond('POST', '/registrations', second.tokens.registrar, registration('2-п', 'default-review'));
  assert.is(ok.status, 201, JSON.stringify(ok.body));
  assert.match(ok.body.proceedingNumber, /^2-п\/543\/1\/\d\d$/);
  assert.is(ok.body.distribution.status, 'distributed', JSON.stringify(ok.body.distribution));
  const no = await atSecond('POST', '/registrations', second.tokens.registrar, registration('2-а', 'other'));
  assert.is(no.status, 422, JSON.stringify(no.body));
  assert.is(no.body.error.code, 'UNKNOWN_PROCEEDING_INDEX');
  const atL = await atLubny('POST', '/registrations', lubny.tokens.registrar, registration('2-п', 'civil-claim'));
  assert.is(atL.status, 422, JSON.stringify(atL.body));
  assert.is(atL.body.error.code, 'UNKNOWN_PROCEEDING_INDEX');
});

test('a panel case goes to its permanent panel; the protocol names its Засади and carries its jurisdiction letter', async () => {
  const r = await atSecond('POST', '/distribution/cases', second.tokens.officer, { case: { caseId: '1-кп/543/77/26', category: 'criminal-panel', exclusions: [] } });
  assert.is(r.status, 201, JSON.stringify(r.body));
  const p = r.body.document.protocol;
  assert.equal([p.zasady.id, p.composition.mode, p.chosen.panelId, p.policy.id], ['reshetylivka-2026-01-15', 'permanent', 'K1', 'min-window-v1']);
  assert.match(r.body.documentId, /^543-\d{9}-протокол-розподілу-к$/);
  const other = await atSecond('POST', '/distribution/cases', second.tokens.officer, { case: { caseId: '6/543/5/26', category: 'other', exclusions: [] } });
  assert.is(other.status, 201, JSON.stringify(other.body));
  // its Засади give index 6 the letter а (the built-in rule would say і)
  assert.match(other.body.documentId, /-а$/);
  const status = await atSecond('GET', '/distribution/status');
  assert.equal([status.body.distribution, status.body.zasady], ['on', 'reshetylivka-2026-01-15']);
});

test('its roster changes by order over HTTP (head of staff; not a registrar); the next protocol names the roster version', async () => {
  const body = { order: { number: '12-ос', date: today() }, change: { kind: 'set-reductions', judgeId: 'RSH-04', effectiveFrom: today(), reductions: ['chief'] } };
  assert.is((await atSecond('POST', '/distribution/roster', second.tokens.registrar, body)).status, 403);
  const r = await atSecond('POST', '/distribution/roster', second.tokens.head, body);
  assert.is(r.status, 201, JSON.stringify(r.body));
  assert.is(r.body.rosterVersion, `reshetylivka-2026-01-15+r${r.body.seq}`);
  const roster = await atSecond('GET', '/distribution/roster', second.tokens.officer);
  assert.equal([roster.body.rosterVersion, roster.body.rosterChanges[0].by.author], [r.body.rosterVersion, 'head1']);
  const d = await atSecond('POST', '/distribution/cases', second.tokens.officer, { case: { caseId: '2/543/90/26', category: 'civil-claim', exclusions: [] } });
  assert.is(d.status, 201, JSON.stringify(d.body));
  assert.is(d.body.document.protocol.roster.version, r.body.rosterVersion);
  const bad = await atSecond('POST', '/distribution/roster', second.tokens.head, { ...body, change: { ...body.change, judgeId: 'RSH-02', reductions: ['chief', 'nobody'] } });
  assert.is(bad.status, 422, JSON.stringify(bad.body));
  assert.is(bad.body.error.code, 'ROSTER_CHANGE_INVALID');
  assert.equal(bad.body.error.details.errors.map((e: { code: string }) => e.code), ['UNKNOWN_REDUCTION']);
  assert.match(bad.body.error.message.uk, /суперечить Засадам/);
});

test('an outage: its 13.3 list decides what the assembly may assign (extradition arrest yes, peaceful assembly no)', async () => {
  const ask = (court: Court, code: string, cmd: Record<string, unknown>) => court.server.host.system.ref('outage', code).ask<any>(cmd, { meta: { author: 'head1', role: 'head_of_staff' } });
  const startedAt = new Date(Date.now() - 3_600_000).toISOString();
  const { outageId } = await ask(second, '543', { type: 'open-outage', startedAt });
  const base = { type: 'record-urgent-assignment', outageId, at: new Date(Date.now() - 60_000).toISOString(), judges: ['RSH-02'], decision: { kind: 'decision', number: '1', date: today() } };
  const yes = await ask(second, '543', { ...base, category: 'extradition-arrest', case: { caseId: 'u-1' } });
  assert.equal([yes.recorded, yes.rule], [true, 'Засади 13.3']);
  let code = '';
  try {
    await ask(second, '543', { ...base, category: 'peaceful-assembly', case: { caseId: 'u-2' } });
  } catch (e) {
    code = (e as { code?: string }).code ?? String(e);
  }
  assert.is(code, 'NOT_URGENT');
  const l = await ask(lubny, '537', { type: 'open-outage', startedAt });
  const atL = await ask(lubny, '537', { ...base, outageId: l.outageId, judges: ['LUB-02'], category: 'peaceful-assembly', case: { caseId: 'u-3' } });
  assert.equal([atL.recorded, atL.rule], [true, 'Засади 15.3']);
});

test.run();
