/**
 * `asds` command line. Each subcommand lives in `bin/commands/`.
 *
 *   asds up [--data ./data] [--court 537] [--smoke]     whole cluster on embedded defaults
 *   asds court serve --court <code> --data <dir> [--port <p>] [--nats <url> [--bus <dir>]] [--admin-password <pw>] [--court-key-file <f>] [--key-passphrase-file <f>] [--courts <courts.yaml>] [--edrsr-url <url>] [--legal-force <yaml>]
 *   asds central serve --data <dir> --nats <url> [--bus <dir>] [--redis <url>] [--node central-1] [--clickhouse-url <url>] [--http-port <p>] [--courts <courts.yaml> | --any-court] [--replicas 1|3]
 *   asds central lag (--nats <url> [--bus <dir>] | --clickhouse-url <url> | --data <dir>) [--threshold-minutes 120] [--all] [--courts <courts.yaml>]
 *   asds central pull --court <code> --nats <url> [--bus <dir>] [--by "<ПІБ>"] [--note <text>] [--no-wait]
 *   asds central pulls --nats <url> [--bus <dir>] [--court <code>] [--overdue] [--id <pullId>] [--json]
 *   asds central integrity (--nats <url> [--bus <dir>] | --clickhouse-url <url> | --data <dir>) [--court <code>] [--kind <k>] [--open] [--json] | --ack <id> --by <name> --note <text>
 *   asds archive get <ЄУН> | inventory --court C --year Y | retention | transfer | verify <dir>   (bin/commands/archive.ts)
 *   asds central integrity (--nats <url> [--bus <dir>] | --clickhouse-url <url> | --data <dir>) [--court <code>] [--kind <kind>] [--open] [--json]
  asds central integrity --nats <url> [--bus <dir>] --ack <id> --by "<ПІБ>" --note "<висновок>"
  asds report workload --from <date> --to <date> [--court <code>] [--format json|csv] (--nats <url> | --clickhouse-url <url> | --data <dir>)
 *   asds simulate --courts N --days D --seed S [--nats <url>] [--data <dir>] [--cases-per-day 40] [--timeline] [--originals]
 *   asds journal verify --data <dir> [--drop-bad-snapshots] [--receipts [--operator-key <O…> | --bus <dir>]]
 *   asds node status --nats <url> --node <name>
 *   asds verify-protocol <file|id> [--data <dir>] [--ca <ca.crt.pem>]
 *   asds ops init | ops court add|revoke | ops central add|revoke | ops list   (bus onboarding, bin/commands/ops.ts)
 *   asds ops token | ops status | ops drain   (console login, cluster status, drain a worker: bin/commands/ops-*.ts)
 */
import { CliError } from './commands/util.ts';

