/**
 * The staff's daily control lists (issue 13 item 10), read-only:
 *
 *   GET /control/undistributed?date=YYYY-MM-DD[&format=html|text]   registered that day, not distributed (Засади 4.1), with the reason
 *   GET /control/not-handed-over?date=…[&format=…]                  file not handed to the presiding judge by the next working day (4.18)
 *   GET /control/waiting[?format=…]                                 waiting for a judge or for distribution, with the forecast (4.10, 5.4); always as of now
 *
 * Roles: the staff who run distribution (registrar, distribution officer, 4.4) and the head of staff.
 * Every read is an ask to the actors (registry list, case cards, distribution reads), as the public lists
 * compose theirs; the lists themselves are composed by the pure functions of `../control/`.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type } from '@sinclair/typebox';
import { ErrorBodyV1, type CardV1, type CaseListItemV1, type CaseListV1, type RoleV1 } from '../../../contracts/court/index.ts';
import { ControlQueryV1, WaitingQueryV1, type ControlListV1 } from '../../../contracts/court/control.ts';
import { defaultCalendarConfig, loadCalendar } from '../../distribution/calendar.ts';
import type { IsoDate } from '../../distribution/dates.ts';
import { controlHtml, controlText, notHandedOverRows, undistributedRows, waitingRows, type CaseDistribution } from '../control/index.ts';
import type { WaitingRow } from '../distribution/reads.ts';
import { DISTRIBUTION_KIND } from '../distribution/env.ts';
import { judgeNames } from '../public/lists.ts';
import { REGISTRY_KIND } from '../registry/behavior.ts';
import { CASE_KIND } from '../case/behavior.ts';
import { USERS_KIND } from '../users/behavior.ts';
import { kyivDate, isCalendarDate } from '../dates.ts';
import { distributionRoster } from './distribution.ts';
import { guard } from './auth.ts';
import type { CourtHttpContext } from './context.ts';
import { recordErrorHandler } from './jurors.ts';
import { HttpRefusal } from './errors.ts';

/** Who reads the control lists: the staff who run distribution (4.4) and the head of staff. */
export const CONTROL_READERS: RoleV1[] = ['registrar', 'distribution_officer', 'head_of_staff'];
const security = [{ bearer: [] }];
const response = { 200: Type.Unknown(), 400: ErrorBodyV1, 401: ErrorBodyV1, 403: ErrorBodyV1 };
/** Cards read at once while composing a list. */
const PARALLEL = 32;

