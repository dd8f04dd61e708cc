/**
 * Direct entry for `archiveVerify` until bin/cli.ts routes `asds archive verify` to it (archive-transfer
 * owns that routing): `node --import tsx test/archive/archive-verify-main.ts <dir> [options]`.
 */
import { archiveVerify } from '../../bin/commands/archive-verify.ts';
import { CliError } from '../../bin/commands/util.ts';

archiveVerify(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`asds: ${(e as Error).message}\n`);
    process.exitCode = e instanceof CliError ? e.exitCode : 1;
  },
);
