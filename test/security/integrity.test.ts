/**
 * Issue 10 item 5, tried as an insider with write access to the court's data
 * folder would: edit the `snapshots` table (not in the hash chain) so that the
 * node believes a state its journal never recorded.
 */
import { TEST_KEY_PASSPHRASE } from '../support/keys.ts';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { startCourtServer } from '../../actors/court/node.ts';
import { usersBehavior, type UsersState } from '../../actors/court/users/behavior.ts';
import { registryBehavior, type RegistryState } from '../../actors/court/registry/behavior.ts';
import { hashPassword } from '../../actors/court/users/passwords.ts';
import type { Behavior } from '../../runtime/index.ts';
import { cleanup } from '../support/servers.ts';
import { ADMIN_PASSWORD, api, claim, startCourt } from '../court/support.ts';

process.env.ASDS_LOG ??= 'silent';
const test = suite('security: journal integrity covers what the node trusts at start');
test.after(cleanup);

function asds(args: string[]) {
  const r = spawnSync(process.execPath, ['bin/asds.js', ...args], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, ASDS_LOG: 'error' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/**
 * The attacker's tool: rebuild the actor's state from its events exactly as
 * the node would, change it, and store it as the actor's snapshot at its
 * latest position (columns of any schema version: actor, aseq, state, ts).
 */
function forgeSnapshot<S>(journalPath: string, actor: string, behavior: Behavior<S, any, any>, change: (s: S) => void): void {
  const db = new Database(journalPath);
  const rows = db.prepare("SELECT aseq, data FROM events WHERE actor = ? ORDER BY aseq").all(actor) as Array<{ aseq: number; data: string }>;
  let state = behavior.initialState(actor.slice(actor.indexOf('/') + 1));
  for (const r of rows) state = behavior.evolve(state, JSON.parse(r.data));
  change(state);
  db.prepare(
    `INSERT INTO snapshots (actor, aseq, state, ts) VALUES (?, ?, ?, ?)
     ON CONFLICT(actor) DO UPDATE SET aseq = excluded.aseq, state = excluded.state, ts = excluded.ts`,
  ).run(actor, rows[rows.length - 1]!.aseq, JSON.stringify(state), Date.now());
  db.close();
}

const fileDigest = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

function journalRows(p: string) {
  const db = new Database(p, { readonly: true });
  const r = {
    events: (db.prepare('SELECT count(*) AS n, max(gseq) AS g FROM events').get() as { n: number; g: number }),
    snapshots: db.prepare('SELECT actor, aseq, state FROM snapshots ORDER BY actor').all(),
  };
  db.close();
  return r;
}

/** Start must be refused with one line naming the actor; the journal is left exactly as it was. */
async function assertStartRefused(dataDir: string, journalPath: string, actor: RegExp): Promise<void> {
  const before = { file: fileDigest(journalPath), rows: journalRows(journalPath) };
  let error: unknown;
  try {
    const s = await startCourtServer({ court: '537', dataDir, port: 0, adminPassword: ADMIN_PASSWORD, keyPassphrase: TEST_KEY_PASSPHRASE });
    await s.stop();
  } catch (e) {
    error = e;
  }
  assert.ok(error instanceof Error, 'the node started on a tampered snapshot');
  assert.is((error as { code?: string }).code, 'JOURNAL_TAMPERED');
  assert.match((error as Error).message, actor);
  assert.not.match((error as Error).message, /\n/);
  assert.equal(journalRows(journalPath), before.rows);
  assert.is(fileDigest(journalPath), before.file, 'the refused start wrote to the journal');
}

test('an injected tech_admin in the users snapshot: verify names it, the node refuses to start', async () => {
  const c = await startCourt({ withUsers: false });
  await c.server.stop();
  const intruderHash = await hashPassword('intruder-pass-1');
  forgeSnapshot<UsersState>(c.journalPath, 'users/537', usersBehavior, (s) => {
    s.users['intruder'] = { fullName: 'Зловмисник', role: 'tech_admin', active: true, password: intruderHash };
  });

  const v = asds(['journal', 'verify', '--data', c.dataDir]);
  assert.is.not(v.code, 0, `verify said OK on a forged snapshot: ${v.out}`);
  assert.match(v.out, /snapshots users\/537/);

  await assertStartRefused(c.dataDir, c.journalPath, /users\/537/);
});

test("a rewound registry counter: the node refuses to start instead of re-issuing a used ЄУН", async () => {
  const c = await startCourt();
  const first = await c.api.call('POST', '/registrations', { token: c.tokens.registrar, body: claim() });
  const second = await c.api.call('POST', '/registrations', { token: c.tokens.registrar, body: claim() });
  assert.is(second.status, 201);
  await c.server.stop();
  forgeSnapshot<RegistryState>(c.journalPath, 'registry/537', registryBehavior, (s) => {
    const yy = Object.keys(s.ueunSeq)[0]!;
    s.ueunSeq[yy] = s.ueunSeq[yy]! - 1; // the next registration would get `second`'s ЄУН again
  });

  const v = asds(['journal', 'verify', '--data', c.dataDir]);
  assert.is.not(v.code, 0, `verify said OK on a forged snapshot: ${v.out}`);
  assert.match(v.out, /snapshots registry\/537/);
  await assertStartRefused(c.dataDir, c.journalPath, /registry\/537/);

  // The operator drops the bad snapshot explicitly: the registry rebuilds from the chain and numbers go on.
  const dropped = asds(['journal', 'verify', '--data', c.dataDir, '--drop-bad-snapshots']);
  assert.is(dropped.code, 0, dropped.out + dropped.err);
  assert.match(dropped.out, /dropped snapshot of registry\/537/);
  const s = await startCourtServer({ court: '537', dataDir: c.dataDir, port: 0, adminPassword: ADMIN_PASSWORD, keyPassphrase: TEST_KEY_PASSPHRASE });
  try {
    const a = api(s.url);
    const third = await a.call('POST', '/registrations', { token: await a.login('registrar1'), body: claim() });
    assert.is(third.status, 201, JSON.stringify(third.body));
    assert.not.ok([first.body.ueun, second.body.ueun].includes(third.body.ueun), `ЄУН ${third.body.ueun} issued twice`);
  } finally {
    await s.stop();
  }
});

test('an untouched journal verifies and starts', async () => {
  const c = await startCourt({ withUsers: false });
  await c.server.stop();
  const v = asds(['journal', 'verify', '--data', c.dataDir]);
  assert.is(v.code, 0, v.out + v.err);
  assert.match(v.out, /snapshots and tables match the chain/);
  const s = await startCourtServer({ court: '537', dataDir: c.dataDir, port: 0, adminPassword: ADMIN_PASSWORD, keyPassphrase: TEST_KEY_PASSPHRASE });
  const a = api(s.url);
  assert.ok(await a.login('admin', ADMIN_PASSWORD));
  await s.stop();
});

test.run();
