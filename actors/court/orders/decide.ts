/**
 * The court's own documents inside the documents actor (one per court): pure decisions for creating an
 * order, directive, memo, timesheet or act from its configured kind, numbering it in its register, and
 * linking it to the records it grounds. Signing is the documents actor's `sign` (Draft → Original), the
 * same path as a ruling's.
 *
 * Registers: a gapless sequence per register and year of signing (`{seq}` of the register's number format),
 * assigned here in the one actor, so two clerks cannot get the same number.
 *
 * Links (Засади 4.2, 4.13, 2.1): a record names its basis as `{number, date}`. When the system has that
 * document, the reference is checked (same date, a kind that may ground that record) and the document lists
 * the record it caused. When it does not, the reference is kept as pending: Засади 2.4, 4.13 ¶2 give until the
 * next working day after signing to enter the electronic copy, so a judge's absence must not wait for it (4.5
 * keeps cases from an absent judge from the first day); the pending reference is on the overdue list until a
 * document with that number and date is entered, which then links itself.
 */
import { DomainRejected, type DecideContext, type Decision } from '../../../runtime/index.ts';
import type { BasisRefV1, CourtDocumentCommandV1, CourtDocumentsConfigV1, DocumentClassV1, DocumentKindConfigV1, EffectKindV1, EffectV1 } from '../../../contracts/court/orders.ts';
import { formatDocumentId } from '../distribution/documents.ts';
import { kyivDate, longDateUk } from '../dates.ts';
import type { CourtDocument, DocumentsEvent, DocumentsState, IdParts } from '../documents/behavior.ts';
import { NODE_FIELDS, numberPattern } from './config.ts';
import { placeholdersOf } from '../documents/templates.ts';

/** Where a court document sits in its register. */
export interface RegisterEntry {
  kind: string;
  class: DocumentClassV1;
  register: string;
  year: string;
  seq: number;
  number: string;
  signedOn: string;
  follows?: string;
}

export interface DocumentLink {
  effect: EffectV1;
  at: string;
  by: string;
}

export interface PendingReference {
  ref: BasisRefV1;
  effect: EffectV1;
  at: string;
  by: string;
  /** Set when a document with that number and date was entered. */
  resolvedBy?: string;
}

export type CourtDocumentEvent =
  | { type: 'document-linked'; documentId: string; link: DocumentLink }
  | { type: 'reference-pending'; reference: PendingReference }
  | { type: 'reference-resolved'; index: number; documentId: string; at: string };

function reject(code: string, message: string, details?: unknown): never {
  throw new DomainRejected(code, message, details);
}

/** The classes a basis reference of the distribution contract's `kind` can name (none: `{number, date}` of DocRefV1). */
function classesFor(kind: string | undefined): readonly DocumentClassV1[] {
  if (kind === undefined) return ['order', 'directive', 'memo', 'timesheet', 'act'];
  if (kind === 'order') return ['order', 'directive'];
  if (kind === 'memo') return ['memo'];
  if (kind === 'other') return ['timesheet', 'act'];
  return []; // a decision, a ruling, a sick note: not the court's own document
}

const registerKey = (register: string, year: string) => `${register}/${year}`;

/** The document a reference names: same number, a compatible class, the same year. */
function findByRef(s: DocumentsState, ref: BasisRefV1): CourtDocument | undefined {
  const classes = classesFor(ref.kind);
  return Object.values(s.documents).find((d) => d.register && d.register.number === ref.number && d.register.year === ref.date.slice(0, 4) && classes.includes(d.register.class));
}

/**
 * Whether the system numbers documents like this reference: its number has the format of a register of a
 * compatible class. A reference numbered otherwise (an order from before the registers, an external document)
 * is accepted as before and not tracked — the court cannot be asked to enter documents the system never numbered.
 */
