/**
 * deploy/prometheus and deploy/grafana (issue 12 item 4): the files are valid for Prometheus itself (promtool:
 * config, rules, and the rules' unit tests — each alert fires on its case and not before), the rules have the
 * structure and Ukrainian annotations an operator reads, every dashboard query parses, and every metric any of
 * them uses is really exported by a running court node and a running central worker (scraped here, parsed with
 * the official Prometheus client's parser).
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { cleanup, startNats, startRedis, tempDir, trackChild, type NatsHandle } from '../support/servers.ts';
import { TEST_KEY_PASSPHRASE } from '../support/keys.ts';
import { startCentralWorker } from '../replication/support.ts';
import type { NodeProcess } from '../support/processes.ts';
import { parsePrometheus } from '../support/prometheus.ts';

const test = suite('prometheus rules and grafana dashboard');
const DIR = 'deploy/prometheus';
const ctx = {} as { nats: NatsHandle; court: ChildProcess; courtUrl: string; central: NodeProcess; centralUrl: string };

interface Rule {
  alert?: string;
  record?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
const rules = () => (parse(readFileSync(join(DIR, 'asds-rules.yml'), 'utf8')) as { groups: Array<{ name: string; rules: Rule[] }> }).groups;
const dashboard = () => JSON.parse(readFileSync('deploy/grafana/asds.json', 'utf8')) as { uid: string; title: string; panels: Array<{ type: string; title: string; targets?: Array<{ expr: string }> }> };
const dashboardExprs = () => dashboard().panels.flatMap((p) => (p.targets ?? []).map((t) => ({ panel: p.title, expr: t.expr })));

test.before(async () => {
  ctx.nats = await startNats({ jetstream: true });
  const redis = await startRedis();
  const court = spawn(process.execPath, ['bin/asds.js', 'court', 'serve', '--court', '537', '--data', tempDir('asds-court-'), '--port', '0', '--nats', ctx.nats.url, '--bus', await ctx.nats.bus.bundle('court-537')], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ASDS_LOG: 'warn', ASDS_KEY_PASSPHRASE: TEST_KEY_PASSPHRASE, ASDS_ADMIN_PASSWORD: 'admin-password-1', ASDS_COURT_KEY: randomBytes(32).toString('hex') },
  });
  trackChild(court);
  ctx.court = court;
  ctx.central = await startCentralWorker(ctx.nats, tempDir('asds-central-'), ['--http-port', '0', '--redis', redis.url]);
  ctx.centralUrl = JSON.parse(await ctx.central.waitFor(/"ingest":"running"/)).http as string;
  let out = '';
  court.stdout!.on('data', (d) => (out += d));
  const end = Date.now() + 60_000;
  while (!/"url":"([^"]+)"/.test(out)) {
    if (Date.now() > end || court.exitCode !== null) throw new Error('the court node did not start');
    await new Promise((r) => setTimeout(r, 50));
  }
  ctx.courtUrl = /"url":"([^"]+)"/.exec(out)![1]!;
});

test.after(async () => {
  ctx.court?.kill('SIGTERM');
  await ctx.central?.kill('SIGTERM');
  await cleanup();
});

function promtool(args: string[], cwd = DIR): string {
  const r = spawnSync('promtool', args, { cwd, encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw new Error(`promtool is required (Debian package prometheus; .ci/run installs it): ${r.error.message}`);
  assert.is(r.status, 0, `promtool ${args.join(' ')}:\n${r.stdout}\n${r.stderr}`);
  return r.stdout + r.stderr;
}

test('promtool: the scrape config and the rules are valid, and the rules pass their unit tests', () => {
  assert.match(promtool(['check', 'config', 'prometheus.yml']), /SUCCESS: prometheus\.yml is valid/);
  assert.match(promtool(['check', 'rules', 'asds-rules.yml']), /SUCCESS: 8 rules found/);
  assert.match(promtool(['test', 'rules', 'asds-rules.test.yml']), /SUCCESS/);
});

/** Product names stay as they are in Ukrainian text. */
const PRODUCTS = new Set(['Prometheus', 'NATS', 'JetStream', 'Redis', 'BullMQ', 'ClickHouse']);

