/**
 * `npm run bench [-- <group> ...]`: runs benchmark groups and prints one JSON
 * object per line: { "name", "value", "unit" } (plus optional "target" and
 * "ceiling" fields). Progress goes to stderr.
 *
 * Groups: runtime, court, distribution, ingest, pulls, detectors, stats, archive, console, exchange (a group whose file is absent is reported and skipped).
 * A group's file is bench/<group>.ts, except `stats` → bench/statistics.ts (bench/stats.ts holds the figure helpers).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface Figure {
  name: string;
  value: number;
  unit: string;
  [extra: string]: unknown;
}

const GROUPS = ['runtime', 'court', 'distribution', 'ingest', 'pulls', 'detectors', 'stats', 'archive', 'console', 'exchange'];
const FILES: Record<string, string> = { stats: 'statistics' };

process.env.ASDS_LOG ??= 'silent';
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = wanted.filter((g) => !GROUPS.includes(g));
if (unknown.length > 0) {
  process.stderr.write(`unknown group(s): ${unknown.join(', ')}; known: ${GROUPS.join(', ')}\n`);
  process.exit(2);
}
for (const group of wanted.length > 0 ? wanted : GROUPS) {
  const file = fileURLToPath(new URL(`./${FILES[group] ?? group}.ts`, import.meta.url));
  if (!existsSync(file)) {
    process.stderr.write(`bench ${group}: not built yet (${file} missing)\n`);
    continue;
  }
  process.stderr.write(`bench ${group}…\n`);
  const mod = (await import(file)) as { run(): Promise<Figure[]> };
  for (const f of await mod.run()) process.stdout.write(JSON.stringify(f) + '\n');
}
process.exit(0);
