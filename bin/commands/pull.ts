/**
 * Database pulls (Засади 18.3) through a running central worker, with an operator identity:
 *
 * `asds central pull --court <code> --nats <url> [--bus <ops bundle>] [--by "<ПІБ>"] [--note <text>] [--no-wait]`
 *   request the court's database; shows the job's progress as a bar until the report is ready and prints it.
 *   Exit 0: identical; 3: the copy differs from what the centre witnessed; 1: failed.
 * `asds central pulls --nats <url> [--bus <ops bundle>] [--court <code>] [--overdue] [--id <pullId>] [--json]`
 *   the pulls, newest first, with deadline and state (with --id: its report).
 */
import { connectCli, cliIdentity } from './bus.ts';
import { CliError, options } from './util.ts';
import { signedHeaders, signerOf } from '../../runtime/bus/nats-sign.ts';
import { CENTRAL_PULL_REQUEST_SUBJECT, CENTRAL_PULLS_SUBJECT } from '../../contracts/pull/index.ts';
import type { PullView } from '../../actors/central/pulls/service.ts';
import type { StoredReport, PullRecord } from '../../actors/central/pulls/store.ts';
import type { NatsConnection } from '@nats-io/transport-node';

const TIME = new Intl.DateTimeFormat('uk-UA', { timeZone: 'Europe/Kyiv', dateStyle: 'long', timeStyle: 'short' });
const STATES: Record<string, string> = { requested: 'запит', transferring: 'передавання', verifying: 'перевірка', done: 'готово', failed: 'помилка' };

async function ask<T>(nc: NatsConnection, subject: string, body: string, headers?: ReturnType<typeof signedHeaders>): Promise<T> {
  const m = await nc.request(subject, body, { timeout: 30_000, ...(headers ? { headers } : {}) });
  const r = JSON.parse(new TextDecoder().decode(m.data)) as { ok: boolean; result?: T; error?: string };
  if (!r.ok) throw new CliError(r.error ?? 'central worker failed', 1);
  return r.result as T;
}

export async function centralPull(argv: string[]): Promise<number> {
  const o = options(argv, { nats: { type: 'string' }, bus: { type: 'string' }, court: { type: 'string' }, by: { type: 'string' }, note: { type: 'string' }, 'no-wait': { type: 'boolean' } }, ['court', 'nats']);
  const id = cliIdentity(o);
  const nc = await connectCli(o, o.nats as string, id);
  try {
    const body = JSON.stringify({ court: o.court, by: (o.by as string | undefined) ?? id.node, ...(o.note ? { note: o.note } : {}) });
    const pull = await ask<PullRecord>(nc, CENTRAL_PULL_REQUEST_SUBJECT, body, signedHeaders(signerOf(id), CENTRAL_PULL_REQUEST_SUBJECT, body));
    process.stdout.write(`Запит ${pull.id}: база даних суду ${pull.court}; строк — до кінця ${pull.dueDate} (${TIME.format(pull.dueAt - 1)}).\n`);
    if (o['no-wait']) return 0;
    return await follow(nc, pull.id);
  } finally {
    await nc.close();
  }
}

/** Poll the pull until its report is there, drawing a progress bar (one line per 10 % when not a terminal). */
async function follow(nc: NatsConnection, pullId: string): Promise<number> {
  const tty = process.stdout.isTTY === true;
  let shown = -1;
  for (;;) {
    const r = await ask<{ pulls: PullView[]; report?: StoredReport }>(nc, CENTRAL_PULLS_SUBJECT, JSON.stringify({ pullId }));
    const p = r.pulls[0];
    if (!p) throw new CliError(`pull ${pullId} disappeared`, 1);
    const pct = p.state === 'done' || r.report ? 100 : Math.max(Math.round(p.progress * 100), p.jobProgress ?? 0);
    if (tty || Math.floor(pct / 10) !== Math.floor(shown / 10) || (pct === 100 && shown !== 100)) {
      const bar = '#'.repeat(Math.floor(pct / 5)).padEnd(20, '-');
      process.stdout.write(`${tty ? '\r' : ''}[${bar}] ${String(pct).padStart(3)} % ${STATES[p.state] ?? p.state}${tty ? '' : '\n'}`);
      shown = pct;
    }
    if (r.report) {
      process.stdout.write(`${tty ? '\n' : ''}${r.report.text}`);
      return r.report.verdict === 'identical' ? 0 : 3;
    }
    if (p.state === 'failed') {
      process.stdout.write(`${tty ? '\n' : ''}Не вдалося: ${p.detail || p.verdict}\n`);
      return 1;
    }
    await new Promise((res) => setTimeout(res, 500));
  }
}

export async function centralPulls(argv: string[]): Promise<number> {
  const o = options(argv, { nats: { type: 'string' }, bus: { type: 'string' }, court: { type: 'string' }, overdue: { type: 'boolean' }, id: { type: 'string' }, json: { type: 'boolean' } }, ['nats']);
  const nc = await connectCli(o, o.nats as string);
  try {
    const q = { ...(o.court ? { court: o.court } : {}), ...(o.overdue ? { overdue: true } : {}), ...(o.id ? { pullId: o.id } : {}) };
    const r = await ask<{ pulls: PullView[]; report?: StoredReport }>(nc, CENTRAL_PULLS_SUBJECT, JSON.stringify(q));
    if (o.json) {
      process.stdout.write(JSON.stringify(r, null, 2) + '\n');
    } else if (r.pulls.length === 0) {
      process.stdout.write('Запитів бази даних немає.\n');
    } else {
      for (const p of r.pulls) {
        const late = p.overdue ? '  ПРОСТРОЧЕНО' : '';
        process.stdout.write(`${p.id}  суд ${p.court}  ${TIME.format(p.requestedAt)}  ${p.requestedBy}  строк ${p.dueDate}  ${STATES[p.state] ?? p.state}${p.verdict ? ` (${p.verdict})` : ''}${late}\n`);
      }
      if (r.report) process.stdout.write('\n' + r.report.text);
    }
    // exit 3: something is overdue (for monitoring scripts)
    return r.pulls.some((p) => p.overdue) ? 3 : 0;
  } finally {
    await nc.close();
  }
}
