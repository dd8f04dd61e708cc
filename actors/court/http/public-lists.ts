/**
 * Public daily lists (Засади 12.4.1–12.4.5) — NO authentication on `/public/*`:
 *
 *   GET /public/lists?date=YYYY-MM-DD[&format=html]      composed now, on demand
 *   GET /public/snapshots/:date[?format=html]            the day's published snapshot (daily reminder, 20:00 Kyiv)
 *
 * and the staff side (registry staff), each an ask to the `public-lists` actor with the user as author:
 *
 *   POST /public-lists/restrictions   parties and essence of a case are not published (12.4 last ¶)
 *   POST /public-lists/hearings       a hearing (12.4.1)
 *   POST /public-lists/announcements  an announcement (12.4.5)
 *   POST /public-lists/publications   start a snapshot now (the daily reminder does the same)
 *
 * Redaction and the covert rule live in `../public/lists.ts`, shared by both paths.
 */
import { PRINT_CSS } from '../print-style.ts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type, type TSchema } from '@sinclair/typebox';
import { ErrorBodyV1, type CardV1, type CaseListV1, type RoleV1 } from '../../../contracts/court/index.ts';
import { DateV1 } from '../../../contracts/court/common.ts';
import { AnnouncementV1, HearingV1, PublishBodyV1, RestrictionV1 } from '../../../contracts/court/public-lists.ts';
import { kyivDate, isCalendarDate } from '../dates.ts';
import { REGISTRY_KIND } from '../registry/behavior.ts';
import { CASE_KIND } from '../case/behavior.ts';
import { PUBLIC_LISTS_KIND } from '../public/behavior.ts';
import { addEntries, cardEntries, emptyLists, judgeNames, listsHtml, sortLists, type Announcement, type Hearing, type JudgeNames, type PublicLists } from '../public/lists.ts';
import { USERS_KIND } from '../users/behavior.ts';
import { distributionRoster } from './distribution.ts';
import { printNames } from './print-names.ts';
import { guard, principalOf } from './auth.ts';
import { asUser, REGISTRY_STAFF, type CourtHttpContext } from './context.ts';
import { recordErrorHandler } from './jurors.ts';
import { HttpRefusal } from './errors.ts';

const obj = (props: Parameters<typeof Type.Object>[0]) => Type.Object(props, { additionalProperties: false });
const errors = { 200: Type.Unknown(), 201: Type.Unknown(), 400: ErrorBodyV1, 401: ErrorBodyV1, 403: ErrorBodyV1, 404: ErrorBodyV1, 422: ErrorBodyV1 };
const Format = Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('html')]));
const STAFF: RoleV1[] = [...REGISTRY_STAFF];
const security = [{ bearer: [] }];

interface ActorView {
  restricted: string[];
  hearings: Hearing[];
  announcements: Announcement[];
  published: PublicLists | null;
}

