/**
 * Court console test helpers: a real court with a real browser beside it, and the console's login form filled in as
 * a person would (login, password, «Увійти»), so that every console test logs in the same way.
 *
 *   const { court, browser } = await startConsoleCourt({ zasadyFile: namedZasadyFile('console-x') });
 *   const page = await loginAs(browser, court, 'registrar1', '#/public-lists');
 *   await openHash(page, '/jurors', 'Присяжні');
 *   await stopConsoleCourt({ court, browser });
 */
import type { Page } from 'playwright-core';
import { startCourt, PASSWORD, type Court } from '../court/support.ts';
import { openBrowser, pageReady, type TestBrowser } from '../support/browser.ts';

export interface ConsoleCourt {
  court: Court;
  browser: TestBrowser;
}

/** A court (as `startCourt(opts)`) and a browser; the court is stopped again if the browser does not open. */
export async function startConsoleCourt(opts: Parameters<typeof startCourt>[0] = {}): Promise<ConsoleCourt> {
  const court = await startCourt(opts);
  try {
    return { court, browser: await openBrowser() };
  } catch (e) {
    await court.server.stop();
    throw e;
  }
}

/** Closes what `startConsoleCourt` opened; either part may be missing when `before` failed half way. */
export async function stopConsoleCourt(c: Partial<ConsoleCourt>): Promise<void> {
  await c.browser?.close();
  await c.court?.server.stop();
}

/** A new page with the console's login form drawn at `/console/<hash>`, nobody logged in. */
export async function loginForm(browser: TestBrowser, court: Court, hash = ''): Promise<Page> {
  const page = await browser.page();
  await page.goto(`${court.server.url}/console/${hash}`);
  await page.getByLabel('Логін').waitFor();
  return page;
}

/** Logs `login` in on `page` through the console's form at `/console/<hash>`, and waits for the first page drawn. */
export async function logInOn(page: Page, court: Court, login: string, hash = ''): Promise<void> {
  await page.goto(`${court.server.url}/console/${hash}`);
  await page.getByLabel('Логін').fill(login);
  await page.getByLabel('Пароль').fill(PASSWORD);
  await page.getByRole('button', { name: 'Увійти' }).click();
  await pageReady(page);
}

/** A new page (a person of their own: fresh cookies and sessionStorage) logged in as `login`. */
export async function loginAs(browser: TestBrowser, court: Court, login: string, hash = ''): Promise<Page> {
  const page = await browser.page();
  await logInOn(page, court, login, hash);
  return page;
}

/** Moves the logged-in console to `path` within the same document (only the hash changes) and waits for `title`. */
export async function openHash(page: Page, path: string, title: string): Promise<void> {
  await page.evaluate(`location.hash = ${JSON.stringify(path)}`);
  await pageReady(page, title);
}
