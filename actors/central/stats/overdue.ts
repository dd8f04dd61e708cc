/**
 * Report deadlines and the overdue list (Засади 16.1.6; the ДСА pattern:
 * court → regional office by the 15th day after the period, region → nation
 * by the 20th — deploy/stats/centre.yaml `deadlines`, configuration).
 *
 * A court's report is overdue when its deadline has passed and the centre
 * holds no report of it for the form and period that is received or accepted
 * (a returned one must be corrected and sent again, so it still counts as
 * owed). A region is overdue when its deadline has passed and one of its
 * courts' reports is not accepted: its consolidated report cannot be complete.
 */
import type { AnalyticsEngine } from '../../../analytics/engine.ts';
import type { PeriodV1 } from '../../../contracts/stats/index.ts';
import { addDays } from '../../distribution/index.ts';
import { kyivMidnight } from '../pulls/deadline.ts';
import type { StatsCentreConfigV1 } from './config.ts';
import { listSubmissions } from './store.ts';

export interface Due {
  /** The last day (Kyiv) the report may arrive. */
  dueDate: string;
  /** The first instant past it (epoch ms). */
  dueAt: number;
}

export function deadlineOf(period: PeriodV1, daysAfterPeriod: number): Due {
  const dueDate = addDays(period.to, daysAfterPeriod);
  return { dueDate, dueAt: kyivMidnight(addDays(dueDate, 1)) };
}

export type OverdueItem =
  | { level: 'court'; court: string; name: string; region: string; dueDate: string; state: 'missing' | 'returned' }
  | { level: 'region'; region: string; name: string; dueDate: string; courtsNotAccepted: string[] };

export async function overdueReports(engine: AnalyticsEngine, config: StatsCentreConfigV1, formId: string, period: PeriodV1, now = Date.now()): Promise<OverdueItem[]> {
  const held = new Map<string, string>();
  for (const s of await listSubmissions(engine, { form: formId, from: period.from, to: period.to })) {
    // the best status a court reached for this form and period (an accepted one after a returned one counts)
    const rank = { returned: 0, received: 1, accepted: 2 } as const;
    const prev = held.get(s.court);
    if (!prev || rank[s.status] > rank[prev as keyof typeof rank]) held.set(s.court, s.status);
  }
  const court = deadlineOf(period, config.deadlines.courtToRegion.daysAfterPeriod);
  const region = deadlineOf(period, config.deadlines.regionToNation.daysAfterPeriod);
  const out: OverdueItem[] = [];
  for (const r of config.regions) {
    if (now >= court.dueAt)
      for (const c of r.courts) {
        const st = held.get(c.code);
        if (st === 'received' || st === 'accepted') continue;
        out.push({ level: 'court', court: c.code, name: c.name, region: r.id, dueDate: court.dueDate, state: st === 'returned' ? 'returned' : 'missing' });
      }
    if (now >= region.dueAt) {
      const notAccepted = r.courts.filter((c) => held.get(c.code) !== 'accepted').map((c) => c.code);
      if (notAccepted.length > 0) out.push({ level: 'region', region: r.id, name: r.name, dueDate: region.dueDate, courtsNotAccepted: notAccepted });
    }
  }
  return out;
}

/** The overdue list for people (Ukrainian, court and region names, dates as dd.mm.yyyy). */
export function overdueTextUk(items: readonly OverdueItem[], formName: string, period: PeriodV1): string {
  const d = (iso: string) => iso.split('-').reverse().join('.');
  const head = `Прострочені звіти за формою «${formName}» за період ${d(period.from)} — ${d(period.to)}:\n`;
  if (items.length === 0) return `${head}немає.\n`;
  return (
    head +
    items
      .map((i) =>
        i.level === 'court'
          ? `— ${i.name}: ${i.state === 'returned' ? 'звіт повернуто і не подано повторно' : 'звіт не надійшов'} (строк — до ${d(i.dueDate)} включно)`
          : `— ${i.name} (зведений звіт регіону): не прийнято звітів ${i.courtsNotAccepted.length} суд(ів) (строк — до ${d(i.dueDate)} включно)`,
      )
      .join('\n') +
    '\n'
  );
}
