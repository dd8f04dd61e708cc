/**
 * Court → centre end to end over real servers: nats-server (JetStream), an
 * `asds central serve` process with chdb, courts replicating from this
 * process. Confirmation, the central database, the workload report (CLI and
 * HTTP) against the court's own counts, gaps re-requested, invalid messages
 * kept out, the lag monitor, and the court node's own wiring.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { jetstream } from '@nats-io/jetstream';
import { cleanup, startNats, tempDir, type NatsHandle } from '../support/servers.ts';
import { startNodeProcess, type NodeProcess } from '../support/processes.ts';
import { courtOwnWorkload, startCentralWorker, startCourt, until, writeWorkload, type Court } from './support.ts';
import { openEngine } from '../../analytics/engine.ts';
import { courtSeqs, documents, caseCard } from '../../analytics/central-db.ts';
import { laggingCourts, courtLags } from '../../analytics/lag.ts';
import { framesOf } from '../../actors/court/replicator/index.ts';
import { ingestFrameMsgId, ingestMsgId, ingestSubject, markPushSubject, markRequestSubject } from '../../contracts/ingest/index.ts';
import { signedHeaders, signerOf } from '../../runtime/bus/nats-sign.ts';
import { testOperator } from '../support/identities.ts';
import { Journal } from '../../runtime/index.ts';
import { consoleAuth } from '../support/console-token.ts';

process.env.ASDS_LOG ??= 'silent';
const test = suite('replication: court → JetStream → central worker → chdb, end to end');
const ctx: { nats?: NatsHandle; central?: NodeProcess; http?: string; data?: string; courts: Court[] } = { courts: [] };

test.before(async () => {
  ctx.nats = await startNats({ jetstream: true });
  ctx.data = tempDir('asds-central-');
  ctx.central = await startCentralWorker(ctx.nats, ctx.data, ['--http-port', '0']);
  ctx.http = JSON.parse((await ctx.central.waitFor(/"ingest":"running"/)) as string).http as string;
});

/** A connection as court `code` itself (its bus identity): only its own subjects are reachable. */
const asCourt = (code: string) => ctx.nats!.bus.connect(`court-${code}`);

test.after(async () => {
  for (const c of ctx.courts) await c.stop().catch(() => undefined);
  await ctx.central?.kill('SIGTERM');
  await cleanup();
});

test('two courts: every event confirmed; the report over HTTP, CLI json and csv equals each court\'s own counts', async () => {
  const a = await startCourt('101', tempDir(), ctx.nats!);
  const b = await startCourt('102', tempDir(), ctx.nats!);
  ctx.courts.push(a, b);
  await Promise.all([writeWorkload(a, 300, { prefix: 'a' }), writeWorkload(b, 200, { prefix: 'b', judges: 4 })]);
  await a.replicator.confirmedThrough(a.journal.head().gseq);
  await b.replicator.confirmedThrough(b.journal.head().gseq);
  // the court-side mark is in its SQLite table, not a journal event
  const stored = a.journal.database.prepare("SELECT confirmed FROM replication_marks WHERE target = 'centre'").get() as { confirmed: number };
  assert.is(stored.confirmed, a.journal.head().gseq);
  assert.is((a.journal.database.prepare("SELECT count(*) AS n FROM events WHERE type LIKE '%mark%'").get() as { n: number }).n, 0);

  for (const c of [a, b]) {
    const want = courtOwnWorkload(c.journal, c.code, '2025-02-01', '2025-05-31');
    assert.ok(want.length > 3);
    const res = await fetch(`${ctx.http}/reports/workload?from=2025-02-01&to=2025-05-31&court=${c.code}`, { headers: consoleAuth(ctx.nats!.bus.ops, 'analyst') });
    assert.is(res.status, 200);
    const got = ((await res.json()) as { rows: unknown[] }).rows;
    assert.equal(got, want);
  }
  const cli = spawnSync(process.execPath, ['bin/asds.js', 'report', 'workload', '--from', '2025-01-01', '--to', '2025-06-30', '--court', '102', '--nats', ctx.nats!.url, '--bus', await ctx.nats!.bus.bundle('ops-test')], {
    encoding: 'utf8',
  });
  assert.is(cli.status, 0, cli.stderr);
  assert.equal(JSON.parse(cli.stdout).rows, courtOwnWorkload(b.journal, '102', '2025-01-01', '2025-06-30'));
  const csv = spawnSync(
    process.execPath,
    ['bin/asds.js', 'report', 'workload', '--from', '2025-01-01', '--to', '2025-06-30', '--court', '101', '--format', 'csv', '--nats', ctx.nats!.url, '--bus', await ctx.nats!.bus.bundle('ops-test')],
    { encoding: 'utf8' },
  );
  assert.is(csv.status, 0, csv.stderr);
  const lines = csv.stdout.trim().split('\n');
  assert.is(lines[0], 'court,judge,ПІБ судді,category,received,weighted_load,decided,pending');
  assert.is(lines.length - 1, courtOwnWorkload(a.journal, '101', '2025-01-01', '2025-06-30').length);
  const bad = await fetch(`${ctx.http}/reports/workload?from=2025-13-01&to=2025-01-01`, { headers: consoleAuth(ctx.nats!.bus.ops, 'analyst') });
  assert.is(bad.status, 400);
});