export function publicListRoutes(ctx: CourtHttpContext) {
  const lists = () => ctx.system.ref(PUBLIC_LISTS_KIND, ctx.court);
  const view = (date: string) => lists().ask<ActorView>({ type: 'read', date });

  /** Judges' full names (12.4.3: the composition by name, never a login): the Засади roster, then the user accounts. */
  async function names(): Promise<JudgeNames> {
    const roster = await distributionRoster(ctx);
    const users = await ctx.system.ref(USERS_KIND, ctx.court).ask<Array<{ login: string; fullName: string; role: string }>>({ type: 'list' });
    return judgeNames(roster?.allJudges ?? [], users.filter((u) => u.role === 'judge'));
  }

  /** The day's lists composed now from the registry and the cards (same rules as the snapshot). */
  async function compose(date: string): Promise<PublicLists> {
    const v = await view(date);
    const nameOf = await names();
    const restricted = new Set(v.restricted);
    const out = emptyLists(ctx.court, date, Date.now(), v.announcements);
    const registry = ctx.system.ref(REGISTRY_KIND, ctx.court);
    for (let offset = 0; ; ) {
      const page = await registry.ask<CaseListV1>({ type: 'list', offset, limit: 500 });
      const ueuns = [...new Set(page.items.filter((i) => !i.covert && i.registrationDate <= date).map((i) => i.ueun))];
      for (let i = 0; i < ueuns.length; i += 32) {
        const cards = await Promise.all(ueuns.slice(i, i + 32).map((u) => ctx.system.ref(CASE_KIND, u).ask<CardV1>({ type: 'card' }).catch(() => null)));
        for (const card of cards) if (card) addEntries(out, cardEntries(ctx.court, card, date, restricted.has(card.ueun), v.hearings, nameOf));
      }
      offset += page.items.length;
      if (page.items.length === 0 || offset >= page.total) break;
    }
    return sortLists(out);
  }

  const dateOf = (d: string | undefined) => {
    const date = d ?? kyivDate(Date.now());
    if (!isCalendarDate(date)) throw new HttpRefusal('BAD_DATE', { date });
    return date;
  };

  return async (app: FastifyInstance) => {
    app.setErrorHandler(recordErrorHandler(ctx));
    // The daily reminder is armed once per court (idempotent; durable in the actor).
    app.addHook('onReady', async () => void (await lists().ask({ type: 'arm' }, { meta: { author: 'system:public-lists', role: 'system' } })));

    // the printable pages' stylesheet, from the node itself (no external host; CSP `style-src 'self'`)
    app.get('/public/print.css', { schema: { tags: ['public'], summary: 'Стиль друкованих сторінок (A4) / print stylesheet' } }, async (_req, reply) =>
      reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(PRINT_CSS),
    );
    app.get(
      '/public/lists',
      { schema: { tags: ['public'], summary: 'Щоденні списки (Засади 12.4.1–12.4.5), складені зараз / daily public lists, composed now', querystring: obj({ date: Type.Optional(DateV1), format: Format }), response: errors } },
      async (req, reply) => {
        const q = req.query as { date?: string; format?: string };
        const l = await compose(dateOf(q.date));
        return q.format === 'html' ? reply.type('text/html; charset=utf-8').send(listsHtml(l, (await printNames(ctx, l.date)).court)) : l;
      },
    );
    app.get(
      '/public/snapshots/:date',
      { schema: { tags: ['public'], summary: 'Опубліковані списки дня (щоденне нагадування) / the day’s published snapshot', params: obj({ date: DateV1 }), querystring: obj({ format: Format }), response: errors } },
      async (req, reply) => {
        const date = dateOf((req.params as { date: string }).date);
        const v = await view(date);
        if (!v.published) throw new HttpRefusal('NOT_FOUND', { date });
        // a snapshot published before numeric ordering is shown in it (the journaled snapshot is not changed)
        const l = sortLists(structuredClone(v.published));
        return (req.query as { format?: string }).format === 'html' ? reply.type('text/html; charset=utf-8').send(listsHtml(l, (await printNames(ctx, date)).court)) : l;
      },
    );

    const post = (url: string, summary: string, body: TSchema, cmd: (req: FastifyRequest) => Promise<unknown>) =>
      app.post(url, { onRequest: guard(ctx, STAFF), schema: { tags: ['public'], summary, security, body, response: errors } }, async (req, reply) => reply.status(201).send(await lists().ask(await cmd(req), asUser(principalOf(req)))));
    /** The case must exist (and its card be readable) before the lists refer to it. */
    const mustExist = async (ueun: string) => {
      await ctx.system.ref(CASE_KIND, ueun).ask({ type: 'card' });
    };

    post('/public-lists/restrictions', 'Не оприлюднювати сторони та суть справи (12.4) / restrict parties and essence', RestrictionV1, async (req) => {
      const b = req.body as { ueun: string; reason: string; basis: { number: string; date: string } };
      await mustExist(b.ueun);
      return { type: 'restrict', restriction: b };
    });
    post(
      '/public-lists/hearings',
      'Судове засідання (12.4.1) / a hearing',
      HearingV1,
      async (req) => {
        const h = req.body as Hearing;
        dateOf(h.date);
        await mustExist(h.ueun);
        return { type: 'add-hearing', hearing: h };
      },
    );
    post('/public-lists/announcements', 'Оголошення у справі (12.4.5) / an announcement', AnnouncementV1, async (req) => {
      const a = req.body as Announcement;
      dateOf(a.date);
      if (a.ueun) await mustExist(a.ueun);
      return { type: 'add-announcement', announcement: a };
    });
    post('/public-lists/publications', 'Сформувати знімок списків зараз / publish a snapshot now', PublishBodyV1, async (req) => {
      const d = (req.body as { date?: string }).date;
      return { type: 'publish', date: dateOf(d) };
    });
  };
}
