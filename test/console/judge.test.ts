/**
 * The judge's pages in a real browser (issue 16): «Мої справи» lists the cases the judge presides in by the
 * distribution record; the card of a covert case (Засади 3.1 ¶2) shows the НСРД details to the assigned
 * investigating judge only after they are asked for, answered no-store and kept out of the URL and the title;
 * ANOTHER judge opening the same page sees «Відомості недоступні» and none of the covert values is anywhere in the
 * DOM; «Мої засідання» shows the hearings entered by the staff in the judge's cases.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cleanup } from '../support/servers.ts';
import { claim, newKey, today, type Court } from '../court/support.ts';
import { namedZasadyFile } from '../court/printed-court.ts';
import { pageReady, shot, type TestBrowser } from '../support/browser.ts';
import { loginAs, startConsoleCourt, stopConsoleCourt } from './support.ts';

process.env.ASDS_LOG ??= 'silent';
const test = suite('console: judge pages');

const PERSON = 'Приховченко Остап Богданович 1979 р.н.';
const ACTION = 'аудіоконтроль особи в житлі';
let court: Court;
let browser: TestBrowser;
let civil: { ueun: string; proceedingNumber: string };
let covert: { ueun: string; proceedingNumber: string };

async function register(body: unknown): Promise<{ ueun: string; proceedingNumber: string }> {
  const r = await court.api.call('POST', '/registrations', { token: court.tokens.registrar, body });
  assert.is(r.status, 201, JSON.stringify(r.body));
  assert.is(r.body.distribution.status, 'distributed', JSON.stringify(r.body.distribution));
  return r.body;
}

test.before(async () => {
  // the lawful test Засади: judge.petrenko is the only civil and investigating judge, judge.koval administrative
  ({ court, browser } = await startConsoleCourt({ key: newKey(), zasadyFile: namedZasadyFile('console-judge') }));
  civil = await register(claim({ category: 'civil-claim' }));
  covert = await register(
    claim({
      index: '1-кс',
      category: 'investigator-request',
      document: { kind: 'клопотання', title: 'клопотання слідчого про проведення НСРД', sender: 'СВ Лубенського РВП' },
      description: 'клопотання про дозвіл на проведення негласної слідчої (розшукової) дії',
      parties: [],
      covert: { person: PERSON, action: ACTION },
    }),
  );
  const hearing = await court.api.call('POST', '/public-lists/hearings', {
    token: court.tokens.registrar,
    body: { ueun: civil.ueun, proceedingNumber: civil.proceedingNumber, date: today(), time: '10:30', room: 'зал № 2', composition: 'суддя Петренко Петро Петрович' },
  });
  assert.is(hearing.status, 201, JSON.stringify(hearing.body));
});
test.after(async () => {
  await stopConsoleCourt({ court, browser });
  await cleanup();
});

test('«Мої справи»: the assigned judge sees the cases he presides in, with links to the card', async () => {
  const page = await loginAs(browser, court, 'judge.petrenko');
  await pageReady(page, 'Мої справи');
  const rows = page.locator('#my-cases tbody tr');
  assert.is(await rows.count(), 2);
  for (const c of [civil, covert]) assert.ok(await page.getByRole('link', { name: c.ueun, exact: true }).isVisible(), c.ueun);
  assert.match(await page.locator('#my-cases').innerText(), /Цивільні справи позовного провадження/);
  // (the test users' full names are «Тест <login>», so only the page itself is checked, not the top bar)
  assert.not.match(await page.locator('main').innerHTML(), /judge\.petrenko/, 'no login on the page');
  await shot(page, 'court-my-cases');
  // the filter narrows within my cases (a party of the civil claim)
  await page.getByLabel('Пошук (ЄУН, сторона, суть)').fill('Ромашка');
  await page.getByRole('button', { name: 'Знайти' }).click();
  await page.waitForFunction(() => (globalThis as unknown as { location: { hash: string } }).location.hash.includes('q='));
  await pageReady(page, 'Мої справи');
  await page.locator('#my-cases tbody tr').first().waitFor();
  assert.equal(await page.locator('#my-cases tbody tr td:first-child').allInnerTexts(), [civil.ueun]);
  // the other judge presides in neither
  const other = await loginAs(browser, court, 'judge.koval');
  await pageReady(other, 'Мої справи');
  assert.match(await other.locator('main').innerText(), /Справ, у яких ви головуєте, не знайдено/);
  await other.close();
  await page.close();
});

test('the assigned investigating judge sees the covert details, only after asking, answered no-store, never in URL or title', async () => {
  const page = await loginAs(browser, court, 'judge.petrenko');
  await page.getByRole('link', { name: covert.ueun, exact: true }).click();
  await pageReady(page, 'Справа');
  assert.match(await page.locator('main').innerText(), /Петренко Петро Петрович \(ви\)/);
  assert.not.ok((await page.content()).includes(PERSON), 'nothing covert before it is asked for');
  const answer = page.waitForResponse((r) => r.url().endsWith(`/cases/${covert.ueun}/covert`));
  await page.getByRole('button', { name: 'Показати відомості НСРД' }).click();
  const res = await answer;
  assert.is(res.status(), 200);
  assert.is(res.headers()['cache-control'], 'no-store');
  await page.getByText(PERSON).waitFor();
  assert.ok(await page.getByText(ACTION).isVisible());
  for (const v of [PERSON, ACTION]) {
    assert.not.ok(decodeURIComponent(page.url()).includes(v), 'not in the URL');
    assert.not.ok((await page.title()).includes(v), 'not in the title');
  }
  // (the root tsconfig has no DOM lib: the browser's globals are reached through globalThis)
  const stored = await page.evaluate(() => {
    const g = globalThis as unknown as { sessionStorage: object; localStorage: object };
    return JSON.stringify({ ...g.sessionStorage }) + JSON.stringify({ ...g.localStorage });
  });
  assert.not.ok(stored.includes('Приховченко'), 'not in browser storage');
  await shot(page, 'court-covert-assigned');
  // «Приховати» drops it from the page
  await page.getByRole('button', { name: 'Приховати' }).click();
  assert.not.ok((await page.content()).includes(PERSON));
  await page.close();
});

test('another judge opening the same page sees «Відомості недоступні» and no covert value anywhere in the DOM', async () => {
  const page = await loginAs(browser, court, 'judge.koval', `#/judge/cases/${covert.ueun}`);
  await pageReady(page, 'Справа');
  const answer = page.waitForResponse((r) => r.url().endsWith(`/cases/${covert.ueun}/covert`));
  await page.getByRole('button', { name: 'Показати відомості НСРД' }).click();
  assert.is((await answer).status(), 403);
  await page.getByText('Відомості недоступні.').waitFor();
  const html = await page.content();
  for (const v of [PERSON, ACTION, 'Приховченко', 'аудіоконтроль']) assert.not.ok(html.includes(v), `«${v}» must not be in the page`);
  await shot(page, 'court-covert-refused');
  await page.close();
});

test('«Мої засідання» shows the staff-entered hearing in the judge\'s case; a registrar may not open judge pages', async () => {
  const page = await loginAs(browser, court, 'judge.petrenko', '#/my-hearings');
  await pageReady(page, 'Мої засідання');
  const rows = page.locator('#my-hearings tbody tr');
  assert.is(await rows.count(), 1);
  const row = await rows.first().innerText();
  assert.match(row, /10:30/);
  assert.match(row, /зал № 2/);
  assert.ok(row.includes(civil.ueun));
  await shot(page, 'court-my-hearings');
  await page.close();
  const registrar = await loginAs(browser, court, 'registrar1', '#/my-cases');
  assert.is(await registrar.locator('main').getAttribute('data-page'), 'forbidden');
  assert.ok(await registrar.getByText('Ця сторінка недоступна для вашої ролі.').isVisible());
  await registrar.close();
});

test.run();