test('a gap (an event JetStream never got) holds the mark, is re-requested, and the court refills it', async () => {
  const dir = tempDir();
  // the court wrote 10 events while cut off from the centre…
  const j = new Journal(join(dir, 'journal.sqlite'));
  for (let i = 1; i <= 10; i++) await j.persist({ actor: 'distribution/x', expectedSeq: i - 1, ts: Date.now(), events: [{ type: 'noise', data: JSON.stringify({ type: 'noise', i }), meta: '{}' }] });
  const rows = j.read(1, 100);
  j.close();
  // …and only 1–4 and 6–10 reached JetStream (5 lost in transport)
  const pushes: Array<{ mark: number; resendFrom?: number }> = [];
  const c103 = await asCourt('103');
  const sub = c103.subscribe(markPushSubject('103'), { callback: (_e, m) => void pushes.push(JSON.parse(new TextDecoder().decode(m.data))) });
  const js = jetstream(c103);
  const signer = signerOf(await ctx.nats!.bus.identity('court-103'));
  for (const r of rows) {
    if (r.gseq === 5) continue;
    // one event per frame, as a court sends after each commit (the frame names the court's head, 10)
    const [f] = framesOf('103', [r], { hashKey: 'k', head: 10 }, 1_000_000);
    await js.publish(ingestSubject('103'), f!.body, { msgID: ingestMsgId('103', r.gseq), headers: signedHeaders(signer, ingestSubject('103'), f!.body) });
  }
  await until(() => pushes.some((p) => p.resendFrom === 5), 'the centre to re-request from seq 5', 30_000);
  assert.ok(pushes.every((p) => p.mark <= 4), 'the mark never passes the gap');
  sub.unsubscribe();
  await c103.close();
  // the court comes online: asks the mark (4), resends from 5
  const c = await startCourt('103', dir, ctx.nats!);
  ctx.courts.push(c);
  await c.replicator.confirmedThrough(10);
  assert.is(c.replicator.status().confirmed, c.journal.head().gseq);
});

test('an invalid message is kept out and does not stop ingest of others', async () => {
  const c104 = await asCourt('104');
  const js = jetstream(c104);
  await js.publish(ingestSubject('104'), '{"v":1,"court":"104","seq":1,"type":"x"}', { msgID: '104:1' });
  await js.publish(ingestSubject('104'), 'not json at all', { msgID: '104:bad' });
  await c104.close();
  const c = await startCourt('105', tempDir(), ctx.nats!);
  ctx.courts.push(c);
  await writeWorkload(c, 20, { prefix: 'v' });
  await c.replicator.confirmedThrough(c.journal.head().gseq);
  const lag = await (await fetch(`${ctx.http}/lag?all=1`, { headers: consoleAuth(ctx.nats!.bus.ops, 'analyst') })).json() as { courts: Array<{ court: string }> };
  assert.ok(lag.courts.some((l) => l.court === '105'));
  assert.not.ok(lag.courts.some((l) => l.court === '104'), 'a court that never asked is unknown to the monitor');
});

