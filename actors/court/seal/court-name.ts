/**
 * The court's name on its CA and seal certificates (Засади 13; issue 13 item
 * 12: court language — the full name, never "Суд 537"). Whichever actor opens
 * the seal first creates the CA, so every caller names the court the same way:
 * the Засади file's `court.name` when that file is this court's, else the
 * printed fallback by code (a court started without its Засади).
 *
 *   sealCourtName('537', 'deploy/examples/lubny/zasady.yaml')  // 'Лубенський міськрайонний суд Полтавської області'
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { DEFAULT_ZASADY } from '../distribution/config.ts';
import { courtByCode } from '../print.ts';

export function sealCourtName(court: string, zasadyFile: string = DEFAULT_ZASADY): string {
  let z: { court?: { code?: unknown; name?: unknown } } | undefined;
  try {
    z = parse(readFileSync(resolve(zasadyFile), 'utf8')) as typeof z;
  } catch {
    // unreadable or absent: the distribution actor reports the file itself; the certificate is named by code
    return courtByCode(court);
  }
  const name = z?.court?.name;
  return String(z?.court?.code) === court && typeof name === 'string' && name.trim() ? name.trim() : courtByCode(court);
}
