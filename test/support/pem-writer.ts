/**
 * Crash child for the durable-write test: rewrites one PEM file over and over
 * through actors/pki's durable path, each version a complete PEM whose body is
 * `--bytes` long and tagged with its version. Prints `WROTE <n>` after each.
 * The parent SIGKILLs it at random moments.
 */
import { parseArgs } from 'node:util';
import { toPem } from '../../actors/pki/pem.ts';
import { writeFileDurable } from '../../runtime/durable-file.ts';

const { values } = parseArgs({ options: { file: { type: 'string' }, bytes: { type: 'string' } } });
const size = Number(values.bytes ?? '65536');
process.stdout.write('READY\n');
for (let n = 1; ; n++) {
  const body = Buffer.alloc(size, n % 251);
  body.writeUInt32BE(n, 0);
  writeFileDurable(values.file!, toPem(body, 'X509 CRL'), { mode: 0o644 });
  process.stdout.write(`WROTE ${n}\n`);
  await new Promise((r) => setImmediate(r));
}
