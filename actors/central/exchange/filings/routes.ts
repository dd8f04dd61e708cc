/**
 * The exchange API for procedural documents (exchange order 2024, §A; OASIS ECF 5 style), on the hub's mTLS
 * listener — the organisation is always the client certificate's (`ctx.organisationOf`), never the body's:
 *
 *   POST /exchange/v1/filings              file a signed document into a court case → 202 receipt { filingId, receivedAt, status: 'queued' }
 *   GET  /exchange/v1/filings/:id          its state: queued → delivered → registered | refused (another organisation's id: 404)
 *   GET  /exchange/v1/notices?after=&limit= the organisation's notices (registered / refused), in order, from a cursor
 *   GET  /exchange/v1/inbox?after=&limit=   documents courts sent to the organisation's cabinet, in order
 *   POST /exchange/v1/inbox/:id/ack         the cabinet took the document
 *
 * A filing is checked in this order, each refusal typed and writing nothing: the schema (400 SCHEMA_INVALID); the
 * restriction (422 DOCUMENT_RESTRICTED: official-use-only information and state secrets are never exchanged); the
 * signature (422 SIGNATURE_MISSING / SIGNATURE_INVALID, on the qualified CAs' trust store) and its signer (the
 * cabinet's head now — `checkSigner`); the message id (409 MESSAGE_ID_REUSED when it was used for other content;
 * the same content gets the same receipt).
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { AsdsError, type ActorSystem } from '../../../../runtime/index.ts';
import { verifyDetached, type TrustStore, type VerificationResult } from '../../../pki/index.ts';
import { CursorQueryV1, FilingBodyV1, InboxIdV1, MAX_DOCUMENT_BYTES, RESTRICTION_REASONS, type VerificationV1 } from '../../../../contracts/exchange/filings.ts';
import type { NewFilingV1 } from '../../../../contracts/exchange/wire.ts';
import { EXCHANGE_FILINGS_ID, EXCHANGE_FILINGS_KIND } from './behavior.ts';
import { FILING_ERRORS, type FilingErrorCode } from './errors.ts';

/** What the filings routes need of the hub (actors/central/exchange/http.ts `ExchangeCtx` has all of it). */
export interface FilingsCtx {
  system: ActorSystem;
  organisationOf(req: FastifyRequest): { id: string; name: string; code: string };
  now(): number;
  /** Trust anchors of qualified signatures. */
  qualified(): TrustStore;
}

/**
 * May this certificate sign for the organisation (the cabinet's head or seal now)? Throw a typed refusal if not.
 * The hub wires the cabinets' check (cabinets/signature.ts); without one any signature that verifies is accepted.
 */
export type SignerCheck = (o: { ctx: FilingsCtx; orgId: string; content: Buffer; cms: Buffer; verification: VerificationResult }) => Promise<void>;

export interface FilingRoutesOptions {
  checkSigner?: SignerCheck;
}

class Refused extends Error {
  constructor(
    readonly code: FilingErrorCode,
    readonly details?: unknown,
  ) {
    super(FILING_ERRORS[code].en);
  }
}

function send(reply: FastifyReply, status: number, code: string, message: string, details?: unknown) {
  return reply.code(status).send({ error: code, message, ...(details !== undefined ? { details } : {}) });
}

/** Typed refusals (ours, the actor's, the signer check's) with their status; anything else to the server's handler. */
function refusal(reply: FastifyReply, e: unknown) {
  if (e instanceof Refused) return send(reply, FILING_ERRORS[e.code].status, e.code, FILING_ERRORS[e.code].uk, e.details);
  if (e instanceof AsdsError && e.code in FILING_ERRORS) return send(reply, FILING_ERRORS[e.code as FilingErrorCode].status, e.code, FILING_ERRORS[e.code as FilingErrorCode].uk, e.details);
  const status = (e as { status?: unknown }).status;
  if (e instanceof AsdsError && typeof status === 'number') return send(reply, status, e.code, e.message, e.details);
  throw e;
}

function guarded<R>(fn: (req: FastifyRequest, reply: FastifyReply) => Promise<R>) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    try {
      return await fn(req, reply);
    } catch (e) {
      return refusal(reply, e);
    }
  };
}

const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

/** The filing's content as the message id binds it: every field but the id, in a fixed order. */
export function filingDigest(b: FilingBodyV1): string {
  return sha256([b.court, b.ueun ?? '', b.proceedingNumber ?? '', b.kind, b.title, b.restriction, b.document.fileName, b.document.mediaType, b.document.base64, b.signature ?? ''].join('\u0000'));
}

export function verificationOf(r: VerificationResult, at: Date): VerificationV1 {
  return {
    indication: r.indication,
    code: r.reason.code,
    uk: r.reason.uk,
    ...(r.signer ? { signer: { subject: r.signer.subject, issuer: r.signer.issuer, serial: r.signer.serial } } : {}),
    at: at.toISOString(),
  };
}

