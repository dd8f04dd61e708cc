/**
 * The pages for everyone in a real browser (issue 16): the court's public lists show the judges by full name
 * (never a login) and the cases in numeric order (537/2/26 before 537/10/26), each list starting a new A4 sheet
 * when printed; the load information names every judge in full with a bar per judge; a role the node does not give
 * the load to (a registrar) is told so.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cleanup } from '../support/servers.ts';
import { claim, today, type Court } from '../court/support.ts';
import { namedZasadyFile } from '../court/printed-court.ts';
import { cspViolations, pageReady, shot, type TestBrowser } from '../support/browser.ts';
import { loginAs, startConsoleCourt, stopConsoleCourt } from './support.ts';

process.env.ASDS_LOG ??= 'silent';
const test = suite('console: public lists and load');

const CASES = 11; // 537/1 … 537/11: a text sort would put 10 and 11 before 2
let court: Court;
let browser: TestBrowser;
const ueuns: string[] = [];

/** The ЄУН's sequence number: 537/10/26 → 10. */
const seqOf = (ueun: string) => Number(ueun.split('/')[1]);

test.before(async () => {
  ({ court, browser } = await startConsoleCourt({ zasadyFile: namedZasadyFile('console-public') }));
  for (let i = 0; i < CASES; i++) {
    const r = await court.api.call('POST', '/registrations', { token: court.tokens.registrar, body: claim({ category: 'civil-claim', description: `стягнення боргу за договором № ${i + 1}` }) });
    assert.is(r.status, 201, JSON.stringify(r.body));
    assert.is(r.body.distribution.status, 'distributed');
    ueuns.push(r.body.ueun);
  }
});
test.after(async () => {
  await stopConsoleCourt({ court, browser });
  await cleanup();
});

test('public lists: judges by full name, no login, cases in numeric order, A4 print a sheet per list', async () => {
  const page = await loginAs(browser, court, 'registrar1', '#/public-lists');
  await pageReady(page, 'Публічні списки');
  const main = page.locator('main');
  assert.match(await main.innerText(), /Лубенський міськрайонний суд/);
  for (const id of ['list-hearings', 'list-distributed', 'list-stages', 'list-appeals', 'list-announcements']) assert.is(await page.locator(`#${id}`).count(), 1, id);

  const distributed = page.locator('#list-distributed');
  const shown = await distributed.locator('tbody .ueun').allInnerTexts();
  assert.is(shown.length, CASES);
  assert.equal([...shown].sort(), [...ueuns].sort(), 'every case distributed today is listed');
  const seqs = shown.map(seqOf);
  for (let i = 1; i < seqs.length; i++) assert.ok(seqs[i - 1]! < seqs[i]!, `numeric order: ${shown.join(', ')}`);
  const order = (await distributed.locator('tbody td.order').allInnerTexts()).map(Number);
  assert.equal(order, Array.from({ length: CASES }, (_, i) => i + 1), 'order numbers 1…n ascending');
  const stageSeqs = (await page.locator('#list-stages tbody .ueun').allInnerTexts()).map(seqOf);
  assert.equal(stageSeqs, [...stageSeqs].sort((a, b) => a - b));

  assert.match(await distributed.innerText(), /суддя Петренко Петро Петрович/);
  const html = await main.innerHTML();
  assert.not.match(html, /judge\.(petrenko|koval)/, 'no judge login in the lists');

  const printable = page.getByRole('link', { name: 'Сторінка для друку (A4)' });
  assert.is(await printable.getAttribute('href'), `/public/lists?date=${today()}&format=html`);
  assert.ok(await page.getByRole('button', { name: 'Друкувати' }).isVisible());
  // the node's own A4 page opens without a login (public, Засади 12.4)
  const a4 = await fetch(`${court.server.url}/public/lists?date=${today()}&format=html`);
  assert.is(a4.status, 200);
  assert.match(a4.headers.get('content-type') ?? '', /text\/html/);
  assert.ok((await a4.text()).includes('Петренко Петро Петрович'));
  // a page the node renders runs no script at all, and its own styles keep to that policy (issue 16)
  assert.match(a4.headers.get('content-security-policy') ?? '', /script-src 'none'/);
  const sheet = await browser.page();
  await sheet.goto(`${court.server.url}/public/lists?date=${today()}&format=html`);
  await sheet.getByRole('heading', { level: 1 }).waitFor();
  assert.equal(await cspViolations(sheet), [], 'the A4 page draws under its CSP');
  await sheet.close();
  await shot(page, 'court-public-lists');

  // printed: no frame, every list after the first on a new sheet
  await page.emulateMedia({ media: 'print' });
  assert.is(await page.locator('nav').isVisible(), false);
  const breaks = await page.locator('section.public-list').evaluateAll((els) => {
    const g = globalThis as unknown as { getComputedStyle: (e: unknown) => { breakBefore: string } };
    return els.map((e) => g.getComputedStyle(e).breakBefore);
  });
  assert.equal(breaks, ['auto', 'page', 'page', 'page', 'page']);
  await page.emulateMedia({ media: 'screen' });

  // another day: the date picker
  await page.getByLabel('Дата').fill('2020-01-15');
  await page.getByRole('button', { name: 'Показати' }).click();
  await page.getByText('Списки справ на 15 січня 2020 р.').waitFor();
  assert.is(await page.locator('#list-distributed tbody tr').count(), 0);
  await page.close();
});

test('load: every judge by full name with a bar; the officer reads it too; a registrar is told it is not for the role', async () => {
  const page = await loginAs(browser, court, 'head1', '#/load');
  await pageReady(page, 'Інформація про навантаження');
  const t = page.locator('#load');
  const text = await t.innerText();
  for (const name of ['Петренко Петро Петрович', 'Коваль Олена Іванівна']) assert.ok(text.includes(name), name);
  assert.not.match(await page.locator('main').innerHTML(), /judge\.(petrenko|koval)/);
  assert.is(await t.locator('tbody tr').count(), 2);
  const widths = await t.locator('.load-bar-fill').evaluateAll((els) => els.map((e) => (e as unknown as { style: { width: string } }).style.width));
  // Петренко had all eleven civil cases drawn, Коваль (administrative) none
  assert.equal([...widths].sort(), ['0%', '100%'], `bars: ${widths}`);
  await shot(page, 'court-load');
  await page.close();

  const officer = await loginAs(browser, court, 'officer1', '#/load');
  await pageReady(officer, 'Інформація про навантаження');
  assert.match(await officer.locator('#load').innerText(), /Петренко Петро Петрович/);
  await officer.close();

  const registrar = await loginAs(browser, court, 'registrar1', '#/load');
  assert.is(await registrar.locator('main').getAttribute('data-page'), 'forbidden');
  await registrar.close();
});

test.run();
