/**
 * Incoming correspondence in a pending case (Засади 3.1–3.2):
 *
 *   POST /cases/:court/:seq/:yy/correspondence       register a document filed in the case → its journal number
 *   GET  /cases/:court/:seq/:yy/correspondence       the case's items (a judge: only in his own case)
 *   GET  /correspondence?year=&offset=&limit=        the journal of incoming correspondence, in number order
 *   GET  /correspondence/mine[?year=]                 the items handed to the logged-in judge
 *   GET  /control/correspondence-waiting[?format=]   items that wait for a judge (the case has none yet)
 *
 * DECIDED: the clerk registers a document in a pending case on the CASE (its ЄУН in the path, as every card
 * route), not through POST /registrations. A clerk holding a motion, a reply or a counterclaim is not opening
 * a case: the document names the case, and what the clerk needs is its own number in the journal of incoming
 * correspondence, the case's card and the judge who has the case — no new ЄУН (3.3), no new proceeding (3.4),
 * no distribution (4.17: a counterclaim in an open case goes to the judge already assigned). The proceeding it
 * was filed in is named in the body; a case with one proceeding needs no name.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import {
  CardCorrespondenceV1,
  CorrespondenceBodyV1,
  CorrespondenceReplyV1,
  CovertFieldsV1,
  ErrorBodyV1,
  JournalPageV1,
  JournalQueryV1,
  type CardV1,
  type CorrespondenceInputV1,
  type CorrespondenceRegisteredV1,
  type CorrespondenceWaitingListV1,
  type RoleV1,
  type SealedV1,
} from '../../../contracts/court/index.ts';
import { ControlQueryV1 } from '../../../contracts/court/control.ts';
import { CORRESPONDENCE_KIND, correspondenceWaitingHtml, correspondenceWaitingText, waitingCorrespondenceRows } from '../correspondence/index.ts';
import type { WaitingCandidate } from '../correspondence/control.ts';
import type { CaseDistribution } from '../control/index.ts';
import { CASE_KIND } from '../case/behavior.ts';
import { DISTRIBUTION_KIND } from '../distribution/env.ts';
import { USERS_KIND } from '../users/behavior.ts';
import { judgeNames } from '../public/lists.ts';
import { covertAad } from '../covert/vault.ts';
import { isCalendarDate, kyivDate } from '../dates.ts';
import { distributionRoster } from './distribution.ts';
import { CONTROL_READERS } from './control.ts';
import { caseAsker } from './case-ask.ts';
import { guard, principalOf } from './auth.ts';
import { asUser, CASE_READERS, REGISTRY_STAFF, type CourtHttpContext } from './context.ts';
import { HttpRefusal } from './errors.ts';
import { CaseParamsV1, ueunOf } from './params.ts';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,100}$/;
const errors = { 400: ErrorBodyV1, 401: ErrorBodyV1, 403: ErrorBodyV1, 404: ErrorBodyV1, 422: ErrorBodyV1, 503: ErrorBodyV1 };
const security = [{ bearer: [] }];
/** Who reads the court-wide journal: the registry, the head of staff, the chief judge and the auditor (a judge reads his cases'). */
const JOURNAL_READERS: RoleV1[] = ['registrar', 'head_of_staff', 'chief_judge', 'auditor'];
const PARALLEL = 32;

type Meta = { author: string; role: string };
const metaOf = (req: FastifyRequest): Meta => {
  const p = principalOf(req);
  return { author: p.login, role: p.role };
};

