/**
 * The head of staff's orders in a real browser, against a real court with the Lubny Засади: from a protocol to a
 * repeated distribution on the head of staff's order (form from the route's schema, judges chosen by name), whose
 * new protocol names the replaced judge and verifies; an outage opened and closed without an act (Засади 15.1);
 * the jurors' list and the duty pages open for the distribution officer.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { claim, today, type Court } from '../court/support.ts';
import { pageReady, shot, type TestBrowser } from '../support/browser.ts';
import { loginAs, openHash, startConsoleCourt, stopConsoleCourt } from './support.ts';

const test = suite('console: head of staff’s distribution orders');
let court: Court;
let browser: TestBrowser;
let first: { proceedingNumber: string; documentId: string; presiding: string };
let names: Map<string, string>;

test.before(async () => {
  ({ court, browser } = await startConsoleCourt());
  const reg = await court.api.call('POST', '/registrations', { token: court.tokens.registrar, body: claim({ category: 'civil-claim' }) });
  assert.is(reg.body?.distribution?.status, 'distributed', JSON.stringify(reg.body));
  first = { proceedingNumber: reg.body.proceedingNumber, documentId: reg.body.distribution.documentId, presiding: reg.body.distribution.presiding };
  const dir = await court.api.call('GET', '/directory', { token: court.tokens.head });
  names = new Map(dir.body.judges.map((j: { id: string; fullName: string }) => [j.id, j.fullName]));
});
test.after(async () => {
  await stopConsoleCourt({ court, browser });
});

test('from the protocol, a repeated distribution on the head of staff’s order: a new judge, the replaced one named, verified', async () => {
  const page = await loginAs(browser, court, 'head1');
  await openHash(page, `/protocols/${encodeURIComponent(first.documentId)}`, 'Протокол автоматизованого розподілу');
  await page.getByRole('link', { name: 'Повторний розподіл цієї справи' }).click();
  await pageReady(page, 'Повторний розподіл');
  assert.is(await page.getByLabel('Номер провадження').inputValue(), first.proceedingNumber);
  await page.getByLabel('Вид розпорядження').selectOption({ label: 'наказ' });
  await page.getByLabel('Номер розпорядження').fill('12-р');
  await page.getByLabel('Дата розпорядження').fill(today());
  await page.getByLabel('Підстава повторного розподілу').selectOption({ label: 'заміна судді (суддів) складу суду (4.12)' });
  await page.getByLabel('Мотиви').fill('тривала хвороба судді');
  await page.getByRole('group', { name: 'Судді, яких замінюють' }).getByRole('button', { name: 'Додати' }).click();
  await page.getByRole('group', { name: 'Судді, яких замінюють' }).getByRole('combobox').selectOption({ label: names.get(first.presiding)! });
  await page.getByRole('button', { name: 'Здійснити повторний розподіл' }).click();
  const done = page.locator('main .notice-ok');
  await done.waitFor();
  const text = await done.innerText();
  assert.match(text, /Справу розподілено повторно/);
  assert.not.match(text, new RegExp(names.get(first.presiding)!.replace(/[()]/g, '\\$&')), 'the replaced judge is not drawn again');
  await shot(page, 'court-repeated');
  await done.getByRole('link', { name: 'Переглянути протокол' }).click();
  await pageReady(page, 'Протокол автоматизованого розподілу');
  const protocol = await page.locator('main').innerText();
  assert.match(protocol, /повторний розподіл/);
  assert.match(protocol, new RegExp(`Замінювані судді\\s+${names.get(first.presiding)!.replace(/[()]/g, '\\$&')}`));
  assert.match(protocol, /наказ № 12-р/);
  await page.getByRole('button', { name: 'Перевірити' }).click();
  await page.locator('#verification .notice-ok').waitFor();
  const list = await court.api.call('GET', `/protocols?caseId=${encodeURIComponent(first.proceedingNumber)}`, { token: court.tokens.head });
  assert.is(list.body.protocols.length, 2);
  await page.close();
});

test('an outage is opened and, being short, closed without an act (Засади 15.1)', async () => {
  const page = await loginAs(browser, court, 'head1');
  await page.getByRole('navigation').getByRole('link', { name: 'Режим збою' }).click();
  await pageReady(page, 'Режим збою');
  // the form offers now in Kyiv time with its offset; the outage began an hour earlier
  assert.match(await page.getByLabel('Час початку').inputValue(), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
  const started = new Date(Date.now() - 3_600_000).toISOString().slice(0, 16) + 'Z';
  await page.getByLabel('Час початку').fill(started);
  await page.getByLabel('Опис обставин').fill('відсутнє електропостачання');
  await page.getByRole('button', { name: 'Розпочати режим збою' }).click();
  await page.locator('#outages', { hasText: 'триває' }).waitFor();
  await page.locator('#outages').getByRole('button', { name: 'Закрити' }).click();
  await page.getByLabel('Причина та вжиті заходи').fill('електропостачання відновлено');
  await page.getByRole('button', { name: /^Закрити збій/ }).click();
  await page.locator('#outages', { hasText: 'завершено без акта' }).waitFor();
  await shot(page, 'court-outages');
  const r = await court.api.call('GET', '/outages', { token: court.tokens.head });
  assert.is(r.body.outages.length, 1);
  assert.ok(r.body.outages[0].closure);
  await page.close();
});

test('the head of staff adds a juror to the list with the council’s decision; a case without a selection says so', async () => {
  const page = await loginAs(browser, court, 'head1');
  await openHash(page, '/jurors', 'Присяжні');
  await page.getByLabel('Прізвище, ім’я, по батькові').fill('Шевченко Марія Петрівна');
  await page.getByLabel('Вид рішення').selectOption({ label: 'рішення' });
  await page.getByLabel('Номер рішення').fill('77');
  await page.getByLabel('Дата рішення').fill(today());
  await page.getByRole('button', { name: 'Додати до списку' }).click();
  await page.locator('#jurors', { hasText: 'Шевченко Марія Петрівна' }).waitFor();
  assert.match(await page.locator('#jurors').innerText(), /рішення № 77/);
  await page.getByLabel('Номер провадження', { exact: true }).first().fill(first.proceedingNumber);
  await page.getByRole('button', { name: 'Показати присяжних у справі' }).click();
  await page.getByText('У цій справі присяжних ще не визначено.').waitFor();
  await shot(page, 'court-jurors');
  await page.close();
});

test('the distribution officer opens the jurors’ list and the duty page; the repeated distribution is not theirs', async () => {
  const page = await loginAs(browser, court, 'officer1');
  assert.is(await page.getByRole('navigation').getByRole('link', { name: 'Повторний розподіл' }).count(), 0);
  await openHash(page, '/jurors', 'Присяжні');
  assert.match(await page.locator('main').innerText(), /Список присяжних/);
  assert.is(await page.getByRole('button', { name: 'Додати до списку' }).count(), 0, 'the list is kept by the head of staff');
  await openHash(page, '/duty', 'Чергування');
  assert.match(await page.locator('main').innerText(), /Графік чергувань/);
  await openHash(page, '/repeated', 'Доступ заборонено');
  await page.close();
});

test.run();