const USAGE = `asds — automated document-management system of courts

  asds up [--data <dir>] [--court <code>] [--smoke]
  asds court serve --court <code> --data <dir> [--port <p>] [--nats <url> [--bus <dir>]] [--admin-password <pw>] [--court-key-file <f>] [--key-passphrase-file <f>] [--courts <courts.yaml>] [--edrsr-url <url>] [--legal-force <yaml>]
  asds central serve --data <dir> --nats <url> [--bus <dir>] [--redis <url>] [--node <name>] [--clickhouse-url <url>] [--http-port <p>] [--courts <courts.yaml> | --any-court] [--replicas 1|3]
                     [--analytics-dir <dir> (default <data>/analytics; same folder = stand-by)] [--lease-ttl-ms 10000] [--heartbeat-ms 5000] [--rebind-analytics]
  asds central lag (--nats <url> [--bus <dir>] | --clickhouse-url <url> | --data <dir>) [--threshold-minutes 120] [--all] [--courts <courts.yaml>]
  asds central pull --court <code> --nats <url> [--bus <dir>] [--by "<ПІБ>"] [--note <text>] [--no-wait]
  asds central pulls --nats <url> [--bus <dir>] [--court <code>] [--overdue] [--id <pullId>] [--json]
  asds archive get <ЄУН> --nats <url> [--bus <dir>] [--court <code>] [--out <dir>]
  asds archive inventory --court <code> --year <YYYY> --nats <url> [--bus <dir>] [--json]
  asds archive retention --nats <url> [--bus <dir>] [--court <code>] [--at <YYYY-MM-DD>] [--json]
  asds archive transfer --nats <url> [--bus <dir>] [--court <code>] [--package <id>] [--no-wait]
  asds archive verify <package dir> [--ca <court-ca.crt.pem>] [--operator-key <O…>]
  asds report workload --from <YYYY-MM-DD> --to <YYYY-MM-DD> [--court <code>] [--format json|csv] (--nats <url> [--bus <dir>] | --clickhouse-url <url> | --data <dir>)
  asds stats report --form <id> --from <YYYY-MM-DD> --to <YYYY-MM-DD> (--court <code> | --region <id> | --nation) [--kind any] [--format json|csv|xlsx|html] [--out <file>] [--config <centre.yaml>] [--forms <dir>] (--nats <url> [--bus <dir>] | --clickhouse-url <url> | --data <dir>)
  asds stats overdue --form <id> --from <YYYY-MM-DD> --to <YYYY-MM-DD> [--json] [--config <centre.yaml>] (source as above)
  asds stats consolidate --form <id> --from <YYYY-MM-DD> --to <YYYY-MM-DD> [--kind year] --redis <url> [--no-wait]
  asds journal verify --data <dir> [--drop-bad-snapshots] [--receipts [--operator-key <O…> | --bus <dir>]]
  asds node status --nats <url> --node <name> [--bus <dir>]
  asds verify-protocol <file|id> [--data <dir>] [--ca <ca.crt.pem>]
  asds pki init --data <dir> [--court <code>] [--name <court name>] [--key-passphrase-file <f>]
  asds pki issue --data <dir> --user <login> [--name <full name>] [--role <position>] [--days <n>] [--key-passphrase-file <f>]
  asds pki encrypt-keys --data <dir> [--key-passphrase-file <f>]
  (court keys are encrypted at rest: passphrase from env ASDS_KEY_PASSPHRASE or --key-passphrase-file, mode 0600)
  asds ops init [--ops <dir>] [--host <addr>] [--port <p>] [--server-name <dns>]… [--cluster <port:routeport,…>]
  asds ops court add --court <code> --name <name> [--zasady <file>] [--data <dir>] [--ops <dir>]
  asds ops court revoke <code> [--ops <dir>]
  asds ops central add --node central-<name> [--data <dir>] [--ops <dir>]
  asds ops central revoke central-<name> [--ops <dir>]
  asds ops list [--ops <dir>]
  asds ops token [--ops <dir>] [--role operator|analyst|administrator] [--ttl 8h] [--name "<ПІБ>"]   (a login to the centre console)
  asds ops status --nats <url> [--bus <dir>] [--redis <url>] [--courts <courts.yaml>] [--json]
  asds ops drain <central-node> --nats <url> [--bus <dir>] [--timeout-seconds 60]
  (--bus: a node's or an ops- identity's credentials folder; --ops: the operator folder, default ./data/ops)
  asds central serve … --exchange-port <p> [--exchange-host <addr>] [--exchange-admin-port <p>] [--exchange-district-codes <yaml>] [--exchange-agreements <yaml>] [--key-passphrase-file <f>]   (the exchange hub)
  asds exchange org add --id <id> --kind prosecutor|police|other --org-name "<назва>" --code <ЄДРПОУ|умовний код> [--connected-on YYYY-MM-DD] --hub <admin URL> [--ops <dir>]
  asds exchange org suspend <id> --reason "<підстава>" [--until YYYY-MM-DD] [--by-organisation] --hub <url>
  asds exchange org resume <id> [--note <text>] --hub <url>       asds exchange org list [--json] --hub <url>
  asds exchange cert --org <id> --out <dir> [--revoke-previous <причина>] --hub <url>
  asds exchange cert revoke --org <id> --fingerprint <sha256> --reason <причина> --hub <url>
  asds exchange cabinets [--overdue] [--json] --hub <url>
  asds exchange cabinet district --org <id> --code <умовний код> --head-cert <pem> --request <№> --request-date YYYY-MM-DD --hub <url>
  asds exchange cabinet head-change <id> [--changed-on YYYY-MM-DD] [--head-cert <pem>] [--request <№> --request-date …] | head <id> --head-cert <pem> --request … --request-date …
  asds exchange district-codes list | add --code <код> --office-name "<назва>" [--region …] | remove --code <код>  (--request <№> --request-date YYYY-MM-DD)
  asds exchange files [--org <id> [--direction sent|received] [--print <file.html>]] [--overdue] [--json] --hub <url>   (information files' journals)
  asds exchange counterpart file|poll --hub <https URL> --cert-dir <dir from exchange cert> …   (the reference prosecutors' system / police service)
  (exchange: token from env ASDS_CONSOLE_TOKEN or signed with --ops; --hub or env ASDS_EXCHANGE_HUB)
`;

