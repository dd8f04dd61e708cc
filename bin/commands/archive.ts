/**
 * The central electronic archive (Засади 17.1; issue 15 item 5) through a running central worker, with an operator
 * identity (`--bus`, default ./data/ops/bundles/ops-admin):
 *
 * `asds archive get <ЄУН> --nats <url> [--court <code>] [--out <dir>]`
 *   the case's accepted package into `<out>/<packageId>/` (default the current folder) and its receipt beside it,
 *   `<packageId>.receipt.json`; every file checked against manifest-sha256.txt as `sha256sum -c` would.
 * `asds archive inventory --court <code> --year <YYYY> --nats <url> [--json]`
 *   the inventory (опис) of the packages the archive accepted from the court in that year.
 * `asds archive retention --nats <url> [--court <code>] [--at <YYYY-MM-DD>] [--json]`
 *   accepted packages past their retention term. Destruction is by an act only; nothing is destroyed here.
 * `asds archive transfer --nats <url> [--court <code>] [--package <id>] [--no-wait]`
 *   start the transfer of every built package without an outcome now (as the daily sweep does) and follow it.
 *   Exit 0: all accepted; 3: some refused (the reasons printed); 1: failed.
 * `asds archive verify <dir> …` — offline check of a package (bin/commands/archive-verify.ts).
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { NatsConnection } from '@nats-io/transport-node';
import { connectCli, cliIdentity } from './bus.ts';
import { CliError, options } from './util.ts';
import { signedHeaders, signerOf } from '../../runtime/bus/nats-sign.ts';
import { CENTRAL_ARCHIVE_SUBJECT, CENTRAL_ARCHIVE_TRANSFER_SUBJECT, MAX_ARCHIVE_READ_BYTES, type ArchiveQueryV1 } from '../../contracts/archive/index.ts';
import type { ArchiveRecord } from '../../actors/central/archive/records.ts';
import type { ArchiveView } from '../../actors/central/archive/service.ts';
import type { StoredFile } from '../../actors/central/archive/store.ts';
import { safeBagPath } from '../../actors/central/archive/errors.ts';
import { kyivDateTimeUk, longDateUk } from '../../actors/court/dates.ts';

const BUS_OPTS = { nats: { type: 'string' }, bus: { type: 'string' } } as const;
const STATES: Record<string, string> = { transferring: 'передавання', accepted: 'прийнято', refused: 'відмовлено' };
const dec = new TextDecoder();

const SUBCOMMANDS: Record<string, (argv: string[]) => Promise<number>> = {
  get: archiveGet,
  inventory: archiveInventory,
  retention: archiveRetention,
  transfer: archiveTransfer,
  // offline, no bus: the archive-package helper's checker (fixity, seal, journal proof)
  verify: async (argv) => (await import('./archive-verify.ts')).archiveVerify(argv),
};

/** `asds archive <get|inventory|retention|transfer|verify> …` */
export async function archive(argv: string[]): Promise<number> {
  const sub = SUBCOMMANDS[argv[0] ?? ''];
  if (!sub) throw new CliError(`asds archive: get <ЄУН> | inventory --court <code> --year <YYYY> | retention | transfer | verify <dir>`, 2);
  return sub(argv.slice(1));
}

async function ask<T>(nc: NatsConnection, subject: string, req: unknown, sign?: ReturnType<typeof cliIdentity>): Promise<T> {
  const body = JSON.stringify(req);
  const m = await nc.request(subject, body, { timeout: 30_000, ...(sign ? { headers: signedHeaders(signerOf(sign), subject, body) } : {}) });
  const r = JSON.parse(dec.decode(m.data)) as { ok: boolean; result?: T; error?: string };
  if (!r.ok) throw new CliError(r.error ?? 'central worker failed', 1);
  return r.result as T;
}

const query = <T>(nc: NatsConnection, q: ArchiveQueryV1) => ask<T>(nc, CENTRAL_ARCHIVE_SUBJECT, q);

async function withNats<T>(o: Record<string, string | boolean | undefined>, fn: (nc: NatsConnection) => Promise<T>): Promise<T> {
  if (!o.nats) throw new CliError('--nats is required', 2);
  const nc = await connectCli(o, o.nats as string);
  try {
    return await fn(nc);
  } finally {
    await nc.close();
  }
}

