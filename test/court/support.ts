/**
 * Court test helpers: an in-process court server on a free loopback port with
 * a temp data dir, users of every role, and a small JSON client.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { startCourtServer, type CourtServer, type CourtServerOptions } from '../../actors/court/node.ts';
import { CourtKey } from '../../actors/court/covert/vault.ts';
import { kyivDate } from '../../actors/court/dates.ts';
import type { RoleV1 } from '../../contracts/court/index.ts';
import { tempDir } from '../support/servers.ts';
import { TEST_KEY_PASSPHRASE } from '../support/keys.ts';

export const ADMIN_PASSWORD = 'admin-password-1';
export const PASSWORD = 'staff-password-1';

export function newKey(): CourtKey {
  return CourtKey.parse(randomBytes(32).toString('hex'));
}

export interface Api {
  url: string;
  call(method: string, path: string, opts?: { token?: string; body?: unknown; raw?: Buffer | string; type?: string; headers?: Record<string, string> }): Promise<{ status: number; body: any; bytes: Buffer; headers: Headers }>;
  login(login: string, password?: string): Promise<string>;
}

export function api(url: string): Api {
  const call: Api['call'] = async (method, path, opts = {}) => {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body: string | Buffer | undefined;
    if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['content-type'] = 'application/json';
    } else if (opts.raw !== undefined) {
      body = opts.raw;
      headers['content-type'] = opts.type ?? 'application/octet-stream';
    }
    const res = await fetch(url + path, { method, headers, ...(body !== undefined ? { body } : {}) });
    const bytes = Buffer.from(await res.arrayBuffer());
    let parsed: unknown = undefined;
    if ((res.headers.get('content-type') ?? '').includes('json')) parsed = JSON.parse(bytes.toString('utf8'));
    return { status: res.status, body: parsed, bytes, headers: res.headers };
  };
  return {
    url,
    call,
    async login(login, password = PASSWORD) {
      const r = await call('POST', '/auth/login', { body: { login, password } });
      if (r.status !== 200) throw new Error(`login ${login}: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body.token as string;
    },
  };
}

export interface Court {
  server: CourtServer;
  api: Api;
  dataDir: string;
  journalPath: string;
  tokens: Record<'admin' | 'registrar' | 'registrar2' | 'officer' | 'judge' | 'judge2' | 'head' | 'chief' | 'auditor', string>;
}

/** `call(method, path, token?, body?)` against a court started by `startCourt` (resolved at call time, so it can be made before `before`). */
export function callerOf(court: () => Court) {
  return (method: string, path: string, token?: string, body?: unknown) => court().api.call(method, path, { ...(token ? { token } : {}), ...(body !== undefined ? { body } : {}) });
}

const STAFF: Array<[keyof Court['tokens'], string, RoleV1]> = [
  ['registrar', 'registrar1', 'registrar'],
  ['registrar2', 'registrar2', 'registrar'],
  ['officer', 'officer1', 'distribution_officer'],
  ['judge', 'judge.petrenko', 'judge'],
  ['judge2', 'judge.koval', 'judge'],
  ['head', 'head1', 'head_of_staff'],
  ['chief', 'chief1', 'chief_judge'],
  ['auditor', 'auditor1', 'auditor'],
];
export const LOGINS = Object.fromEntries(STAFF.map(([k, l]) => [k, l])) as Record<string, string>;

/** A running court with one user per role, all logged in. */
export async function startCourt(
  opts: { court?: string; key?: CourtKey; dataDir?: string; withUsers?: boolean; zasadyFile?: string; server?: Pick<CourtServerOptions, 'loginThrottle' | 'knownCourts' | 'natsUrl' | 'bus' | 'checkpointIntervalMs'> } = {},
): Promise<Court> {
  const dataDir = opts.dataDir ?? tempDir('asds-court-');
  const court = opts.court ?? '537';
  const server = await startCourtServer({ court, dataDir, port: 0, adminPassword: ADMIN_PASSWORD, keyPassphrase: TEST_KEY_PASSPHRASE, ...(opts.key ? { key: opts.key } : {}), ...(opts.zasadyFile ? { zasadyFile: opts.zasadyFile } : {}), ...opts.server });
  const a = api(server.url);
  const tokens = { admin: await a.login('admin', ADMIN_PASSWORD) } as Court['tokens'];
  if (opts.withUsers !== false) {
    for (const [k, login, role] of STAFF) {
      const r = await a.call('POST', '/users', {
        token: tokens.admin,
        body: { login, fullName: `Тест ${login}`, role, password: PASSWORD, order: { number: `${login}-наказ`, date: '2025-01-10' } },
      });
      if (r.status !== 201 && r.status !== 409) throw new Error(`create ${login}: ${r.status} ${JSON.stringify(r.body)}`);
      tokens[k] = await a.login(login);
    }
  }
  return { server, api: a, dataDir, journalPath: join(dataDir, 'journal.sqlite'), tokens };
}

export const today = () => kyivDate(Date.now());
export const daysAgo = (n: number) => kyivDate(Date.now() - n * 86_400_000);

/** A valid registration body (a civil claim arriving today). */
export function claim(extra: Record<string, unknown> = {}) {
  return {
    index: '2',
    arrivalDate: today(),
    document: { kind: 'позовна заява', title: 'про стягнення боргу', sender: 'Іваненко Іван Іванович', outgoingNumber: 'б/н' },
    category: 'цивільні: договірні',
    description: 'стягнення заборгованості за договором позики',
    parties: [
      { role: 'позивач', name: 'Іваненко Іван Іванович' },
      { role: 'відповідач', name: 'ТОВ «Ромашка»' },
    ],
    ...extra,
  };
}

/** `537/12/25` → `/cases/537/12/25` */
export const casePath = (ueun: string) => `/cases/${ueun}`;
