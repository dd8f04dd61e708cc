/**
 * The centre console in a real browser against a real central worker (`asds central serve` on chdb with Redis
 * queues, statistics and a registry of two courts) and a court replicating to it over nats-server: the
 * administrator logs in with a console token and sees the silent court highlighted over the 13.3 threshold, the
 * integrity alarm the centre raises when an insider rewrites the court's journal, with its evidence, the workload per judge, the CEPEJ chart with
 * its table, a database pull requested and its job in «Завдання центру»; an analyst is refused the operators' pages.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { parse } from 'yaml';
import { openEngine } from '../../analytics/engine.ts';
import { signConsoleToken, type ConsoleRole } from '../../actors/central/console/index.ts';
import { cleanup, startNats, startRedis, tempDir, type NatsHandle } from '../support/servers.ts';
import type { NodeProcess } from '../support/processes.ts';
import { startCentralWorker, writeWorkload, until } from '../replication/support.ts';
import { insider, rehashFrom, startWitnessedCourt, type WitnessedCourt } from '../witness/support.ts';
import type { CourtsReplyV1 } from '../../contracts/central/console.ts';
import { cspViolations, openBrowser, pageReady, shot, type TestBrowser } from '../support/browser.ts';
import { consoleAuth } from '../support/console-token.ts';

process.env.ASDS_LOG ??= 'silent';
const test = suite('centre console');

const LUBNY = 'Лубенський міськрайонний суд Полтавської області';
const KHOROL = 'Хорольський районний суд Полтавської області';
const REGISTRY = `schema: asds.courts/v1
courts:
  - { code: "301", name: ${LUBNY}, since: 2025-01-01 }
  - { code: "302", name: ${KHOROL}, since: 2025-01-01 }
`;

const ctx = {} as { nats: NatsHandle; central: NodeProcess; http: string; court: WitnessedCourt; browser: TestBrowser };

/** Statistical cards as the centre folds them (stat_cards): 2025, court 301 — 4 received, 3 decided. */
function cards() {
  const base = { court: '301', proc_index: '2', category: 'civil', article: null, opened_on: null, result: null, legal_force_on: null, judge: 'j1', amount_claimed: null, amount_awarded: null, over_term: 0, appeal_outcome: null, juvenile: 0, detention: 0, removed: 0, version: 1 };
  return [1, 2, 3, 4].map((i) => ({ ...base, proceeding_number: `2/301/${i}/25`, case_key: `k${i}`, received_on: `2025-0${i}-10`, decided_on: i < 4 ? `2025-0${i + 1}-15` : null }));
}

const JUDGES = ['Бондаренко Ірина Василівна', 'Мельник Олег Петрович', 'Савченко Тетяна Андріївна', 'Руденко Василь Іванович', 'Поліщук Наталія Сергіївна', 'Ткаченко Андрій Миколайович'];

/** The Lubny example Засади under court 301 with the test's judges j0–j5 (writeWorkload draws j0–j6). */
function zasady() {
  const z = parse(readFileSync('deploy/examples/lubny/zasady.yaml', 'utf8'));
  const judge = z.judges[0];
  return { ...z, court: { ...z.court, code: '301', name: LUBNY }, judges: JUDGES.map((name, i) => ({ ...judge, id: `j${i}`, name, displayOrder: i + 1, reductions: [] })) };
}