test('a frame with one invalid event: the others are stored, the bad one is rejected, the mark stops below it', async () => {
  const dir = tempDir();
  const j = new Journal(join(dir, 'journal.sqlite'));
  for (let i = 1; i <= 5; i++) await j.persist({ actor: 'distribution/x', expectedSeq: i - 1, ts: Date.now(), events: [{ type: 'noise', data: JSON.stringify({ type: 'noise', i }), meta: '{}' }] });
  const [f] = framesOf('107', j.read(1, 100), { hashKey: 'k' }, 1_000_000);
  j.close();
  const frame = JSON.parse(f!.body) as { events: Array<Record<string, unknown>> };
  frame.events[2]!.aseq = 0; // seq 3 breaks the contract
  const pushes: Array<{ mark: number }> = [];
  const c107 = await asCourt('107');
  const sub = c107.subscribe(markPushSubject('107'), { callback: (_e, m) => void pushes.push(JSON.parse(new TextDecoder().decode(m.data))) });
  const body = JSON.stringify(frame);
  const headers = signedHeaders(signerOf(await ctx.nats!.bus.identity('court-107')), ingestSubject('107'), body);
  await jetstream(c107).publish(ingestSubject('107'), body, { msgID: ingestFrameMsgId('107', 1, 5), headers });
  await until(() => pushes.some((p) => p.mark === 2), 'the mark of court 107 to reach 2');
  await new Promise((r) => setTimeout(r, 500));
  sub.unsubscribe();
  assert.ok(pushes.every((p) => p.mark <= 2), 'never past the rejected seq 3');
  await c107.close();
  // stored rows and the reject are checked after the worker stops (last test)
});

test('forged frames (unsigned, signed by another court, by a foreign operator) are refused; a forged mark is not adopted', async () => {
  const dir = tempDir();
  const j = new Journal(join(dir, 'journal.sqlite'));
  for (let i = 1; i <= 3; i++) await j.persist({ actor: 'distribution/x', expectedSeq: i - 1, ts: Date.now(), events: [{ type: 'noise', data: JSON.stringify({ type: 'noise', i }), meta: '{}' }] });
  const [f] = framesOf('108', j.read(1, 100), { hashKey: 'k' }, 1_000_000);
  j.close();
  // the server lets only court 108 publish here; what it publishes must still carry court 108's own signature
  const c108 = await asCourt('108');
  const js = jetstream(c108);
  const subject = ingestSubject('108');
  const pushes: string[] = [];
  const sub = c108.subscribe(markPushSubject('108'), { callback: (_e, m) => void pushes.push(new TextDecoder().decode(m.data)) });
  await js.publish(subject, f!.body, { msgID: 'forged-1' });
  await js.publish(subject, f!.body, { msgID: 'forged-2', headers: signedHeaders(signerOf(await ctx.nats!.bus.identity('court-109')), subject, f!.body) });
  await js.publish(subject, f!.body, { msgID: 'forged-3', headers: signedHeaders(signerOf(testOperator().identity('court-108')), subject, f!.body) });
  await new Promise((r) => setTimeout(r, 1500));
  sub.unsubscribe();
  assert.equal(pushes, [], 'the centre confirmed nothing of court 108');
  await c108.close();
  // a forged mark request (the lag monitor believes the head a court reports) gets no answer
  const c105 = await asCourt('105');
  const req = JSON.stringify({ v: 1, court: '105', head: 0, pendingSince: 0, confirmed: 0 });
  for (const headers of [undefined, signedHeaders(signerOf(await ctx.nats!.bus.identity('court-108')), markRequestSubject('105'), req)]) {
    try {
      await c105.request(markRequestSubject('105'), req, { timeout: 1000, ...(headers ? { headers } : {}) });
      assert.unreachable('a forged mark request was answered');
    } catch (e) {
      assert.not.instance(e, assert.Assertion);
    }
  }
  await c105.close();
  // a court adopts a pushed mark only from a central node (on a bus with no worker, so nothing else moves it)
  const bare = await startNats({ jetstream: true });
  const c = await startCourt('110', tempDir(), bare);
  const pusher = await bare.bus.connect('central-9');
  try {
    await writeWorkload(c, 3, { prefix: 'm' });
    const head = c.journal.head().gseq;
    const mark = JSON.stringify({ v: 1, court: '110', mark: head });
    const pushSubject = markPushSubject('110');
    pusher.publish(pushSubject, mark);
    pusher.publish(pushSubject, mark, { headers: signedHeaders(signerOf(await bare.bus.identity('court-111')), pushSubject, mark) });
    pusher.publish(pushSubject, mark, { headers: signedHeaders(signerOf(testOperator().identity('central-1')), pushSubject, mark) });
    await pusher.flush();
    await new Promise((r) => setTimeout(r, 300));
    assert.is(c.replicator.status().confirmed, 0, 'unsigned, a court\'s and a foreign operator\'s marks are ignored');
    pusher.publish(pushSubject, mark, { headers: signedHeaders(signerOf(await bare.bus.identity('central-9')), pushSubject, mark) });
    await c.replicator.confirmedThrough(head);
  } finally {
    await pusher.close();
    await c.stop();
    await bare.stop();
  }
});

