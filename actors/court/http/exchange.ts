/**
 * Court → prosecutor (exchange order 2024, §A of the digest): court staff send a procedural document of a case —
 * a ruling, a decision, a summons — to a prosecutor's electronic cabinet through the judiciary's exchange hub.
 *
 *   POST /cases/:court/:seq/:yy/exchange/outgoing   { organisation, kind, title, restriction, document, signature } → 202
 *   GET  /exchange/outgoing/:id                      its state: queued → sent (the cabinet's inbox id) | refused
 *
 * Checked here, before anything is stored or sent: a document with official-use-only information or a state
 * secret is never exchanged (DOCUMENT_RESTRICTED); the signature verifies under the court's trust anchors
 * (qualified signature or seal of the court, SIGNATURE_INVALID otherwise); the case — and the proceeding, when
 * named — exists. Header `Idempotency-Key` makes a retry the same document.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { ErrorBodyV1, type CardV1 } from '../../../contracts/court/index.ts';
import { OutgoingBodyV1, OutgoingReplyV1, type DocumentV1, type VerificationV1 } from '../../../contracts/exchange/filings.ts';
import { DOCUMENTS_KIND } from '../../../contracts/court/documents.ts';
import { canonicalContent, type CourtDocument } from '../documents/behavior.ts';
import type { SentDocumentV1 } from '../../../contracts/exchange/wire.ts';
import { courtTrust, verifyWithTrust } from '../documents/trust.ts';
import { courtPkiDir } from '../distribution/seal.ts';
import { EXCHANGE_OUTGOING_KIND } from '../exchange/outgoing.ts';
import { caseAsker } from './case-ask.ts';
import { guard, principalOf } from './auth.ts';
import { asUser, CASE_READERS, REGISTRY_STAFF, type CourtHttpContext } from './context.ts';
import { dataDirOf } from './distribution.ts';
import { HttpRefusal } from './errors.ts';
import { CaseParamsV1, ueunOf } from './params.ts';

const errors = { 400: ErrorBodyV1, 401: ErrorBodyV1, 403: ErrorBodyV1, 404: ErrorBodyV1, 422: ErrorBodyV1, 503: ErrorBodyV1 };
const security = [{ bearer: [] }];
const tags = ['exchange'];

export function exchangeRoutes(ctx: CourtHttpContext) {
  const askCase = caseAsker(ctx);
  const outgoing = () => {
    if (!ctx.system.hasKind(EXCHANGE_OUTGOING_KIND)) throw new HttpRefusal('EXCHANGE_NOT_CONFIGURED');
    return ctx.system.ref(EXCHANGE_OUTGOING_KIND, ctx.court);
  };

  /** The bytes and the signature: given, or an Original of the court's documents (canonical content, first signature). */
  async function signedDocument(body: OutgoingBodyV1, ueun: string, p: { login: string; role: string }): Promise<{ document: DocumentV1; signature: string }> {
    if (body.documentId === undefined) {
      if (!body.document || !body.signature) throw new HttpRefusal('VALIDATION_FAILED', { errors: 'document і signature або documentId' });
      return { document: body.document, signature: body.signature };
    }
    if (body.document || body.signature) throw new HttpRefusal('VALIDATION_FAILED', { errors: 'або document і signature, або documentId' });
    const d = await ctx.system.ref(DOCUMENTS_KIND, ctx.court).ask<CourtDocument>({ type: 'read', documentId: body.documentId }, { meta: { author: p.login, role: p.role } });
    // a covert case's document never leaves the court (Засади 3.1 ¶2), nor one of another case
    if (d.restricted) throw new HttpRefusal('DOCUMENT_RESTRICTED', { documentId: d.id, reason: 'covert' });
    if (d.ueun !== ueun) throw new HttpRefusal('NOT_FOUND', { documentId: d.id });
    const first = d.signatures[0];
    if (d.state !== 'Original' || !first) throw new HttpRefusal('SIGNATURE_INVALID', { documentId: d.id, state: d.state });
    return { document: { fileName: `${d.id.replace(/[^A-Za-z0-9_.-]/g, '_')}.json`, mediaType: 'application/json', base64: canonicalContent(d).toString('base64') }, signature: first.cms };
  }

  return async (app: FastifyInstance) => {
    app.post(
      '/cases/:court/:seq/:yy/exchange/outgoing',
      {
        onRequest: guard(ctx, REGISTRY_STAFF),
        bodyLimit: 8 * 1024 * 1024,
        schema: {
          tags,
          summary: 'Надіслати процесуальний документ до електронного кабінету прокуратури / send a procedural document to a prosecutor’s cabinet',
          description:
            'Exchange order 2024: the document carries the court’s qualified signature or seal (CMS detached, base64), verified before sending; ' +
            'official-use-only and state-secret documents are never sent (DOCUMENT_RESTRICTED). 202: queued for the hub; GET /exchange/outgoing/:id follows it.',
          security,
          params: CaseParamsV1,
          headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_.:-]{8,100}$' })) }),
          body: OutgoingBodyV1,
          response: { 202: OutgoingReplyV1, ...errors },
        },
      },
      async (req, reply) => {
        const p = principalOf(req);
        const body = req.body as OutgoingBodyV1;
        const ueun = ueunOf(req.params as CaseParamsV1);
        if (body.restriction !== 'none') throw new HttpRefusal('DOCUMENT_RESTRICTED', { restriction: body.restriction });
        const card = await askCase<CardV1>(ueun, { type: 'card' }, { author: p.login, role: p.role });
        // nothing of a covert case leaves the court (Засади 3.1 ¶2): decided from the card, not from the sender's
        // own `restriction` (an uploaded file of that case is refused as its documents by reference are)
        if (card.covert) throw new HttpRefusal('DOCUMENT_RESTRICTED', { reason: 'covert' });
        if (body.proceedingNumber !== undefined && !card.proceedings.some((x) => x.proceedingNumber === body.proceedingNumber)) {
          throw new HttpRefusal('PROCEEDING_NOT_FOUND', { proceedingNumber: body.proceedingNumber });
        }
        const { document, signature } = await signedDocument(body, ueun, p);
        const verification = verifyOwn(ctx, Buffer.from(document.base64, 'base64'), Buffer.from(signature, 'base64'));
        const key = req.headers['idempotency-key'];
        const id = typeof key === 'string' ? createHash('sha256').update(`${ctx.court}\u0000${p.login}\u0000${key}`).digest('hex').slice(0, 32) : randomBytes(16).toString('hex');
        const item: SentDocumentV1 = {
          outgoingId: `o-${id}`,
          court: ctx.court,
          organisation: body.organisation,
          ueun,
          ...(body.proceedingNumber ? { proceedingNumber: body.proceedingNumber } : {}),
          kind: body.kind,
          title: body.title,
          restriction: body.restriction,
          document,
          signature,
          verification,
          sentAt: Date.now(),
        };
        return reply.status(202).send(await outgoing().ask({ type: 'send', item }, asUser(p)));
      },
    );

    app.get(
      '/exchange/outgoing/:id',
      {
        onRequest: guard(ctx, CASE_READERS),
        schema: { tags, summary: 'Стан вихідного документа обміну / state of an outgoing exchange document', security, params: Type.Object({ id: Type.String({ maxLength: 40 }) }), response: { 200: OutgoingReplyV1, ...errors } },
      },
      async (req) => outgoing().ask({ type: 'status', outgoingId: (req.params as { id: string }).id }, asUser(principalOf(req))),
    );
  };
}

/** The court's own signature on what it sends, under its trust anchors and CRL (documents/trust.ts). */
function verifyOwn(ctx: CourtHttpContext, content: Buffer, cms: Buffer): VerificationV1 {
  const trust = courtTrust(courtPkiDir(dataDirOf(ctx)));
  trust.refresh();
  const at = new Date();
  const r = verifyWithTrust(trust.current(), content, cms, at);
  if (r.indication !== 'TOTAL_PASSED') throw new HttpRefusal('SIGNATURE_INVALID', { reason: r.reason.code, message: r.reason.uk });
  return {
    indication: r.indication,
    code: r.reason.code,
    uk: r.reason.uk,
    ...(r.signer ? { signer: { subject: r.signer.subject, issuer: r.signer.issuer, serial: r.signer.serial } } : {}),
    at: at.toISOString(),
  };
}
