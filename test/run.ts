/**
 * `npm test` runner: every `test/**\/*.test.ts` through uvu in one process,
 * then a closing line `N passed, N failed, N skipped` for CI.
 *
 * A test that leaves a handle open (server, timer, socket) would keep the
 * process alive after uvu's summary and hang CI; such a run is stopped 10 s
 * after the summary and reported as a failure naming the cause.
 */
import { spawn } from 'node:child_process';

const args = ['--import', 'tsx', 'node_modules/uvu/bin.js', 'test', '\\.test\\.ts$', ...process.argv.slice(2)];
const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
let out = '';
let hangTimer: NodeJS.Timeout | undefined;
let hung = false;

child.stdout.on('data', (d: Buffer) => {
  process.stdout.write(d);
  out += d.toString();
  if (!hangTimer && /Duration:/.test(out)) {
    hangTimer = setTimeout(() => {
      hung = true;
      child.kill('SIGKILL');
    }, 10_000);
  }
});

child.on('exit', (code, signal) => {
  if (hangTimer) clearTimeout(hangTimer);
  const plain = out.replace(/\x1b\[[0-9;]*m/g, '');
  const num = (label: string) => Number(new RegExp(`${label}:\\s+(\\d+)`).exec(plain)?.[1] ?? NaN);
  const total = num('Total');
  const passed = num('Passed');
  const skipped = num('Skipped');
  if (hung) process.stdout.write('\ntest process did not exit after its summary: a test left a handle open (server, timer or socket)\n');
  if (Number.isFinite(total)) {
    process.stdout.write(`\n${passed} passed, ${total - passed - skipped + (hung ? 1 : 0)} failed, ${skipped} skipped\n`);
  }
  // uvu has exited 0 with failures it could not print (an error whose `details` is an object): the count decides
  const failed = Number.isFinite(total) ? total - passed - skipped : 0;
  process.exit(hung || failed > 0 ? 1 : (code ?? (signal ? 1 : 0)));
});
