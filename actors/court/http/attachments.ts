/**
 * Scans attached to a card (Засади 3.2): POST the raw bytes, GET them back.
 * Stored content-addressed (`<data>/blobs/ab/cd/<sha256>`); the card's event
 * holds only the hash, size and type.
 */
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Readable } from 'node:stream';
import { AttachmentMetaV1, ErrorBodyV1, Sha256V1, type CardV1 } from '../../../contracts/court/index.ts';
import { TooLarge } from '../blobs/store.ts';
import { guard, principalOf } from './auth.ts';
import { caseAsker } from './case-ask.ts';
import { CASE_READERS, REGISTRY_STAFF, type CourtHttpContext } from './context.ts';
import { HttpRefusal } from './errors.ts';
import { CaseParamsV1, ueunOf } from './params.ts';

export const SCAN_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'image/tiff', 'application/octet-stream'];

/**
 * The name a scan is stored under: a display name, never a path. Path
 * separators become `_`; control and format characters (NUL, newlines, bidi
 * overrides that make `фдп.exe` look like `exe.пдф`) are dropped; leading dots
 * go (no `..`, no hidden names); spaces collapse. Letters of any script stay:
 * `Позовна заява (копія).pdf` is kept as is. Undefined when nothing is left.
 */
export function sanitizeFileName(name: string): string | undefined {
  const clean = name
    .normalize('NFC')
    .replace(/[\/\\]/g, '_')
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    .replace(/\s+/gu, ' ')
    .trim()
    .replace(/^[.\s]+/u, '');
  return clean.length > 0 ? clean.slice(0, 255) : undefined;
}

export function attachmentRoutes(ctx: CourtHttpContext) {
  const askCase = caseAsker(ctx);
  return async (app: FastifyInstance) => {
    // Raw bodies stay streams in this plugin only (encapsulated): they go straight to the blob store.
    app.addContentTypeParser(SCAN_TYPES, (_req, payload, done) => done(null, payload));

    app.post(
      '/cases/:court/:seq/:yy/attachments',
      {
        onRequest: guard(ctx, REGISTRY_STAFF),
        bodyLimit: ctx.maxScanBytes,
        schema: {
          tags: ['attachments'],
          summary: 'Додати скан-копію до картки / attach a scan',
          description: `Body: the file bytes (${SCAN_TYPES.join(', ')}). Optional ?fileName= (stored without path separators, control or format characters). The same content is stored once.`,
          security: [{ bearer: [] }],
          params: CaseParamsV1,
          querystring: Type.Object({ fileName: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })) }, { additionalProperties: false }),
          response: { 201: Type.Object({ attached: Type.Boolean(), sha256: Sha256V1, size: Type.Integer() }), 400: ErrorBodyV1, 404: ErrorBodyV1, 413: ErrorBodyV1, 415: ErrorBodyV1 },
        },
      },
      async (req, reply) => {
        const p = principalOf(req);
        const meta = { author: p.login, role: p.role };
        const ueun = ueunOf(req.params as CaseParamsV1);
        const mediaType = String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
        if (!SCAN_TYPES.includes(mediaType)) throw new HttpRefusal('UNSUPPORTED_MEDIA_TYPE', { allowed: SCAN_TYPES });
        const given = (req.query as { fileName?: string }).fileName;
        const fileName = given === undefined ? undefined : sanitizeFileName(given);
        // Refused before anything is stored: a name that is only separators or control characters names nothing.
        if (given !== undefined && fileName === undefined) throw new HttpRefusal('BAD_FILE_NAME', { fileName: given.slice(0, 100) });
        // The card first: no blob is kept for a case that does not exist.
        await askCase<CardV1>(ueun, { type: 'card' }, meta);
        let put: { sha256: string; size: number };
        try {
          put = await ctx.blobs.put(req.body as Readable, ctx.maxScanBytes);
        } catch (e) {
          if (e instanceof TooLarge) throw new HttpRefusal('BODY_TOO_LARGE', { maxBytes: e.maxBytes });
          throw e;
        }
        if (put.size === 0) throw new HttpRefusal('EMPTY_FILE');
        const attachment = { sha256: put.sha256, size: put.size, mediaType, ...(fileName ? { fileName } : {}) };
        const r = await askCase<{ attached: boolean; sha256: string }>(ueun, { type: 'attach', attachment }, meta);
        return reply.status(201).send({ ...r, size: put.size });
      },
    );

    app.get(
      '/cases/:court/:seq/:yy/attachments/:sha256',
      {
        onRequest: guard(ctx, CASE_READERS),
        schema: {
          tags: ['attachments'],
          summary: 'Завантажити скан-копію / download a scan',
          security: [{ bearer: [] }],
          params: Type.Object({ ...CaseParamsV1.properties, sha256: Sha256V1 }, { additionalProperties: false }),
          response: { 403: ErrorBodyV1, 404: ErrorBodyV1 },
        },
      },
      async (req, reply) => {
        const p = principalOf(req);
        const params = req.params as CaseParamsV1 & { sha256: string };
        const a = await askCase<AttachmentMetaV1>(ueunOf(params), { type: 'attachment', sha256: params.sha256 }, { author: p.login, role: p.role });
        if (!ctx.blobs.has(a.sha256)) throw new HttpRefusal('ATTACHMENT_NOT_FOUND', { sha256: a.sha256 });
        void reply.header('content-type', a.mediaType).header('content-length', String(a.size)).header('x-content-sha256', a.sha256);
        return reply.send(ctx.blobs.read(a.sha256));
      },
    );
  };
}
