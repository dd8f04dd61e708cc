/**
 * The court console's frame in a real browser: the page is served with its strict CSP, a person logs in with the
 * court's login and password, sees their name and role (never the login), the menu of their role, and a page of
 * another role is refused with a reason.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { PASSWORD, type Court } from '../court/support.ts';
import { cspViolations, pageReady, shot, unnamedControls, until, type TestBrowser } from '../support/browser.ts';
import { loginAs, loginForm, startConsoleCourt, stopConsoleCourt } from './support.ts';

const test = suite('console shell');
let court: Court;
let browser: TestBrowser;

test.before(async () => {
  ({ court, browser } = await startConsoleCourt());
});
test.after(async () => {
  await stopConsoleCourt({ court, browser });
});

test('the console page is served with a strict Content-Security-Policy and no external host', async () => {
  const r = await court.api.call('GET', '/console/');
  assert.is(r.status, 200);
  const csp = r.headers.get('content-security-policy') ?? '';
  assert.match(csp, /script-src 'self'/);
  assert.match(csp, /connect-src 'self'/);
  const html = r.bytes.toString('utf8');
  assert.not.match(html, /https?:\/\//, 'no external URL in the page');
  // the focus moves to each page's heading; a live region over the whole app would read every page aloud
  assert.not.match(html, /id="app"[^>]*aria-live/);
  const js = await court.api.call('GET', '/console/app.js');
  assert.is(js.status, 200);
  assert.not.match(js.bytes.toString('utf8'), /https?:\/\/(?!www\.w3\.org)[a-z]/i, 'the bundle loads nothing from elsewhere');
  const again = await court.api.call('GET', '/console/app.js', { headers: { 'if-none-match': js.headers.get('etag')! } });
  assert.is(again.status, 304);
  // what a person reads with a token (parties' names) stays out of a shared computer's disk cache
  const cases = await court.api.call('GET', '/cases?limit=1', { token: court.tokens.registrar });
  assert.is(cases.status, 200);
  assert.is(cases.headers.get('cache-control'), 'no-store');
});

test('a wrong password is refused in Ukrainian; the right one shows the user by name and role', async () => {
  const page = await loginForm(browser, court);
  await page.getByLabel('Логін').fill('registrar1');
  await page.getByLabel('Пароль').fill('wrong-password-1');
  await page.getByRole('button', { name: 'Увійти' }).click();
  await page.getByRole('alert').waitFor();
  assert.match(await page.getByRole('alert').innerText(), /[А-Яа-яІіЇїЄє]/);
  await shot(page, 'court-login-refused');
  await page.getByLabel('Пароль').fill(PASSWORD);
  await page.getByRole('button', { name: 'Увійти' }).click();
  await pageReady(page);
  const who = await page.locator('.topbar .user').innerText();
  assert.match(who, /Тест registrar1 · реєстратор/);
  await page.close();
});

test('«Вийти» while the node does not answer still drops the token: the next person sees the login', async () => {
  const page = await loginAs(browser, court, 'registrar1');
  assert.ok(await page.evaluate(`sessionStorage.length > 0`), 'the token is kept in the tab');
  await page.route('**/auth/logout', (route) => route.abort('internetdisconnected'));
  await page.getByRole('button', { name: 'Вийти' }).click();
  await page.getByLabel('Пароль').waitFor();
  assert.is(await page.evaluate(`sessionStorage.length`), 0, 'no token left in the tab');
  await page.unroute('**/auth/logout');
  await page.reload();
  await page.getByLabel('Пароль').waitFor();
  await page.close();
});

test('the CSP watch every browser test relies on sees an inline style the policy blocks (not vacuous)', async () => {
  const page = await loginForm(browser, court);
  assert.equal(await cspViolations(page), [], 'the login page keeps to the CSP');
  // what a careless page would do: an inline style attribute (style-src 'self' has no 'unsafe-inline')
  await page.evaluate("document.body.insertAdjacentHTML('beforeend', '<p style=\\'color:red\\'>x</p>')");
  await until(page, '(window.__cspViolations ?? []).length > 0');
  assert.match((await cspViolations(page)).join('\n'), /style-src/);
  await page.close();
});

test('the accessibility watch sees a field without a label and a repeated id (not vacuous)', async () => {
  const page = await loginForm(browser, court);
  assert.equal(await unnamedControls(page), [], 'the login form names every field');
  await page.evaluate(`document.body.append(Object.assign(document.createElement('input'), { id: 'login' }))`);
  const found = (await unnamedControls(page)).join('\n');
  assert.match(found, /field without a label/);
  assert.match(found, /id used 2 times: login/);
  await page.close();
});

test('a malformed address (a cut %-escape) shows «Сторінку не знайдено», not a frozen screen', async () => {
  const page = await loginAs(browser, court, 'registrar1');
  await page.evaluate(`location.hash = '/cases/%E0%A4%A/1/26'`);
  await pageReady(page, 'Сторінку не знайдено');
  await page.close();
});

test.run();
