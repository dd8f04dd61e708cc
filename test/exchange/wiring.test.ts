/**
 * The hub on a central worker (issue 17 wiring): `startCentralNode({ exchange })` starts it on the worker's own
 * journal; the operator CLI (`asds exchange org add|suspend|resume|list`, `asds exchange cert`, `asds exchange
 * cabinets --overdue`) works through its admin listener with a console token; the certificate written by the CLI
 * opens the mTLS listener; after a restart on the same data dir the registry and the CA are the same.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { startCentralNode, type CentralNode } from '../../actors/central/node.ts';
import { signConsoleToken } from '../../actors/central/console/index.ts';
import { cleanup, startNats, tempDir, type NatsHandle } from '../support/servers.ts';
import { writeFileSync } from 'node:fs';
import { addDays } from '../../actors/distribution/index.ts';
import { kyivDate } from '../../actors/central/exchange/index.ts';
import { httpRequest, mtlsRequest, qualifiedCa } from './support.ts';

const test = suite('exchange hub on a central worker, operator CLI');
const ctx = {} as { nats: NatsHandle; central: CentralNode; dir: string; token: string };

function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ['bin/asds.js', 'exchange', ...args, '--hub', ctx.central.exchange!.adminUrl], { env: { ...process.env, ASDS_LOG: 'error', ASDS_CONSOLE_TOKEN: ctx.token } });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    p.on('close', (code) => resolve({ code: code ?? -1, out, err }));
  });
}

const start = async () =>
  startCentralNode({ node: 'central-1', dataDir: ctx.dir, natsUrl: ctx.nats.url, bus: await ctx.nats.bus.identity('central-1'), exchange: { port: 0, keyPassphrase: 'фраза-ключа-для-тесту-обміну' } });

test.before(async () => {
  ctx.nats = await startNats({ jetstream: true });
  ctx.dir = tempDir('asds-exchange-central-');
  ctx.central = await start();
  ctx.token = signConsoleToken((b) => ctx.nats.bus.ops.signAsOperator(b), { sub: 'Коваленко Ірина Петрівна', role: 'operator' });
});
test.after(async () => {
  await ctx.central?.stop();
  await cleanup();
});

test('org add, cert, list; the written certificate opens the mTLS listener; suspend refuses it; resume', async () => {
  const add = await cli(['org', 'add', '--id', 'prok-poltava', '--kind', 'prosecutor', '--org-name', 'Полтавська обласна прокуратура', '--code', '02910060']);
  assert.is(add.code, 0, add.err);
  assert.match(add.out, /Зареєстровано: prok-poltava\tПолтавська обласна прокуратура \(код 02910060\)/);
  const out = join(tempDir('asds-exchange-cert-'), 'tls');
  const cert = await cli(['cert', '--org', 'prok-poltava', '--out', out]);
  assert.is(cert.code, 0, cert.err);
  assert.is(statSync(join(out, 'client.key.pem')).mode & 0o077, 0);
  const tls = { certPem: readFileSync(join(out, 'client.crt.pem'), 'utf8'), keyPem: readFileSync(join(out, 'client.key.pem'), 'utf8') };
  const ca = readFileSync(join(out, 'hub-ca.crt.pem'), 'utf8');
  const who = () => mtlsRequest({ url: ctx.central.exchange!.url, method: 'GET', path: '/exchange/whoami', cert: tls, ca });
  assert.is((await who()).json.id, 'prok-poltava');

  const sus = await cli(['org', 'suspend', 'prok-poltava', '--reason', 'планові технічні роботи', '--until', '2099-01-01']);
  assert.is(sus.code, 0, sus.err);
  assert.match(sus.out, /Обмін зупинено/);
  assert.is((await who()).json.error, 'ORG_SUSPENDED');
  const list = await cli(['org', 'list', '--json']);
  assert.is(JSON.parse(list.out).organisations[0].suspension.by, 'оператор Коваленко Ірина Петрівна');
  assert.is((await cli(['org', 'resume', 'prok-poltava'])).code, 0);
  assert.is((await who()).status, 200);

  // the operator revokes the certificate: its next call is refused at once
  const fingerprint = JSON.parse((await cli(['org', 'list', '--json'])).out).organisations[0].certificates[0].fingerprint as string;
  const rv = await cli(['cert', 'revoke', '--org', 'prok-poltava', '--fingerprint', fingerprint, '--reason', 'компрометація ключа системи']);
  assert.is(rv.code, 0, rv.err);
  assert.match(rv.out, /відкликано: компрометація ключа системи/);
  assert.is((await who()).json.error, 'CERT_REVOKED');

  const dup = await cli(['org', 'add', '--id', 'prok-poltava', '--kind', 'prosecutor', '--org-name', 'Дубль', '--code', '02910060']);
  assert.is(dup.code, 3);
  assert.match(dup.err, /уже зареєстровано \(ORG_EXISTS\)/);
  const overdue = await cli(['cabinets', '--overdue']);
  assert.is(overdue.code, 0, overdue.err);
  assert.match(overdue.out, /Прострочених змін керівника немає/);
});

test('without a token the CLI is refused; the public page needs none', async () => {
  const p = await new Promise<number>((resolve) => {
    const c = spawn(process.execPath, ['bin/asds.js', 'exchange', 'org', 'list', '--hub', ctx.central.exchange!.adminUrl, '--ops', tempDir('asds-no-ops-')], { env: { ...process.env, ASDS_LOG: 'error', ASDS_CONSOLE_TOKEN: '' } });
    c.on('close', (code) => resolve(code ?? -1));
  });
  assert.is(p, 2);
  const page = await httpRequest(ctx.central.exchange!.adminUrl, 'GET', '/public/organisations');
  assert.match(page.text, /Полтавська обласна прокуратура/);
});

test('district cabinet, list change and change of head through the CLI; an old change is listed as overdue', async () => {
  const q = qualifiedCa();
  const certs = tempDir('asds-exchange-heads-');
  const head = join(certs, 'head.crt.pem');
  writeFileSync(head, q.issueHead({ code: 'OKP-1604', fullName: 'Савченко Віра Андріївна' }).certPem);
  assert.is((await cli(['org', 'add', '--id', 'okp-myrhorod', '--kind', 'prosecutor', '--org-name', 'Миргородська окружна прокуратура', '--code', 'OKP-1604'])).code, 0);
  const unlisted = await cli(['cabinet', 'district', '--org', 'okp-myrhorod', '--code', 'OKP-1604', '--head-cert', head, '--request', '27/1-500вих-24', '--request-date', kyivDate(Date.now())]);
  assert.is(unlisted.code, 3);
  assert.match(unlisted.err, /DISTRICT_CODE_NOT_LISTED/);
  const add = await cli(['district-codes', 'add', '--code', 'OKP-1604', '--office-name', 'Миргородська окружна прокуратура', '--region', 'Полтавська область', '--request', '27/1-501вих-24', '--request-date', kyivDate(Date.now())]);
  assert.is(add.code, 0, add.err);
  assert.match(add.out, /OKP-1604\tМиргородська окружна прокуратура/);
  const reg = await cli(['cabinet', 'district', '--org', 'okp-myrhorod', '--code', 'OKP-1604', '--head-cert', head, '--request', '27/1-500вих-24', '--request-date', kyivDate(Date.now())]);
  assert.is(reg.code, 0, reg.err);
  assert.match(reg.out, /керівник — Савченко Віра Андріївна/);
  const change = await cli(['cabinet', 'head-change', 'okp-myrhorod', '--changed-on', addDays(kyivDate(Date.now()), -10)]);
  assert.is(change.code, 0, change.err);
  const overdue = await cli(['cabinets', '--overdue']);
  assert.match(overdue.out, /okp-myrhorod\tМиргородська окружна прокуратура: керівника змінено/);
  const fresh = join(certs, 'new.crt.pem');
  writeFileSync(fresh, q.issueHead({ code: 'OKP-1604', fullName: 'Олійник Степан Іванович' }).certPem);
  const done = await cli(['cabinet', 'head', 'okp-myrhorod', '--head-cert', fresh, '--request', '27/1-502вих-24', '--request-date', kyivDate(Date.now())]);
  assert.is(done.code, 0, done.err);
  assert.match(done.out, /Олійник Степан Іванович/);
  assert.match((await cli(['cabinets', '--overdue'])).out, /Прострочених змін керівника немає/);
});

test('a restart on the same data dir keeps the registry and the CA', async () => {
  const caBefore = ctx.central.exchange!.ca.certPem;
  await ctx.central.stop();
  ctx.central = await start();
  assert.is(ctx.central.exchange!.ca.certPem, caBefore);
  const list = await cli(['org', 'list', '--json']);
  assert.equal(JSON.parse(list.out).organisations.map((o: { id: string; status: string }) => [o.id, o.status]), [['prok-poltava', 'connected'], ['okp-myrhorod', 'connected']]);
  assert.match((await cli(['cabinets'])).out, /Олійник Степан Іванович/);
});

test.run();
