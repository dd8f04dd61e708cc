/**
 * Court statistics test helpers: a court on the lawful Засади with the Lubny
 * input-control rules beside them, a statistician user with a staff
 * certificate of the court CA, and short ways to register, draw and decide.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { userPaths } from '../../actors/pki/layout.ts';
import { dirname, join } from 'node:path';
import * as assert from 'uvu/assert';
import { issueUserCertificate, type IssuedCertificate } from '../../actors/pki/index.ts';
import type { CourtServerOptions } from '../../actors/court/node.ts';
import { TEST_KEY_PASSPHRASE } from '../support/keys.ts';
import { assignByDraw, lawfulZasadyFile } from './distribution/lawful.ts';
import { casePath, claim, PASSWORD, startCourt, type Court } from './support.ts';

export const STATISTICIAN = { login: 'stat.bondar', fullName: 'Бондар Оксана Петрівна' };

export interface StatsCourt extends Court {
  stat: string;
  cert: IssuedCertificate;
  zasadyFile: string;
}

/** The lawful Засади with stats-control.yaml and, when given, the court's own forms (stats-forms/<name>.yaml) beside them. */
export function statsZasady(forms: Record<string, string> = {}): string {
  const file = lawfulZasadyFile();
  copyFileSync('deploy/examples/lubny/stats-control.yaml', join(dirname(file), 'stats-control.yaml'));
  const dir = join(dirname(file), 'stats-forms');
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(forms)) writeFileSync(join(dir, name), text);
  return file;
}

export async function startStatsCourt(o: { dataDir?: string; forms?: Record<string, string>; node?: Pick<CourtServerOptions, 'natsUrl' | 'bus'> } = {}): Promise<StatsCourt> {
  const zasadyFile = statsZasady(o.forms);
  const c = await startCourt({ zasadyFile, ...(o.dataDir ? { dataDir: o.dataDir } : {}), ...(o.node ? { server: o.node as never } : {}) });
  const created = await c.api.call('POST', '/users', { token: c.tokens.admin, body: { login: STATISTICIAN.login, fullName: STATISTICIAN.fullName, role: 'statistician', password: PASSWORD, order: { number: '7-к', date: '2025-01-10' } } });
  if (created.status !== 201 && created.status !== 409) throw new Error(`statistician: ${created.status} ${JSON.stringify(created.body)}`);
  const stat = await c.api.login(STATISTICIAN.login);
  const pki = join(c.dataDir, 'pki');
  const paths = userPaths(pki, STATISTICIAN.login);
  // a restarted court keeps its statistician's certificate
  const cert = existsSync(paths.cert)
    ? ({ certPem: readFileSync(paths.cert, 'utf8'), keyPem: readFileSync(paths.key, 'utf8') } as IssuedCertificate)
    : issueUserCertificate({ passphrase: TEST_KEY_PASSPHRASE, dir: pki, login: STATISTICIAN.login, fullName: STATISTICIAN.fullName, role: 'statistician' });
  return { ...c, stat, cert, zasadyFile };
}

/**
 * Register a case (index, arrival date, …) and draw its judge under `category`; a registration naming a Засади
 * category is drawn by the node's own hand-off (Засади 4.1) — pass `category: null` then.
 */
export async function registeredDrawn(c: Court, extra: Record<string, unknown> = {}, category: string | null = 'civil-claim'): Promise<{ ueun: string; proceedingNumber: string; path: string }> {
  const reg = await c.api.call('POST', '/registrations', { token: c.tokens.registrar, body: claim(extra) });
  assert.is(reg.status, 201, JSON.stringify(reg.body));
  if (category !== null) await assignByDraw(c.api, c.tokens.officer, reg.body.ueun, reg.body.proceedingNumber, category);
  return { ueun: reg.body.ueun, proceedingNumber: reg.body.proceedingNumber, path: casePath(reg.body.ueun) };
}

/** The judge records the decision. */
export async function decided(c: Court, path: string, body: Record<string, unknown>): Promise<void> {
  const r = await c.api.call('POST', `${path}/decision`, { token: c.tokens.judge, body });
  assert.is(r.status, 201, JSON.stringify(r.body));
}