export async function archiveGet(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { ...BUS_OPTS, court: { type: 'string' }, out: { type: 'string' } }, allowPositionals: true, strict: true });
  } catch (e) {
    throw new CliError((e as Error).message, 2);
  }
  const o = parsed.values as Record<string, string | undefined>;
  const ueun = parsed.positionals[0];
  if (!ueun || parsed.positionals.length > 1) throw new CliError('asds archive get <ЄУН> --nats <url> [--court <code>] [--out <dir>]', 2);
  return withNats(o, async (nc) => {
    const all = await query<ArchiveView[]>(nc, { op: 'list', ueun, state: 'accepted', ...(o.court ? { court: o.court } : {}) });
    if (all.length === 0) throw new CliError(`справи ${ueun} немає в центральному архіві (пакет не прийнято)`, 3);
    const courts = [...new Set(all.map((r) => r.court))];
    if (courts.length > 1) throw new CliError(`справу ${ueun} прийнято від кількох судів (${courts.join(', ')}): вкажіть --court`, 2);
    // the latest accepted package of the case (a recalled and re-archived case has several)
    const p = all.sort((a, b) => a.acceptedAt - b.acceptedAt)[all.length - 1]!;
    const out = resolve(o.out ?? '.');
    const dir = join(out, p.packageId);
    if (existsSync(dir)) throw new CliError(`${dir} вже існує: нічого не перезаписано`, 2);
    const tmp = join(out, `.${p.packageId}.part`);
    rmSync(tmp, { recursive: true, force: true });
    const files = await query<StoredFile[]>(nc, { op: 'files', court: p.court, packageId: p.packageId });
    let bytes = 0;
    for (const f of files) {
      const dest = join(tmp, safeBagPath(f.path));
      mkdirSync(dirname(dest), { recursive: true });
      const fd = openSync(dest, 'w');
      try {
        for (let off = 0; off < f.size; ) {
          const length = Math.min(MAX_ARCHIVE_READ_BYTES, f.size - off);
          const r = await query<{ data: string }>(nc, { op: 'read', court: p.court, packageId: p.packageId, path: f.path, offset: off, length });
          const b = Buffer.from(r.data, 'base64');
          if (b.length !== length) throw new CliError(`${f.path}: отримано ${b.length} байт замість ${length} з позиції ${off}`, 1);
          writeSync(fd, b);
          off += b.length;
        }
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      bytes += f.size;
    }
    // what `sha256sum -c manifest-sha256.txt` checks, before the folder gets its name
    const bad = checkManifest(tmp);
    if (bad.length > 0) {
      rmSync(tmp, { recursive: true, force: true });
      throw new CliError(`отриманий пакет не збігається з маніфестом: ${bad.join('; ')}`, 1);
    }
    renameSync(tmp, dir);
    writeFileSync(join(out, `${p.packageId}.receipt.json`), JSON.stringify(JSON.parse(p.receipt), null, 2) + '\n');
    process.stdout.write(
      `Справа № ${p.ueun}${p.courtName ? `, ${p.courtName}` : ''}: пакет ${p.packageId} (${files.length} файлів, ${bytes} байт) — ${dir}\n` +
        `Прийнято до центрального архіву ${kyivDateTimeUk(p.acceptedAt)}; квитанція — ${join(out, `${p.packageId}.receipt.json`)}\n` +
        `Перевірка: cd ${dir} && sha256sum -c manifest-sha256.txt; asds archive verify ${dir}\n`,
    );
    return 0;
  });
}

/** Lines of manifest-sha256.txt whose file is absent or has other bytes (empty = all match). */
export function checkManifest(dir: string): string[] {
  const bad: string[] = [];
  const text = readFileSync(join(dir, 'manifest-sha256.txt'), 'utf8');
  for (const line of text.split('\n')) {
    const m = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
    if (!m) continue;
    const f = join(dir, safeBagPath(m[2]!));
    if (!existsSync(f)) bad.push(`${m[2]}: відсутній`);
    else if (createHash('sha256').update(readFileSync(f)).digest('hex') !== m[1]) bad.push(`${m[2]}: інший вміст`);
  }
  return bad;
}

/** The last day of a term that ends at `until` (UTC midnight after it), as printed: `5 січня 2036 року`. */
const lastDayUk = (until: number) => longDateUk(new Date(until - 86_400_000).toISOString().slice(0, 10));

export async function archiveInventory(argv: string[]): Promise<number> {
  const o = options(argv, { ...BUS_OPTS, court: { type: 'string' }, year: { type: 'string' }, json: { type: 'boolean' } }, ['court', 'year', 'nats']);
  const year = Number(o.year);
  if (!Number.isInteger(year) || year < 2000 || year > 2200) throw new CliError(`--year: рік, напр. 2026 (отримано ${o.year})`, 2);
  return withNats(o, async (nc) => {
    const rows = await query<ArchiveRecord[]>(nc, { op: 'list', court: o.court as string, year });
    if (o.json) {
      process.stdout.write(JSON.stringify({ court: o.court, year, packages: rows.map(inventoryRow) }, null, 2) + '\n');
      return 0;
    }
    const name = rows.find((r) => r.courtName)?.courtName ?? `суд ${o.court}`;
    process.stdout.write(`ОПИС справ, прийнятих до центрального електронного архіву за ${year} рік\n${name}\n\n`);
    if (rows.length === 0) process.stdout.write('Справ не прийнято.\n');
    rows.forEach((r, i) => {
      process.stdout.write(
        `${String(i + 1).padStart(4)}. Справа № ${r.ueun}${r.description ? ` — ${r.description}` : ''}\n` +
          `      прийнято ${kyivDateTimeUk(r.acceptedAt)}; файлів ${r.files}, ${r.bytes} байт; зберігати ${r.retentionUntil ? `до ${lastDayUk(r.retentionUntil)}` : 'постійно'}; пакет ${r.packageId}\n`,
      );
    });
    process.stdout.write(`\nУсього справ: ${rows.length}; байт: ${rows.reduce((s, r) => s + r.bytes, 0)}\n`);
    return 0;
  });
}