type Handler = (argv: string[]) => Promise<number>;

const commands: Record<string, () => Promise<Handler>> = {
  up: async () => (await import('./commands/up.ts')).up,
  'court serve': async () => (await import('./commands/serve.ts')).courtServe,
  'central serve': async () => (await import('./commands/serve.ts')).centralServe,
  'journal verify': async () => (await import('./commands/journal.ts')).journalVerify,
  'node status': async () => (await import('./commands/status.ts')).nodeStatus,
  'report workload': async () => (await import('./commands/report.ts')).reportWorkload,
  'central lag': async () => (await import('./commands/report.ts')).centralLag,
  'central pull': async () => (await import('./commands/pull.ts')).centralPull,
  'central pulls': async () => (await import('./commands/pull.ts')).centralPulls,
  'central integrity': async () => (await import('./commands/integrity.ts')).centralIntegrity,
  archive: async () => (await import('./commands/archive.ts')).archive,
  'stats report': async () => (await import('./commands/stats.ts')).statsReport,
  'stats overdue': async () => (await import('./commands/stats.ts')).statsOverdue,
  'stats consolidate': async () => (await import('./commands/stats-jobs.ts')).statsConsolidate,
  simulate: async () => (await import('./commands/simulate.ts')).simulate,
  'verify-protocol': async () => (await import('./commands/verify-protocol.ts')).verifyProtocolCommand,
  'pki init': async () => (await import('./commands/pki.ts')).pkiInit,
  'pki issue': async () => (await import('./commands/pki.ts')).pkiIssue,
  'ops init': async () => (await import('./commands/ops.ts')).opsInit,
  'ops court': async () => (await import('./commands/ops.ts')).opsCourt,
  'ops central': async () => (await import('./commands/ops.ts')).opsCentral,
  'ops list': async () => (await import('./commands/ops.ts')).opsList,
  'ops token': async () => (await import('./commands/ops-token.ts')).opsToken,
  'ops status': async () => (await import('./commands/ops-status.ts')).opsStatus,
  'ops drain': async () => (await import('./commands/ops-drain.ts')).opsDrain,
  'pki encrypt-keys': async () => (await import('./commands/pki.ts')).pkiEncryptKeys,
  'exchange org': async () => (await import('./commands/exchange.ts')).exchangeOrg,
  'exchange cert': async () => (await import('./commands/exchange.ts')).exchangeCert,
  'exchange cabinets': async () => (await import('./commands/exchange.ts')).exchangeCabinets,
  'exchange cabinet': async () => (await import('./commands/exchange.ts')).exchangeCabinet,
  'exchange district-codes': async () => (await import('./commands/exchange.ts')).exchangeDistrictCodes,
  'exchange files': async () => (await import('./commands/exchange-files.ts')).exchangeFiles,
  'exchange counterpart': async () => (await import('./commands/exchange-counterpart.ts')).exchangeCounterpart,
};

async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h') {
    process.stdout.write(USAGE);
    return argv.length === 0 ? 2 : 0;
  }
  const two = `${argv[0]} ${argv[1] ?? ''}`;
  const key = commands[two] ? two : argv[0]!;
  const load = commands[key];
  if (!load) throw new CliError(`unknown command "${argv.slice(0, 2).join(' ')}"\n\n${USAGE}`, 2);
  return (await load())(argv.slice(key.split(' ').length));
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    if (e instanceof CliError) {
      process.stderr.write(`asds: ${e.message}\n`);
      process.exitCode = e.exitCode;
    } else {
      process.stderr.write(`asds: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 1;
    }
  },
);