test.before(async () => {
  ctx.nats = await startNats({ jetstream: true });
  const redis = await startRedis();
  const dir = tempDir('asds-centre-console-');
  writeFileSync(join(dir, 'courts.yaml'), REGISTRY);
  // the court's statistical cards, put in the centre's store before the worker opens it (the embedded store has one
  // owner at a time), as the integrity CLI test plants its alarms
  const engine = await openEngine({ dataDir: join(dir, 'analytics') });
  await engine.insert('stat_cards', cards());
  await engine.close();
  ctx.central = await startCentralWorker(ctx.nats, dir, ['--http-port', '0', '--courts', join(dir, 'courts.yaml'), '--redis', redis.url, '--stats', 'deploy/stats/centre.yaml', '--stats-forms', 'deploy/stats-forms'], 'central-1', { ASDS_CHECKPOINT_SWEEP_MS: '300' });
  ctx.http = JSON.parse((await ctx.central.waitFor(/"ingest":"running"/)) as string).http as string;
  // court 301 replicates and seals checkpoints every 300 ms (actors/court/checkpoint), witnessed by the centre
  ctx.court = await startWitnessedCourt('301', tempDir(), ctx.nats);
  await writeWorkload(ctx.court, 30, { prefix: 'w' });
  // the court's Засади as its distribution actor journals them: judges j0–j5 named, j6 not (the centre cannot name them)
  await ctx.court.system.ref('distribution', 'zasady').ask({ type: 'raw', event: { type: 'zasady-loaded', config: zasady() } }, { timeoutMs: 30_000 });
  await ctx.court.replicator.confirmedThrough(ctx.court.journal.head().gseq);
  await until(async () => ((await (await fetch(`${ctx.http}/reports/workload?from=2025-01-01&to=2025-12-31`, { headers: consoleAuth(ctx.nats.bus.ops, 'analyst') })).json()) as { rows: unknown[] }).rows.length > 0, 'workload at the centre');
  const auth = { authorization: `Bearer ${token('administrator', 'Бондар Петро Іванович')}` };
  await until(async () => ((await (await fetch(`${ctx.http}/courts`, { headers: auth })).json()) as CourtsReplyV1).courts.some((c) => c.court === '301' && c.lastCheckpoint?.witnessed === 'match'), 'a witnessed checkpoint of court 301');
  ctx.browser = await openBrowser();
});

test.after(async () => {
  await ctx.browser?.close();
  await ctx.court?.stop();
  await ctx.central?.kill('SIGTERM');
  await cleanup();
});

const token = (role: ConsoleRole, sub: string) => signConsoleToken((b) => ctx.nats.bus.ops.signAsOperator(b), { sub, role });

async function login(role: ConsoleRole, name: string): Promise<Page> {
  const page = await ctx.browser.page();
  await page.goto(`${ctx.http}/console/`);
  await page.getByLabel('Токен доступу').fill(token(role, name));
  await page.getByRole('button', { name: 'Увійти' }).click();
  await pageReady(page);
  assert.match(await page.locator('.topbar .user').innerText(), new RegExp(name));
  return page;
}

async function open(page: Page, hash: string, title: string): Promise<void> {
  await page.goto(`${ctx.http}/console/#${hash}`);
  await pageReady(page, title);
  await page.waitForSelector('main p.loading', { state: 'detached' });
}

let admin: Page;

test('the central worker serves the console with its strict CSP; a forged token is refused in Ukrainian', async () => {
  const r = await fetch(`${ctx.http}/console/`);
  assert.is(r.status, 200);
  assert.match(r.headers.get('content-security-policy') ?? '', /script-src 'self'/);
  // the worker's own login page (HTML it renders) runs no script either; its inline <style> stays allowed
  const login = await ctx.browser.page();
  const l = await login.goto(`${ctx.http}/ops/login`);
  assert.match((await l!.allHeaders())['content-security-policy'] ?? '', /script-src 'none'/);
  await login.getByLabel('Токен оператора').waitFor();
  assert.equal(await cspViolations(login), []);
  await login.close();
  const page = await ctx.browser.page();
  await page.goto(`${ctx.http}/console/`);
  const good = token('administrator', 'Бондар Петро Іванович');
  await page.getByLabel('Токен доступу').fill(`${good.slice(0, -4)}AAAA`);
  await page.getByRole('button', { name: 'Увійти' }).click();
  await page.getByRole('alert').waitFor();
  assert.match(await page.getByRole('alert').innerText(), /[А-Яа-яІіЇїЄє]/);
  await page.close();
});