function inventoryRow(r: ArchiveRecord) {
  return { ueun: r.ueun, packageId: r.packageId, description: r.description, category: r.category, files: r.files, bytes: r.bytes, acceptedAt: new Date(r.acceptedAt).toISOString(), retentionUntil: r.retentionUntil ? new Date(r.retentionUntil).toISOString() : null, tagmanifestSha256: r.tagmanifestSha256, location: r.location };
}

export async function archiveRetention(argv: string[]): Promise<number> {
  const o = options(argv, { ...BUS_OPTS, court: { type: 'string' }, at: { type: 'string' }, json: { type: 'boolean' } }, ['nats']);
  let at = Date.now();
  if (o.at !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(o.at as string)) throw new CliError(`--at: дата YYYY-MM-DD (отримано ${o.at})`, 2);
    at = Date.parse(`${o.at}T00:00:00Z`);
  }
  return withNats(o, async (nc) => {
    const rows = await query<ArchiveRecord[]>(nc, { op: 'retention', at, ...(o.court ? { court: o.court as string } : {}) });
    if (o.json) {
      process.stdout.write(JSON.stringify({ at: new Date(at).toISOString(), packages: rows.map(inventoryRow) }, null, 2) + '\n');
      return 0;
    }
    process.stdout.write(`Пакети, строк зберігання яких минув на ${longDateUk(new Date(at).toISOString().slice(0, 10))}: ${rows.length}\n`);
    for (const r of rows) process.stdout.write(`  Справа № ${r.ueun}${r.courtName ? `, ${r.courtName}` : ''}: строк зберігання — до ${lastDayUk(r.retentionUntil)} включно; пакет ${r.packageId}\n`);
    process.stdout.write('Знищення — лише за актом експертної комісії; автоматично нічого не знищується.\n');
    return 0;
  });
}

export async function archiveTransfer(argv: string[]): Promise<number> {
  const o = options(argv, { ...BUS_OPTS, court: { type: 'string' }, package: { type: 'string' }, 'no-wait': { type: 'boolean' }, 'timeout-seconds': { type: 'string' } }, ['nats']);
  const id = cliIdentity(o);
  return withNats(o, async (nc) => {
    const req = { ...(o.court ? { court: o.court as string } : {}), ...(o.package ? { packageId: o.package as string } : {}) };
    const { jobs } = await ask<{ jobs: string[] }>(nc, CENTRAL_ARCHIVE_TRANSFER_SUBJECT, req, id);
    process.stdout.write(`Передавання до архіву: пакетів — ${jobs.length}\n`);
    if (jobs.length === 0 || o['no-wait']) return 0;
    // job id archive-transfer.<court>.<packageId> (actors/central/archive/job.ts)
    const wanted = jobs.map((j) => {
      const rest = j.slice('archive-transfer.'.length);
      const dot = rest.indexOf('.');
      return { court: rest.slice(0, dot), packageId: rest.slice(dot + 1) };
    });
    const shown = new Map<string, string>();
    const end = Date.now() + Number(o['timeout-seconds'] ?? 3600) * 1000;
    for (;;) {
      let open = 0;
      let refused = 0;
      for (const w of wanted) {
        const [r] = await query<ArchiveView[]>(nc, { op: 'list', court: w.court, packageId: w.packageId });
        const pct = !r ? 0 : r.state === 'transferring' ? Math.max(Math.round(r.progress * 100), r.jobProgress ?? 0) : 100;
        const line = !r
          ? `${w.packageId}: у черзі`
          : r.state === 'refused'
            ? `${w.packageId}: відмовлено [${r.code}] ${r.reason}`
            : `${w.packageId}: ${STATES[r.state] ?? r.state} ${pct} %`;
        if (shown.get(w.packageId) !== line) process.stdout.write(line + '\n');
        shown.set(w.packageId, line);
        const final = r && r.state !== 'transferring' && r.courtToldAt > 0;
        if (!final) open++;
        if (r?.state === 'refused') refused++;
      }
      if (open === 0) return refused > 0 ? 3 : 0;
      if (Date.now() > end) throw new CliError(`передавання не завершено за відведений час: ${open} пакетів`, 1);
      await new Promise((r) => setTimeout(r, 500));
    }
  });
}
