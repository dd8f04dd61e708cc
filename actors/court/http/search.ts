/**
 * The console's reads (issue 16): case search for the registry staff and the
 * judges (`GET /cases/search`), the names the console shows
 * (`GET /directory`: the court, judges by full name, the Засади categories
 * and proceeding indexes by name — a registrar picks a category by name,
 * never by id) and the court's name for the login page (`GET /public/court`).
 *
 *   curl -s "$U/cases/search?q=іваненко&from=2026-01-01&limit=20" -H "authorization: Bearer $T"
 *   // → { total, offset, limit, items: [{ ueun, proceedingNumber, registrationDate, document, parties, category: {id,name}, judge: {id,fullName} }] }
 */
import type { FastifyInstance } from 'fastify';
import {
  CaseSearchQueryV1,
  CaseSearchReplyV1,
  DirectoryV1,
  ErrorBodyV1,
  PROCEEDING_INDEXES,
  PublicCourtV1,
  type CaseSearchItemV1,
  type RegistrySearchReplyV1,
  type RegistrySearchV1,
} from '../../../contracts/court/index.ts';
import type { AssignmentsReply } from '../../../contracts/court/distribution.ts';
import { AsdsError } from '../../../runtime/index.ts';
import { REGISTRY_KIND } from '../registry/behavior.ts';
import { DISTRIBUTION_KIND } from '../distribution/index.ts';
import { USERS_KIND } from '../users/behavior.ts';
import { guard } from './auth.ts';
import { CASE_READERS, type CourtHttpContext } from './context.ts';
import { distributionRoster, zasadyJudgeOf } from './distribution.ts';
import { printNames } from './print-names.ts';

const errors = { 400: ErrorBodyV1, 401: ErrorBodyV1, 403: ErrorBodyV1 };
const security = [{ bearer: [] }];

/** Names of the typical proceeding indexes (distribution-spec §1), for a court that runs without its Засади. */
const INDEX_NAMES: Record<string, string> = {
  '1-кп': 'Кримінальні провадження',
  '1-кс': 'Матеріали слідчого судді',
  '1-в': 'Виконання вироків',
  '2': 'Цивільні справи позовного провадження',
  '2-о': 'Цивільні справи окремого провадження',
  '2-н': 'Наказне провадження',
  '2-а': 'Адміністративні справи',
  '3': 'Справи про адміністративні правопорушення',
  '4-с': 'Судовий контроль за виконанням рішень',
  '6': 'Інші матеріали',
};

/** The distribution actor's answer, or `fallback` on a node without distribution (NOT_OWNER) — said by an empty result, not an error. */
async function askDistribution<T>(ctx: CourtHttpContext, cmd: Record<string, unknown>, fallback: T): Promise<T> {
  try {
    return await ctx.system.ref(DISTRIBUTION_KIND, ctx.court).ask<T>(cmd);
  } catch (e) {
    if (e instanceof AsdsError && ['NOT_OWNER', 'NO_ZASADY', 'ASSIGNMENTS_UNAVAILABLE'].includes(e.code)) return fallback;
    throw e;
  }
}

/** Proceedings where `judge` (login or Засади id) presides, by the distribution record (Засади 4.7: only its protocols assign). */
async function presidedBy(ctx: CourtHttpContext, judge: string): Promise<string[]> {
  const id = zasadyJudgeOf(await distributionRoster(ctx), judge);
  if (!id) return [];
  const r = await askDistribution<AssignmentsReply | null>(ctx, { type: 'read-assignments', judgeId: id, limit: 10_000 }, null);
  return (r?.assignments ?? []).filter((a) => a.form === 'presiding').map((a) => a.caseId);
}

/** The presiding judge of a proceeding now (its current protocol), or null. */
async function presidingOf(ctx: CourtHttpContext, proceedingNumber: string): Promise<string | null> {
  const r = await askDistribution<{ assignment: { presiding?: string } | null }>(ctx, { type: 'read-case', caseId: proceedingNumber }, { assignment: null });
  return r.assignment?.presiding ?? null;
}

