/**
 * `asds ops status` for people: Ukrainian, Kyiv times, durations as "3 год 12 хв" (analytics/format-uk.ts),
 * courts by name. No logins, no ids of people; node and stream names are the operator's own vocabulary.
 */
import { durationUk, kyivTime } from '../../analytics/format-uk.ts';
import { LAG_THRESHOLD_MS, type CourtLag } from '../../analytics/lag.ts';
import type { ClusterStatus, IngestBinding, LeaseStatus, QueueStatus, ServerSeen, StreamStatus, WorkerStatus } from './ops-cluster.ts';

const ROLES: Record<string, string> = {
  starting: 'запускається',
  owner: 'власник аналітичної бази',
  standby: 'у резерві (чекає оренди)',
  'shared-server': 'спільний сервер ClickHouse',
  draining: 'завершує роботу (drain)',
};
const LEASE_STATES: Record<string, string> = { owner: 'відкрита власником', acquiring: 'власник чекає блокування теки' };
const JOB_STATES: Record<string, string> = { waiting: 'чекають', active: 'виконуються', delayed: 'відкладені', prioritized: 'пріоритетні', 'waiting-children': 'чекають дочірніх', failed: 'невдалі', completed: 'виконані' };

const n = (x: number) => x.toLocaleString('uk-UA');
/** How long ago, for people: under a minute is "щойно". */
const ago = (ms: number) => (ms < 60_000 ? 'щойно' : `${durationUk(ms)} тому`);

function section<T>(title: string, p: { ok: true; value: T[] } | { ok: false; error: string }, empty: string, line: (x: T) => string): string {
  if (!p.ok) return `${title}: не вдалося прочитати — ${p.error}\n`;
  if (p.value.length === 0) return `${title}: ${empty}\n`;
  return `${title}:\n${p.value.map((x) => `  ${line(x)}`).join('\n')}\n`;
}

function server(x: ServerSeen): string {
  const how = x.seenAs.filter((s) => s !== 'announced').map((s) => ({ connected: 'підключено до нього', jetstream: 'учасник JetStream' })[s]).join(', ');
  const sync = x.offline ? '; НЕДОСЯЖНИЙ для лідера JetStream' : x.current === false ? `; ВІДСТАЄ, останній зв'язок ${ago(x.activeAgoMs ?? 0)}` : '';
  return `${x.name}${x.version ? ` (nats-server ${x.version})` : ''}: ${how}${sync}`;
}

/** Named servers (connected, JetStream peers) one a line; the client URLs the cluster announces on one more line. */
function servers(all: ServerSeen[]): string {
  const named = all.filter((x) => !(x.seenAs.length === 1 && x.seenAs[0] === 'announced'));
  const urls = all.filter((x) => !named.includes(x)).map((x) => x.url ?? x.name);
  return (
    `Сервери (що видно без системного облікового запису $SYS: підключений і учасники JetStream):\n${named.map((x) => `  ${server(x)}`).join('\n')}\n` +
    (urls.length ? `  адреси кластера для клієнтів: ${urls.join(', ')}\n` : '')
  );
}

function stream(s: StreamStatus): string {
  const peers = s.peers.length ? `; лідер ${s.leader ?? '—'}, копії: ${s.peers.map((p) => `${p.name}${p.offline ? ' (недосяжний)' : p.current ? '' : ` (відстає${p.lag !== undefined ? ` на ${n(p.lag)} операцій` : ''})`}`).join(', ')}` : '';
  const cons = s.consumers.map((c) => `\n    споживач ${c.name}: не доставлено ${n(c.pending)}, без підтвердження ${n(c.ackPending)}, повторних доставок ${n(c.redelivered)}`).join('');
  return `${s.name}: повідомлень ${n(s.messages)}, ${n(Math.round(s.bytes / 1024))} КБ, реплік ${s.replicas}${peers}${cons}`;
}

function worker(w: WorkerStatus): string {
  const where = [w.host ? `хост ${w.host}` : '', w.pid ? `pid ${w.pid}` : '', w.engine ? `рушій ${w.engine}` : '', w.http ? `HTTP ${w.http}` : ''].filter(Boolean).join(', ');
  const beat = w.heartbeatAgoMs !== undefined ? `; сигнал ${ago(w.heartbeatAgoMs)}` : '';
  return `${w.node}: ${ROLES[w.role] ?? w.role}${where ? ` (${where})` : ''}${beat}${w.stale ? ' — НЕ ВІДПОВІДАЄ (процес, мабуть, зупинився без завершення)' : ''}`;
}

function lease(l: LeaseStatus): string {
  const what = l.path ? `аналітична база ${l.path}` : `оренда ${l.key}`;
  return `${what}: тримає ${l.holder}, ${LEASE_STATES[l.state] ?? l.state}, маркер огородження ${l.token}; поновлено ${ago(l.renewedAgoMs ?? 0)}${l.expired ? ' — ПРОСТРОЧЕНА' : ''}`;
}

function binding(b: IngestBinding | null): string {
  if (!b) return 'Потік прийому ще не прив’язаний до аналітичної бази.\n';
  const who = [b.by ? `вузлом ${b.by}` : '', b.since ? kyivTime(b.since) : ''].filter(Boolean).join(', ');
  return `Потік прийому живить аналітичну базу ${b.path ?? b.store}${b.host ? ` на ${b.host}` : ''}${who ? ` (прив’язано ${who})` : ''}.\n`;
}

function queue(q: QueueStatus): string {
  const parts = Object.entries(q.counts).filter(([, v]) => v > 0).map(([k, v]) => `${JOB_STATES[k] ?? k} ${n(v)}`);
  return `${q.name}: ${parts.length ? parts.join(', ') : 'порожня'}`;
}

function lag(l: CourtLag): string {
  const name = l.name ?? `суд з кодом ${l.court}`;
  if (l.neverReported) return `${name}: жодного разу не звертався до центру (${durationUk(l.lagMs)} позаду)`;
  const behind = l.lagMs > LAG_THRESHOLD_MS ? `${durationUk(l.lagMs)} позаду — ПОНАД 2 ГОДИНИ (Засади 13.3)` : l.lagMs > 0 ? `${durationUk(l.lagMs)} позаду` : 'все передано';
  return `${name}: ${behind}; останній зв'язок ${kyivTime(l.lastSeen)}; подій у суді ${n(l.head)}, у центрі ${n(l.mark)}`;
}

export function describeStatus(s: ClusterStatus): string {
  const c = s.connected;
  const out = [
    `Стан АСДС на ${kyivTime(s.at)} (ідентичність ${s.identity}).\n`,
    `Шина NATS: підключено до ${c.name} (${c.url}, nats-server ${c.version}${c.cluster ? `, кластер ${c.cluster}` : ''}${c.jetstream ? ', JetStream' : ', без JetStream'}).\n`,
    servers(s.servers),
    section('Потоки JetStream', s.streams, 'немає', stream),
    section('Центральні вузли (asds_workers)', s.workers, 'жоден не зареєстрований', worker),
    section('Оренди аналітичних баз (asds_leases)', s.leases, 'немає (вузли на спільному сервері ClickHouse або ще не запущені)', lease),
    s.binding.ok ? binding(s.binding.value) : '',
    'notAsked' in s.queues ? 'Черги завдань: не перевірено (дайте --redis <url>)\n' : section('Черги завдань (BullMQ)', s.queues, 'немає', queue),
    section(`Відставання судів (поріг ${durationUk(LAG_THRESHOLD_MS)}, Засади 13.3)`, s.lags, 'жоден суд ще не звертався', lag),
  ];
  return out.join('');
}
