/**
 * Distribution through HTTP only (issue 4 item 14, issue 5 item 4): a real
 * `asds court serve --court 537` process with the Lubny Засади. A claim
 * registered with a Засади category is distributed on registration (4.1)
 * and its judge written to the card; the protocol is read as JSON and PDF,
 * verified by the endpoint and by `asds verify-protocol`, a tampered copy
 * fails; role checks, bad input → 4xx with nothing written; an absence
 * entered by the head of staff through PUT /judges/:id/availability keeps
 * the judge out of draws; a panel member replacement needs the memo.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup, tempDir } from '../../support/servers.ts';
import { startNodeProcess } from '../../support/processes.ts';
import { ADMIN_PASSWORD, api, casePath, claim, PASSWORD, today, type Api } from '../support.ts';

const test = suite('court distribution over HTTP (real process)');
test.after(cleanup);

const ORDER = { kind: 'order', number: '17-р', date: '2025-06-10' };
const MEMO = { kind: 'memo', number: 'сз-4', date: '2025-06-09' };
const plusDays = (d: string, n: number) => new Date(Date.parse(`${d}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** The court's CA is the anchor (`--ca`): without one the seal is not verified and the protocol is refused (review 2). */
function verifyCli(file: string, ca?: string): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, ['bin/asds.js', 'verify-protocol', file, ...(ca ? ['--ca', ca] : [])], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, ASDS_LOG: 'error' } });
  return { status: r.status, out: r.stdout + r.stderr };
}

