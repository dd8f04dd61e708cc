/**
 * Court documents (Засади 13.1–13.2): kind `documents`, ONE per court (id =
 * court code). Decided: one actor per court, like the registry, because the
 * second part of the unique id is the document's number in the court's
 * database — a gapless per-court sequence that one actor assigns without a
 * second lookup; per-document actors would need that counter somewhere else.
 *
 * Life: `create` from a template (fields from the case card + the author's
 * input) → state "Draft" with the required signers (logins). `sign`: the
 * signer (`meta.author`) sends a detached CMS over `canonicalContent(doc)`;
 * it is verified here with the court's trust material at the command's
 * time — held in memory by `trust.ts` and refreshed by the HTTP layer before
 * it asks, so this decide reads no file. Anything but TOTAL_PASSED is refused with its indication and
 * reason and nothing is written. When every required signer has a passed
 * signature the same decision records "Original"; after that no edit and no
 * signature is accepted. An edit is allowed only while no one has signed
 * (a signature covers exact bytes).
 */
import { createHash } from 'node:crypto';
import type { Behavior, DecideContext, Decision } from '../../../runtime/index.ts';
import { DomainRejected } from '../../../runtime/index.ts';
import { DOCUMENTS_KIND, DocumentsCommandV1 as CaseDocumentsCommandSchema, type DocumentsCommandV1 } from '../../../contracts/court/documents.ts';
import type { VerificationResult } from '../../pki/index.ts';
import { verifyWithTrust, type CourtTrust } from './trust.ts';
import { canonicalJson, formatDocumentId, jurisdictionOf } from '../distribution/documents.ts';
import { CASE_FIELDS, fill, templateOf, templatesWith } from './templates.ts';
import { kyivDate, longDateUk } from '../dates.ts';
import { CourtDocumentCommandV1, type CourtDocumentsConfigV1 } from '../../../contracts/court/orders.ts';
import { countInRegister, decideCourtDocument, evolveCourtDocument, type CourtDocumentEvent, type DocumentLink, type PendingReference, type RegisterEntry } from '../orders/decide.ts';
import { NO_COURT_DOCUMENTS } from '../orders/config.ts';
import { Type } from '@sinclair/typebox';

export type DocumentState = 'Draft' | 'Original';

export interface IdParts {
  courtDbCode: string;
  documentNo: string;
  type: string;
  jurisdiction: string;
}

export interface Verification {
  indication: VerificationResult['indication'];
  subIndication?: string;
  reason: string;
  signer?: { subject: string; issuer: string; serial: string; notBefore: string; notAfter: string };
  signingTime?: string;
  revocationChecked: boolean;
}

export interface DocumentSignature {
  login: string;
  at: string;
  /** base64 DER */
  cms: string;
  contentSha256: string;
  verification: Verification;
}

export interface CourtDocument {
  id: string;
  idParts: IdParts;
  template: { id: string; version: number };
  type: string;
  title: string;
  ueun: string;
  proceedingNumber: string;
  fields: Record<string, string>;
  text: string;
  requiredSigners: string[];
  revision: number;
  createdAt: string;
  createdBy: string;
  state: DocumentState;
  signatures: DocumentSignature[];
  originalAt?: string;
  /** A court document (order, directive, memo, timesheet, act — ../orders/): its register entry; `ueun` is then ''. */
  register?: RegisterEntry;
  /** The records a court document grounds (an absence, a repeated distribution, a user-rights change). */
  links?: DocumentLink[];
  /** A document of a case with a covert proceeding (Засади 3.1 ¶2): its content never leaves the court. */
  restricted?: true;
}

export interface DocumentsState {
  court: string;
  next: number;
  documents: Record<string, CourtDocument>;
  /** Last number per register and year (`<register>/<yyyy>`) of court documents. */
  registers?: Record<string, number>;
  /** Bases named by records before their document was entered (../orders/decide.ts). */
  pending?: PendingReference[];
}

/**
 * `restricted: true` on the events of a restricted document (a covert case's): the redaction policy then keeps
 * only the document's id of each event (official-use-only, contracts/ingest/redaction.ts).
 */
export type DocumentsEvent =
  | { type: 'document-created'; document: CourtDocument }
  | { type: 'document-edited'; documentId: string; fields: Record<string, string>; text: string; revision: number; at: string; by: string; restricted?: true }
  | { type: 'document-signed'; documentId: string; signature: DocumentSignature; restricted?: true }
  | { type: 'document-original'; documentId: string; at: string; restricted?: true }
  | CourtDocumentEvent;

/** The bytes every signer signs: canonical JSON of the document without its state and signatures. */
export function canonicalContent(d: CourtDocument): Buffer {
  const { state: _s, signatures: _g, originalAt: _o, ...content } = d;
  return Buffer.from(canonicalJson(content), 'utf8');
}

/** The marker a restricted document's events carry (Засади 3.1 ¶2). */
const restricted = (d: CourtDocument): { restricted?: true } => (d.restricted ? { restricted: true } : {});

export const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function reject(code: string, message: string, details?: unknown): never {
  throw new DomainRejected(code, message, details);
}