export function searchRoutes(ctx: CourtHttpContext) {
  return async (app: FastifyInstance) => {
    app.get(
      '/cases/search',
      {
        onRequest: guard(ctx, CASE_READERS),
        schema: {
          tags: ['cases'],
          summary: 'Пошук справ (ЄУН, сторони, дати, категорія, суддя) / case search',
          description:
            '`q` matches the ЄУН, the proceeding number, the parties, the sender, the title and the essence (case-insensitive); `from`/`to` bound the registration date (inclusive); ' +
            '`judge` is the presiding judge by the distribution record. Newest first. Covert fields are never searched or shown (Засади 3.1 ¶2).',
          security,
          querystring: CaseSearchQueryV1,
          response: { 200: CaseSearchReplyV1, ...errors },
        },
      },
      async (req) => {
        const q = req.query as CaseSearchQueryV1;
        const limit = q.limit ?? 50;
        const offset = q.offset ?? 0;
        const { judge, limit: _l, offset: _o, ...filters } = q;
        const cmd: RegistrySearchV1 = { type: 'search', ...filters, offset, limit, ...(judge ? { proceedings: await presidedBy(ctx, judge) } : {}) };
        const found = await ctx.system.ref(REGISTRY_KIND, ctx.court).ask<RegistrySearchReplyV1>(cmd);
        const names = await printNames(ctx);
        const judges = await Promise.all(found.items.map((h) => presidingOf(ctx, h.proceedingNumber)));
        const items: CaseSearchItemV1[] = found.items.map((h, i) => ({
          ...h,
          category: h.category ? { id: h.category, name: names.category(h.category) } : null,
          judge: judges[i] ? { id: judges[i]!, fullName: names.judge(judges[i]!) } : null,
        }));
        return { total: found.total, offset, limit, items };
      },
    );

    app.get(
      '/directory',
      {
        onRequest: guard(ctx),
        schema: { tags: ['console'], summary: 'Довідник для консолі: суд, судді, категорії, індекси / names for the console', security, response: { 200: DirectoryV1, 401: ErrorBodyV1 } },
      },
      async () => {
        const [names, roster, users] = await Promise.all([
          printNames(ctx),
          distributionRoster(ctx),
          ctx.system.ref(USERS_KIND, ctx.court).ask<Array<{ login: string; fullName: string; role: string }>>({ type: 'list' }),
        ]);
        const z = names.zasady;
        const inZasady = new Set((roster?.allJudges ?? []).map((j) => j.id.toLowerCase()));
        const judges = [
          ...(roster?.allJudges ?? []).map((j) => ({ id: j.id, fullName: j.name, inZasady: true })),
          // judge accounts outside the Засади roster (absences kept by the judge actor) — by the account's full name
          ...users.filter((u) => u.role === 'judge' && !inZasady.has(u.login.toLowerCase())).map((u) => ({ id: u.login, fullName: u.fullName, inZasady: false })),
        ].sort((a, b) => a.fullName.localeCompare(b.fullName, 'uk'));
        const indexes = z ? z.proceedingIndexes.map((p) => ({ index: p.index, name: p.name })) : PROCEEDING_INDEXES.map((index) => ({ index, name: INDEX_NAMES[index] ?? index }));
        return {
          court: { code: ctx.court, name: names.court },
          judges,
          categories: (z?.categories ?? []).map((c) => ({ id: c.id, name: c.name, proceedingIndex: c.proceedingIndex })),
          indexes,
        };
      },
    );

    app.get(
      '/public/court',
      { schema: { tags: ['public'], summary: 'Назва суду (для сторінки входу) / the court’s name', response: { 200: PublicCourtV1 } } },
      async () => ({ code: ctx.court, name: (await printNames(ctx)).court }),
    );
  };
}
