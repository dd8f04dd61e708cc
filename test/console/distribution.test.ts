/**
 * The distribution officer's and head of staff's pages in a real browser, against a real court with the Lubny
 * Засади: a claim registered through the API is distributed; the officer sees today's status and the control
 * lists, finds the protocol in the list, reads it with the judge's full name, prints it (the court's PDF) and
 * verifies it (recomputed, sealed); a registrar can neither see these pages in the menu nor open them by address;
 * the head of staff records a judge's absence with its order.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { claim, PASSWORD, today, type Court } from '../court/support.ts';
import { pageReady, shot, type TestBrowser } from '../support/browser.ts';
import { loginAs, openHash, startConsoleCourt, stopConsoleCourt } from './support.ts';

const test = suite('console: distribution pages');
let court: Court;
let browser: TestBrowser;
let distributed: { ueun: string; proceedingNumber: string; documentId: string; presiding: string };
let undistributed: { ueun: string };
let presidingName: string;

const plusDays = (d: string, n: number) => new Date(Date.parse(`${d}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

test.before(async () => {
  ({ court, browser } = await startConsoleCourt());
  // the Засади judge LUB-05 has an account (login = the Засади id in lower case): the head of staff records absences for it
  const u = await court.api.call('POST', '/users', { token: court.tokens.admin, body: { login: 'lub-05', fullName: 'Тест lub-05', role: 'judge', password: PASSWORD, order: { number: 'lub-05-к', date: '2025-01-10' } } });
  assert.is(u.status, 201, JSON.stringify(u.body));
  const reg = await court.api.call('POST', '/registrations', { token: court.tokens.registrar, body: claim({ category: 'civil-claim' }) });
  assert.is(reg.status, 201, JSON.stringify(reg.body));
  assert.is(reg.body.distribution.status, 'distributed');
  distributed = { ueun: reg.body.ueun, proceedingNumber: reg.body.proceedingNumber, documentId: reg.body.distribution.documentId, presiding: reg.body.distribution.presiding };
  // a free-text category is not a Засади category: registered, not distributed (the control list shows why)
  const free = await court.api.call('POST', '/registrations', { token: court.tokens.registrar, body: claim() });
  assert.is(free.status, 201);
  undistributed = { ueun: free.body.ueun };
  const dir = await court.api.call('GET', '/directory', { token: court.tokens.officer });
  presidingName = dir.body.judges.find((j: { id: string }) => j.id === distributed.presiding).fullName;
});
test.after(async () => {
  await stopConsoleCourt({ court, browser });
});

test('the distribution officer lands on today’s distribution: status, counts and the control lists with links to the cards', async () => {
  const page = await loginAs(browser, court, 'officer1');
  await pageReady(page, 'Розподіл справ сьогодні');
  const main = page.locator('main');
  assert.match(await main.getByRole('status').first().innerText(), /розподіл здійснюється/i);
  const done = page.locator('#distributed');
  assert.match(await done.innerText(), new RegExp(presidingName.replace(/[()]/g, '\\$&')));
  assert.is(await done.getByRole('link', { name: distributed.proceedingNumber }).getAttribute('href'), `#/cases/${distributed.ueun}`);
  const notDone = page.locator('#undistributed');
  assert.is(await notDone.getByRole('link', { name: undistributed.ueun }).getAttribute('href'), `#/cases/${undistributed.ueun}`);
  assert.match(await notDone.innerText(), /не розподіляється автоматично/);
  const cards = await page.getByRole('list', { name: 'Підсумки дня' }).innerText();
  assert.match(cards, /1\s+Розподілено/);
  assert.match(cards, /1\s+Не розподілено/);
  assert.match(cards, /0\s+Очікують суддю/);
  assert.not.match(await main.innerText(), /officer1|registrar1|lub-0/i, 'no logins shown');
  await shot(page, 'court-distribution');
  await page.close();
});

test('the protocol: found in the list, read with full names, printed as the court’s PDF, verified; a print layout hides the menu', async () => {
  const page = await loginAs(browser, court, 'officer1');
  await page.getByRole('navigation').getByRole('link', { name: 'Протоколи' }).click();
  await pageReady(page, 'Протоколи розподілу');
  const list = page.locator('#protocols');
  assert.match(await list.innerText(), new RegExp(distributed.proceedingNumber));
  // the date filter (today) keeps it, another day does not
  await page.getByLabel('Дата розподілу').fill(today());
  await page.getByRole('button', { name: 'Знайти' }).click();
  await page.getByText(/^Відібрано: дата/).waitFor();
  await page.locator('#protocols', { hasText: distributed.documentId }).waitFor();
  // and by the case's ЄУН, as people know it (every proceeding of the card)
  await page.getByLabel('ЄУН або номер провадження').fill(distributed.ueun);
  await page.getByRole('button', { name: 'Знайти' }).click();
  await page.getByText(new RegExp(`справа ${distributed.ueun}`)).waitFor();
  assert.is(await page.locator('#protocols tbody tr').count(), 1);
  await page.getByRole('link', { name: distributed.documentId }).click();
  await pageReady(page, 'Протокол автоматизованого розподілу');
  const main = page.locator('main');
  assert.is(await page.locator('#presiding').innerText(), presidingName);
  const text = await main.innerText();
  assert.match(text, /Цивільні справи позовного провадження/, 'the category by its Засади name');
  assert.match(text, /Судді, які не беруть участі в розподілі/);
  assert.match(text, /обрано/);
  assert.not.match(text, /LUB-0|lub-0|registrar1/, 'judges by full name, no logins or ids');
  assert.is(await main.getByRole('link', { name: distributed.ueun }).getAttribute('href'), `#/cases/${distributed.ueun}`);

  const [pdf, download] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/pdf')), page.waitForEvent('download'), page.getByRole('button', { name: 'Друкувати', exact: true }).click()]);
  assert.is(pdf.status(), 200);
  assert.match(pdf.headers()['content-type'] ?? '', /^application\/pdf/);
  // what the person gets is the court's PDF itself
  assert.is(download.suggestedFilename(), `${distributed.documentId}.pdf`);
  assert.is(readFileSync((await download.path())!).subarray(0, 5).toString('latin1'), '%PDF-');

  await page.getByRole('button', { name: 'Перевірити' }).click();
  await page.locator('#verification .notice-ok').waitFor();
  const verdict = await page.locator('#verification').innerText();
  assert.match(verdict, /Протокол достовірний/);
  assert.match(verdict, /результат збігається/);
  assert.match(verdict, /печатку суду перевірено/);
  await shot(page, 'court-protocol');

  await page.emulateMedia({ media: 'print' });
  assert.not.ok(await page.getByRole('navigation').isVisible(), 'the menu is not printed');
  assert.not.ok(await page.getByRole('button', { name: 'Перевірити' }).isVisible(), 'nor the buttons');
  assert.ok(await page.locator('#presiding').isVisible());
  await shot(page, 'court-protocol-print');
  await page.close();
});

test('a registrar has no distribution pages in the menu and is refused them by address, with no data drawn; a case’s protocol opens for the file', async () => {
  const page = await loginAs(browser, court, 'registrar1');
  const nav = page.getByRole('navigation');
  for (const name of ['Розподіл сьогодні', 'Протоколи', 'Відсутності суддів', 'Повторний розподіл']) assert.is(await nav.getByRole('link', { name, exact: true }).count(), 0, name);
  for (const path of ['/distribution', '/protocols', '/absences']) {
    await openHash(page, path, 'Доступ заборонено');
    const text = await page.locator('main').innerText();
    assert.match(text, /недоступна для вашої ролі/);
    assert.not.match(text, new RegExp(`${distributed.proceedingNumber}|${presidingName.replace(/[()]/g, '\\$&')}`), `${path}: no data`);
    assert.is(await page.locator('main table').count(), 0);
  }
  // the protocol of a case is part of the case file: the registrar opens it (to print it for the file), without the officer's actions
  await openHash(page, `/protocols/${encodeURIComponent(distributed.documentId)}`, 'Протокол автоматизованого розподілу');
  assert.match(await page.locator('main').innerText(), new RegExp(presidingName.replace(/[()]/g, '\\$&')));
  assert.is(await page.getByRole('link', { name: /Повторний розподіл/ }).count(), 0);
  // the card names the judge whose Засади id is upper case (the card keeps it lower case, as the node compares ids)
  assert.match(distributed.presiding, /[A-Z]/, 'the fixture’s Засади ids are upper case');
  await openHash(page, `/cases/${distributed.ueun}`, 'Картка справи');
  assert.is((await page.locator('main .judge').first().innerText()).trim(), presidingName);
  await page.close();
});

test('the head of staff records a judge’s absence with its order; it is listed and reaches the distribution record', async () => {
  const page = await loginAs(browser, court, 'head1');
  await page.getByRole('navigation').getByRole('link', { name: 'Відсутності суддів' }).click();
  await pageReady(page, 'Відсутності суддів');
  const from = plusDays(today(), 10);
  await page.getByLabel(/^Суддя( \*)?$/).selectOption({ label: 'Суддя 05 (умовний)' });
  await page.getByLabel('Вид відсутності').selectOption({ label: 'щорічна відпустка' });
  await page.getByLabel('Перший день відсутності').fill(from);
  await page.getByLabel('Останній день відсутності').fill(plusDays(from, 14));
  await page.getByLabel('Вид документа').selectOption({ label: 'наказ' });
  await page.getByLabel('Номер документа').fill('45-в');
  await page.getByLabel('Дата документа').fill(today());
  await page.getByRole('button', { name: 'Записати відсутність' }).click();
  await page.locator('main .notice-ok').waitFor();
  await page.locator('#absences', { hasText: 'Суддя 05' }).waitFor();
  const row = await page.locator('#absences').innerText();
  assert.match(row, /Суддя 05 \(умовний\)/);
  assert.match(row, /щорічна відпустка/);
  assert.match(row, /наказ № 45-в/);
  const rec = await court.api.call('GET', '/judges/lub-05/availability', { token: court.tokens.head });
  assert.is(rec.body.length, 1);
  assert.is(rec.body[0].from, from);
  await shot(page, 'court-absences');

  // a later order cuts it short (Засади 4.5): the new last day is what the distribution record keeps
  await page.locator('#absences').getByRole('button', { name: 'Скоротити' }).click();
  await page.getByLabel('Новий останній день відсутності').fill(plusDays(from, 4));
  await page.getByLabel('Вид наказу').selectOption({ label: 'наказ' });
  await page.getByLabel('Номер наказу').fill('51-в');
  await page.getByLabel('Дата наказу').fill(today());
  await page.getByRole('button', { name: 'Скоротити', exact: true }).last().click();
  await page.locator('#absences', { hasText: plusDays(from, 4).split('-').reverse().join('.') }).waitFor();
  const after = await court.api.call('GET', '/judges/lub-05/availability', { token: court.tokens.head });
  assert.is(after.body[0].to, plusDays(from, 4), JSON.stringify(after.body));
  await page.close();
});

test.run();