/** The case is named (ЄУН or proceeding number) and is the target court's: both carry the court's code. */
function caseOfCourt(b: FilingBodyV1): void {
  if (b.ueun === undefined && b.proceedingNumber === undefined) throw new Refused('SCHEMA_INVALID', { errors: 'ueun або proceedingNumber: справу не зазначено' });
  if (b.ueun !== undefined && b.ueun.split('/')[0] !== b.court) throw new Refused('SCHEMA_INVALID', { errors: `ЄУН ${b.ueun} не є номером справи суду ${b.court}` });
  if (b.proceedingNumber !== undefined && b.proceedingNumber.split('/')[1] !== b.court) throw new Refused('SCHEMA_INVALID', { errors: `провадження ${b.proceedingNumber} не є провадженням суду ${b.court}` });
}

export function filingRoutes(o: FilingRoutesOptions = {}) {
  return async (app: FastifyInstance, ctx: FilingsCtx) => {
    const hub = () => ctx.system.ref(EXCHANGE_FILINGS_KIND, EXCHANGE_FILINGS_ID);

    app.post(
      '/exchange/v1/filings',
      { bodyLimit: Math.ceil(MAX_DOCUMENT_BYTES * 1.4) + 256 * 1024, attachValidation: true, schema: { tags: ['exchange'], summary: 'Подати процесуальний документ до справи суду / file a document into a court case', body: FilingBodyV1 } },
      guarded(async (req, reply) => {
        const org = ctx.organisationOf(req);
        if (req.validationError) throw new Refused('SCHEMA_INVALID', { errors: req.validationError.message });
        const b = req.body as FilingBodyV1;
        caseOfCourt(b);
        if (b.restriction !== 'none') throw new Refused('DOCUMENT_RESTRICTED', { restriction: b.restriction, reason: RESTRICTION_REASONS[b.restriction] });
        if (b.signature === undefined) throw new Refused('SIGNATURE_MISSING');
        const content = Buffer.from(b.document.base64, 'base64');
        if (content.length > MAX_DOCUMENT_BYTES) throw new Refused('SCHEMA_INVALID', { maxBytes: MAX_DOCUMENT_BYTES });
        const cms = Buffer.from(b.signature, 'base64');
        const at = new Date(ctx.now());
        const r = verifyDetached({ content, cms, trustStore: ctx.qualified(), at });
        if (r.indication !== 'TOTAL_PASSED') throw new Refused('SIGNATURE_INVALID', { reason: r.reason.code, message: r.reason.uk });
        await o.checkSigner?.({ ctx, orgId: org.id, content, cms, verification: r });
        const filing: NewFilingV1 = {
          organisation: { id: org.id, name: org.name, code: org.code },
          messageId: b.messageId,
          digest: filingDigest(b),
          court: b.court,
          ...(b.ueun ? { ueun: b.ueun } : {}),
          ...(b.proceedingNumber ? { proceedingNumber: b.proceedingNumber } : {}),
          kind: b.kind,
          title: b.title,
          restriction: b.restriction,
          document: b.document,
          signature: b.signature,
          documentSha256: sha256(content),
          verification: verificationOf(r, at),
        };
        return reply.code(202).send(await hub().ask({ type: 'file', filing }));
      }),
    );

    app.get(
      '/exchange/v1/filings/:id',
      { schema: { tags: ['exchange'], summary: 'Стан поданого документа / state of a filing', params: Type.Object({ id: Type.String({ maxLength: 100 }) }) } },
      guarded(async (req) => hub().ask({ type: 'filing', organisation: ctx.organisationOf(req).id, filingId: (req.params as { id: string }).id })),
    );

    app.get(
      '/exchange/v1/notices',
      { attachValidation: true, schema: { tags: ['exchange'], summary: 'Повідомлення про реєстрацію або відмову / notices', querystring: CursorQueryV1 } },
      guarded(async (req) => {
        const org = ctx.organisationOf(req);
        if (req.validationError) throw new Refused('SCHEMA_INVALID', { errors: req.validationError.message });
        return hub().ask({ type: 'notices', organisation: org.id, ...(req.query as CursorQueryV1) });
      }),
    );

    app.get(
      '/exchange/v1/inbox',
      { attachValidation: true, schema: { tags: ['exchange'], summary: 'Документи суду в електронному кабінеті / documents from courts', querystring: CursorQueryV1 } },
      guarded(async (req) => {
        const org = ctx.organisationOf(req);
        if (req.validationError) throw new Refused('SCHEMA_INVALID', { errors: req.validationError.message });
        return hub().ask({ type: 'inbox', organisation: org.id, ...(req.query as CursorQueryV1) });
      }),
    );

    app.post(
      '/exchange/v1/inbox/:id/ack',
      { attachValidation: true, schema: { tags: ['exchange'], summary: 'Підтвердити отримання документа / acknowledge a document', params: Type.Object({ id: InboxIdV1 }) } },
      guarded(async (req) => {
        const org = ctx.organisationOf(req);
        if (req.validationError) throw new Refused('INBOX_ITEM_NOT_FOUND');
        return hub().ask({ type: 'ack', organisation: org.id, id: (req.params as { id: string }).id });
      }),
    );
  };
}