function summary(r: VerificationResult): Verification {
  return {
    indication: r.indication,
    ...(r.subIndication ? { subIndication: r.subIndication } : {}),
    reason: r.reason.code,
    ...(r.signer ? { signer: { subject: r.signer.subject, issuer: r.signer.issuer, serial: r.signer.serial, notBefore: r.signer.notBefore.toISOString(), notAfter: r.signer.notAfter.toISOString() } } : {}),
    ...(r.signingTime ? { signingTime: r.signingTime.toISOString() } : {}),
    revocationChecked: r.revocationChecked,
  };
}

/** The login a court certificate carries in its UID attribute. */
export function loginOfSubject(subject: string): string | undefined {
  return /(?:^|\n)UID=([^\n]+)/.exec(subject)?.[1];
}

export interface DocumentsOptions {
  /** The court's trust anchors and CRL in memory (`courtTrust(<data>/pki)`, trust.ts). */
  trust: CourtTrust;
  /** The court's document kinds and templates (`documents.yaml`, ../orders/config.ts); none when absent. */
  courtDocuments?: CourtDocumentsConfigV1;
  /** 13.2 "тип юрисдикції": proceeding index → letter, from the court's Засади (default: the built-in rule). */
  jurisdictions?: ReadonlyMap<string, string>;
}

/** Case documents and the court's own documents: one actor, one gapless document number (Засади 13.2). */
const CommandSchema = Type.Union([CaseDocumentsCommandSchema, CourtDocumentCommandV1]);
type DocumentsCommand = DocumentsCommandV1 | CourtDocumentCommandV1;

