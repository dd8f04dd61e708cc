/**
 * The registrar's pages in a real browser against a real court node on the lawful Засади (judges by full name):
 * a claim registered through the form generated from the API's schema (category chosen by its Засади name) shows
 * its numbers and the drawn judge's full name; a refused form says why in Ukrainian next to the field and
 * registers nothing; the search finds the case by a party and keeps the query in the URL (back works); the card
 * shows it, takes a movement and a correction (old → new value), a document in the case, and scans by file
 * picker and by drag and drop.
 */
import { createHash } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Page } from 'playwright-core';
import { cleanup } from '../support/servers.ts';
import type { Court } from '../court/support.ts';
import { namedZasadyFile } from '../court/printed-court.ts';
import { pageReady, shot, type TestBrowser } from '../support/browser.ts';
import { logInOn, startConsoleCourt, stopConsoleCourt } from './support.ts';

process.env.ASDS_LOG ??= 'silent';
const test = suite('console: registry pages');
let court: Court;
let browser: TestBrowser;
let page: Page;
let ueun = '';

const JUDGES = ['Петренко Петро Петрович', 'Коваль Олена Іванівна'];
const PLAINTIFF = 'Гребінка Євген Павлович';

/** A small valid PDF (one empty page). */
function pdf(text: string): Buffer {
  return Buffer.from(`%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n% ${text}\ntrailer<</Root 1 0 R>>\n%%EOF\n`);
}

const registered = async () => (await court.api.call('GET', '/cases?limit=1', { token: court.tokens.registrar })).body.total as number;

async function open(path: string, title: string): Promise<void> {
  await page.goto(`${court.server.url}/console/#${path}`); // same document: only the hash changes
  await pageReady(page, title);
}

test.before(async () => {
  ({ court, browser } = await startConsoleCourt({ zasadyFile: namedZasadyFile('console-registry') }));
  page = await browser.page();
  await logInOn(page, court, 'registrar1');
});
test.after(async () => {
  await stopConsoleCourt({ court, browser });
  await cleanup();
});