export function controlRoutes(ctx: CourtHttpContext) {
  const calendar = ctx.calendar ?? loadCalendar(defaultCalendarConfig());
  const dist = () => ctx.system.ref(DISTRIBUTION_KIND, ctx.court);

  /** The court's full name and category names from the Засади in force; the code alone when there are none. */
  async function zasadyNames(hasRoster: boolean): Promise<{ court: string; category: (id: string) => string }> {
    const z = hasRoster ? await dist().ask<{ court?: { name?: string }; categories?: Array<{ id: string; name: string }> }>({ type: 'read-zasady' }).catch(() => null) : null;
    const categories = new Map((z?.categories ?? []).map((c) => [c.id, c.name]));
    return { court: z?.court?.name ?? `Суд ${ctx.court}`, category: (id) => categories.get(id) ?? id };
  }

  async function context() {
    // A court started without its Засади (--no-distribution) has no distribution actor: nothing is drawn.
    const roster = ctx.system.hasKind(DISTRIBUTION_KIND) ? await distributionRoster(ctx) : null;
    const users = await ctx.system.ref(USERS_KIND, ctx.court).ask<Array<{ login: string; fullName: string; role: string }>>({ type: 'list' });
    const z = await zasadyNames(roster !== null);
    return { roster, nameOf: judgeNames(roster?.allJudges ?? [], users.filter((u) => u.role === 'judge')), ...z };
  }

  /** Registry items passing `keep`, with their cards. */
  async function cardsOf(keep: (i: CaseListItemV1) => boolean): Promise<{ items: CaseListItemV1[]; cards: Map<string, CardV1> }> {
    const items: CaseListItemV1[] = [];
    const registry = ctx.system.ref(REGISTRY_KIND, ctx.court);
    for (let offset = 0; ; ) {
      const page = await registry.ask<CaseListV1>({ type: 'list', offset, limit: 500 });
      items.push(...page.items.filter(keep));
      offset += page.items.length;
      if (page.items.length === 0 || offset >= page.total) break;
    }
    const cards = new Map<string, CardV1>();
    const ueuns = [...new Set(items.map((i) => i.ueun))];
    for (let i = 0; i < ueuns.length; i += PARALLEL) {
      const got = await Promise.all(ueuns.slice(i, i + PARALLEL).map((u) => ctx.system.ref(CASE_KIND, u).ask<CardV1>({ type: 'card' }).catch(() => null)));
      for (const c of got) if (c) cards.set(c.ueun, c);
    }
    return { items, cards };
  }

  const dateOf = (d: string | undefined): IsoDate => {
    const date = d ?? kyivDate(Date.now());
    if (!isCalendarDate(date)) throw new HttpRefusal('BAD_DATE', { date });
    return date as IsoDate;
  };

  const send = (reply: FastifyReply, format: string | undefined, l: ControlListV1) => {
    if (format === 'html') return reply.type('text/html; charset=utf-8').send(controlHtml(l));
    if (format === 'text') return reply.type('text/plain; charset=utf-8').send(controlText(l));
    return l;
  };

  return async (app: FastifyInstance) => {
    app.setErrorHandler(recordErrorHandler(ctx));
    const route = (url: string, summary: string, compose: (date: IsoDate) => Promise<ControlListV1>, querystring: typeof ControlQueryV1 | typeof WaitingQueryV1 = ControlQueryV1) =>
      app.get(url, { onRequest: guard(ctx, CONTROL_READERS), schema: { tags: ['control'], summary, security, querystring, response } }, async (req, reply) => {
        const q = req.query as ControlQueryV1;
        return send(reply, q.format, await compose(dateOf(q.date)));
      });

    route('/control/undistributed', 'Зареєстровані й не розподілені за день, з причиною (Засади 4.1) / registered that day, not distributed', async (date) => {
      const c = await context();
      const { items, cards } = await cardsOf((i) => i.registrationDate === date);
      const distribution = new Map<string, CaseDistribution>();
      if (c.roster) {
        const open = items.filter((i) => !cards.get(i.ueun)?.proceedings.find((p) => p.proceedingNumber === i.proceedingNumber)?.assignment);
        for (const i of open) distribution.set(i.proceedingNumber, await dist().ask<CaseDistribution>({ type: 'read-case', caseId: i.proceedingNumber }));
      }
      const rows = undistributedRows({ court: ctx.court, items, cards, distribution, roster: c.roster, nameOf: c.nameOf, categoryName: c.category });
      return { list: 'undistributed', court: { code: ctx.court, name: c.court }, date, generatedAt: new Date().toISOString(), rows };
    });

    route('/control/not-handed-over', 'Справи, не передані головуючому судді до кінця наступного робочого дня (Засади 4.18) / files not handed to the judge in time', async (date) => {
      const c = await context();
      const { cards } = await cardsOf((i) => i.registrationDate <= date);
      const rows = notHandedOverRows(cards.values(), date, calendar, c.nameOf, c.category);
      return { list: 'not-handed-over', court: { code: ctx.court, name: c.court }, date, generatedAt: new Date().toISOString(), rows };
    });

    route('/control/waiting', 'Справи, що очікують суддю або можливості розподілу, з прогнозом (Засади 4.10, 5.4) / cases waiting, with the forecast', async (date) => {
      const c = await context();
      const waiting = c.roster ? (await dist().ask<{ waiting: WaitingRow[] }>({ type: 'read-waiting' })).waiting : [];
      return { list: 'waiting', court: { code: ctx.court, name: c.court }, date, generatedAt: new Date().toISOString(), rows: waitingRows(waiting, c.nameOf, c.category) };
    }, WaitingQueryV1);
  };
}