export function correspondenceRoutes(ctx: CourtHttpContext) {
  const askCase = caseAsker(ctx);
  const journal = () => ctx.system.ref(CORRESPONDENCE_KIND, ctx.court);

  /** Judges' full names (Засади roster, then the users' records) — never a login in a reply for people. */
  async function names() {
    const roster = ctx.system.hasKind(DISTRIBUTION_KIND) ? await distributionRoster(ctx) : null;
    const users = await ctx.system.ref(USERS_KIND, ctx.court).ask<Array<{ login: string; fullName: string; role: string }>>({ type: 'list' });
    return { roster, nameOf: judgeNames(roster?.allJudges ?? [], users.filter((u) => u.role === 'judge')) };
  }

  /** The proceeding the document was filed in: named, or the case's only one. */
  function proceedingOf(card: CardV1, named: string | undefined): string {
    if (named !== undefined) {
      if (!card.proceedings.some((p) => p.proceedingNumber === named)) throw new HttpRefusal('PROCEEDING_NOT_FOUND', { proceedingNumber: named });
      return named;
    }
    if (card.proceedings.length !== 1) throw new HttpRefusal('PROCEEDING_REQUIRED', { proceedings: card.proceedings.map((p) => p.proceedingNumber) });
    return card.proceedings[0]!.proceedingNumber;
  }

  return async (app: FastifyInstance) => {
    app.post(
      '/cases/:court/:seq/:yy/correspondence',
      {
        onRequest: guard(ctx, REGISTRY_STAFF),
        schema: {
          tags: ['correspondence'],
          summary: 'Зареєструвати вхідний документ у справі, що перебуває в провадженні / register a document filed in a pending case',
          description:
            'Засади 3.1–3.2: a number in the journal of incoming correspondence (`<seq>/<yy>`, gap-free per year), on the card of the case, ' +
            'handed to the presiding judge of the proceeding (or waiting for one: GET /control/correspondence-waiting). No new ЄУН, no new proceeding, ' +
            'no distribution — a counterclaim keeps the proceeding (4.17). Not on the arrival day → `late` with the head of staff’s order (3.1). ' +
            'Covert fields (3.1 ¶2) are encrypted before anything is stored. Header `Idempotency-Key` (8–100 chars) makes retries safe.',
          security,
          params: CaseParamsV1,
          headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ pattern: IDEMPOTENCY_KEY.source })) }),
          body: CorrespondenceBodyV1,
          response: { 201: CorrespondenceReplyV1, ...errors },
        },
      },
      async (req, reply) => {
        const p = principalOf(req);
        const ueun = ueunOf(req.params as CaseParamsV1);
        const { covert, ...body } = req.body as CorrespondenceBodyV1;
        // The case must exist (else 404 CASE_NOT_FOUND, nothing written): read before any number is taken.
        const card = await askCase<CardV1>(ueun, { type: 'card' }, metaOf(req));
        const item: CorrespondenceInputV1 = { ...body, ueun, proceedingNumber: proceedingOf(card, body.proceedingNumber), covertCase: card.covert };
        if (covert) {
          if (!ctx.key) throw new HttpRefusal('COVERT_KEY_MISSING');
          item.covert = ctx.key.seal(covert, covertAad(ctx.court));
        }
        const key = req.headers['idempotency-key'];
        const r = await journal().ask<CorrespondenceRegisteredV1>({ type: 'register', item }, asUser(p, typeof key === 'string' ? { commandId: `correspondence:${p.login}:${key}` } : {}));
        // The journal also tells the card (and re-sends after a crash); asking here puts the hand-over in the reply. Idempotent.
        const onCard = await askCase<{ handedTo: string | null }>(ueun, { type: 'record-correspondence', registered: r }, metaOf(req));
        const handedTo = onCard.handedTo === null ? null : (await names()).nameOf(onCard.handedTo);
        const out: CorrespondenceReplyV1 = {
          number: r.number,
          seq: r.seq,
          year: r.year,
          ueun,
          proceedingNumber: r.item.proceedingNumber,
          registeredAt: new Date(r.registeredAt).toISOString(),
          registrationDate: r.registrationDate,
          arrivalDate: r.item.arrivalDate,
          late: r.item.late !== undefined,
          covert: r.item.covert !== undefined,
          handedTo,
        };
        return reply.status(201).send(out);
      },
    );

    app.get(
      '/cases/:court/:seq/:yy/correspondence',
      {
        onRequest: guard(ctx, CASE_READERS),
        schema: {
          tags: ['correspondence'],
          summary: 'Вхідна кореспонденція у справі / incoming correspondence of the case',
          description: 'A judge reads it only in a case assigned to him; covert fields (3.1 ¶2) only the presiding judge of the item’s proceeding.',
          security,
          params: CaseParamsV1,
          response: {
            200: Type.Object({ ueun: Type.String(), items: Type.Array(Type.Object({ ...CardCorrespondenceV1.properties, covertFields: Type.Optional(CovertFieldsV1) })) }),
            ...errors,
          },
        },
      },
      async (req, reply) => {
        const ueun = ueunOf(req.params as CaseParamsV1);
        const r = await askCase<{ ueun: string; items: CardCorrespondenceV1[]; sealed: Array<{ number: string; sealed: SealedV1 }> }>(ueun, { type: 'correspondence' }, metaOf(req));
        if (r.sealed.length === 0) return { ueun, items: r.items };
        if (!ctx.key) throw new HttpRefusal('COVERT_KEY_MISSING');
        const key = ctx.key;
        const open = new Map(r.sealed.map((s) => [s.number, key.open(s.sealed, covertAad(ctx.court))]));
        // Never cached: the plaintext exists only in this answer.
        void reply.header('cache-control', 'no-store');
        return { ueun, items: r.items.map((i) => (open.has(i.number) ? { ...i, covertFields: open.get(i.number)! } : i)) };
      },
    );

    app.get(
      '/correspondence',
      {
        onRequest: guard(ctx, JOURNAL_READERS),
        schema: {
          tags: ['correspondence'],
          summary: 'Журнал вхідної кореспонденції за рік / the journal of incoming correspondence',
          description: 'In number order; `year` defaults to the current one (Kyiv). An item of a covert case shows neither sender nor content (3.1 ¶2).',
          security,
          querystring: JournalQueryV1,
          response: { 200: JournalPageV1, ...errors },
        },
      },
      async (req) => {
        const q = req.query as JournalQueryV1;
        return journal().ask({ type: 'list', year: q.year ?? Number(kyivDate(Date.now()).slice(0, 4)), offset: q.offset ?? 0, limit: q.limit ?? 50 });
      },
    );

    app.get(
      '/correspondence/mine',
      {
        onRequest: guard(ctx, ['judge']),
        schema: {
          tags: ['correspondence'],
          summary: 'Вхідні документи, передані мені як головуючому судді / documents handed to me',
          description: 'The items of the year (default: the current one, Kyiv) handed to the logged-in judge, in number order.',
          security,
          querystring: Type.Object({ year: JournalQueryV1.properties.year }, { additionalProperties: false }),
          response: { 200: Type.Object({ year: Type.Integer(), items: JournalPageV1.properties.items }), ...errors },
        },
      },
      async (req) => {
        const q = req.query as { year?: number };
        return journal().ask({ type: 'handed-to', judge: principalOf(req).login, year: q.year ?? Number(kyivDate(Date.now()).slice(0, 4)) });
      },
    );

    app.get(
      '/control/correspondence-waiting',
      {
        onRequest: guard(ctx, CONTROL_READERS),
        schema: {
          tags: ['control'],
          summary: 'Вхідні документи, що очікують передачі судді (у справі ще немає судді) / correspondence waiting for a judge',
          security,
          querystring: ControlQueryV1,
          response: { 200: Type.Unknown(), ...errors },
        },
      },
      async (req, reply: FastifyReply) => {
        const q = req.query as ControlQueryV1;
        const date = q.date ?? kyivDate(Date.now());
        if (!isCalendarDate(date)) throw new HttpRefusal('BAD_DATE', { date });
        const list = await waitingList(date);
        if (q.format === 'html') return reply.type('text/html; charset=utf-8').send(correspondenceWaitingHtml(list));
        if (q.format === 'text') return reply.type('text/plain; charset=utf-8').send(correspondenceWaitingText(list));
        return list;
      },
    );
  };

  async function waitingList(date: string): Promise<CorrespondenceWaitingListV1> {
    const { items } = await journal().ask<{ items: WaitingCandidate[] }>({ type: 'waiting' });
    const cards = new Map<string, CardV1>();
    const ueuns = [...new Set(items.map((i) => i.ueun))];
    for (let i = 0; i < ueuns.length; i += PARALLEL) {
      const got = await Promise.all(ueuns.slice(i, i + PARALLEL).map((u) => ctx.system.ref(CASE_KIND, u).ask<CardV1>({ type: 'card' }).catch(() => null)));
      for (const c of got) if (c) cards.set(c.ueun, c);
    }
    const { roster, nameOf } = await names();
    const distribution = new Map<string, CaseDistribution>();
    if (roster) {
      for (const pn of new Set(items.map((i) => i.proceedingNumber))) {
        const d = await ctx.system.ref(DISTRIBUTION_KIND, ctx.court).ask<CaseDistribution>({ type: 'read-case', caseId: pn }).catch(() => undefined);
        if (d) distribution.set(pn, d);
      }
    }
    const z = roster ? await ctx.system.ref(DISTRIBUTION_KIND, ctx.court).ask<{ court?: { name?: string } }>({ type: 'read-zasady' }).catch(() => null) : null;
    return {
      list: 'correspondence-waiting',
      court: { code: ctx.court, name: z?.court?.name ?? `Суд ${ctx.court}` },
      date,
      generatedAt: new Date().toISOString(),
      rows: waitingCorrespondenceRows(items, cards, distribution, nameOf),
    };
  }
}