test('lag monitor: nobody past two hours now; at now + 3 h every silent court is listed; HTTP and CLI agree', async () => {
  const res = (await (await fetch(`${ctx.http}/lag`, { headers: consoleAuth(ctx.nats!.bus.ops, 'analyst') })).json()) as { thresholdMs: number; courts: unknown[] };
  assert.is(res.thresholdMs, 2 * 3600_000);
  assert.equal(res.courts, []);
  const cli = spawnSync(process.execPath, ['bin/asds.js', 'central', 'lag', '--json', '--nats', ctx.nats!.url, '--bus', await ctx.nats!.bus.bundle('ops-test')], { encoding: 'utf8' });
  assert.is(cli.status, 0, cli.stderr);
  assert.equal(JSON.parse(cli.stdout).courts, []);
  const cliAll = spawnSync(process.execPath, ['bin/asds.js', 'central', 'lag', '--json', '--all', '--threshold-minutes', '0', '--nats', ctx.nats!.url, '--bus', await ctx.nats!.bus.bundle('ops-test')], { encoding: 'utf8' });
  assert.is(cliAll.status, 3, 'exit 3 when something lags past the threshold');
  assert.ok((JSON.parse(cliAll.stdout).courts as unknown[]).length >= 3);
});

test('central database after the worker stops: (court, seq) sets equal the journals; case cards; documents with signature status; lag at now + 3 h', async () => {
  const c = await startCourt('106', tempDir(), ctx.nats!);
  ctx.courts.push(c);
  const ref = (kind: string) => c.system.ref(kind === 'x' ? 'case' : 'distribution', kind === 'x' ? '106/1/25' : '106');
  await ref('x').ask({ type: 'raw', event: { type: 'card-opened', registered: { ueun: '106/1/25' } } });
  await ref('y').ask({ type: 'raw', event: { type: 'case-distributed', caseId: '106/1/25', document: { documentId: '106-1-протокол', kind: 'distribution', title: 'Протокол', signature: { cms: 'MIIB', signer: 'seal' } }, load: [] } });
  await ref('y').ask({ type: 'raw', event: { type: 'case-distributed', caseId: '106/2/25', document: { documentId: '106-2-протокол', kind: 'distribution', title: 'Протокол' }, load: [] } });
  await c.replicator.confirmedThrough(c.journal.head().gseq);
  for (const x of ctx.courts) await x.stop();
  const heads = new Map(ctx.courts.map((x) => [x.code, x.journal]));
  ctx.courts = [];
  await ctx.central!.kill('SIGTERM');
  const engine = await openEngine({ dataDir: join(ctx.data!, 'analytics') });
  try {
    for (const code of ['101', '102', '103', '105', '106']) {
      const s = await courtSeqs(engine, code);
      const j = new Journal(heads.get(code)!.path, { readonly: true });
      const head = j.head().gseq;
      j.close();
      assert.equal(s, { count: head, distinct: head, min: 1, max: head }, `court ${code}`);
    }
    const docs = await documents(engine, '106');
    assert.equal(docs.map((d) => [d.documentId, d.signatureStatus]), [['106-1-протокол', 'signed'], ['106-2-протокол', 'unsigned']]);
    assert.is((await courtSeqs(engine, '104')).count, 0, 'nothing of the invalid messages was stored');
    assert.is((await courtSeqs(engine, '108')).count, 0, 'nothing of the forged frames was stored');
    // verified ingest: 4 and 5 cannot be linked to the held chain past the rejected 3, so they wait for a resend
    assert.equal(await courtSeqs(engine, '107'), { count: 2, distinct: 2, min: 1, max: 2 }, 'seqs 1, 2 of the frame');
    const r107 = await engine.query<{ seq: number | string }>("SELECT seq FROM ingest_rejects WHERE court = '107'");
    assert.equal(r107.map((r) => Number(r.seq)), [3]);
    const rejects = await engine.query<{ n: number }>("SELECT count() AS n FROM ingest_rejects WHERE court = '104'");
    assert.is(Number(rejects[0]!.n), 2);
    const card = await caseCard(engine, '106', '106/1/25');
    assert.is(card?.lastType, 'card-opened');
    assert.equal(card?.opened, { registered: { ueun: '106/1/25' } });
    assert.is(card?.history.length, 1);
    const lagsNow = await laggingCourts(engine);
    assert.equal(lagsNow, []);
    const later = await laggingCourts(engine, { now: Date.now() + 3 * 3600_000 });
    assert.ok(later.length >= 4, `lagging at now + 3 h: ${later.map((l) => l.court)}`);
    assert.ok(later.every((l) => l.lagMs > 2 * 3600_000));
    const lags = new Map((await courtLags(engine)).map((l) => [l.court, l]));
    for (const code of ['101', '102', '103', '105', '106']) {
      const j = new Journal(heads.get(code)!.path, { readonly: true });
      assert.is(lags.get(code)?.mark, j.head().gseq, `centre's mark of ${code} is the court's head`);
      j.close();
    }
  } finally {
    await engine.close();
  }
});

test('the court node started by `asds court serve` replicates its own journal', async () => {
  // the same analytics store as before: the ingest stream feeds one store (a worker on another one refuses to start)
  const central = await startCentralWorker(ctx.nats!, ctx.data!);
  const courtData = tempDir();
  const court = startNodeProcess('bin/cli.ts', ['court', 'serve', '--court', '537', '--data', courtData, '--nats', ctx.nats!.url, '--bus', await ctx.nats!.bus.bundle('court-537')]);
  await court.waitFor(/"ready":true/, 60_000);
  const seen: string[] = [];
  const c537 = await asCourt('537');
  const sub = c537.subscribe(markPushSubject('537'), { callback: (_e, m) => void seen.push(new TextDecoder().decode(m.data)) });
  await until(() => seen.length > 0, 'a mark push for court 537', 30_000);
  sub.unsubscribe();
  await c537.close();
  assert.ok(JSON.parse(seen[0]!).mark >= 1);
  await court.kill('SIGTERM');
  await central.kill('SIGTERM');
});

test.run();
