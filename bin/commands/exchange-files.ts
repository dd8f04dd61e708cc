/**
 * `asds exchange files` — the journals of information files exchanged with the MVS services (issue 17 §B;
 * actors/central/exchange/files), over the hub's admin listener with a console token (see exchange.ts).
 *
 *   asds exchange files                                   per participant: sent, received, unacknowledged, overdue
 *   asds exchange files --org npu [--direction received] [--print journal.html] [--json]
 *   asds exchange files --overdue                         impossibilities not notified within 2 working days
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileTypeTitle, kyivDateTime } from '../../actors/central/exchange/files/print.ts';
import type { JournalEntry, OverdueFinding } from '../../actors/central/exchange/files/service.ts';
import { call, COMMON, out, tokenOf, type Opts } from './exchange.ts';
import { CliError, options } from './util.ts';

const STATUS_UK: Record<JournalEntry['status'], string> = { received: 'прийнято ДСА', sent: 'надіслано', fetched: 'отримано, не підтверджено', acked: 'підтверджено' };

async function printPage(o: Opts, org: string, direction: string): Promise<string> {
  const hub = (o.hub as string | undefined) ?? process.env.ASDS_EXCHANGE_HUB;
  if (!hub) throw new CliError('--hub <admin URL of the exchange hub> is required (central serve prints it as "exchangeAdmin")', 2);
  // the page is HTML, not JSON: fetched with the same token; a refusal is JSON as everywhere
  const res = await fetch(new URL(`/exchange/files/journal/${encodeURIComponent(org)}/print?direction=${direction}`, hub), { headers: { authorization: `Bearer ${tokenOf(o)}` } });
  const text = await res.text();
  if (!res.ok) {
    let why = text.slice(0, 300);
    try {
      const j = JSON.parse(text) as { error?: string; message?: string };
      why = `${j.message} (${j.error})`;
    } catch {}
    throw new CliError(why, res.status >= 500 ? 1 : 3);
  }
  return text;
}

export async function exchangeFiles(argv: string[]): Promise<number> {
  const o = options(argv, { ...COMMON, org: { type: 'string' }, direction: { type: 'string' }, print: { type: 'string' }, overdue: { type: 'boolean' } });
  const direction = o.direction as string | undefined;
  if (direction !== undefined && direction !== 'sent' && direction !== 'received') throw new CliError('--direction is sent or received', 2);
  if (o.overdue) {
    const r = await call<{ findings: OverdueFinding[] }>(o, 'GET', '/exchange/files/overdue');
    const line = (f: OverdueFinding) =>
      f.kind === 'late-notice'
        ? `${f.org}\tповідомлення ${f.by === 'hub' ? 'ДСА' : 'учасника'} про неможливість обміну з ${f.arose} надано ${kyivDateTime(f.notifiedAt!)}, строк — до ${kyivDateTime(f.dueAt)}\n`
        : `${f.org}\tфайл, надісланий ${f.arose}, не підтверджено, а повідомлення про неможливість обміну не надійшло до ${kyivDateTime(f.dueAt)}\n`;
    out(o, r, r.findings.length ? r.findings.map(line).join('') : 'Неповідомлених у строк випадків неможливості обміну немає.\n');
    return 0;
  }
  if (o.org) {
    const org = o.org as string;
    if (o.print) {
      const file = resolve(o.print as string);
      writeFileSync(file, await printPage(o, org, direction ?? 'received'));
      process.stdout.write(`Журнал записано: ${file}\n`);
      return 0;
    }
    const r = await call<{ entries: JournalEntry[] }>(o, 'GET', `/exchange/files/journal/${encodeURIComponent(org)}${direction ? `?direction=${direction}` : ''}`);
    const line = (e: JournalEntry) => `${e.no}\t${kyivDateTime(e.at)}\t${e.direction === 'sent' ? 'учасник → ДСА' : 'ДСА → учасник'}\t${fileTypeTitle(e.type, e.version)}\t${e.size} байт\t${e.sha256}\t${STATUS_UK[e.status]}${e.overdue ? '\tнеможливість обміну не повідомлено у строк' : ''}\n`;
    out(o, r, r.entries.length ? r.entries.map(line).join('') : 'Записів немає.\n');
    return 0;
  }
  if (direction || o.print) throw new CliError('--direction and --print need --org <id>', 2);
  const r = await call<{ participants: Array<{ org: string; name: string | null; sent: number; received: number; unacknowledged: number; overdue: number }> }>(o, 'GET', '/exchange/files/journals');
  out(o, r, r.participants.map((p) => `${p.org}\t${p.name ?? '(не зареєстровано)'}: надіслано учасником ${p.sent}, надіслано ДСА ${p.received} (непідтверджених ${p.unacknowledged}, прострочених ${p.overdue})\n`).join(''));
  return 0;
}
