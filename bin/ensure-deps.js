// `npm start` / `npm test` on a fresh clone: install the locked dependencies first if they are missing.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

if (!existsSync(new URL('../node_modules/tsx/package.json', import.meta.url))) {
  console.log('asds: installing dependencies (npm ci)…');
  const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { stdio: 'inherit', cwd: new URL('..', import.meta.url) });
  if (r.status !== 0) {
    console.error('asds: npm ci failed. better-sqlite3 builds from source and needs: apt-get install -y python3 make g++');
    process.exit(r.status ?? 1);
  }
}