function numberedHere(config: CourtDocumentsConfigV1, ref: BasisRefV1): boolean {
  const classes = classesFor(ref.kind);
  const registers = new Set(config.kinds.filter((k) => classes.includes(k.class)).map((k) => k.register));
  return config.registers.some((r) => registers.has(r.id) && numberPattern(r.numberFormat).test(ref.number));
}

export interface CourtDocumentsDeps {
  config: CourtDocumentsConfigV1;
  author(ctx: DecideContext): string;
}

export function decideCourtDocument(s: DocumentsState, cmd: CourtDocumentCommandV1, ctx: DecideContext, deps: CourtDocumentsDeps): Decision<DocumentsEvent> {
  const { config } = deps;
  const kindOf = (id: string): DocumentKindConfigV1 => config.kinds.find((k) => k.id === id) ?? reject('DOCUMENT_KIND_NOT_FOUND', `no document kind ${id} in the court's documents.yaml`, { kinds: config.kinds.map((k) => k.id) });
  const iso = new Date(ctx.now).toISOString();

  /** A reference checked against the court's registers; refuses one that contradicts the document it names. */
  function resolve(ref: BasisRefV1, effect: EffectKindV1): { applies: boolean; document: CourtDocument | null } {
    const d = findByRef(s, ref);
    if (!d) return { applies: numberedHere(config, ref), document: null };
    if (d.register!.signedOn !== ref.date) reject('BASIS_DATE_MISMATCH', `${d.title} № ${d.register!.number} is dated ${d.register!.signedOn}, the record names ${ref.date}`, { documentId: d.id, date: d.register!.signedOn });
    // a kind since removed from documents.yaml cannot say what it grounds: its document still links
    const kind = config.kinds.find((k) => k.id === d.register!.kind);
    if (kind && !kind.effects.includes(effect)) reject('BASIS_KIND_NOT_ALLOWED', `${d.title} № ${d.register!.number} cannot ground a record of ${effect}`, { documentId: d.id, kind: d.register!.kind, effect });
    return { applies: true, document: d };
  }

  switch (cmd.type) {
    case 'create-court-document': {
      const k = kindOf(cmd.kind);
      // Who issues which kind is the court's configuration (Засади 2.1, 4.2, 4.13: the head of staff; 2.4: the chief judge's orders, entered by the person the head of staff names).
      const role = typeof ctx.meta.role === 'string' ? ctx.meta.role : '';
      if (!(k.creators as string[]).includes(role)) reject('CREATOR_ROLE_NOT_ALLOWED', `${k.title}: created by ${k.creators.join(' or ')}, not ${role || 'an unknown role'}`, { creators: k.creators, role });
      if (cmd.signedOn > kyivDate(ctx.now)) reject('SIGNED_ON_IN_FUTURE', `signedOn ${cmd.signedOn} is after today`, { signedOn: cmd.signedOn });
      const allowed = new Set<string>([...k.input, ...NODE_FIELDS, ...(k.persons ?? []).map((p) => `${p}Signature`)]);
      const extra = Object.keys(cmd.fields).filter((f) => !allowed.has(f) || f === 'number' || f === 'documentDate' || f === 'year');
      if (extra.length > 0) reject('FIELD_NOT_IN_TEMPLATE', `${k.id} takes only ${k.input.join(', ')} from the author`, { fields: extra });
      if (cmd.follows !== undefined) {
        const memo = s.documents[cmd.follows];
        const memoKind = memo?.register ? config.kinds.find((x) => x.id === memo.register!.kind) : undefined;
        if (!memoKind?.followUp?.kinds.includes(k.id)) reject('FOLLOWS_NOT_A_MEMO', `${cmd.follows} is not a memo that a ${k.id} answers`, { follows: cmd.follows });
      }
      const register = config.registers.find((r) => r.id === k.register)!;
      const year = cmd.signedOn.slice(0, 4);
      const seq = (s.registers?.[registerKey(register.id, year)] ?? 0) + 1;
      const number = register.numberFormat.replaceAll('{seq}', String(seq)).replaceAll('{year}', year);
      const fields: Record<string, string> = { ...cmd.fields, number, year, documentDate: longDateUk(cmd.signedOn) };
      const missing = placeholdersOf(k.text).filter((f) => !fields[f]);
      if (missing.length > 0) reject('TEMPLATE_FIELD_MISSING', `${k.id}: no value for ${missing.join(', ')}`, { missing });
      const text = k.text.trimEnd().replace(/\{\{([a-zA-Z][a-zA-Z0-9]*)\}\}/g, (_m, f: string) => fields[f] ?? '');
      const idParts: IdParts = { courtDbCode: s.court, documentNo: String(s.next).padStart(9, '0'), type: k.type, jurisdiction: config.jurisdiction };
      const by = deps.author(ctx);
      const document: CourtDocument = {
        id: formatDocumentId(idParts),
        idParts,
        template: { id: k.id, version: 1 },
        type: k.type,
        title: k.title,
        // a court document belongs to no case
        ueun: '',
        proceedingNumber: '',
        fields,
        text,
        requiredSigners: [...cmd.signers],
        revision: 1,
        createdAt: iso,
        createdBy: by,
        state: 'Draft',
        signatures: [],
        register: { kind: k.id, class: k.class, register: register.id, year, seq, number, signedOn: cmd.signedOn, ...(cmd.follows ? { follows: cmd.follows } : {}) },
        links: [],
      };
      const events: DocumentsEvent[] = [{ type: 'document-created', document }];
      const links: DocumentLink[] = [];
      // A record that named this number and date before the document was entered links to it now.
      (s.pending ?? []).forEach((p, index) => {
        if (p.resolvedBy || p.ref.number !== number || p.ref.date !== cmd.signedOn || !classesFor(p.ref.kind).includes(k.class) || !k.effects.includes(p.effect.kind)) return;
        const link = { effect: p.effect, at: iso, by: p.by };
        events.push({ type: 'reference-resolved', index, documentId: document.id, at: iso }, { type: 'document-linked', documentId: document.id, link });
        links.push(link);
      });
      return { events, reply: { ...document, links } };
    }
    case 'resolve-basis': {
      const r = resolve(cmd.ref, cmd.effect);
      return { reply: { applies: r.applies, documentId: r.document?.id ?? null, state: r.document?.state ?? null } };
    }
    case 'link-basis': {
      const r = resolve(cmd.ref, cmd.effect.kind);
      if (!r.applies) return { reply: { linked: null, pending: false } };
      const by = deps.author(ctx);
      if (r.document) return { events: [{ type: 'document-linked', documentId: r.document.id, link: { effect: cmd.effect, at: iso, by } }], reply: { linked: r.document.id, pending: false } };
      return { events: [{ type: 'reference-pending', reference: { ref: cmd.ref, effect: cmd.effect, at: iso, by } }], reply: { linked: null, pending: true } };
    }
    case 'court-register': {
      const docs = Object.values(s.documents).filter((d) => d.register && (!cmd.kind || d.register.kind === cmd.kind));
      return { reply: { documents: docs, pending: s.pending ?? [] } };
    }
    case 'court-kinds':
      return { reply: config };
  }
}

export function evolveCourtDocument(s: DocumentsState, e: CourtDocumentEvent): DocumentsState {
  switch (e.type) {
    case 'document-linked': {
      const d = s.documents[e.documentId]!;
      s.documents[e.documentId] = { ...d, links: [...(d.links ?? []), e.link] };
      return s;
    }
    case 'reference-pending':
      s.pending = [...(s.pending ?? []), e.reference];
      return s;
    case 'reference-resolved':
      s.pending = (s.pending ?? []).map((p, i) => (i === e.index ? { ...p, resolvedBy: e.documentId } : p));
      return s;
  }
}

/** `document-created` of a court document advances its register. */
export function countInRegister(s: DocumentsState, d: CourtDocument): void {
  if (!d.register) return;
  s.registers = { ...(s.registers ?? {}), [registerKey(d.register.register, d.register.year)]: d.register.seq };
}
