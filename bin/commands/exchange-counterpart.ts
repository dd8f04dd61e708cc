/**
 * `asds exchange counterpart` — the reference counterpart (actors/counterpart) as a command, for an organisation
 * whose folder `asds exchange cert --org <id> --out <dir>` made (client.crt.pem, client.key.pem, hub-ca.crt.pem):
 *
 *   asds exchange counterpart file --hub https://127.0.0.1:8443 --cert-dir <dir> --head-cert h.pem --head-key k.pem
 *        --court 537 (--ueun 537/12/26 | --proceeding 1-кп/537/12/26) --kind motion --title "клопотання" --document motion.pdf
 *        [--message-id <id>] [--wait]                     → the receipt; with --wait the court's notice too
 *   asds exchange counterpart poll --hub … --cert-dir <dir>   → new notices, court documents and information files
 *        (acknowledged), one line each
 * Its own journal: `<cert-dir>/journal.jsonl` (or --journal), what it sent and received with digests on its side.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { CounterpartJournal, HubRefused, MtlsClient, PoliceService, ProsecutorSystem } from '../../actors/counterpart/index.ts';
import { CORRESPONDENCE_KINDS } from '../../contracts/court/correspondence.ts';
import type { FilingBodyV1 } from '../../contracts/exchange/filings.ts';
import { CliError, options } from './util.ts';

const COMMON = { hub: { type: 'string' }, 'cert-dir': { type: 'string' }, journal: { type: 'string' } } as const;

function connect(o: Record<string, unknown>): { client: MtlsClient; journal: CounterpartJournal } {
  const dir = resolve(o['cert-dir'] as string);
  const read = (f: string) => readFileSync(join(dir, f), 'utf8');
  const client = new MtlsClient(o.hub as string, { certPem: read('client.crt.pem'), keyPem: read('client.key.pem'), caPem: read('hub-ca.crt.pem') });
  return { client, journal: new CounterpartJournal(resolve((o.journal as string | undefined) ?? join(dir, 'journal.jsonl'))) };
}

export async function exchangeCounterpart(argv: string[]): Promise<number> {
  const [action, ...rest] = argv;
  try {
    if (action === 'file') return await fileOne(rest);
    if (action === 'poll') return await pollOnce(rest);
  } catch (e) {
    if (e instanceof HubRefused) throw new CliError(`хаб відмовив: ${e.code} — ${e.message}`, 1);
    throw e;
  }
  throw new CliError('asds exchange counterpart file|poll --hub <https url> --cert-dir <dir> …', 2);
}

async function fileOne(argv: string[]): Promise<number> {
  const o = options(argv, { ...COMMON, 'head-cert': { type: 'string' }, 'head-key': { type: 'string' }, court: { type: 'string' }, ueun: { type: 'string' }, proceeding: { type: 'string' }, kind: { type: 'string' }, title: { type: 'string' }, document: { type: 'string' }, 'message-id': { type: 'string' }, wait: { type: 'boolean' } }, ['hub', 'cert-dir', 'head-cert', 'head-key', 'court', 'kind', 'title', 'document']);
  if (!o.ueun && !o.proceeding) throw new CliError('--ueun або --proceeding: справу не зазначено', 2);
  if (!(CORRESPONDENCE_KINDS as readonly string[]).includes(o.kind as string)) throw new CliError(`--kind: одне з ${CORRESPONDENCE_KINDS.join(', ')}`, 2);
  const { client, journal } = connect(o);
  try {
    const head = { certPem: readFileSync(resolve(o['head-cert'] as string), 'utf8'), keyPem: readFileSync(resolve(o['head-key'] as string), 'utf8'), serial: '' };
    const prok = new ProsecutorSystem(client, head, journal);
    const path = resolve(o.document as string);
    const receipt = await prok.file({
      messageId: (o['message-id'] as string | undefined) ?? `cp-${randomBytes(8).toString('hex')}`,
      court: o.court as string,
      ...(o.ueun ? { ueun: o.ueun as string } : {}),
      ...(o.proceeding ? { proceedingNumber: o.proceeding as string } : {}),
      kind: o.kind as FilingBodyV1['kind'],
      title: o.title as string,
      fileName: basename(path),
      mediaType: path.endsWith('.pdf') ? 'application/pdf' : 'application/octet-stream',
      content: readFileSync(path),
    });
    process.stdout.write(JSON.stringify({ receipt }) + '\n');
    if (o.wait) process.stdout.write(JSON.stringify({ notice: await prok.waitNotice(receipt.filingId, 120_000, 500) }) + '\n');
    return 0;
  } finally {
    client.close();
  }
}

async function pollOnce(argv: string[]): Promise<number> {
  const o = options(argv, { ...COMMON }, ['hub', 'cert-dir']);
  const { client, journal } = connect(o);
  try {
    const file = join(resolve(o['cert-dir'] as string), 'cursors.json');
    const cursors = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { notices: number; inbox: number; files: number }) : { notices: 0, inbox: 0, files: 0 };
    const who = (await client.call('GET', '/exchange/whoami')).json as { kind?: string } | undefined;
    if (who?.kind === 'prosecutor') {
      const prok = new ProsecutorSystem(client, { certPem: '', keyPem: '', serial: '' }, journal);
      prok.cursors = { notices: cursors.notices, inbox: cursors.inbox };
      for (const n of await prok.pollNotices()) process.stdout.write(JSON.stringify({ notice: n }) + '\n');
      for (const d of await prok.pollInbox()) process.stdout.write(JSON.stringify({ courtDocument: { id: d.id, court: d.court, ueun: d.ueun, kind: d.kindName, title: d.title, signature: d.verification.indication } }) + '\n');
      Object.assign(cursors, prok.cursors);
    }
    const police = new PoliceService(client, journal);
    police.cursor = cursors.files;
    for (const f of await police.fetchFiles()) process.stdout.write(JSON.stringify({ informationFile: { id: f.id, type: `${f.type}@${f.version}`, size: f.size, sha256: f.sha256 } }) + '\n');
    cursors.files = police.cursor;
    writeFileSync(file, JSON.stringify(cursors) + '\n', { mode: 0o600 });
    process.stdout.write(JSON.stringify({ journal: journal.entries().length }) + '\n');
    return 0;
  } finally {
    client.close();
  }
}
