/**
 * Issue 16 "Done when", as a person would do it: `npm start` (asds up) brings the cluster up and prints the two
 * consoles with a demo login per role; in a real browser the registrar logs in, registers a claim choosing the
 * category by name, sees it distributed to a judge named in full, opens its protocol, prints it (the court's PDF)
 * and verifies it; the central administrator pastes their token and sees the court's lag, the workload per judge
 * and a statistics chart.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../support/servers.ts';
import { openBrowser, pageReady, shot, type TestBrowser } from '../support/browser.ts';

const ASDS = fileURLToPath(new URL('../../bin/asds.js', import.meta.url));
const test = suite('console from npm start');

let up: ChildProcess | undefined;
let out = '';
let browser: TestBrowser;

/** Starts `asds up` and resolves with its output once it says the cluster runs. */
function startUp(data: string): Promise<string> {
  return new Promise((resolve, reject) => {
    up = spawn(process.execPath, [ASDS, 'up', '--data', data], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const timer = setTimeout(() => reject(new Error(`asds up did not finish its main job in 240 s:\n${out}`)), 240_000);
    up.stdout!.on('data', (b: Buffer) => {
      out += b.toString('utf8');
      if (out.includes('Running. Press Ctrl-C')) (clearTimeout(timer), resolve(out));
    });
    up.stderr!.on('data', (b: Buffer) => void (out += b.toString('utf8')));
    up.once('exit', (code) => (clearTimeout(timer), reject(new Error(`asds up exited (${code}):\n${out}`))));
  });
}

async function stopUp(): Promise<void> {
  if (!up || up.exitCode !== null) return;
  const exited = new Promise((r) => up!.once('exit', r));
  up.kill('SIGINT'); // Ctrl-C: asds up stops what it started
  const t = setTimeout(() => process.kill(-up!.pid!, 'SIGKILL'), 30_000);
  await exited;
  clearTimeout(t);
}

const pick = (re: RegExp) => {
  const m = re.exec(out);
  if (!m) throw new Error(`not in the output of asds up: ${re}\n${out}`);
  return m[1]!;
};

test.before(async () => {
  await startUp(tempDir('asds-up-console-'));
  browser = await openBrowser();
});
test.after(async () => {
  await browser?.close();
  await stopUp();
});

test('npm start prints both consoles with a demo login for each role', () => {
  assert.match(out, /web consoles/);
  for (const label of ['реєстратор', 'відповідальна особа за розподіл', 'керівник апарату', 'суддя']) assert.match(out, new RegExp(`${label}\\s+login \\S+`));
  for (const label of ['центральний адміністратор', 'аналітик', 'оператор']) assert.match(out, new RegExp(`${label}\\s+token in \\S+\\.token`));
});

test('the registrar registers a claim, sees it distributed, prints and verifies its protocol', async () => {
  const courtUrl = pick(/court 537: (http:\/\/127\.0\.0\.1:\d+)\/console\//);
  const password = pick(/password for these demo logins: (\S+)/);
  const page = await browser.page();
  await page.goto(`${courtUrl}/console/`);
  await page.getByLabel('Логін').fill(pick(/реєстратор\s+login (\S+)/));
  await page.getByLabel('Пароль').fill(password);
  await page.getByRole('button', { name: 'Увійти' }).click();
  await pageReady(page, 'Реєстрація позовної заяви');
  const form = page.locator('main form');
  const category = form.getByLabel('Категорія справи (Засади)');
  const civil = (await category.locator('option').allInnerTexts()).find((t) => /цивільн/i.test(t) && /позовн/i.test(t));
  assert.ok(civil, 'a civil claims category offered by name');
  await category.selectOption({ label: civil! });
  await form.getByLabel('Назва (предмет) документа').fill('про стягнення боргу за договором позики');
  await form.getByLabel('Відправник (хто подав)').fill('Мельничук Андрій Петрович');
  await form.getByLabel('Суть справи (короткий зміст)').fill('стягнення 25 000 грн боргу за договором позики');
  const names = form.getByLabel('Найменування або прізвище, ім’я, по батькові');
  await names.nth(0).fill('Мельничук Андрій Петрович');
  await names.nth(1).fill('Гордієнко Василь Іванович');
  await shot(page, 'start-court-register');
  await form.getByRole('button', { name: 'Зареєструвати' }).click();
  const judge = page.locator('main strong.judge');
  await judge.waitFor();
  const judgeName = (await judge.innerText()).trim();
  assert.ok(judgeName.length > 5 && !/^lub-/i.test(judgeName), `a judge by name, got «${judgeName}»`);
  await shot(page, 'start-court-registered');

  await page.getByRole('link', { name: 'Протокол розподілу' }).click();
  await pageReady(page, 'Протокол автоматизованого розподілу');
  assert.match(await page.locator('main').innerText(), new RegExp(judgeName.replace(/[()]/g, '\\$&')));
  const [pdf, download] = await Promise.all([
    page.waitForResponse((r) => /\/protocols\/.+\/pdf$/.test(new URL(r.url()).pathname)),
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Друкувати', exact: true }).click(),
  ]);
  assert.is(pdf.status(), 200);
  assert.match(pdf.headers()['content-type'] ?? '', /application\/pdf/);
  // what the person gets is the court's PDF itself
  assert.is(readFileSync((await download.path())!).subarray(0, 5).toString('latin1'), '%PDF-');
  await page.getByRole('button', { name: 'Перевірити' }).click();
  await page.getByText('Протокол достовірний.').waitFor();
  await shot(page, 'start-court-protocol');
  await page.close();
});

test('the central administrator sees the court’s lag, the workload per judge and a statistics chart', async () => {
  const centreUrl = pick(/centre: (http:\/\/127\.0\.0\.1:\d+)\/console\//);
  const token = readFileSync(pick(/центральний адміністратор\s+token in (\S+)/), 'utf8').trim();
  const page = await browser.page();
  await page.goto(`${centreUrl}/console/`);
  await page.getByLabel('Токен доступу').fill(token);
  await page.getByRole('button', { name: 'Увійти' }).click();
  await pageReady(page, 'Суди');
  const row = page.locator('main table tr', { hasText: 'Лубенський' });
  await row.waitFor();
  assert.match(await row.innerText(), /у межах порогу|менше хвилини|хв/);
  await shot(page, 'start-centre-courts');

  await page.getByRole('navigation').getByRole('link', { name: 'Навантаження суддів' }).click();
  await pageReady(page, 'Навантаження суддів');
  await page.locator('main table tbody tr').first().waitFor();
  assert.ok((await page.locator('main table tbody tr').count()) >= 3, 'rows per judge');
  assert.not.match(await page.locator('main table').first().innerText(), /LUB-\d\d|lub-\d\d/, 'judges by name');
  await page.locator('main canvas').first().waitFor();
  await shot(page, 'start-centre-workload');

  await page.getByRole('navigation').getByRole('link', { name: 'Статистика' }).click();
  await pageReady(page, 'Статистика');
  const canvas = page.locator('main canvas').first();
  await canvas.waitFor();
  const box = await canvas.boundingBox();
  assert.ok(box && box.width > 100 && box.height > 100, 'the chart is drawn');
  await shot(page, 'start-centre-statistics');
  await page.close();
});

test.run();
