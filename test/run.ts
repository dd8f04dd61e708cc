/**
 * `npm test` runner: every `test/**\/*.test.ts` through uvu, split over a few
 * uvu processes that run side by side, then a closing line
 * `N passed, N failed, N skipped` for CI.
 *
 *   node --import tsx test/run.ts                    # all files, ASDS_TEST_SHARDS processes (default 3)
 *   node --import tsx test/run.ts 'court/'           # only files whose path matches the regex
 *   node --import tsx test/run.ts --record-durations # also rewrite test/durations.json
 *
 * Why processes side by side: most suites wait on real servers (nats-server,
 * redis-server, chdb, child nodes), not on the CPU, so three processes on two
 * cores finish in about half the time of one. Files are dealt to processes by
 * their last measured duration (test/durations.json, longest first onto the
 * least loaded process), so each process gets a fair share; a file not yet
 * measured counts as 5 s. Every test starts its own servers on free ports in
 * its own temp dirs, so processes share nothing.
 *
 * A test that leaves a handle open (server, timer, socket) would keep its
 * process alive after uvu's summary and hang CI; such a process is stopped
 * 10 s after its summary and reported as a failure naming the cause.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = 'test';
const DURATIONS = join(ROOT, 'durations.json');
const UNMEASURED_MS = 5000;

interface ShardResult {
  files: string[];
  output: string;
  total: number;
  passed: number;
  skipped: number;
  hung: boolean;
  code: number;
  /** ms each file took, from the moment its header appeared to the next one's. */
  durations: Record<string, number>;
}

function testFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...testFiles(path));
    else if (name.endsWith('.test.ts')) out.push(relative(ROOT, path));
  }
  return out.sort();
}

function knownDurations(): Record<string, number> {
  if (!existsSync(DURATIONS)) return {};
  try {
    return JSON.parse(readFileSync(DURATIONS, 'utf8')) as Record<string, number>;
  } catch {
    return {};
  }
}

/** Longest first onto the least loaded shard (LPT): within 4/3 of the best split. */
export function deal(files: string[], durations: Record<string, number>, shards: number): string[][] {
  const cost = (f: string) => durations[f] ?? UNMEASURED_MS;
  const bins = Array.from({ length: shards }, () => ({ files: [] as string[], load: 0 }));
  for (const f of [...files].sort((a, b) => cost(b) - cost(a) || a.localeCompare(b))) {
    const bin = bins.reduce((min, b) => (b.load < min.load ? b : min));
    bin.files.push(f);
    bin.load += cost(f);
  }
  return bins.filter((b) => b.files.length > 0).map((b) => b.files.sort());
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const plain = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');

function runShard(files: string[]): Promise<ShardResult> {
  const pattern = `^(?:${files.map(escape).join('|')})$`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'node_modules/uvu/bin.js', ROOT, pattern], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let hangTimer: NodeJS.Timeout | undefined;
  let hung = false;
  const durations: Record<string, number> = {};
  let current: { file: string; at: number } | undefined;
  let partial = '';
  const mine = new Set(files);
  const onData = (d: Buffer) => {
    const text = d.toString();
    output += text;
    // uvu prints each file's path on a line of its own as that file starts
    const lines = (partial + text).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      const name = plain(line).trim();
      if (!mine.has(name)) continue;
      if (current) durations[current.file] = Date.now() - current.at;
      current = { file: name, at: Date.now() };
    }
    if (!hangTimer && /Duration:/.test(output)) {
      if (current) durations[current.file] = Date.now() - current.at;
      hangTimer = setTimeout(() => {
        hung = true;
        child.kill('SIGKILL');
      }, 10_000);
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      if (hangTimer) clearTimeout(hangTimer);
      const p = plain(output);
      const num = (label: string) => Number(new RegExp(`${label}:\\s+(\\d+)`).exec(p)?.[1] ?? NaN);
      resolve({ files, output, total: num('Total'), passed: num('Passed'), skipped: num('Skipped'), hung, code: code ?? (signal ? 1 : 0), durations });
    });
  });
}

/**
 * uvu prints a failure under its file, in the middle of a long log; CI logs are
 * often read from the end, so each failure is repeated after all processes end:
 * from its `FAIL` line to the next file header or summary, at most 40 lines.
 */
export function failureReports(output: string): string[] {
  const lines = plain(output).split('\n');
  const reports: string[] = [];
  let file = '';
  for (let i = 0; i < lines.length; i++) {
    if (/^\S.*\.test\.ts$/.test(lines[i].trim()) && !lines[i].startsWith(' ')) file = lines[i].trim();
    if (!/^\s*FAIL\s/.test(lines[i])) continue;
    const block = [`${file}:`];
    for (let j = i; j < lines.length && j < i + 40; j++) {
      if (j > i && (/^\s*FAIL\s/.test(lines[j]) || /\.test\.ts$/.test(lines[j].trim()) || /^\s*Total:/.test(lines[j]))) break;
      block.push(lines[j]);
    }
    reports.push(block.join('\n'));
  }
  return reports;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const record = args.includes('--record-durations');
  const filter = args.find((a) => !a.startsWith('--'));
  const files = testFiles(ROOT).filter((f) => !filter || new RegExp(filter).test(f));
  if (files.length === 0) {
    process.stdout.write(`no test file matches ${filter}\n`);
    process.exit(1);
  }
  const shards = Math.max(1, Number(process.env.ASDS_TEST_SHARDS ?? 3) || 3);
  const known = knownDurations();
  const started = Date.now();
  const results = await Promise.all(
    deal(files, known, shards).map((s) =>
      runShard(s).then((r) => {
        process.stdout.write(`\n── ${r.files.length} files: ${r.files.join(', ')}\n${r.output}`);
        return r;
      }),
    ),
  );
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const r of results) {
    if (!Number.isFinite(r.total)) {
      failed += 1;
      process.stdout.write(`\na test process ended without a summary (exit ${r.code}): ${r.files.join(', ')}\n`);
      continue;
    }
    passed += r.passed;
    skipped += r.skipped;
    failed += r.total - r.passed - r.skipped + (r.hung ? 1 : 0);
    if (r.hung) process.stdout.write(`\na test process did not exit after its summary: a test left a handle open (server, timer or socket) in one of ${r.files.join(', ')}\n`);
    // uvu may exit 0 with failures it could not print (an error whose `details` is an object): the counts decide
    if (r.code !== 0 && r.total === r.passed + r.skipped && !r.hung) failed += 1;
  }
  if (record) {
    const merged = { ...known, ...Object.assign({}, ...results.map((r) => r.durations)) } as Record<string, number>;
    const sorted = Object.fromEntries(Object.keys(merged).filter((f) => files.includes(f) || existsSync(join(ROOT, f))).sort().map((f) => [f, merged[f]]));
    writeFileSync(DURATIONS, JSON.stringify(sorted, null, 1) + '\n');
  }
  const failures = results.flatMap((r) => failureReports(r.output));
  if (failures.length > 0) process.stdout.write(`\n── failures, repeated here so the end of the log shows them\n${failures.join('\n')}\n`);
  process.stdout.write(`\n${results.length} processes, ${((Date.now() - started) / 1000).toFixed(0)} s\n${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  process.exit(failed > 0 ? 1 : 0);
}

await main();
