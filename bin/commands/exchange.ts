/**
 * The exchange hub's operator commands (issue 17; actors/central/exchange). They call the hub's admin listener
 * (`--hub http://127.0.0.1:<exchange admin port>`, printed by `central serve` as `exchangeAdmin`, or env
 * ASDS_EXCHANGE_HUB) with a console token: env ASDS_CONSOLE_TOKEN, else one signed on the spot with the operator
 * key of `--ops <dir>` (default ./data/ops) for 10 minutes, naming `--name` / ASDS_OPERATOR / the OS user — every
 * change is journaled at the hub under that name.
 *
 *   asds exchange org add --id prok-poltava --kind prosecutor --name "Полтавська обласна прокуратура" --code 02910060 [--connected-on 2026-11-02]
 *   asds exchange org suspend prok-poltava --reason "технічні роботи" [--until 2026-12-20] [--by-organisation]
 *   asds exchange org resume prok-poltava [--note "усунуто"]
 *   asds exchange org list [--json]
 *   asds exchange cert --org prok-poltava --out ./prok-poltava-tls     (client.crt.pem, client.key.pem 0600, hub-ca.crt.pem)
 *   asds exchange cabinets [--overdue] [--json]
 *   asds exchange cabinet district --org okp-lubny --code OKP-1601 --head-cert head.crt.pem --request "27/1-123вих-24" --request-date 2026-11-20
 *   asds exchange cabinet head-change okp-lubny [--changed-on 2026-12-04] [--request … --request-date …] [--head-cert new.crt.pem]
 *   asds exchange cabinet head okp-lubny --head-cert new.crt.pem --request … --request-date …
 *   asds exchange district-codes list | add --code OKP-1604 --office-name "…" [--region "…"] | remove --code OKP-1604   (--request … --request-date …)
 * A head's certificate data (serial, issuer, subject) is read from the PEM file given with the written request.
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import { join, resolve } from 'node:path';
import { OperatorFolder } from '../../runtime/bus/index.ts';
import { operatorBy } from '../../runtime/bus/operator.ts';
import { signConsoleToken } from '../../actors/central/console/index.ts';
import { ukDate } from '../../actors/central/exchange/deadline.ts';
import type { OrganisationRecordV1 } from '../../contracts/exchange/organisations.ts';
import type { CabinetV1, OverdueHeadChangesV1 } from '../../contracts/exchange/cabinets.ts';
import { CliError, options } from './util.ts';

export const COMMON = { hub: { type: 'string' }, ops: { type: 'string' }, name: { type: 'string' }, json: { type: 'boolean' } } as const;
export type Opts = Record<string, string | boolean | undefined>;

export function tokenOf(o: Opts): string {
  const env = process.env.ASDS_CONSOLE_TOKEN?.trim();
  if (env) return env;
  try {
    const ops = OperatorFolder.open(resolve((o.ops as string | undefined) ?? 'data/ops'));
    return signConsoleToken((b) => ops.signAsOperator(b), { sub: (o.name as string | undefined) ?? operatorBy(), role: 'operator', ttlMs: 10 * 60_000 });
  } catch (e) {
    throw new CliError(`no console token: set ASDS_CONSOLE_TOKEN (asds ops token) or give --ops <operator folder>: ${(e as Error).message}`, 2);
  }
}

export async function call<T>(o: Opts, method: string, path: string, body?: unknown): Promise<T> {
  const hub = (o.hub as string | undefined) ?? process.env.ASDS_EXCHANGE_HUB;
  if (!hub) throw new CliError('--hub <admin URL of the exchange hub> is required (central serve prints it as "exchangeAdmin")', 2);
  const token = tokenOf(o);
  let res: Response;
  try {
    res = await fetch(new URL(path, hub), {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch (e) {
    throw new CliError(`the exchange hub at ${hub} does not answer: ${(e as Error).message}`, 1);
  }
  const text = await res.text();
  let json: { error?: string; message?: string } & Record<string, unknown>;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CliError(`the hub answered ${res.status}: ${text.slice(0, 200)}`, 1);
  }
  if (!res.ok) throw new CliError(`${json.message ?? text} (${json.error ?? res.status})`, res.status >= 500 ? 1 : 3);
  return json as T;
}

export const out = (o: Opts, json: unknown, text: string) => process.stdout.write(o.json ? JSON.stringify(json) + '\n' : text);
const STATUS_UK = { connected: 'підключено', suspended: 'обмін зупинено' } as const;

function orgLine(r: OrganisationRecordV1): string {
  const s = r.suspension ? `; ${STATUS_UK.suspended} з ${ukDate(r.suspension.since.slice(0, 10))}${r.suspension.expectedUntil ? ` до ${ukDate(r.suspension.expectedUntil)}` : ''}: ${r.suspension.reason}` : '';
  return `${r.id}\t${r.name} (код ${r.code}), підключено ${ukDate(r.connectedOn)}${s}\n`;
}

/** `asds exchange org add|suspend|resume|list` */
export async function exchangeOrg(argv: string[]): Promise<number> {
  const [action, ...rest] = argv;
  const id = rest[0] && !rest[0].startsWith('--') ? rest.shift() : undefined;
  switch (action) {
    case 'add': {
      const o = options(rest, { ...COMMON, id: { type: 'string' }, kind: { type: 'string' }, code: { type: 'string' }, 'org-name': { type: 'string' }, 'connected-on': { type: 'string' } }, ['id', 'kind', 'code', 'org-name']);
      const r = await call<{ organisation: OrganisationRecordV1 }>(o, 'POST', '/exchange/organisations', {
        id: o.id,
        kind: o.kind,
        name: o['org-name'],
        code: o.code,
        ...(o['connected-on'] ? { connectedOn: o['connected-on'] } : {}),
      });
      out(o, r, `Зареєстровано: ${orgLine(r.organisation)}`);
      return 0;
    }
    case 'suspend': {
      const o = options(rest, { ...COMMON, reason: { type: 'string' }, until: { type: 'string' }, 'by-organisation': { type: 'boolean' } }, ['reason']);
      if (!id) throw new CliError('asds exchange org suspend <id> --reason "<підстава>" [--until YYYY-MM-DD]', 2);
      const r = await call<{ organisation: OrganisationRecordV1 }>(o, 'POST', `/exchange/organisations/${encodeURIComponent(id)}/suspend`, {
        reason: o.reason,
        ...(o.until ? { expectedUntil: o.until } : {}),
        initiator: o['by-organisation'] ? 'organisation' : 'operator',
      });
      out(o, r, `Обмін зупинено: ${orgLine(r.organisation)}`);
      return 0;
    }
    case 'resume': {
      const o = options(rest, { ...COMMON, note: { type: 'string' } });
      if (!id) throw new CliError('asds exchange org resume <id> [--note "<примітка>"]', 2);
      const r = await call<{ organisation: OrganisationRecordV1 }>(o, 'POST', `/exchange/organisations/${encodeURIComponent(id)}/resume`, o.note ? { note: o.note } : {});
      out(o, r, `Обмін відновлено: ${orgLine(r.organisation)}`);
      return 0;
    }
    case 'list': {
      const o = options(rest, COMMON);
      const r = await call<{ organisations: OrganisationRecordV1[] }>(o, 'GET', '/exchange/organisations');
      out(o, r, r.organisations.length ? r.organisations.map(orgLine).join('') : 'Реєстр підключених організацій порожній.\n');
      return 0;
    }
    default:
      throw new CliError('asds exchange org add|suspend|resume|list', 2);
  }
}

