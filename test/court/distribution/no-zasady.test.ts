/**
 * Issue 13 item 11: a court started without its Засади registers cases (3.1 binds every day) but refuses
 * to distribute, loudly: a stable code with a Ukrainian message on every distribution request (503
 * NO_ZASADY, not a generic refusal), one error line in the node's log at start, and a status the
 * operator reads without a login (GET /distribution/status). The distribution actor itself, given no
 * version, refuses with NO_ZASADY and writes nothing.
 */
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ActorSystem, DomainRejected } from '../../../runtime/index.ts';
import { distributionBehavior } from '../../../actors/court/distribution/index.ts';
import { martialCalendar } from '../../distribution/support/fixtures.ts';
import { cleanup, tempDir } from '../../support/servers.ts';
import { callerOf, startCourt, today, type Court } from '../support.ts';
import { testSeal } from './support.ts';

const test = suite('a court without its Засади refuses to distribute, loudly');
let court: Court;
const logged: string[] = [];
test.before(async () => {
  // Capture the node's run log (JSON lines on stderr) for the start of this court only.
  const level = process.env.ASDS_LOG;
  process.env.ASDS_LOG = 'warn';
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    logged.push(String(chunk));
    return true;
  }) as typeof process.stderr.write;
  try {
    court = await startCourt({ court: '545' });
  } finally {
    process.stderr.write = write;
    if (level === undefined) delete process.env.ASDS_LOG;
    else process.env.ASDS_LOG = level;
  }
});
test.after(async () => {
  await court.server.stop('test over');
  await cleanup();
});
const call = callerOf(() => court);

test('start: one error line naming the court and the code', () => {
  const lines = logged.flatMap((l) => l.split('\n')).filter((l) => l.includes('"distribution-unavailable"'));
  assert.is(lines.length, 1, logged.join(''));
  const line = JSON.parse(lines[0]!);
  assert.equal([line.lvl, line.court, line.code], ['error', '545', 'NO_ZASADY']);
});

test('every distribution request: 503 NO_ZASADY with a Ukrainian message; the status says why', async () => {
  const r = await call('POST', '/distribution/cases', court.tokens.officer, { case: { caseId: '545/1/26', category: 'civil-claim', exclusions: [] } });
  assert.is(r.status, 503, JSON.stringify(r.body));
  assert.is(r.body.error.code, 'NO_ZASADY');
  assert.match(r.body.error.message.uk, /Засади використання АСДС цього суду не завантажено/);
  const status = await call('GET', '/distribution/status');
  assert.is(status.status, 200);
  assert.equal([status.body.distribution, status.body.code], ['off', 'NO_ZASADY']);
  assert.match(status.body.message, /не завантажено/);
});

test('registration still works (3.1) under the typical indexes, and says it was not distributed', async () => {
  const r = await call('POST', '/registrations', court.tokens.registrar, {
    index: '2',
    arrivalDate: today(),
    document: { kind: 'позовна заява', title: 'Позовна заява', sender: 'Петренко П. П.' },
    category: 'civil-claim',
    description: 'Позов',
    parties: [],
  });
  assert.is(r.status, 201, JSON.stringify(r.body));
  assert.is(r.body.distribution.status, 'skipped');
});

test('the distribution actor with no Засади version refuses with NO_ZASADY and journals nothing', async () => {
  const system = new ActorSystem({ node: 'court-546', journal: join(tempDir(), 'journal.sqlite') })
    .register(distributionBehavior({ zasady: [], calendar: martialCalendar, signer: testSeal().signer }))
    .start();
  try {
    let code = '';
    try {
      await system.ref('distribution', '546').ask({ type: 'distribute', case: { caseId: '546/1/26', category: 'civil-claim', exclusions: [] } });
    } catch (e) {
      code = e instanceof DomainRejected ? e.code : String(e);
    }
    assert.is(code, 'NO_ZASADY');
    assert.equal((await system.ref('distribution', '546').ask<any>({ type: 'read-protocols' })).attempts, 0);
  } finally {
    await system.shutdown();
  }
});

test.run();
