/**
 * Issue 15 "Done when", from `asds simulate`: court 537 lives seventy days on
 * a timeline (`--timeline`: appeal terms run out, legal force arrives) with its
 * judges signing their decisions into Originals (`--originals`), replicated
 * to a central worker. Then the court runs again as a court does:
 * - every decision's Original is in the central store with its signature valid at
 *   the centre, and a decision signed now reaches it within the 2-hour window (Засади 13.2–13.3);
 * - the archivist takes the due cases (Засади 17.1) and confirms them; the node packages them;
 *   `asds archive transfer` moves them to the central archive, which accepts them with a signed receipt;
 *   the court records the transfer on each card;
 * - `asds archive get <ЄУН>` returns a package that plain `sha256sum -c` and `asds archive verify` accept.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { cleanup, startNats, startRedis, tempDir, type NatsHandle, type RedisHandle } from '../support/servers.ts';
import type { NodeProcess } from '../support/processes.ts';
import { until } from '../support/until.ts';
import { startCentralWorker } from '../replication/support.ts';
import { demoKeyPassphraseFile, signDetached } from '../../actors/pki/index.ts';
import { userPaths } from '../../actors/pki/layout.ts';
import { SIM_PASSWORD } from '../../actors/court/simulator/index.ts';
import { adminPasswordFor, startCourtProcess, stopChild, type CourtChild } from '../../actors/court/simulator/cluster.ts';
import { consoleAuth } from '../support/console-token.ts';

process.env.ASDS_LOG ??= 'silent';
const test = suite('archive after asds simulate --timeline --originals: originals in the centre, due cases packaged, transferred, retrievable, verifiable');

const TWO_HOURS = 2 * 3600_000;
let nats: NatsHandle;
let redis: RedisHandle;
let central: NodeProcess;
let http: string;
let court: CourtChild | undefined;
let opsBus = '';
const root = tempDir('asds-archive-sim-');
const sim = join(root, 'sim');
const centralData = join(root, 'central-1');
let summary: { from: string; to: string; decided: number; originals: number };

test.before(async () => {
  nats = await startNats({ jetstream: true });
  redis = await startRedis();
  opsBus = await nats.bus.bundle('ops-test');
  central = await startCentralWorker(nats, centralData, ['--http-port', '0', '--redis', redis.url]);
  http = JSON.parse(await central.waitFor(/"ingest":"running"/)).http as string;
});
test.after(async () => {
  if (court) await stopChild(court.child);
  await central?.kill('SIGTERM');
  await cleanup();
});

const asds = (args: string[]) => spawnSync(process.execPath, ['bin/asds.js', ...args], { encoding: 'utf8', timeout: 600_000, env: { ...process.env, ASDS_LOG: 'error' } });

async function call(method: string, path: string, token?: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(court!.url + path, { method, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}
const login = async (l: string, password = SIM_PASSWORD) => {
  const r = await call('POST', '/auth/login', undefined, { login: l, password });
  assert.is(r.status, 200, JSON.stringify(r.body));
  return r.body.token as string;
};
const casePath = (ueun: string) => ueun.split('/').map(encodeURIComponent).join('/');
const journal = () => new Database(join(sim, 'court-537', 'journal.sqlite'), { readonly: true });

test('asds simulate --timeline --originals: seventy days of court 537, replicated', () => {
  const r = asds(['simulate', '--courts', '1', '--days', '70', '--seed', '15', '--cases-per-day', '2', '--timeline', '--originals', '--nats', nats.url, '--ops', nats.bus.dir, '--data', sim]);
  assert.is(r.status, 0, r.stderr);
  summary = JSON.parse(r.stdout.trim().split('\n').pop()!);
  assert.ok(summary.originals > 3, JSON.stringify(summary));
  const db = journal();
  try {
    const n = (db.prepare(`SELECT count(*) AS n FROM events WHERE type = 'legal-force-recorded'`).get() as { n: number }).n;
    assert.ok(n > 10, `legal force arrived on the timeline (${n})`);
  } finally {
    db.close();
  }
});

test('every decision’s Original is in the central store, its signature valid at the centre (verified again once the court CA is installed)', async () => {
  // the operator installs the court's CA at the centre when connecting it; until then the centre can only say no-ca
  mkdirSync(join(centralData, 'court-cas'), { recursive: true });
  copyFileSync(join(sim, 'court-537', 'pki', 'ca.crt.pem'), join(centralData, 'court-cas', '537.crt.pem'));
  court = await startCourtProcess({ court: '537', dataDir: join(sim, 'court-537'), natsUrl: nats.url, bus: await nats.bus.bundle('court-537'), adminPassword: adminPasswordFor(sim).password, log: join(root, 'court-537.log') });
  const db = journal();
  const made = (db.prepare(`SELECT json_extract(data, '$.documentId') AS id FROM events WHERE type = 'document-original'`).all() as Array<{ id: string }>).map((r) => r.id);
  db.close();
  assert.is(made.length, summary.originals);
  const stored = await until(async () => {
    const r = (await (await fetch(`${http}/originals?court=537`, { headers: consoleAuth(nats.bus.ops, 'operator') })).json()) as { originals: Array<{ documentId: string; verification: string; type: string }> };
    return made.every((id) => r.originals.some((o) => o.documentId === id && o.verification !== 'no-ca')) ? r.originals : undefined;
  }, 'every Original at the centre, verified', 90_000);
  for (const id of made) {
    const o = stored.find((x) => x.documentId === id)!;
    assert.is(o.verification, 'valid', `${id}: ${o.verification}`);
    assert.is(o.type, 'рішення');
  }
});

test('court 537 again: a decision signed now reaches the central store within 2 hours (Засади 13.3)', async () => {
  // a claim registered and drawn now, as the simulator's staff do
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Kyiv' }).format(new Date());
  const reg = await call('POST', '/registrations', await login('sim.registrar'), {
    index: '2',
    arrivalDate: today,
    document: { kind: 'позовна заява', title: 'позовна заява про стягнення боргу', sender: 'Мельник О.' },
    description: 'стягнення боргу за договором позики',
    parties: [{ role: 'позивач', name: 'Мельник О.' }, { role: 'відповідач', name: 'ТОВ «Лубенський молокозавод»' }],
  });
  assert.is(reg.status, 201, JSON.stringify(reg.body));
  const drawn = await call('POST', '/distribution/cases', await login('sim.officer'), { case: { caseId: reg.body.proceedingNumber, uniqueNumber: reg.body.ueun, proceedingNumber: reg.body.proceedingNumber, category: 'civil-claim', exclusions: [] } });
  assert.is(drawn.body.status, 'distributed', JSON.stringify(drawn.body));
  const c = { ueun: reg.body.ueun as string, pn: reg.body.proceedingNumber as string, judge: String(drawn.body.document.protocol.chosen.presiding).toLowerCase() };
  if (!drawn.body.cardUpdated) assert.is((await call('POST', `/cases/${casePath(c.ueun)}/assignment`, await login('sim.officer'), { proceedingNumber: c.pn, protocol: drawn.body.documentId })).status, 201);
  const paths = userPaths(join(sim, 'court-537', 'pki'), c.judge);
  if (!existsSync(paths.cert)) {
    const issued = asds(['pki', 'issue', '--data', join(sim, 'court-537'), '--user', c.judge, '--name', `Суддя ${c.judge.toUpperCase()}`, '--role', 'суддя', '--key-passphrase-file', demoKeyPassphraseFile(sim)]);
    assert.is(issued.status, 0, issued.stderr);
  }
  const token = await login(c.judge);
  let r = await call('POST', `/cases/${casePath(c.ueun)}/decision`, token, { proceedingNumber: c.pn, outcome: 'decision', date: today });
  assert.is(r.status, 201, JSON.stringify(r.body));
  r = await call('POST', '/documents', token, { template: 'rishennia', ueun: c.ueun, signers: [c.judge], fields: { place: 'м. Лубни', reasoning: 'Суд встановив обставини справи.', operativePart: 'Позов задовольнити.', appealNotice: 'Рішення може бути оскаржене протягом тридцяти днів.' } });
  assert.is(r.status, 201, JSON.stringify(r.body));
  const id = r.body.id as string;
  const content = Buffer.from(await (await fetch(`${court!.url}/documents/${encodeURIComponent(id)}/content`, { headers: { authorization: `Bearer ${token}` } })).arrayBuffer());
  const cms = signDetached({ content, certPem: readFileSync(paths.cert, 'utf8'), keyPem: readFileSync(paths.key, 'utf8') }).toString('base64');
  r = await call('POST', `/documents/${encodeURIComponent(id)}/signatures`, token, { cms });
  assert.is(r.body.state, 'Original', JSON.stringify(r.body));
  const o = await until(async () => {
    const g = await fetch(`${http}/originals/537/${encodeURIComponent(id)}`, { headers: consoleAuth(nats.bus.ops, 'operator') });
    return g.status === 200 ? ((await g.json()) as { verification: string; lagMs: number }) : undefined;
  }, 'the new Original at the centre', 60_000);
  assert.is(o.verification, 'valid');
  assert.ok(o.lagMs >= 0 && o.lagMs < TWO_HOURS, `lag ${o.lagMs} ms`);
});

let transferred: string[] = [];

test('the archivist confirms the due cases; the node packages them; asds archive transfer: accepted, the court records each transfer', async () => {
  const admin = await login('admin', adminPasswordFor(sim).password);
  const u = await call('POST', '/users', admin, { login: 'arch.koval', fullName: 'Коваль Ірина Миколаївна', role: 'archivist', password: SIM_PASSWORD, order: { number: '12-к', date: summary.to } });
  assert.ok([201, 409].includes(u.status), JSON.stringify(u.body));
  const token = await login('arch.koval');
  const due = await call('GET', '/archive/due', token);
  assert.is(due.status, 200, JSON.stringify(due.body));
  const ready = (due.body.cases as Array<{ ueun: string; state: string }>).filter((x) => x.state === 'due');
  assert.ok(ready.length > 0, `cases due after seventy days: ${JSON.stringify(due.body.cases.map((x: { state: string; note: string }) => [x.state, x.note])).slice(0, 800)}`);
  const chosen = ready.slice(0, 3).map((x) => x.ueun);
  for (const ueun of chosen) {
    const r = await call('POST', `/archive/cases/${casePath(ueun)}/confirm`, token);
    assert.is(r.status, 201, JSON.stringify(r.body));
  }
  const views = await until(async () => {
    const list = await call('GET', '/archive/due', token);
    const mine = (list.body.cases as Array<{ ueun: string; state: string; failures: unknown[] }>).filter((x) => chosen.includes(x.ueun));
    return mine.length === chosen.length && mine.every((x) => x.state === 'built' || x.failures.length > 0) ? mine : undefined;
  }, 'the packages built', 90_000);
  assert.ok(views.every((x) => x.state === 'built'), JSON.stringify(views));

  const t = asds(['archive', 'transfer', '--nats', nats.url, '--bus', opsBus, '--court', '537']);
  assert.is(t.status, 0, t.stdout + t.stderr);
  for (const ueun of chosen) {
    const v = await until(async () => {
      const r = await call('GET', `/archive/cases/${casePath(ueun)}`, token);
      return r.body?.state === 'transferred' ? r.body : undefined;
    }, `the receipt for ${ueun} at the court`, 60_000);
    assert.ok(v.transferred.packageId);
    // the card stays readable and says where the case is
    const card = await call('GET', `/cases/${casePath(ueun)}`, token);
    assert.is(card.status, 200);
    assert.match(JSON.stringify(card.body), /Передано до електронного архіву/);
  }
  transferred = chosen;
});

test('asds archive get <ЄУН>: the package passes plain sha256sum -c and asds archive verify', () => {
  const out = join(root, 'got');
  const ueun = transferred[0]!;
  const g = asds(['archive', 'get', ueun, '--nats', nats.url, '--bus', opsBus, '--court', '537', '--out', out]);
  assert.is(g.status, 0, g.stdout + g.stderr);
  const dir = readdirSync(out).find((f) => !f.endsWith('.json'))!;
  assert.ok(dir, 'the package folder');
  const sum = spawnSync('sha256sum', ['-c', '--strict', 'manifest-sha256.txt'], { cwd: join(out, dir), encoding: 'utf8' });
  assert.is(sum.status, 0, sum.stdout + sum.stderr);
  assert.match(sum.stdout, /data\/.*: OK/);
  const v = asds(['archive', 'verify', join(out, dir), '--ca', join(sim, 'court-537', 'pki', 'ca.crt.pem'), '--bus', opsBus]);
  assert.is(v.status, 0, v.stdout + v.stderr);
});

test.run();