/**
 * `asds exchange cert --org <id> --out <dir> [--revoke-previous "<причина>"]` — the organisation's mTLS client
 * certificate (journaled at the hub; earlier ones stay valid unless --revoke-previous);
 * `asds exchange cert revoke --org <id> --fingerprint <sha256> --reason "<причина>"` — refused from its next call.
 */
export async function exchangeCert(argv: string[]): Promise<number> {
  if (argv[0] === 'revoke') return exchangeCertRevoke(argv.slice(1));
  const o = options(argv, { ...COMMON, org: { type: 'string' }, out: { type: 'string' }, 'revoke-previous': { type: 'string' } }, ['org', 'out']);
  const body = o['revoke-previous'] ? { revokePrevious: { reason: o['revoke-previous'] as string } } : undefined;
  const r = await call<{ certPem: string; keyPem: string; caPem: string; serial: string; fingerprint: string; notAfter: string }>(o, 'POST', `/exchange/organisations/${encodeURIComponent(o.org as string)}/certificate`, body);
  const dir = resolve(o.out as string);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(join(dir, 'client.key.pem'), r.keyPem, { mode: 0o600, flag: 'wx' });
  writeFileSync(join(dir, 'client.crt.pem'), r.certPem, { mode: 0o644 });
  writeFileSync(join(dir, 'hub-ca.crt.pem'), r.caPem, { mode: 0o644 });
  out(o, { dir, serial: r.serial, fingerprint: r.fingerprint, notAfter: r.notAfter }, `Сертифікат клієнта для «${o.org}»: ${dir} (серійний номер ${r.serial}, діє до ${ukDate(r.notAfter.slice(0, 10))}). Передайте теку організації захищеним каналом; client.key.pem — лише для неї.\n`);
  return 0;
}

