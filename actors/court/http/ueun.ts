/**
 * `existingUeun` (Засади 3.3: a case that already has a ЄУН keeps it): before
 * the registry sees it, the number must be one a court of the system could
 * have issued — `<court code>/<sequence>/<yy>` with no leading zeros, a year
 * not after this one, a court code in the registry of courts when the node has
 * one. The registry then checks this court's own numbers against what it issued.
 */
import { kyivDate } from '../dates.ts';
import { HttpRefusal } from './errors.ts';

const UEUN = /^([1-9][0-9]{0,3})\/([1-9][0-9]{0,6})\/([0-9]{2})$/;

export function checkExistingUeun(ueun: string, o: { knownCourts?: ReadonlySet<string> | undefined; now: number }): void {
  const m = UEUN.exec(ueun);
  if (!m) throw new HttpRefusal('UEUN_INVALID', { existingUeun: ueun });
  const [, court, , yy] = m as unknown as [string, string, string, string];
  const thisYear = kyivDate(o.now).slice(2, 4);
  if (yy > thisYear) throw new HttpRefusal('UEUN_IN_FUTURE', { existingUeun: ueun, year: `20${yy}` });
  if (o.knownCourts && !o.knownCourts.has(court)) throw new HttpRefusal('UNKNOWN_COURT_CODE', { existingUeun: ueun, court });
}
