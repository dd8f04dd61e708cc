/**
 * When a considered case is due for the electronic archive (Засади 17.1) under the court's archive rules, and how
 * long the archive keeps it. Pure: the archive actor calls it in decide with the day of the command.
 *
 * A case (ЄУН) is one archival unit: it is ready when EVERY proceeding of its card has legal force and — where a
 * proceeding's category asks for it — the completion of execution steps is recorded; it is due `holdingDays` (the
 * longest of its categories) after that day. A card with covert fields (Засади 3.1 ¶2) is never listed: its package
 * would leave the court, and covert content never does.
 */
import type { ActorStampV1 } from '../../../contracts/court/index.ts';
import type { ArchiveCategoryV1, ArchiveConfigV1 } from '../../../contracts/court/archive.ts';
import { addDays } from '../../distribution/dates.ts';
import { longDateUk } from '../dates.ts';
import { archiveCategoryOf } from './config.ts';

export interface ArchiveCaseFacts {
  covert: boolean;
  proceedings: Array<{ proceedingNumber: string; legalForce: string | null }>;
  execution?: { date: string; note?: string; at: number; by: ActorStampV1 };
}

export interface Readiness {
  /** The category that sets the retention (the longest term among the case's proceedings). */
  category: ArchiveCategoryV1;
  /** First day the case is due; null while it is not ready. */
  dueDate: string | null;
  /** Ukrainian, for the archivist: why it is due, or what it waits for. */
  note: string;
  retention: { years: number | null; until: string | null; text: string };
  /** Packaged without the archivist's confirmation (every category of the case says so). */
  automatic: boolean;
}

/** Longer retention first; null (permanent) is the longest. */
const longer = (a: ArchiveCategoryV1, b: ArchiveCategoryV1) => (a.retentionYears === null ? a : b.retentionYears === null ? b : a.retentionYears >= b.retentionYears ? a : b);

export function readiness(config: ArchiveConfigV1, c: ArchiveCaseFacts): Readiness {
  const cats = c.proceedings.map((p) => archiveCategoryOf(config, p.proceedingNumber));
  const category = cats.length > 0 ? cats.reduce(longer) : archiveCategoryOf(config, '0/');
  const automatic = cats.length > 0 && cats.every((k) => k.automatic ?? config.automatic);
  const base = { category, automatic };
  const waiting = (note: string): Readiness => ({ ...base, dueDate: null, note, retention: retentionOf(category, null) });
  if (c.covert) return waiting('Картка містить негласні відомості (Засади 3.1 ¶2): до електронного архіву автоматично не передається');
  if (c.proceedings.length === 0) return waiting('У картці немає проваджень');
  const open = c.proceedings.filter((p) => p.legalForce === null).map((p) => p.proceedingNumber);
  if (open.length > 0) return waiting(`Не набрало законної сили: ${open.map((n) => `провадження № ${n}`).join(', ')}`);
  const needsExecution = cats.filter((k) => k.execution === true);
  if (needsExecution.length > 0 && !c.execution) {
    return waiting(`Не внесено відомостей про завершення виконання (категорія «${needsExecution[0]!.title}»)`);
  }
  let ready = c.proceedings.map((p) => p.legalForce!).reduce((a, b) => (a > b ? a : b));
  if (needsExecution.length > 0 && c.execution && c.execution.date > ready) ready = c.execution.date;
  const holding = Math.max(...cats.map((k) => k.holdingDays));
  const dueDate = addDays(ready, holding);
  const why = needsExecution.length > 0 ? `набрання законної сили та завершення виконання (${longDateUk(ready)})` : `набрання законної сили (${longDateUk(ready)})`;
  return {
    ...base,
    dueDate,
    note: `Підлягає передачі з ${longDateUk(dueDate)}: ${why} і ${holding} дн. зберігання в суді (категорія «${category.title}»)`,
    retention: retentionOf(category, ready),
  };
}

/**
 * The retention term. ASSUMPTION TO CHECK: counted from 1 January of the year after the case was completed (so it ends on 31 December) — the
 * usual rule of Ukrainian records management; the court's list of terms may say otherwise.
 */
function retentionOf(k: ArchiveCategoryV1, ready: string | null): Readiness['retention'] {
  const src = k.retentionSource ? ` (${k.retentionSource})` : '';
  if (k.retentionYears === null) return { years: null, until: null, text: `зберігати постійно${src}` };
  if (ready === null) return { years: k.retentionYears, until: null, text: `зберігати ${k.retentionYears} р.${src}` };
  const until = `${Number(ready.slice(0, 4)) + k.retentionYears}-12-31`;
  return { years: k.retentionYears, until, text: `зберігати ${k.retentionYears} р., до ${longDateUk(until)} включно${src}` };
}

/** Epoch ms of the next `HH:MM` Kyiv time after `now` (DST-safe: tries both offsets). */
export function nextKyivTime(now: number, hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  const fmt = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Kyiv', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const local = (t: number) => fmt.format(new Date(t));
  for (let d = 0; d < 3; d++) {
    const date = new Date(now + d * 86_400_000);
    const [y, mo, day] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Kyiv' }).format(date).split('-').map(Number) as [number, number, number];
    for (const offset of [2, 3]) {
      const t = Date.UTC(y, mo - 1, day, h - offset, m);
      const want = `${String(day).padStart(2, '0')}/${String(mo).padStart(2, '0')}/${y}, ${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
      if (t > now && local(t) === want) return t;
    }
  }
  throw new Error(`no next ${hhmm} Kyiv time`);
}