async function exchangeCertRevoke(argv: string[]): Promise<number> {
  const o = options(argv, { ...COMMON, org: { type: 'string' }, fingerprint: { type: 'string' }, reason: { type: 'string' } }, ['org', 'fingerprint', 'reason']);
  const path = `/exchange/organisations/${encodeURIComponent(o.org as string)}/certificates/${encodeURIComponent(o.fingerprint as string)}/revoke`;
  const r = await call<{ organisation: OrganisationRecordV1 }>(o, 'POST', path, { reason: o.reason });
  out(o, r, `Сертифікат клієнта ${String(o.fingerprint).slice(0, 16)}… організації «${r.organisation.name}» відкликано: ${o.reason}. Наступний запит з ним буде відхилено.\n`);
  return 0;
}

/** `asds exchange cabinets [--overdue]` — prosecutors' cabinets, or the changes of head overdue (2 working days). */
export async function exchangeCabinets(argv: string[]): Promise<number> {
  const o = options(argv, { ...COMMON, overdue: { type: 'boolean' } });
  if (o.overdue) {
    const r = await call<OverdueHeadChangesV1>(o, 'GET', '/exchange/cabinets/overdue');
    out(o, r, r.overdue.length ? r.overdue.map((x) => `${x.orgId}\t${x.officeName}: керівника змінено ${ukDate(x.changedOn)}, дані нового сертифіката мали надійти до ${ukDate(x.dueDate)} (прострочено на ${x.daysLate} дн.)\n`).join('') : 'Прострочених змін керівника немає.\n');
    return 0;
  }
  const r = await call<{ cabinets: CabinetV1[] }>(o, 'GET', '/exchange/cabinets');
  out(
    o,
    r,
    r.cabinets.length
      ? r.cabinets.map(cabinetLine).join('')
      : 'Електронних кабінетів не зареєстровано.\n',
  );
  return 0;
}

/** The head's certificate data from a PEM file (what the written request carries, п. 11, 13). */
function headCert(file: string): { serial: string; issuer: string; subject: string; notAfter: string } {
  if (!existsSync(file)) throw new CliError(`${file}: no such certificate file`, 2);
  let x: X509Certificate;
  try {
    x = new X509Certificate(readFileSync(file));
  } catch (e) {
    throw new CliError(`${file}: not a certificate: ${(e as Error).message}`, 2);
  }
  return { serial: x.serialNumber, issuer: x.issuer, subject: x.subject, notAfter: new Date(x.validTo).toISOString() };
}

const REQUEST = { request: { type: 'string' }, 'request-date': { type: 'string' } } as const;
const requestOf = (o: Opts) => (o.request ? { request: { number: o.request as string, date: (o['request-date'] as string | undefined) ?? '' } } : {});
const cabinetLine = (c: CabinetV1) =>
  `${c.orgId}\t${c.officeName} (код ${c.code}): ${c.head ? `керівник — ${c.head.subject.split('\n').find((l) => l.startsWith('CN='))?.slice(3) ?? c.head.serial}` : c.pendingChange ? `очікуються дані сертифіката нового керівника до ${ukDate(c.pendingChange.dueDate)}` : 'керівника не зазначено'}\n`;

