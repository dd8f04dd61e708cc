/**
 * Helpers of the legal-force and ЄДРСР tests: a court whose actor clock can be
 * moved forward (to the end of an appeal term), a decided case, and a local
 * ЄДРСР receiver that records what it gets and fails on demand.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import { startCourtServer, type CourtServerOptions } from '../../actors/court/node.ts';
import { tempDir } from '../support/servers.ts';
import { ADMIN_PASSWORD, api, casePath, claim, LOGINS, PASSWORD, type Court } from './support.ts';
import { lawfulZasadyFile } from './distribution/lawful.ts';

/** Moves the court's clock: `now() = Date.now() + offsetMs`. */
export interface Clock {
  offsetMs: number;
  now(): number;
}

export function movableClock(): Clock {
  const c: Clock = { offsetMs: 0, now: () => Date.now() + c.offsetMs };
  return c;
}

const STAFF: Array<[keyof Court['tokens'], string, string]> = [
  ['registrar', LOGINS.registrar!, 'registrar'],
  ['officer', LOGINS.officer!, 'distribution_officer'],
  ['judge', LOGINS.judge!, 'judge'],
  ['judge2', LOGINS.judge2!, 'judge'],
  ['head', LOGINS.head!, 'head_of_staff'],
  ['auditor', LOGINS.auditor!, 'auditor'],
];

export interface LfCourt extends Court {
  clock: Clock;
}

/** A court with a movable clock; tokens live ten years so that moving the clock does not expire them. */
export async function startLfCourt(o: { dataDir?: string; clock?: Clock; edrsrUrl?: string; createUsers?: boolean } & Omit<Partial<CourtServerOptions>, 'clock'> = {}): Promise<LfCourt> {
  const dataDir = o.dataDir ?? tempDir('asds-lf-');
  const clock = o.clock ?? movableClock();
  const { dataDir: _d, clock: _c, edrsrUrl, createUsers, ...rest } = o;
  const server = await startCourtServer({
    court: '537',
    dataDir,
    zasadyFile: lawfulZasadyFile(),
    port: 0,
    adminPassword: ADMIN_PASSWORD,
    tokenTtlMs: 3650 * 86_400_000,
    clock: clock.now,
    holdClock: false, // the tests move the clock to a term's end and back to today on one node
    edrsrSender: { pollMs: 50, backoffMs: 20, maxBackoffMs: 200, timeoutMs: 2000 },
    ...(edrsrUrl ? { edrsrUrl } : {}),
    ...rest,
  });
  const a = api(server.url);
  const tokens = { admin: await a.login('admin', ADMIN_PASSWORD) } as Court['tokens'];
  for (const [k, login, role] of STAFF) {
    if (createUsers !== false) {
      const r = await a.call('POST', '/users', { token: tokens.admin, body: { login, fullName: `Тест ${login}`, role, password: PASSWORD, order: { number: `${login}-наказ`, date: '2025-01-10' } } });
      if (r.status !== 201 && r.status !== 409) throw new Error(`create ${login}: ${r.status} ${JSON.stringify(r.body)}`);
    }
    tokens[k] = await a.login(login);
  }
  return { server, api: a, dataDir, journalPath: join(dataDir, 'journal.sqlite'), tokens, clock };
}

/** Register a claim (today), assign the judge; returns its ЄУН and proceeding number. */
export async function registeredCase(c: Court, extra: Record<string, unknown> = {}): Promise<{ ueun: string; proceedingNumber: string; path: string }> {
  const reg = await c.api.call('POST', '/registrations', { token: c.tokens.registrar, body: claim(extra) });
  if (reg.status !== 201) throw new Error(`register: ${reg.status} ${JSON.stringify(reg.body)}`);
  const path = casePath(reg.body.ueun);
  // The judge comes from the draw (judge.petrenko is this Засади's only civil judge), never from a request.
  const a = await c.api.call('POST', '/distribution/cases', { token: c.tokens.officer, body: { case: { caseId: reg.body.proceedingNumber, uniqueNumber: reg.body.ueun, proceedingNumber: reg.body.proceedingNumber, category: 'civil-claim', exclusions: [] } } });
  if (a.status !== 201 || a.body.document?.protocol?.chosen?.presiding?.toLowerCase() !== LOGINS.judge) throw new Error(`assign: ${a.status} ${JSON.stringify(a.body)}`);
  return { ueun: reg.body.ueun, proceedingNumber: reg.body.proceedingNumber, path };
}

/** A document of the proceeding in the court's documents actor (Засади 13.2): its id may be a decision's ЄДРСР key. */
export async function proceedingDocument(c: Court, k: { ueun: string; proceedingNumber: string }): Promise<string> {
  const body = { template: 'ukhvala-vidkryttia', ueun: k.ueun, proceedingNumber: k.proceedingNumber, signers: [LOGINS.judge], fields: { place: 'м. Лубни', procedure: 'спрощеного позовного провадження' } };
  const r = await c.api.call('POST', '/documents', { token: c.tokens.judge, body });
  if (r.status !== 201) throw new Error(`document: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.id as string;
}

/** Poll `f` until it returns a truthy value (the runtime delivers reminders and asks asynchronously). */
export async function until<T>(f: () => Promise<T | undefined | null | false>, what: string, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

export interface Received {
  key: string | undefined;
  body: any;
  /** Arrival, epoch ms. */
  at: number;
}

/**
 * A stand-in for the ЄДРСР endpoint. Honours `Idempotency-Key`: a repeated key
 * is answered 200 again without a second accepted item. On demand it answers
 * 503 (`failNext`) or records the item and then destroys the connection so the
 * reply is lost (`dropNext`).
 */
export class Receiver {
  readonly requests: Received[] = [];
  readonly accepted = new Map<string, any>();
  failNext = 0;
  dropNext = 0;
  /** Keys answered 400 every time (a permanent refusal). */
  refuse: (key: string) => boolean = () => false;
  private server?: Server;
  url = '';

  async start(port = 0): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = req.headers['idempotency-key'] as string | undefined;
        const key = raw === undefined ? undefined : decodeURIComponent(raw);
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null');
        this.requests.push({ key, body, at: Date.now() });
        if (this.failNext > 0) {
          this.failNext--;
          res.writeHead(503).end('busy');
          return;
        }
        if (!key || this.refuse(key)) {
          res.writeHead(400).end('refused');
          return;
        }
        if (!this.accepted.has(key)) this.accepted.set(key, body);
        if (this.dropNext > 0) {
          this.dropNext--;
          req.socket.destroy();
          return;
        }
        res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ accepted: key }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/edrsr`;
    return this;
  }

  async stop(): Promise<void> {
    const s = this.server;
    if (!s) return;
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  forKey(key: string): Received[] {
    return this.requests.filter((r) => r.key === key);
  }
}