export function documentsBehavior(opts: DocumentsOptions): Behavior<DocumentsState, DocumentsCommand, DocumentsEvent> {
  const author = (ctx: DecideContext) => (typeof ctx.meta.author === 'string' ? ctx.meta.author : reject('AUTHOR_REQUIRED', 'a document command needs an authenticated author'));
  const iso = (ms: number) => new Date(ms).toISOString();

  function doc(s: DocumentsState, id: string): CourtDocument {
    return s.documents[id] ?? reject('DOCUMENT_NOT_FOUND', `no document ${id} in court ${s.court}`);
  }

  const court = { config: opts.courtDocuments ?? NO_COURT_DOCUMENTS, author };
  // the court's own case-document templates (documents.yaml) beside or in place of the built-in ones
  const own = court.config.caseTemplates ?? [];
  const templates = templatesWith(own);

  function decide(s: DocumentsState, cmd: DocumentsCommand, ctx: DecideContext): Decision<DocumentsEvent> {
    switch (cmd.type) {
      case 'create-court-document':
      case 'resolve-basis':
      case 'link-basis':
      case 'court-register':
      case 'court-kinds':
        return decideCourtDocument(s, cmd, ctx, court);
      case 'create': {
        const t = templates[cmd.template] ?? reject('TEMPLATE_NOT_FOUND', `no template ${cmd.template}`, { templates: Object.keys(templates) });
        const extra = Object.keys(cmd.fields).filter((k) => !t.input.includes(k));
        if (extra.length > 0) reject('FIELD_NOT_IN_TEMPLATE', `template ${t.id} takes only ${t.input.join(', ')} from the author; ${extra.join(', ')} come from the case card or are unknown`, { fields: extra });
        const caseFields = Object.fromEntries(Object.entries(cmd.caseFields).filter(([k]) => (CASE_FIELDS as readonly string[]).includes(k)));
        // The day the document is made, as printed (Kyiv; "5 січня 2026 року").
        const fields = { ...cmd.fields, ...caseFields, ...(t.text.includes('{{documentDate}}') ? { documentDate: longDateUk(kyivDate(ctx.now)) } : {}) };
        const { text, missing } = fill(t, fields);
        if (missing.length > 0) reject('TEMPLATE_FIELD_MISSING', `template ${t.id}: no value for ${missing.join(', ')}`, { missing });
        const index = cmd.proceedingNumber.split('/')[0] ?? '6';
        const idParts: IdParts = { courtDbCode: s.court, documentNo: String(s.next).padStart(9, '0'), type: t.type, jurisdiction: jurisdictionOf(index, opts.jurisdictions) };
        const by = author(ctx);
        const document: CourtDocument = {
          id: formatDocumentId(idParts),
          idParts,
          template: { id: t.id, version: t.version },
          type: t.type,
          title: t.title,
          ueun: cmd.ueun,
          proceedingNumber: cmd.proceedingNumber,
          fields,
          text,
          requiredSigners: [...cmd.signers],
          revision: 1,
          createdAt: iso(ctx.now),
          createdBy: by,
          state: 'Draft',
          signatures: [],
          ...(cmd.restricted ? { restricted: true as const } : {}),
        };
        return { events: [{ type: 'document-created', document }], reply: document };
      }
      case 'edit': {
        const d = doc(s, cmd.documentId);
        if (d.state === 'Original') reject('DOCUMENT_ORIGINAL', `document ${d.id} is an Original: it cannot be changed`);
        // its number and date are in the register; a court document with other text is a new document
        if (d.register) reject('COURT_DOCUMENT_NOT_EDITABLE', `${d.id} is ${d.title} № ${d.register.number}: create a new one instead of editing`);
        if (d.signatures.length > 0) reject('DOCUMENT_SIGNED', `document ${d.id} already has signatures over its content; it cannot be changed`, { signedBy: d.signatures.map((g) => g.login) });
        // the version the draft was made from (a v1 draft keeps its v1 wording)
        const t = templateOf(d.template, own) ?? reject('TEMPLATE_NOT_FOUND', `no template ${d.template.id} v${d.template.version}`);
        const extra = Object.keys(cmd.fields).filter((k) => !t.input.includes(k));
        if (extra.length > 0) reject('FIELD_NOT_IN_TEMPLATE', `template ${t.id} takes only ${t.input.join(', ')} from the author`, { fields: extra });
        const fields = { ...d.fields, ...cmd.fields };
        const { text, missing } = fill(t, fields);
        if (missing.length > 0) reject('TEMPLATE_FIELD_MISSING', `template ${t.id}: no value for ${missing.join(', ')}`, { missing });
        const e: DocumentsEvent = { type: 'document-edited', documentId: d.id, fields, text, revision: d.revision + 1, at: iso(ctx.now), by: author(ctx), ...restricted(d) };
        return { events: [e], reply: { ...d, fields, text, revision: e.revision } };
      }
      case 'sign': {
        const d = doc(s, cmd.documentId);
        const login = author(ctx);
        if (d.state === 'Original') reject('DOCUMENT_ORIGINAL', `document ${d.id} is already an Original`);
        if (!d.requiredSigners.includes(login)) reject('NOT_A_REQUIRED_SIGNER', `${login} is not among the required signers of ${d.id}`, { requiredSigners: d.requiredSigners });
        if (d.signatures.some((g) => g.login === login)) reject('ALREADY_SIGNED', `${login} has already signed ${d.id}`);
        const content = canonicalContent(d);
        const cms = Buffer.from(cmd.cms, 'base64');
        const at = new Date(ctx.now);
        const r = verifyWithTrust(opts.trust.current(), content, cms, at, opts.trust.pkiDir);
        const verification = summary(r);
        if (r.indication !== 'TOTAL_PASSED') {
          reject('SIGNATURE_REJECTED', `signature of ${login} on ${d.id}: ${r.indication} ${r.reason.code} — ${r.reason.en}`, { indication: r.indication, subIndication: r.subIndication, reason: r.reason.code, message: { uk: r.reason.uk, en: r.reason.en } });
        }
        const certLogin = r.signer ? loginOfSubject(r.signer.subject) : undefined;
        if (certLogin !== login) reject('SIGNER_CERTIFICATE_MISMATCH', `the signing certificate is ${certLogin ?? 'without a login'}'s, not ${login}'s`, { certificateLogin: certLogin ?? null });
        const signature: DocumentSignature = { login, at: at.toISOString(), cms: cms.toString('base64'), contentSha256: sha256(content), verification };
        const events: DocumentsEvent[] = [{ type: 'document-signed', documentId: d.id, signature, ...restricted(d) }];
        const signed = new Set([...d.signatures.map((g) => g.login), login]);
        const complete = d.requiredSigners.every((l) => signed.has(l));
        if (complete) events.push({ type: 'document-original', documentId: d.id, at: at.toISOString(), ...restricted(d) });
        return { events, reply: { documentId: d.id, state: complete ? 'Original' : 'Draft', verification, remaining: d.requiredSigners.filter((l) => !signed.has(l)) } };
      }
      case 'read':
        return { reply: doc(s, cmd.documentId) };
      case 'list': {
        const docs = Object.values(s.documents).filter((d) => !cmd.ueun || d.ueun === cmd.ueun);
        return { reply: { documents: docs.map((d) => ({ id: d.id, type: d.type, title: d.title, ueun: d.ueun, proceedingNumber: d.proceedingNumber, state: d.state, requiredSigners: d.requiredSigners, signedBy: d.signatures.map((g) => g.login) })) } };
      }
    }
  }

  function evolve(s: DocumentsState, e: DocumentsEvent): DocumentsState {
    switch (e.type) {
      case 'document-created':
        s.documents[e.document.id] = e.document;
        s.next = Number(e.document.idParts.documentNo) + 1;
        countInRegister(s, e.document);
        return s;
      case 'document-edited': {
        const d = s.documents[e.documentId]!;
        s.documents[e.documentId] = { ...d, fields: e.fields, text: e.text, revision: e.revision };
        return s;
      }
      case 'document-signed': {
        const d = s.documents[e.documentId]!;
        s.documents[e.documentId] = { ...d, signatures: [...d.signatures, e.signature] };
        return s;
      }
      case 'document-original': {
        const d = s.documents[e.documentId]!;
        s.documents[e.documentId] = { ...d, state: 'Original', originalAt: e.at };
        return s;
      }
      default:
        return evolveCourtDocument(s, e);
    }
  }

  return { kind: DOCUMENTS_KIND, commandSchema: CommandSchema, initialState: (court) => ({ court, next: 1, documents: {} }), decide, evolve };
}
