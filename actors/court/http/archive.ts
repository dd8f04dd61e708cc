/**
 * The court's electronic archive (Засади 17.1):
 *
 *   GET  /archive/due                          due today, confirmed, built and waiting for the centre, refused (with the reason)
 *   POST /archive/cases/:court/:seq/:yy/confirm     the archivist confirms: the node builds the package
 *   POST /archive/cases/:court/:seq/:yy/execution   execution steps completed (categories that wait for it)
 *   GET  /archive/packages                     packages built, transferred, refused
 *   POST /archive/cases/:court/:seq/:yy/recall      the case requested back from the archive (journaled; the card opens again)
 *
 * The centre's receipt or refusal never comes through HTTP: only over the bus, from a central node.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { ErrorBodyV1, type RoleV1 } from '../../../contracts/court/index.ts';
import { ArchiveCaseViewV1, ArchiveListV1, ExecutionBodyV1, RecallBodyV1 } from '../../../contracts/court/archive.ts';
import { ARCHIVE_KIND } from '../archive/behavior.ts';
import { guard, principalOf } from './auth.ts';
import type { CourtHttpContext } from './context.ts';
import { CaseParamsV1, ueunOf } from './params.ts';

const errors = { 400: ErrorBodyV1, 401: ErrorBodyV1, 403: ErrorBodyV1, 404: ErrorBodyV1, 409: ErrorBodyV1, 422: ErrorBodyV1 };
const security = [{ bearer: [] }];
/** Who keeps the archive: the archivist; the head of staff acts for the archivist. */
const KEEPERS: RoleV1[] = ['archivist', 'head_of_staff'];
const READERS: RoleV1[] = ['archivist', 'head_of_staff', 'chief_judge', 'auditor'];

function meta(req: FastifyRequest) {
  const p = principalOf(req);
  return { meta: { author: p.login, role: p.role } };
}

export function archiveRoutes(ctx: CourtHttpContext) {
  const archive = () => ctx.system.ref(ARCHIVE_KIND, ctx.court);
  return async (app: FastifyInstance) => {
    app.get(
      '/archive/due',
      {
        onRequest: guard(ctx, READERS),
        schema: {
          tags: ['archive'],
          summary: 'Справи, що підлягають передачі до електронного архіву (Засади 17.1) / cases due for the archive',
          description: 'Due today under the court rules (archive.yaml), confirmed or built and waiting for the centre, and refused ones with the centre\'s reason.',
          security,
          response: { 200: ArchiveListV1, ...errors },
        },
      },
      async () => archive().ask({ type: 'due' }),
    );

    app.get(
      '/archive/packages',
      {
        onRequest: guard(ctx, READERS),
        schema: { tags: ['archive'], summary: 'Архівні пакети суду: сформовані, передані, відхилені / archival packages', security, response: { 200: ArchiveListV1, ...errors } },
      },
      async () => archive().ask({ type: 'packages' }),
    );

    app.post(
      '/archive/cases/:court/:seq/:yy/confirm',
      {
        onRequest: guard(ctx, KEEPERS),
        schema: {
          tags: ['archive'],
          summary: 'Підтвердити передачу справи до електронного архіву / confirm the transfer',
          description: 'Only a due case (422 ARCHIVE_NOT_DUE with the reason otherwise). The node then builds the archival package; the case is marked transferred only on the centre\'s receipt.',
          security,
          params: CaseParamsV1,
          response: { 201: Type.Object({ confirmed: Type.Boolean(), ueun: Type.String(), dueDate: Type.String() }), ...errors },
        },
      },
      async (req, reply) => reply.status(201).send(await archive().ask({ type: 'confirm', ueun: ueunOf(req.params as CaseParamsV1) }, meta(req))),
    );

    app.post(
      '/archive/cases/:court/:seq/:yy/execution',
      {
        onRequest: guard(ctx, KEEPERS),
        schema: {
          tags: ['archive'],
          summary: 'Внести відомості про завершення виконання / execution steps completed',
          security,
          params: CaseParamsV1,
          body: ExecutionBodyV1,
          response: { 201: Type.Object({ recorded: Type.Boolean(), ueun: Type.String(), date: Type.String() }), ...errors },
        },
      },
      async (req, reply) => reply.status(201).send(await archive().ask({ type: 'record-execution', ueun: ueunOf(req.params as CaseParamsV1), execution: req.body as ExecutionBodyV1 }, meta(req))),
    );

    app.post(
      '/archive/cases/:court/:seq/:yy/recall',
      {
        onRequest: guard(ctx, KEEPERS),
        schema: {
          tags: ['archive'],
          summary: 'Витребувати справу з електронного архіву / recall the case from the archive',
          description: 'Journaled with the reason and the author; the card shows the recall and accepts changes again.',
          security,
          params: CaseParamsV1,
          body: RecallBodyV1,
          response: { 201: Type.Object({ recalled: Type.Boolean(), ueun: Type.String(), packageId: Type.String() }), ...errors },
        },
      },
      async (req, reply) => reply.status(201).send(await archive().ask({ type: 'recall', ueun: ueunOf(req.params as CaseParamsV1), recall: req.body as RecallBodyV1 }, meta(req))),
    );

    app.get(
      '/archive/cases/:court/:seq/:yy',
      {
        onRequest: guard(ctx, READERS),
        schema: { tags: ['archive'], summary: 'Справа в архіві суду: стан, строк зберігання, пакети / one case', security, params: CaseParamsV1, response: { 200: ArchiveCaseViewV1, ...errors } },
      },
      async (req) => archive().ask({ type: 'case', ueun: ueunOf(req.params as CaseParamsV1) }),
    );
  };
}
