/**
 * What `asds up` prints last: where the two web consoles are and a demo login for each role — the court's staff
 * made by the main job (one random password per data folder, kept owner-only beside the court's data) and the
 * centre's console tokens signed with the demo operator key (one per role, each in an owner-only file).
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { writeDurable, type OperatorFolder } from '../../runtime/bus/index.ts';
import { signConsoleToken, DEFAULT_TTL_MS } from '../../actors/central/console/index.ts';
import type { ConsoleRole } from '../../actors/central/console/token.ts';

/** The demo staff's password: `<courtData>/staff-password` (0600), made once. */
export function staffPasswordFor(courtData: string): { password: string; file: string } {
  const file = join(courtData, 'staff-password');
  mkdirSync(courtData, { recursive: true });
  if (!existsSync(file)) writeDurable(file, randomBytes(12).toString('base64url') + '\n', 0o600);
  return { password: readFileSync(file, 'utf8').trim(), file };
}

const CENTRE_ROLES: Array<[ConsoleRole, string, string]> = [
  ['administrator', 'центральний адміністратор', 'Адміністратор АСДС (демонстрація)'],
  ['analyst', 'аналітик', 'Аналітик (демонстрація)'],
  ['operator', 'оператор', 'Оператор (демонстрація)'],
];

/**
 * One console token per centre role, signed with the demo operator key, in `<ops>/console/<role>.token` (0600),
 * made anew at every start (a token lives one shift: DEFAULT_TTL_MS).
 */
export function demoCentreTokens(ops: OperatorFolder): ConsolesToPrint['centreTokens'] {
  const dir = join(ops.dir, 'console');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return CENTRE_ROLES.map(([role, label, sub]) => {
    const file = join(dir, `${role}.token`);
    writeDurable(file, signConsoleToken((b) => ops.signAsOperator(b), { sub, role, ttlMs: DEFAULT_TTL_MS }) + '\n', 0o600);
    return { role, label, file };
  });
}

export interface ConsolesToPrint {
  court: string;
  courtUrl: string;
  centreUrl: string;
  staff: { password: string; file: string };
  /** The demo judge's Засади id (login is its lower-case form). */
  judge?: string;
  /** Centre tokens per role: role → file. */
  centreTokens: Array<{ role: string; label: string; file: string }>;
}

/** The court's demo logins: the simulator's staff (actors/court/simulator) under their roles. */
const COURT_LOGINS: Array<[string, string]> = [
  ['реєстратор', 'sim.registrar'],
  ['відповідальна особа за розподіл', 'sim.officer'],
  ['керівник апарату', 'sim.head'],
  ['статистик', 'sim.stat'],
];

export function printConsoles(o: ConsolesToPrint): void {
  const w = (s: string) => process.stdout.write(`${s}\n`);
  w('\nweb consoles (open in a browser on this machine):');
  w(`  court ${o.court}: ${o.courtUrl}/console/`);
  for (const [label, login] of [...COURT_LOGINS, ...(o.judge ? [['суддя', o.judge.toLowerCase()] as [string, string]] : [])]) w(`    ${label.padEnd(34)} login ${login}`);
  w(`    password for these demo logins: ${o.staff.password}   (kept in ${o.staff.file})`);
  w(`    public lists (no login): ${o.courtUrl}/public/lists?format=html`);
  w(`  centre: ${o.centreUrl}/console/   (paste the token from the file; it is valid for ${DEFAULT_TTL_MS / 3600_000} hours)`);
  for (const t of o.centreTokens) w(`    ${t.label.padEnd(34)} token in ${t.file}`);
}
