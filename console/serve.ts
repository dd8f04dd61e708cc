/**
 * Serves a web console — the court's or the centre's — from the node that owns the API it calls:
 *
 *   import { serveConsole } from '../../console/serve.ts';
 *   await serveConsole(app, { entry: 'court', title: 'АСДС — суд' });
 *   // GET /console/          the page (one HTML shell; the app draws every screen from the node's JSON API)
 *   // GET /console/app.js    the bundle (esbuild, built once per process, kept in memory, ETag = its SHA-256)
 *   // GET /console/app.css
 *
 * Why it is built here and not shipped pre-built: the node serves exactly the source it runs (no stale bundle
 * beside new code), inside a court's network with no CDN or font host; esbuild bundles either app in tens of
 * milliseconds, on the first request (a node nobody browses builds nothing).
 *
 * Every answer carries a strict Content-Security-Policy: scripts only from this origin, no inline script, no
 * connection elsewhere — a value typed into a case (a party's name) can never become script.
 */
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { build } from 'esbuild';

export type ConsoleEntry = 'court' | 'centre';

export interface ConsoleOptions {
  /** Which app: `court` (console/web/court/main.ts) or `centre` (console/web/centre/main.ts). */
  entry: ConsoleEntry;
  /** The page title before the app names the court or the centre. Default `АСДС`. */
  title?: string;
  /** Path the console lives under. Default `/console`. */
  prefix?: string;
}

export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; " +
  "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/**
 * The policy of the pages a node renders itself (public lists, control lists, the load report, the centre's login):
 * no script at all, styles from the node or the page's own <style> (printable pages carry one as the fallback), no
 * framing. Escaping is their first defence; this is the second — a value that slipped through could not run.
 */
export const PAGE_CSP =
  "default-src 'none'; script-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/**
 * Gives every HTML answer of `app` that set no policy of its own the PAGE_CSP (the console's shell sets the
 * stricter CSP itself). `skip`: path prefixes with their own page scripts (the Swagger UI at /docs).
 *
 *   securePages(app);            // before the routes are registered
 */
export function securePages(app: FastifyInstance, skip: readonly string[] = ['/docs']): void {
  app.addHook('onSend', async (req, reply, payload) => {
    if (reply.hasHeader('content-security-policy')) return payload;
    if (!String(reply.getHeader('content-type') ?? '').startsWith('text/html')) return payload;
    if (skip.some((p) => req.url === p || req.url.startsWith(`${p}/`))) return payload;
    secured(reply, PAGE_CSP);
    return payload;
  });
}

interface Bundle {
  js: Buffer;
  css: Buffer;
  etag: string;
}

const WEB = fileURLToPath(new URL('./web/', import.meta.url));
const builds = new Map<ConsoleEntry, Promise<Bundle>>();

/** The bundle of one app, built once per process (both court and centre apps may run in one test process). */
export function consoleBundle(entry: ConsoleEntry): Promise<Bundle> {
  let b = builds.get(entry);
  if (!b) {
    b = buildBundle(entry);
    builds.set(entry, b);
    // a failed build is retried by the next request rather than cached forever
    b.catch(() => builds.delete(entry));
  }
  return b;
}

async function buildBundle(entry: ConsoleEntry): Promise<Bundle> {
  const r = await build({
    entryPoints: [`${WEB}${entry}/main.ts`],
    bundle: true,
    write: false,
    minify: true,
    format: 'iife',
    target: ['chrome110', 'firefox110', 'safari16'],
    outdir: '/console-out',
    loader: { '.css': 'css' },
    legalComments: 'none',
    logLevel: 'silent',
  });
  const js = r.outputFiles.find((f) => f.path.endsWith('.js'));
  const css = r.outputFiles.find((f) => f.path.endsWith('.css'));
  if (!js) throw new Error(`console ${entry}: esbuild produced no script`);
  const jsBuf = Buffer.from(js.contents);
  const cssBuf = Buffer.from(css?.contents ?? new Uint8Array());
  const etag = `"${createHash('sha256').update(jsBuf).update(cssBuf).digest('base64url').slice(0, 22)}"`;
  return { js: jsBuf, css: cssBuf, etag };
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The HTML shell. #app is deliberately not a live region: a live region over the whole app would make a screen
 * reader read every redrawn page from top to bottom; instead the router moves the focus to each page's heading and
 * errors announce themselves (role=alert).
 */
function shell(title: string, prefix: string, etag: string): string {
  const v = encodeURIComponent(etag.replace(/"/g, ''));
  return `<!doctype html>
<html lang="uk"><head><meta charset="utf-8"><title>${esc(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${prefix}/app.css?v=${v}">
<script defer src="${prefix}/app.js?v=${v}"></script></head>
<body><div id="app"><p class="loading">Завантаження…</p></div>
<noscript><p>Для роботи консолі потрібен JavaScript.</p></noscript></body></html>`;
}

function secured(reply: FastifyReply, policy = CSP): FastifyReply {
  return reply
    .header('content-security-policy', policy)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('x-frame-options', 'DENY');
}

/** Registers GET <prefix>/, <prefix>/app.js and <prefix>/app.css. */
export async function serveConsole(app: FastifyInstance, o: ConsoleOptions): Promise<void> {
  const prefix = o.prefix ?? '/console';
  const title = o.title ?? 'АСДС';
  const bundle = () => consoleBundle(o.entry);
  const hide = { schema: { hide: true } };
  app.get(prefix, hide, async (_req, reply) => reply.redirect(`${prefix}/`, 302));
  app.get(`${prefix}/`, hide, async (_req, reply) => {
    const b = await bundle();
    return secured(reply).header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(shell(title, prefix, b.etag));
  });
  for (const [file, type, pick] of [
    ['app.js', 'text/javascript; charset=utf-8', (b: Bundle) => b.js],
    ['app.css', 'text/css; charset=utf-8', (b: Bundle) => b.css],
  ] as const) {
    app.get(`${prefix}/${file}`, hide, async (req, reply) => {
      const b = await bundle();
      secured(reply).header('etag', b.etag).header('cache-control', 'public, max-age=31536000, immutable');
      if (req.headers['if-none-match'] === b.etag) return reply.code(304).send();
      return reply.type(type).send(pick(b));
    });
  }
}