test('the administrator sees the silent court highlighted over the 13.3 threshold, the threshold stated', async () => {
  admin = await login('administrator', 'Бондар Петро Іванович');
  await open(admin, '/courts', 'Суди');
  const text = await admin.locator('main').innerText();
  assert.match(text, /Поріг відставання \(Засади 13\.3\): 2 год 0 хв/, text);
  const silent = admin.getByRole('row', { name: new RegExp(KHOROL) });
  assert.match((await silent.getAttribute('class')) ?? '', /\balarm\b/);
  assert.match(await silent.innerText(), /жодного разу/);
  const lubny = admin.getByRole('row', { name: new RegExp(LUBNY) });
  assert.not.match((await lubny.getAttribute('class')) ?? '', /\balarm\b/, 'the replicating court is within the threshold');
  assert.match(await lubny.innerText(), /у межах порогу/);
  assert.match(await lubny.innerText(), /№ \d+, запечатано \d{2}\.\d{2}\.\d{4} \d{2}:\d{2}\s+збігається з даними центру/);
  await shot(admin, 'centre-courts');
});

test('an insider rewrites the court\'s history: the alarm raised by the centre appears with its evidence; the court filter keeps it', async () => {
  await open(admin, '/alarms', 'Тривоги цілісності');
  await admin.getByText('Тривог немає.').waitFor();
  // as test/witness/checkpoints.test.ts: the court stopped, a row edited and the chain re-hashed, the court started
  // again — its next checkpoint contradicts what the centre holds at its head
  const { dataDir } = ctx.court;
  const g = ctx.court.journal.head().gseq;
  await ctx.court.stop();
  insider(dataDir, (db) => {
    db.prepare('UPDATE events SET data = ? WHERE gseq = 10').run(JSON.stringify({ type: 'noise', i: 999, tag: 'forged' }));
    rehashFrom(db, 10);
  });
  ctx.court = await startWitnessedCourt('301', dataDir, ctx.nats);
  await until(async () => ((await (await fetch(`${ctx.http}/integrity/alarms?court=301`, { headers: consoleAuth(ctx.nats.bus.ops, 'analyst') })).json()) as { alarms: unknown[] }).alarms.length > 0, 'an alarm about court 301');
  await admin.getByRole('button', { name: 'Показати' }).click();
  const row = admin.getByRole('row', { name: new RegExp(LUBNY) }).first();
  await row.waitFor();
  assert.match(await row.innerText(), /суперечлива контрольна точка/);
  const evidence = row.locator('details.evidence');
  assert.not.ok(await evidence.first().locator(':scope > dl').isVisible(), 'the evidence is folded');
  await row.getByText('Докази').first().click();
  const shown = await evidence.first().locator(':scope > dl').innerText();
  assert.match(shown, /Контрольна точка суду/);
  assert.match(shown, new RegExp(`Номер події\\s+${g}\\b`), shown);
  assert.match(shown, /Запечатано \(годинник суду\)\s+\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}/, 'instants for people, in Kyiv time');
  await shot(admin, 'centre-alarms');
  await admin.getByLabel('Суд').selectOption({ label: KHOROL });
  await admin.getByRole('button', { name: 'Показати' }).click();
  await admin.getByText('Тривог немає.').waitFor();
  await admin.getByLabel('Суд').selectOption({ label: LUBNY });
  await admin.getByLabel('Лише не підтверджені').check();
  await admin.getByRole('button', { name: 'Показати' }).click();
  await admin.waitForURL(/court=301&open=1/);
  await admin.getByRole('row', { name: new RegExp(LUBNY) }).first().waitFor();
});

test('workload per judge for 2025 with a bar chart; the table holds the chart data', async () => {
  await open(admin, '/workload?from=2025-01-01&to=2025-12-31', 'Навантаження суддів');
  await admin.waitForSelector('canvas[data-drawn="true"]');
  const rows = admin.locator('#workload tbody tr');
  assert.is(await rows.count(), 7, 'seven judges wrote the workload');
  assert.match(await rows.first().innerText(), new RegExp(LUBNY));
  // judges by full name from the court's Засади; the one they do not name is said to be unknown, never shown by id
  const text = await admin.locator('#workload tbody').innerText();
  for (const name of JUDGES) assert.match(text, name);
  assert.is(await admin.locator('#workload tbody tr', { hasText: 'суддя (ПІБ невідоме центру)' }).count(), 1);
  assert.not.match(text, /\bj\d\b/, 'no judge id on the page');
  await shot(admin, 'centre-workload');
});