test('the registrar registers a claim through the form, choosing the category by name, and sees the numbers and the judge by full name', async () => {
  await pageReady(page, 'Реєстрація позовної заяви');
  const form = page.locator('form.schema-form');
  assert.is(await page.getByLabel('Дата надходження').inputValue(), await page.evaluate(() => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Kyiv' })), 'today by default');
  assert.is(await form.getByLabel('Категорія справи (Засади)').locator('option', { hasText: 'Цивільні справи позовного провадження' }).count(), 1, 'categories by name');
  assert.is(await form.locator('#f-covert-person, #f-route-ground').count(), 0, 'no covert or route fields');
  await form.getByLabel('Категорія справи (Засади)').selectOption({ label: 'Цивільні справи позовного провадження' });
  assert.is(await form.getByLabel('Індекс провадження').inputValue(), '2', 'the category sets its index');
  await form.getByLabel('Назва (предмет) документа').fill('про стягнення боргу за договором позики');
  await form.getByLabel('Відправник (хто подав)').fill(PLAINTIFF);
  await form.getByLabel('Суть справи (короткий зміст)').fill('стягнення 12 000 грн боргу');
  const names = form.getByLabel('Найменування або прізвище, ім’я, по батькові');
  await names.nth(0).fill(PLAINTIFF);
  await names.nth(1).fill('ТОВ «Сула-Агро»');
  await shot(page, 'court-register');
  const before = await registered();
  await form.getByRole('button', { name: 'Зареєструвати' }).click();
  const result = page.locator('.registration-result');
  await result.waitFor();
  ueun = (await result.locator('.ueun').innerText()).trim();
  assert.match(ueun, /^537\/\d+\/\d{2}$/);
  assert.match(await result.locator('.proceeding').innerText(), new RegExp(`^2/${ueun.replace(/\//g, '\\/')}$`));
  const judge = (await result.locator('.judge').innerText()).trim();
  assert.ok(JUDGES.includes(judge), `the judge by full name, got «${judge}»`);
  assert.ok(await result.getByRole('link', { name: 'Протокол розподілу' }).getAttribute('href').then((h) => h?.startsWith('#/protocols/')));
  assert.is(await registered(), before + 1);
  const card = (await court.api.call('GET', `/cases/${ueun}`, { token: court.tokens.registrar })).body;
  assert.is(card.proceedings[0].current.category, 'civil-claim');
  assert.equal(card.proceedings[0].current.parties.map((p: { name: string }) => p.name), [PLAINTIFF, 'ТОВ «Сула-Агро»']);
  await shot(page, 'court-register-result');
});

test('an empty required field and a date the node refuses are shown in Ukrainian next to the field; nothing is registered', async () => {
  await page.getByRole('button', { name: 'Зареєструвати наступну' }).click();
  const form = page.locator('form.schema-form');
  await form.waitFor();
  const before = await registered();
  await form.getByLabel('Категорія справи (Засади)').selectOption({ label: 'Цивільні справи позовного провадження' });
  await form.getByLabel('Назва (предмет) документа').fill('про розірвання шлюбу');
  await form.getByLabel('Відправник (хто подав)').fill('Іваненко Іван Іванович');
  await form.getByLabel('Найменування або прізвище, ім’я, по батькові').nth(0).fill('Іваненко Іван Іванович');
  await form.getByLabel('Найменування або прізвище, ім’я, по батькові').nth(1).fill('Іваненко Ірина Петрівна');
  await form.getByRole('button', { name: 'Зареєструвати' }).click();
  await page.locator('#f-description-err').waitFor();
  assert.is((await page.locator('#f-description-err').innerText()).trim(), 'Обовʼязкове поле.');
  assert.is(await page.locator('.field-error:not([hidden])').count(), 1, 'only the empty field is marked');
  assert.is(await page.locator('#f-description').getAttribute('aria-invalid'), 'true');
  await form.getByLabel('Суть справи (короткий зміст)').fill('розірвання шлюбу');
  await form.getByLabel('Дата надходження').fill('2099-01-15');
  await form.getByRole('button', { name: 'Зареєструвати' }).click();
  await page.locator('#f-arrivalDate-err:not([hidden])').waitFor();
  assert.match(await page.locator('#f-arrivalDate-err').innerText(), /Дата надходження пізніша за день реєстрації/);
  assert.is(await page.locator('#f-arrivalDate').getAttribute('aria-invalid'), 'true');
  assert.is(await registered(), before, 'nothing registered');

  // the node unreachable (the cable pulled): a Ukrainian sentence, focused, and the form can be sent again —
  // not «Надсилання…» forever
  await form.getByLabel('Дата надходження').fill('2025-01-15');
  await page.route('**/registrations', (route) => route.abort('internetdisconnected'));
  await form.getByRole('button', { name: 'Зареєструвати' }).click();
  const alert = form.locator('.form-status [role=alert]', { hasText: 'немає зв’язку' });
  await alert.waitFor();
  assert.match(await alert.innerText(), /[Нн]емає зв’язку з сервером/);
  assert.ok(await alert.evaluate((el) => el === (el.ownerDocument as unknown as { activeElement: unknown }).activeElement), 'the sentence takes the focus');
  assert.is(await form.getByRole('button', { name: 'Зареєструвати' }).isEnabled(), true);
  await page.unroute('**/registrations');
  assert.is(await registered(), before, 'nothing registered');
});

test('the search finds the case by a party’s name and keeps the query in the URL (back repeats it)', async () => {
  await open('/search', 'Пошук справ');
  await page.getByLabel('Сторона', { exact: true }).fill('гребінка');
  await page.getByRole('button', { name: 'Знайти' }).click();
  const hit = page.getByRole('link', { name: ueun, exact: true });
  await hit.waitFor();
  assert.match(decodeURIComponent(new URL(page.url()).hash), /party=гребінка/);
  assert.match(await page.locator('table').innerText(), new RegExp(PLAINTIFF));
  await shot(page, 'court-search');
  await page.getByLabel('Сторона', { exact: true }).fill('немає-такої-сторони');
  await page.getByRole('button', { name: 'Знайти' }).click();
  await page.getByText('Справ не знайдено.').waitFor();
  await page.goBack();
  await hit.waitFor();
  assert.is(await page.getByLabel('Сторона', { exact: true }).inputValue(), 'гребінка');
});

test('the card shows the registration, the judge, and takes a movement and a correction (old → new)', async () => {
  await page.getByRole('link', { name: ueun, exact: true }).click();
  await pageReady(page, 'Картка справи');
  const main = page.locator('main');
  assert.match(await main.innerText(), new RegExp(PLAINTIFF));
  assert.ok(JUDGES.includes((await main.locator('.judge').first().innerText()).trim()));
  assert.match(await main.innerText(), /автоматизований розподіл \(випадковий\)/);
  assert.not.match(await main.innerText(), /registrar1|judge\.\w+/, 'no login shown');

  await page.getByText('Записати рух справи').click();
  await page.getByRole('combobox', { name: /^Рух/ }).selectOption({ label: 'передано судді' });
  await page.getByLabel('Кому (отримувач)').fill('судді-доповідачу');
  // the node unreachable: any generated form says so in Ukrainian and can be sent again (not «Надсилання…» forever)
  await page.route('**/movements', (route) => route.abort('internetdisconnected'));
  await page.getByRole('button', { name: 'Записати рух' }).click();
  await page.getByRole('alert').filter({ hasText: 'Форму не надіслано: немає зв’язку з сервером' }).waitFor();
  await page.unroute('**/movements');
  await page.getByRole('button', { name: 'Записати рух' }).click();
  await page.locator('table:has(caption:text("Рух документів справи")) td', { hasText: 'передано судді' }).waitFor();

  await page.getByText('Виправити технічну помилку').click();
  await page.getByLabel('Що виправити').selectOption({ label: 'відправник' });
  const fix = page.locator('form.schema-form').last();
  assert.is(await fix.getByLabel('Правильне значення').inputValue(), PLAINTIFF, 'the current value to start from');
  await fix.getByLabel('Правильне значення').fill('Гребінка Євген Петрович');
  await fix.getByLabel('Причина виправлення (яка технічна помилка)').fill('описка в по батькові');
  await fix.getByLabel('Номер').fill('арк. 3');
  await fix.getByLabel('Дата').fill('2026-01-05');
  await fix.getByRole('button', { name: 'Виправити' }).click();
  const change = page.locator('.change');
  await change.waitFor();
  assert.is((await change.innerText()).trim(), `${PLAINTIFF} → Гребінка Євген Петрович`);
  const card = (await court.api.call('GET', `/cases/${ueun}`, { token: court.tokens.registrar })).body;
  assert.is(card.proceedings[0].original.document.sender, PLAINTIFF, 'the original stays');
  assert.is(card.proceedings[0].current.document.sender, 'Гребінка Євген Петрович');
  assert.is(card.movements[0].kind, 'to-judge');
});

test('scans: a PDF by the file picker and another by drag and drop are uploaded and listed', async () => {
  const picked = pdf('позовна заява');
  await page.locator('#scan-file').setInputFiles({ name: 'позовна-заява.pdf', mimeType: 'application/pdf', buffer: picked });
  await page.locator('#scans').getByRole('cell', { name: 'позовна-заява.pdf', exact: true }).waitFor();
  const dropped = pdf('докази');
  // a DataTransfer made in the page (the test's own TypeScript has no DOM types: the expression is the page's)
  const transfer = await page.evaluateHandle(`(() => {
    const dt = new DataTransfer();
    const bytes = Uint8Array.from(atob('${dropped.toString('base64')}'), (c) => c.charCodeAt(0));
    dt.items.add(new File([bytes], 'докази.pdf', { type: 'application/pdf' }));
    return dt;
  })()`);
  await page.dispatchEvent('#scan-drop', 'dragenter', { dataTransfer: transfer });
  await page.dispatchEvent('#scan-drop', 'drop', { dataTransfer: transfer });
  await page.locator('#scans').getByRole('cell', { name: 'докази.pdf', exact: true }).waitFor();
  const card = (await court.api.call('GET', `/cases/${ueun}`, { token: court.tokens.registrar })).body;
  const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
  assert.equal(card.attachments.map((a: { sha256: string; fileName: string }) => [a.fileName, a.sha256]), [
    ['позовна-заява.pdf', sha(picked)],
    ['докази.pdf', sha(dropped)],
  ]);
  await shot(page, 'court-card');
});

test('a document filed in the case is registered with its journal number and handed to the judge', async () => {
  await page.getByRole('link', { name: 'Зареєструвати документ у цій справі' }).click();
  await pageReady(page, 'Документ у справі');
  const form = page.locator('form.schema-form');
  await form.getByLabel('Вид документа').selectOption({ label: 'клопотання' });
  await form.getByLabel('Відправник (хто подав)').fill(PLAINTIFF);
  await form.getByLabel('Короткий зміст').fill('клопотання про витребування доказів');
  await form.getByRole('button', { name: 'Зареєструвати документ' }).click();
  const number = page.locator('.number');
  await number.waitFor();
  assert.match(await number.innerText(), /^1\/\d{2}$/);
  const text = await page.locator('main').innerText();
  assert.ok(JUDGES.some((j) => text.includes(j)), 'handed to the judge named in full');
  const card = (await court.api.call('GET', `/cases/${ueun}`, { token: court.tokens.registrar })).body;
  assert.is(card.correspondence.length, 1);
  assert.is(card.correspondence[0].kind, 'motion');
});

test('a judge reads the card (judge by full name, scans listed) without the registry’s correction and upload forms', async () => {
  const judge = await browser.page();
  await logInOn(judge, court, 'judge.petrenko');
  await judge.goto(`${court.server.url}/console/#/cases/${ueun}`);
  await pageReady(judge, 'Картка справи');
  const main = judge.locator('main');
  await main.getByRole('cell', { name: 'докази.pdf', exact: true }).waitFor();
  assert.match(await main.innerText(), new RegExp(PLAINTIFF));
  assert.is(await main.getByText('Виправити технічну помилку').count(), 0);
  assert.is(await main.locator('#scan-drop').count(), 0);
  assert.is(await main.getByText('Записати рух справи').count(), 1, 'a judge records movements');
  await judge.close();
});

test.run();