test('register → distributed on the same day → protocol JSON/PDF/verify; roles; refusals write nothing; absences exclude; memo for 4.9 ¶2', async () => {
  const data = tempDir('asds-dist-http-');
  const p = startNodeProcess('bin/cli.ts', ['court', 'serve', '--court', '537', '--data', data, '--port', '0'], { ASDS_ADMIN_PASSWORD: ADMIN_PASSWORD });
  try {
    const line = await p.waitFor(/"ready":true/);
    const a: Api = api(JSON.parse(line).url as string);
    const admin = await a.login('admin', ADMIN_PASSWORD);
    const users: Array<[string, string]> = [
      ['registrar1', 'registrar'],
      ['officer1', 'distribution_officer'],
      ['head1', 'head_of_staff'],
      ['lub-01', 'judge'],
      ['lub-05', 'judge'],
      ['lub-06', 'judge'],
    ];
    const t: Record<string, string> = {};
    for (const [login, role] of users) {
      const u = await a.call('POST', '/users', { token: admin, body: { login, fullName: `Тест ${login}`, role, password: PASSWORD, order: { number: `${login}-к`, date: '2025-01-10' } } });
      assert.is(u.status, 201, `create ${login}`);
      t[login] = await a.login(login);
    }
    const attempts = async () => (await a.call('GET', '/protocols', { token: t.head1 })).body.attempts as number;

    // --- 4.1: distributed right after registration; the judge is on the card.
    const reg = await a.call('POST', '/registrations', { token: t.registrar1, body: claim({ category: 'civil-claim' }) });
    assert.is(reg.status, 201, JSON.stringify(reg.body));
    const dist = reg.body.distribution;
    assert.is(dist.status, 'distributed', JSON.stringify(dist));
    assert.is(dist.caseId, reg.body.proceedingNumber);
    assert.ok(['LUB-01', 'LUB-05', 'LUB-06', 'LUB-07'].includes(dist.presiding), `a civil judge: ${dist.presiding}`);
    assert.ok(dist.cardUpdated);
    const card = await a.call('GET', casePath(reg.body.ueun), { token: t.registrar1 });
    assert.is(card.status, 200);
    const proc = card.body.proceedings.find((x: { proceedingNumber: string }) => x.proceedingNumber === reg.body.proceedingNumber);
    assert.is(proc.assignment.judge, dist.presiding.toLowerCase());
    assert.is(proc.assignment.protocol, dist.documentId);
    const byCase = await a.call('GET', `/distribution/case?caseId=${encodeURIComponent(reg.body.proceedingNumber)}`, { token: t.officer1 });
    assert.is(byCase.status, 200);
    assert.is(byCase.body.assignment.presiding, dist.presiding);
    assert.is(byCase.body.assignment.protocol, dist.documentId);

    // A free-text category is not drawn automatically: the registration stands, the reply says why.
    const free = await a.call('POST', '/registrations', { token: t.registrar1, body: claim() });
    assert.is(free.status, 201);
    assert.is(free.body.distribution.status, 'skipped');

    // --- the protocol: JSON, PDF, verify endpoint, verify CLI, tampered copy.
    const id = encodeURIComponent(dist.documentId);
    const doc = await a.call('GET', `/protocols/${id}`, { token: t.registrar1 });
    assert.is(doc.status, 200);
    assert.is(doc.body.documentId, dist.documentId);
    assert.is(doc.body.state, 'Original');
    assert.is(doc.body.protocol.chosen.presiding, dist.presiding);
    assert.ok(doc.body.journal.gseq > 0, 'journal position added on read');
    const pdf = await a.call('GET', `/protocols/${id}/pdf`, { token: t.registrar1 });
    assert.is(pdf.status, 200);
    assert.match(pdf.headers.get('content-type') ?? '', /^application\/pdf/);
    assert.is(pdf.bytes.subarray(0, 4).toString('latin1'), '%PDF');
    const ver = await a.call('GET', `/protocols/${id}/verify`, { token: t.officer1 });
    assert.is(ver.status, 200);
    assert.equal(ver.body.problems, []);
    assert.ok(ver.body.ok && ver.body.recomputed && ver.body.journalRowOk && ver.body.trustAnchor);
    assert.match(ver.body.seal, /^TOTAL_PASSED/);
    const missing = await a.call('GET', `/protocols/${encodeURIComponent('537-000009999-протокол-розподілу-ц')}`, { token: t.registrar1 });
    assert.is(missing.status, 404);
    assert.is(missing.body.error.code, 'PROTOCOL_NOT_FOUND');

    const dir = tempDir('asds-dist-http-files-');
    const file = join(dir, 'protocol.json');
    writeFileSync(file, JSON.stringify(doc.body, null, 2));
    const good = verifyCli(file, join(data, 'pki', 'ca.crt.pem'));
    assert.is(good.status, 0, good.out);
    assert.match(good.out, /OK/);
    const unanchored = verifyCli(file);
    assert.is(unanchored.status, 1, unanchored.out);
    assert.match(unanchored.out, /MISMATCH seal: no court CA/);
    const other = ['LUB-01', 'LUB-05', 'LUB-06', 'LUB-07'].find((j) => j !== dist.presiding)!;
    const tampered = join(dir, 'tampered.json');
    writeFileSync(tampered, JSON.stringify({ ...doc.body, protocol: { ...doc.body.protocol, chosen: { ...doc.body.protocol.chosen, presiding: other } } }));
    const bad = verifyCli(tampered, join(data, 'pki', 'ca.crt.pem'));
    assert.is.not(bad.status, 0, bad.out);
    assert.match(bad.out, /MISMATCH/);

    // --- roles and refusals: nothing written.
    const before = await attempts();
    const repeat = { caseId: reg.body.proceedingNumber, order: ORDER, reason: 'replace-judges', reasonText: 'тривала хвороба судді', replace: [dist.presiding] };
    let r = await a.call('POST', '/distribution/repeated', { token: t.registrar1, body: repeat });
    assert.is(r.status, 403);
    assert.is(r.body.error.code, 'FORBIDDEN');
    r = await a.call('POST', '/distribution/repeated', { token: t['lub-01'], body: repeat });
    assert.is(r.status, 403);
    const { order: _order, ...noOrder } = repeat;
    r = await a.call('POST', '/distribution/repeated', { token: t.head1, body: noOrder });
    assert.is(r.status, 400);
    assert.is(r.body.error.code, 'VALIDATION_FAILED');
    assert.ok(r.body.error.message.uk && r.body.error.message.en);
    r = await a.call('POST', '/distribution/repeated', { token: t.head1, body: { ...repeat, order: { ...ORDER, kind: 'memo' } } });
    assert.is(r.status, 422);
    assert.is(r.body.error.code, 'ORDER_REQUIRED');
    r = await a.call('POST', '/distribution/repeated', { token: t.head1, body: { ...repeat, reasonText: '   ' } });
    assert.is(r.status, 422);
    r = await a.call('POST', '/distribution/cases', { token: t.head1, body: { case: { caseId: 'X-1', category: 'civil-claim', exclusions: [] } } });
    assert.is(r.status, 403, 'the head of staff orders repeated distribution; distributing is the registry’s');
    r = await a.call('POST', '/distribution/cases', { token: t.officer1, body: { case: { caseId: 'X-1', category: 'no-such-category', exclusions: [] } } });
    assert.is(r.status, 422);
    assert.is(r.body.error.code, 'UNKNOWN_CATEGORY');
    r = await a.call('POST', '/distribution/cases', { token: t.officer1, body: { case: { caseId: 'X-1', category: 'civil-claim' } } });
    assert.is(r.status, 400, 'exclusions are required by the schema');
    r = await a.call('POST', '/distribution/cases', { token: t.officer1, body: { case: { caseId: reg.body.proceedingNumber, category: 'civil-claim', exclusions: [] } } });
    assert.is(r.status, 409, 'no silent second draw');
    assert.is(r.body.error.code, 'ALREADY_DISTRIBUTED');
    r = await a.call('POST', '/distribution/batches', { token: t.registrar1, body: { items: [] } });
    assert.is(r.status, 400);
    assert.is(await attempts(), before, 'no refusal wrote an attempt');

    // --- repeated distribution on the order: the replaced judge is out.
    r = await a.call('POST', '/distribution/repeated', { token: t.head1, body: repeat });
    assert.is(r.status, 201, JSON.stringify(r.body));
    assert.is(r.body.document.kind, 'repeated-distribution');
    assert.is(r.body.document.order.ref.number, ORDER.number);
    assert.is.not(r.body.document.protocol.chosen.presiding, dist.presiding);
    assert.is(await attempts(), before + 1);
    const rv = await a.call('GET', `/protocols/${encodeURIComponent(r.body.documentId)}/verify`, { token: t.head1 });
    assert.ok(rv.body.ok, JSON.stringify(rv.body));

    // --- one source of absences: PUT /judges/:id/availability reaches the draws.
    const from = today();
    for (const j of ['lub-01', 'lub-05', 'lub-06']) {
      const av = await a.call('PUT', `/judges/${j}/availability`, { token: t.head1, body: { kind: 'vacation', from, to: plusDays(from, 20), basis: { kind: 'order', number: `відп-${j}`, date: from } } });
      assert.is(av.status, 201, JSON.stringify(av.body));
      assert.is(av.body.distribution.judgeId, j.toUpperCase());
    }
    const reversed = await a.call('PUT', '/judges/lub-05/availability', { token: t.head1, body: { kind: 'vacation', from, to: plusDays(from, -3), basis: { kind: 'order', number: 'x', date: from } } });
    assert.is(reversed.status, 400, 'to before from: refused before either write');
    const roster = await a.call('GET', '/judges/lub-05/availability', { token: t.head1 });
    assert.is(roster.body.length, 1, 'the refused absence was not written');
    const absentees = ['LUB-01', 'LUB-05', 'LUB-06'];
    const batch = await a.call('POST', '/distribution/batches', {
      token: t.officer1,
      body: { items: [1, 2, 3].map((n) => ({ case: { caseId: `537/B${n}/25`, category: 'civil-claim', exclusions: [] } })) },
    });
    assert.is(batch.status, 201, JSON.stringify(batch.body));
    assert.is(batch.body.outcomes.length, 3);
    for (const o of batch.body.outcomes) {
      assert.is(o.status, 'distributed');
      assert.is(o.document.protocol.chosen.presiding, 'LUB-07', 'the only civil judge present');
      const candidates = o.document.protocol.steps[0].candidates.map((c: { judgeId: string }) => c.judgeId);
      for (const j of absentees) assert.not.ok(candidates.includes(j), `${j} is absent and not a candidate`);
    }

    // --- 4.9 ¶2: replacing one panel member needs the rapporteur's memo, quoted in the protocol.
    const panel = await a.call('POST', '/distribution/cases', { token: t.officer1, body: { case: { caseId: '537/P1/25', category: 'criminal-panel', exclusions: [] } } });
    assert.is(panel.status, 201, JSON.stringify(panel.body));
    const member = panel.body.document.protocol.chosen.members[0];
    const replace = { caseId: '537/P1/25', order: ORDER, reason: 'replace-judges', reasonText: 'суддю призвано на військову службу', replace: [member] };
    const n = await attempts();
    r = await a.call('POST', '/distribution/repeated', { token: t.head1, body: replace });
    assert.is(r.status, 422);
    assert.is(r.body.error.code, 'MEMO_REQUIRED');
    assert.is(await attempts(), n);
    r = await a.call('POST', '/distribution/repeated', { token: t.head1, body: { ...replace, memo: MEMO } });
    assert.is(r.status, 201, JSON.stringify(r.body));
    assert.is(r.body.document.kind, 'member-replacement');
    assert.equal(r.body.document.order.memo, MEMO);
    const mv = await a.call('GET', `/protocols/${encodeURIComponent(r.body.documentId)}/verify`, { token: t.head1 });
    assert.ok(mv.body.ok, JSON.stringify(mv.body));

    // --- reads: load, protocol list of a case.
    const load = await a.call('GET', '/distribution/load', { token: t.head1 });
    assert.is(load.status, 200);
    assert.ok(load.body.judges.some((j: { judgeId: string }) => j.judgeId === 'LUB-07'));
    const list = await a.call('GET', `/protocols?caseId=${encodeURIComponent(reg.body.proceedingNumber)}`, { token: t['lub-05'] });
    assert.equal(list.body.protocols.map((x: { id: string }) => x.id), [dist.documentId, rv.body.documentId]);
    assert.is((await a.call('GET', '/distribution/load', { token: t.registrar1 })).status, 403);
  } finally {
    await p.kill('SIGTERM');
    await p.exited;
  }
});

test.run();