/** `asds exchange cabinet district|head-change|head` — the operator's registrations of §A.1. */
export async function exchangeCabinet(argv: string[]): Promise<number> {
  const [action, ...rest] = argv;
  const id = rest[0] && !rest[0].startsWith('--') ? rest.shift() : undefined;
  switch (action) {
    case 'district': {
      const o = options(rest, { ...COMMON, ...REQUEST, org: { type: 'string' }, code: { type: 'string' }, 'head-cert': { type: 'string' } }, ['org', 'code', 'head-cert', 'request', 'request-date']);
      const r = await call<{ cabinet: CabinetV1 }>(o, 'POST', '/exchange/cabinets/district', { orgId: o.org, code: o.code, head: headCert(o['head-cert'] as string), ...requestOf(o) });
      out(o, r, `Зареєстровано кабінет: ${cabinetLine(r.cabinet)}`);
      return 0;
    }
    case 'head-change': {
      const o = options(rest, { ...COMMON, ...REQUEST, 'changed-on': { type: 'string' }, 'head-cert': { type: 'string' } });
      if (!id) throw new CliError('asds exchange cabinet head-change <org id> [--changed-on YYYY-MM-DD] [--head-cert <pem>]', 2);
      const r = await call<{ cabinet: CabinetV1 }>(o, 'POST', `/exchange/cabinets/${encodeURIComponent(id)}/head-change`, {
        ...(o['changed-on'] ? { changedOn: o['changed-on'] } : {}),
        ...requestOf(o),
        ...(o['head-cert'] ? { head: headCert(o['head-cert'] as string) } : {}),
      });
      out(o, r, `Зміну керівника зафіксовано: ${cabinetLine(r.cabinet)}`);
      return 0;
    }
    case 'head': {
      const o = options(rest, { ...COMMON, ...REQUEST, 'head-cert': { type: 'string' } }, ['head-cert', 'request', 'request-date']);
      if (!id) throw new CliError('asds exchange cabinet head <org id> --head-cert <pem> --request <№> --request-date YYYY-MM-DD', 2);
      const r = await call<{ cabinet: CabinetV1 }>(o, 'POST', `/exchange/cabinets/${encodeURIComponent(id)}/head`, { head: headCert(o['head-cert'] as string), ...requestOf(o) });
      out(o, r, `Сертифікат нового керівника внесено: ${cabinetLine(r.cabinet)}`);
      return 0;
    }
    default:
      throw new CliError('asds exchange cabinet district|head-change|head', 2);
  }
}

/** `asds exchange district-codes list|add|remove` — the list of conditional codes and its changes on request (п. 12). */
export async function exchangeDistrictCodes(argv: string[]): Promise<number> {
  const [action, ...rest] = argv;
  const o = options(rest, { ...COMMON, ...REQUEST, code: { type: 'string' }, 'office-name': { type: 'string' }, region: { type: 'string' } });
  let offices: Array<{ code: string; name: string; region?: string }>;
  if (action === 'list') offices = (await call<{ offices: typeof offices }>(o, 'GET', '/exchange/district-codes')).offices;
  else if (action === 'add' || action === 'remove') {
    if (!o.code || !o.request || !o['request-date']) throw new CliError(`asds exchange district-codes ${action} --code <код>${action === 'add' ? ' --office-name "<назва>"' : ''} --request <№> --request-date YYYY-MM-DD`, 2);
    const change = action === 'add' ? { add: [{ code: o.code as string, name: (o['office-name'] as string | undefined) ?? '', ...(o.region ? { region: o.region as string } : {}) }] } : { remove: [o.code as string] };
    offices = (await call<{ offices: typeof offices }>(o, 'POST', '/exchange/district-codes', { ...change, ...requestOf(o) })).offices;
  } else throw new CliError('asds exchange district-codes list|add|remove', 2);
  out(o, { offices }, offices.map((d) => `${d.code}\t${d.name}${d.region ? ` (${d.region})` : ''}\n`).join(''));
  return 0;
}
