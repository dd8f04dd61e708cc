/**
 * `asds ops drain <central-node> --nats <url> [--bus <ops bundle>] [--reason <text>] [--timeout-seconds 60]`
 *
 * Asks a central worker to drain (contracts/ops/drain.ts, v1): a request to `asds.central.<node>.drain` signed
 * with the ops identity; the worker stops taking jobs and ingest, finishes what is in flight, releases its
 * analytics lease (a stand-by takes over at once), leaves the presence bucket, answers and exits 0. This command
 * waits for the answer and says what happened. Exit 0: drained; 1: refused, no answer or no such worker.
 */
import { connectCli, cliIdentity } from './bus.ts';
import { CliError } from './util.ts';
import { parseArgs } from 'node:util';
import { signedHeaders, signerOf } from '../../runtime/bus/nats-sign.ts';
import { durationUk } from '../../analytics/format-uk.ts';

/** contracts/ops/drain.ts: the subject a worker serves its drain on. */
export const drainSubject = (node: string) => `asds.central.${node}.drain`;

type DrainReply = { v: 1; ok: true; node: string; released?: string; tookMs: number } | { v: 1; ok: false; node: string; code: string; error: string };

const REFUSALS: Record<string, string> = {
  FORBIDDEN: 'вузол відмовив: запит не від ідентичності оператора',
  INVALID: 'вузол не прийняв запит (формат)',
  ALREADY_DRAINING: 'вузол уже завершує роботу',
  FAILED: 'вузол не зміг завершити роботу',
};

export async function opsDrain(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: argv, options: { nats: { type: 'string' }, bus: { type: 'string' }, reason: { type: 'string' }, 'timeout-seconds': { type: 'string' } }, allowPositionals: true, strict: true });
  } catch (e) {
    throw new CliError((e as Error).message, 2);
  }
  const o = parsed.values as Record<string, string | undefined>;
  const node = parsed.positionals[0];
  if (!node || parsed.positionals.length > 1 || !/^central-[a-z0-9-]{1,32}$/.test(node)) throw new CliError('usage: asds ops drain central-<name> --nats <url> [--bus <ops bundle>]', 2);
  if (!o.nats) throw new CliError('--nats is required', 2);
  const seconds = o['timeout-seconds'] === undefined ? 60 : Number(o['timeout-seconds']);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new CliError('--timeout-seconds must be a positive number', 2);
  if (o.reason !== undefined && o.reason.length > 200) throw new CliError('--reason: at most 200 characters', 2);
  const id = cliIdentity(o);
  const nc = await connectCli(o, o.nats, id);
  const subject = drainSubject(node);
  const body = JSON.stringify({ v: 1, ...(o.reason ? { reason: o.reason } : {}) });
  process.stdout.write(`${node}: запит на завершення роботи надіслано, чекаю відповіді (до ${durationUk(seconds * 1000)})…\n`);
  let reply: DrainReply;
  try {
    const m = await nc.request(subject, body, { timeout: seconds * 1000, headers: signedHeaders(signerOf(id), subject, body) });
    reply = JSON.parse(new TextDecoder().decode(m.data)) as DrainReply;
  } catch (e) {
    const msg = (e as Error).message;
    if (/no responders|503/i.test(msg)) throw new CliError(`${node}: такого центрального вузла на шині ${o.nats} немає (ніхто не обслуговує ${subject})`, 1);
    if (/timeout/i.test(msg)) throw new CliError(`${node}: відповіді немає за ${durationUk(seconds * 1000)} — перевірте asds ops status; вузол може ще завершувати роботу`, 1);
    throw new CliError(`${node}: ${msg}`, 1);
  } finally {
    await nc.close();
  }
  if (!reply.ok) throw new CliError(`${node}: ${REFUSALS[reply.code] ?? reply.code} — ${reply.error}`, 1);
  const took = reply.tookMs < 60_000 ? `${(reply.tookMs / 1000).toLocaleString('uk-UA', { maximumFractionDigits: 1 })} с` : durationUk(reply.tookMs);
  process.stdout.write(
    `${reply.node}: роботу завершено за ${took}; завдання в роботі дороблено, нових не бере.\n` +
      (reply.released ? `Оренду аналітичної бази ${reply.released} звільнено: резервний вузол бере її одразу.\n` : 'Оренди аналітичної бази вузол не тримав.\n'),
  );
  return 0;
}
