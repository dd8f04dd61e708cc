/**
 * `asds central integrity (--nats <url> [--bus <ops bundle>] | --clickhouse-url <url> | --data <central dir>)
 *     [--court <code>] [--kind <kind|prefix:>] [--open] [--json]`
 *   the centre's integrity alarms (issue 11 item 6), newest first; exit 3 while any is unacknowledged.
 * `asds central integrity --nats <url> [--bus <ops bundle>] --ack <id> --by "<ПІБ>" --note "<висновок>"`
 *   acknowledge one — signed by the operator identity, which the record names beside the person.
 */
import { connectCli, cliIdentity } from './bus.ts';
import { fromSource } from './report.ts';
import { CliError, options } from './util.ts';
import { listAlarms } from '../../analytics/alarms.ts';
import { CENTRAL_ALARM_ACK_SUBJECT, CENTRAL_ALARMS_SUBJECT, type AlarmListRequestV1 } from '../../contracts/central/alarms.ts';
import { signedHeaders, signerOf } from '../../runtime/bus/nats-sign.ts';
import { withCourtNames, type ShownAlarm } from '../../actors/central/integrity/index.ts';

const TIME = new Intl.DateTimeFormat('uk-UA', { timeZone: 'Europe/Kyiv', dateStyle: 'long', timeStyle: 'short' });

export async function centralIntegrity(argv: string[]): Promise<number> {
  const o = options(argv, {
    nats: { type: 'string' },
    bus: { type: 'string' },
    'clickhouse-url': { type: 'string' },
    data: { type: 'string' },
    court: { type: 'string' },
    kind: { type: 'string' },
    open: { type: 'boolean' },
    json: { type: 'boolean' },
    ack: { type: 'string' },
    by: { type: 'string' },
    note: { type: 'string' },
  });
  if (o.ack !== undefined) return acknowledge(o);
  const req: AlarmListRequestV1 = {
    ...(o.court ? { court: o.court as string } : {}),
    ...(o.kind ? { kind: o.kind as string } : {}),
    ...(o.open ? { unacknowledged: true } : {}),
  };
  const alarms = await fromSource<ShownAlarm[]>(o, CENTRAL_ALARMS_SUBJECT, req, async (engine) => withCourtNames(await listAlarms(engine, req), []));
  process.stdout.write(o.json ? JSON.stringify({ alarms }, null, 2) + '\n' : describe(alarms));
  // exit 3: something is not yet acknowledged (for monitoring scripts)
  return alarms.some((a) => !a.acknowledged) ? 3 : 0;
}

async function acknowledge(o: Record<string, string | boolean | undefined>): Promise<number> {
  if (!o.nats) throw new CliError('an acknowledgement goes through a running central worker: give --nats <url>', 2);
  const body = JSON.stringify({ id: o.ack, by: o.by ?? '', note: o.note ?? '' });
  if (!o.by || !o.note) throw new CliError('--ack needs --by "<ПІБ>" and --note "<висновок>"', 2);
  const id = cliIdentity(o);
  const nc = await connectCli(o, o.nats as string, id);
  try {
    const m = await nc.request(CENTRAL_ALARM_ACK_SUBJECT, body, { timeout: 30_000, headers: signedHeaders(signerOf(id), CENTRAL_ALARM_ACK_SUBJECT, body) });
    const r = JSON.parse(new TextDecoder().decode(m.data)) as { ok: boolean; result?: { by: string }; error?: string };
    if (!r.ok) throw new CliError(r.error ?? 'central worker failed', 1);
    process.stdout.write(`Тривогу ${String(o.ack)} підтверджено: ${r.result?.by}\n`);
    return 0;
  } finally {
    await nc.close();
  }
}

function describe(alarms: ShownAlarm[]): string {
  if (alarms.length === 0) return 'Тривог немає.\n';
  const lines = alarms.map((a) => {
    const ackText = a.acknowledged ? `підтверджено: ${a.acknowledged.by}, ${TIME.format(a.acknowledged.at)} — ${a.acknowledged.note}` : 'НЕ ПІДТВЕРДЖЕНО';
    const ack = a.reopened ? `ЗНОВУ ВІДКРИТО: після підтвердження знахідку виявлено знову з іншими доказами (${ackText})` : ackText;
    const latest = a.latest ? `\n  останнє виявлення ${TIME.format(a.lastRaised)}: ${a.latest.summary}; докази: ${JSON.stringify(a.latest.evidence)}` : '';
    return `${TIME.format(a.firstSeen)}  ${a.courtName}  [${a.kind}]\n  ${a.summary}\n  ${ack}\n  id ${a.id}; докази: ${JSON.stringify(a.evidence)}${latest}\n`;
  });
  const open = alarms.filter((a) => !a.acknowledged || a.reopened).length;
  return `${lines.join('\n')}\nУсього тривог: ${alarms.length}, не підтверджено: ${open}.\n`;
}

