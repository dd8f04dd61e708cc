/**
 * `npm test` runner: every `test/**\/*.test.ts` through uvu in one process,
 * then a closing line `N passed, N failed, N skipped` for CI.
 */
import { spawn } from 'node:child_process';

const args = ['--import', 'tsx', 'node_modules/uvu/bin.js', 'test', '\\.test\\.ts$', ...process.argv.slice(2)];
const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
let out = '';
child.stdout.on('data', (d: Buffer) => {
  process.stdout.write(d);
  out += d.toString();
});
child.on('exit', (code, signal) => {
  const plain = out.replace(/\x1b\[[0-9;]*m/g, '');
  const num = (label: string) => Number(new RegExp(`${label}:\\s+(\\d+)`).exec(plain)?.[1] ?? NaN);
  const total = num('Total');
  const passed = num('Passed');
  const skipped = num('Skipped');
  if (Number.isFinite(total)) {
    process.stdout.write(`\n${passed} passed, ${total - passed - skipped} failed, ${skipped} skipped\n`);
  }
  process.exit(code ?? (signal ? 1 : 0));
});
