/**
 * A real browser for the console tests: Debian's Chromium driven by playwright-core, kept off the network (no
 * background requests, no component updates, a fresh profile), closed by the test. Screenshots of the pages go to
 * `test-artifacts/screenshots/` (CI keeps the folder; git ignores it).
 *
 *   const b = await openBrowser();
 *   const page = await b.page();
 *   await page.goto(`${court.server.url}/console/`);
 *   await shot(page, 'court-login');
 *   await b.close();
 */
import { mkdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Chromium's binary: env ASDS_CHROMIUM, else Debian's (`apt-get install -y chromium`). */
export const CHROMIUM = process.env.ASDS_CHROMIUM ?? '/usr/bin/chromium';

export const SCREENSHOTS = join(process.cwd(), 'test-artifacts', 'screenshots');

/** Flags that keep a test browser from reaching anything but the loopback server it is given. */
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
  '--no-default-browser-check',
  '--metrics-recording-only',
  // the date fields' calendar in Ukrainian (дд.мм.рррр), as a court's browsers are set
  '--lang=uk-UA',
];

export interface TestBrowser {
  /** A new page in a fresh context (own cookies and sessionStorage: one person). */
  page(): Promise<Page>;
  close(): Promise<void>;
}

export async function openBrowser(): Promise<TestBrowser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set ASDS_CHROMIUM)`);
  // playwright gives every launch a fresh temporary profile of its own and removes it on close
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true, timeout: 30_000 });
  const contexts: BrowserContext[] = [];
  return {
    async page() {
      const ctx = await browser.newContext({ locale: 'uk-UA', timezoneId: 'Europe/Kyiv', viewport: { width: 1280, height: 900 } });
      contexts.push(ctx);
      const page = await ctx.newPage();
      page.setDefaultTimeout(15_000);
      // a console page that throws is a failed test, not a silent blank screen
      page.on('pageerror', (e) => console.error(`browser page error: ${e.message}`));
      await watchCsp(page);
      return page;
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close().catch(() => undefined);
    },
  };
}

const violations = new WeakMap<Page, string[]>();

/**
 * Records every Content-Security-Policy violation on `page` — from the DOM event (synchronous, set before any page
 * script by an init script, which the CSP does not govern) and from Chromium's console report — so that a page
 * which needs `unsafe-inline` (an inline style attribute, a library injecting <style>) fails the test that drew it
 * instead of silently losing its styling or script under the node's strict CSP.
 */
async function watchCsp(page: Page): Promise<void> {
  const seen: string[] = [];
  violations.set(page, seen);
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) seen.push(m.text());
  });
  await page.addInitScript({
    content: `document.addEventListener('securitypolicyviolation', (e) => {
      (window.__cspViolations ??= []).push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber);
    });`,
  });
}

/** The CSP violations seen on `page` so far (empty when the page kept to the policy). */
export async function cspViolations(page: Page): Promise<string[]> {
  const inPage = ((await page.evaluate('window.__cspViolations ?? []').catch(() => [])) as string[]);
  return [...(violations.get(page) ?? []), ...inPage];
}

/** A full-page PNG of `page` as test-artifacts/screenshots/<name>.png. */
export async function shot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Polls `expression` in the page (evaluated over CDP, which the page's CSP does not govern) until it is true. */
export async function until(page: Page, expression: string, timeoutMs = 15_000): Promise<void> {
  for (const end = Date.now() + timeoutMs; ; ) {
    if (await page.evaluate(expression)) return;
    if (Date.now() > end) throw new Error(`${page.url()}: not true within ${timeoutMs} ms: ${expression}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Waits until the console has drawn the page of the current address (router sets data-page and data-hash on <main>). */
export async function pageReady(page: Page, title?: string): Promise<void> {
  // the page of the address now shown, not the one before it (a hash set a moment ago is drawn asynchronously)
  // polled from here: Playwright's in-page polling evaluates a string, which the console's CSP (no unsafe-eval) refuses
  await until(page, `(() => { const m = document.querySelector('main[data-page]'); return !!m && m.dataset.hash === location.hash; })()`);
  if (title) await page.waitForSelector(`main h1:text-is("${title}")`);
  // every drawn page kept to the node's CSP (no inline style or script slipped in)
  const v = await cspViolations(page);
  if (v.length > 0) throw new Error(`Content-Security-Policy violated on ${page.url()}:\n${v.join('\n')}`);
  const a11y = await unnamedControls(page);
  if (a11y.length > 0) throw new Error(`controls without a name on ${page.url()}:\n${a11y.join('\n')}`);
}

/**
 * What a screen reader user could not use on the drawn page: a field with no label, a button or link with no name,
 * an id used twice (a label then names the wrong field). Checked on every page the tests draw.
 */
export async function unnamedControls(page: Page): Promise<string[]> {
  return (await page.evaluate(`(() => {
    const out = [];
    const named = (el) => (el.getAttribute('aria-label') || '').trim() || el.getAttribute('aria-labelledby') || (el.labels && el.labels.length > 0) || el.title;
    for (const el of document.querySelectorAll('input:not([type=hidden]), select, textarea')) if (!named(el)) out.push('field without a label: ' + el.outerHTML.slice(0, 120));
    for (const el of document.querySelectorAll('button, a[href]')) if (!(el.textContent || '').trim() && !named(el)) out.push('nameless ' + el.tagName.toLowerCase() + ': ' + el.outerHTML.slice(0, 120));
    const seen = new Map();
    for (const el of document.querySelectorAll('[id]')) seen.set(el.id, (seen.get(el.id) || 0) + 1);
    for (const [id, n] of seen) if (n > 1) out.push('id used ' + n + ' times: ' + id);
    return out;
  })()`)) as string[];
}
