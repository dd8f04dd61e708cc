/**
 * Names for printouts (Засади 12–13; issue 13 item 12): the court's full name
 * and category names from the Засади in force on the day printed, judges' full
 * names from the Засади roster (any loaded version) and the users' accounts —
 * never a login, an id or a category code.
 *
 *   const n = await printNames(ctx, '2026-01-05');
 *   n.court             // 'Лубенський міськрайонний суд Полтавської області'
 *   n.judge('judge.petrenko'), n.category('civil-claim')  // full name, 'Цивільні справи позовного провадження'
 */
import type { ZasadyConfig } from '../../../contracts/distribution/zasady.ts';
import { DISTRIBUTION_KIND } from '../distribution/index.ts';
import { judgeNames, type JudgeNames } from '../public/lists.ts';
import { USERS_KIND } from '../users/behavior.ts';
import { courtByCode } from '../print.ts';
import type { CourtHttpContext } from './context.ts';
import { distributionRoster } from './distribution.ts';

export interface PrintNames {
  court: string;
  judge: JudgeNames;
  /** Any user of the court by login (a registrar who issued a summons, a signer): a judge by the roster's name, others by the account's full name. */
  person(login: string): string;
  /** The Засади category name; an unknown code is printed as given (a registration's free-text category). */
  category(code: string): string;
  /** The Засади in force on the date printed (null: none loaded): what reason texts take their names from. */
  zasady: ZasadyConfig | null;
}

/** The Засади in force on `date` (today when absent), or null when this court has none loaded. */
async function zasadyOn(ctx: Pick<CourtHttpContext, 'system' | 'court'>, date?: string): Promise<ZasadyConfig | null> {
  try {
    return await ctx.system.ref(DISTRIBUTION_KIND, ctx.court).ask<ZasadyConfig>({ type: 'read-zasady', ...(date ? { date } : {}) });
  } catch (e) {
    // no distribution on this node, no Засади loaded, or none in force that day: the court is printed by its code
    if (['NOT_OWNER', 'NO_ZASADY', 'NO_ZASADY_IN_FORCE'].includes((e as { code?: string }).code ?? '')) return null;
    throw e;
  }
}

export async function printNames(ctx: CourtHttpContext, date?: string): Promise<PrintNames> {
  const [z, roster, users] = await Promise.all([
    zasadyOn(ctx, date),
    distributionRoster(ctx),
    ctx.system.ref(USERS_KIND, ctx.court).ask<Array<{ login: string; fullName: string; role: string }>>({ type: 'list' }),
  ]);
  // a judge by the Засади roster's name (as judgeNames), anyone else by the account's full name
  const people = new Map([...users.map((u) => [u.login.toLowerCase(), u.fullName] as const), ...(roster?.allJudges ?? []).map((j) => [j.id.toLowerCase(), j.name] as const)]);
  const judge = judgeNames(roster?.allJudges ?? [], users.filter((u) => u.role === 'judge'));
  const categories = new Map((z?.categories ?? []).map((c) => [c.id, c.name]));
  return {
    court: z?.court.name ?? courtByCode(ctx.court),
    judge,
    person: (login) => people.get(login.toLowerCase()) ?? judge(login),
    category: (code) => categories.get(code) ?? code,
    zasady: z,
  };
}