test('the rules: groups of alerts with expr, for, severity, and Ukrainian summary and description', () => {
  const names = new Set<string>();
  for (const g of rules()) {
    assert.ok(g.name && g.rules.length > 0, `group ${g.name}`);
    for (const r of g.rules) {
      assert.ok(r.alert && /^Asds[A-Za-z]+$/.test(r.alert), `alert name ${r.alert}`);
      names.add(r.alert!);
      assert.type(r.expr, 'string');
      assert.match(r.for ?? '', /^\d+[smh]$/, `${r.alert}: for`);
      assert.ok(['critical', 'warning'].includes(r.labels?.severity ?? ''), `${r.alert}: severity`);
      for (const key of ['summary', 'description']) {
        const text = r.annotations?.[key] ?? '';
        // templates, commands and paths aside, the words are Ukrainian
        const words = text.replace(/\{\{[^}]*\}\}/g, ' ').replace(/\basds [a-z -]+(--[a-z-]+ ?)*/g, ' ').replace(/\/[a-z/]+/g, ' ').match(/\p{L}+/gu) ?? [];
        const latin = words.filter((w) => /^[A-Za-z]+$/.test(w) && !PRODUCTS.has(w));
        assert.ok(words.length >= 3 && latin.length === 0, `${r.alert} ${key} in Ukrainian: ${text} (latin: ${latin.join(', ')})`);
        assert.not.match(text, /[ыэъё]/i, `${r.alert} ${key}: no Russian letters`);
      }
    }
  }
  for (const need of ['AsdsCourtReplicationLag', 'AsdsPullOverdue', 'AsdsIntegrityAlarm', 'AsdsIngestRejected', 'AsdsNodeDown', 'AsdsQueueBacklog']) assert.ok(names.has(need), need);
  const lag = rules().flatMap((g) => g.rules).find((r) => r.alert === 'AsdsCourtReplicationLag')!;
  assert.match(lag.expr, /> 2$/, 'the 13.3 threshold: 2 hours');
  assert.match(lag.annotations!.description!, /13\.3/);
  assert.match(rules().flatMap((g) => g.rules).find((r) => r.alert === 'AsdsPullOverdue')!.annotations!.description!, /18\.3/);
});

test('the dashboard: Grafana JSON with a Prometheus datasource input; every query is valid PromQL', () => {
  const d = dashboard();
  assert.is(d.uid, 'asds-overview');
  assert.match(d.title, /АСДС/);
  const exprs = dashboardExprs();
  assert.ok(exprs.length >= 15, `${exprs.length} queries`);
  // promtool parses each query as a recording rule
  const file = join(tempDir('asds-grafana-'), 'dashboard-queries.yml');
  writeFileSync(file, JSON.stringify({ groups: [{ name: 'dashboard', rules: exprs.map((e, i) => ({ record: `asds:dashboard:${i}`, expr: e.expr })) }] }));
  assert.match(promtool(['check', 'rules', file], '.'), new RegExp(`SUCCESS: ${exprs.length} rules found`));
});

const PROMQL_WORDS = new Set(['sum', 'max', 'min', 'avg', 'count', 'rate', 'irate', 'delta', 'increase', 'histogram_quantile', 'min_over_time', 'max_over_time', 'absent', 'vector', 'offset', 'or', 'and', 'unless', 'bool']);

/** Metric names in a PromQL expression: label matchers, grouping, ranges and strings removed, functions left out. */
function metricNames(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  return [...new Set((bare.match(/(?<![\w.])[a-zA-Z_:][a-zA-Z0-9_:]*/g) ?? []).filter((t) => !PROMQL_WORDS.has(t)))];
}

async function exported(url: string): Promise<Set<string>> {
  const families = parsePrometheus(await (await fetch(`${url}/metrics`)).text());
  // a declared family counts even before its first sample (a counter no request has touched yet)
  const suffixes: Record<string, string[]> = { counter: ['_total'], histogram: ['_bucket', '_sum', '_count'], summary: ['_sum', '_count'] };
  return new Set(families.flatMap((f) => [f.name, ...(suffixes[f.type] ?? []).map((x) => f.name + x), ...f.samples.map((s) => s.name)]));
}

test('every metric the rules and the dashboard use is exported by a running court node or central worker', async () => {
  assert.equal(metricNames('max by (court) (asds_replication_lag_seconds{job="asds-central"}) / 3600 > 2'), ['asds_replication_lag_seconds']);
  assert.equal(metricNames('histogram_quantile(0.95, sum by (le, job) (rate(asds_http_request_seconds_bucket[5m])))'), ['asds_http_request_seconds_bucket']);
  const court = await exported(ctx.courtUrl);
  const central = await exported(ctx.centralUrl);
  // `up` is made by Prometheus for each target, not by a node
  const made = new Set(['up']);
  const uses = [...rules().flatMap((g) => g.rules.map((r) => ({ where: `rule ${r.alert}`, expr: r.expr }))), ...dashboardExprs().map((e) => ({ where: `panel ${e.panel}`, expr: e.expr }))];
  let checked = 0;
  for (const u of uses) {
    const centralOnly = /job="asds-central"/.test(u.expr);
    for (const name of metricNames(u.expr)) {
      if (made.has(name)) continue;
      checked++;
      const ok = centralOnly ? central.has(name) : central.has(name) || court.has(name);
      assert.ok(ok, `${u.where}: ${name} is not exported by ${centralOnly ? 'a central worker' : 'a court node or a central worker'}`);
    }
  }
  assert.ok(checked >= 20, `${checked} metric uses checked`);
  for (const name of ['asds_queue_jobs', 'asds_integrity_alarms', 'asds_replication_lag_seconds']) assert.ok(central.has(name), `central: ${name}`);
  for (const name of ['asds_journal_commit_seconds_bucket', 'asds_mailbox_depth', 'asds_ask_seconds_count']) assert.ok(court.has(name), `court: ${name}`);
});

test.run();