test('statistics: the CEPEJ chart is drawn and its numbers are in the table beneath', async () => {
  await open(admin, '/statistics?from=2025-01-01&to=2025-12-31', 'Статистика');
  await admin.waitForSelector('canvas[data-drawn="true"]');
  const row = admin.locator('#cepej-table').getByRole('row', { name: new RegExp(LUBNY) });
  // 4 received, 3 resolved in 2025: clearance rate 75 %
  const cells = await row.innerText();
  assert.match(cells, /4\s+3\s+1\s+75,0 %/, cells);
  // Chart.js styles its canvas through the CSSOM: nothing it does needs 'unsafe-inline'
  assert.equal(await cspViolations(admin), []);
  await shot(admin, 'centre-statistics');
});

test('a pull requested on «Запити баз даних» is listed with its deadline, and its job appears in «Завдання центру»', async () => {
  await open(admin, '/pulls', 'Запити баз даних');
  await admin.locator('section').getByLabel('Суд').selectOption({ label: KHOROL });
  await admin.getByLabel('Підстава').fill('планова перевірка');
  await admin.getByRole('button', { name: 'Запитати базу даних' }).click();
  const row = admin.locator('#pulls').getByRole('row', { name: new RegExp(KHOROL) });
  await row.waitFor();
  assert.match(await row.innerText(), /Бондар Петро Іванович/);
  assert.match(await row.innerText(), /\d{2}\.\d{2}\.\d{4}/);
  await open(admin, '/jobs', 'Завдання центру');
  await admin.getByRole('heading', { name: /Запити баз даних судів/ }).waitFor();
  assert.ok((await admin.locator('main table tbody tr').count()) >= 1, 'the pull job is listed');
  await shot(admin, 'centre-jobs');
  await open(admin, '/cluster', 'Кластер');
  assert.match(await admin.locator('#workers').innerText(), /central-1/);
  assert.match(await admin.locator('#registry').innerText(), new RegExp(KHOROL));
});

test('an operator starts on «Кластер», sees the operators’ menu and is refused the analysts’ pages', async () => {
  const page = await login('operator', 'Коваленко Ірина Петрівна');
  assert.match(await page.locator('main h1').innerText(), /Кластер/);
  const menu = await page.getByRole('navigation', { name: 'Розділи' }).innerText();
  assert.match(menu, /Запити баз даних[\s\S]*Завдання центру[\s\S]*Кластер/);
  assert.not.match(menu, /Суди|Статистика|Навантаження/);
  // the lag is the analysts' (403 to an operator): the pulls page names the courts from the cluster's registry
  await open(page, '/pulls', 'Запити баз даних');
  assert.match(await page.locator('section').getByLabel('Суд').innerText(), new RegExp(KHOROL));
  assert.match(await page.locator('#pulls').innerText(), new RegExp(KHOROL), 'the pull requested above, by the court name');
  for (const path of ['/courts', '/statistics', '/workload']) {
    await page.goto(`${ctx.http}/console/#${path}`);
    await pageReady(page, 'Доступ заборонено');
  }
  await page.close();
});

test('an analyst sees the analysts’ menu and is refused the operators’ pages', async () => {
  const page = await login('analyst', 'Мельник Олена Василівна');
  const menu = await page.getByRole('navigation', { name: 'Розділи' }).innerText();
  assert.match(menu, /Статистика/);
  assert.not.match(menu, /Завдання центру|Запити баз даних|Кластер/);
  for (const path of ['/jobs', '/pulls']) {
    await page.goto(`${ctx.http}/console/#${path}`);
    await pageReady(page, 'Доступ заборонено');
  }
  await page.close();
});

test.run();
