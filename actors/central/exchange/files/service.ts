/**
 * The hub's side of the information-file exchange (Порядок 2021, domain §B): what the HTTP routes and the hub's
 * own functions call. Files leave the hub only to their addressee and only with the fields its agreement lists;
 * an organisation's upload is addressed to the hub alone (no forwarding to third parties, Порядок III.3).
 *
 *   const files = new InfoFilesHub({ system, agreements, now: () => Date.now() });
 *   await files.sendInformationFile('npu', 'admin-offence-decision', decision);   // stripped, journaled, fetchable by npu
 */
import { randomUUID } from 'node:crypto';
import type { ActorSystem } from '../../../../runtime/index.ts';
import { schemaErrors } from '../../../../runtime/index.ts';
import type { Calendar } from '../../../distribution/index.ts';
import { FileEnvelopeV1, fileTypeKey, fileTypeOf, HUB_PARTICIPANT, type ImpossibilityBodyV1, type UploadFileBodyV1 } from '../../../../contracts/exchange/files/index.ts';
import { verifyDetached, type TrustStore } from '../../../pki/index.ts';
import type { Signer } from '../../../pki/index.ts';
import { INFO_FILES_KIND, type FileEntry, type FileReceipt, type InfoFilesState, type Notice } from './actor.ts';
import { stripToAllowList, type Agreement, type Agreements } from './allow-list.ts';
import { byteLength, canonicalJson, sha256Hex } from './canonical.ts';
import { impossibilityDueAt, kyivDay } from './deadline.ts';
import { refuse } from './errors.ts';

export interface InfoFilesHubOptions {
  system: ActorSystem;
  agreements: Agreements;
  now?: () => number;
  calendar?: Calendar;
  /** The hub's signer: files it sends carry its detached CMS signature. */
  signer?: Signer;
  /** Qualified CAs: a sender's signature is checked against them (outcome journaled; a broken one refused). */
  trustStore?: TrustStore;
}

/** One file as the addressee fetches it: the exact bytes, their digest and the hub's signature. */
export interface DeliveredFile {
  seq: number;
  id: string;
  type: string;
  version: number;
  size: number;
  sha256: string;
  content: string;
  signature?: string;
  requestId?: string;
}

/** A journal line, from one side's view: `sent` by the organisation or `received` by it. */
export interface JournalEntry {
  no: number;
  id: string;
  direction: 'sent' | 'received';
  type: string;
  version: number;
  size: number;
  sha256: string;
  at: string;
  fetchedAt?: string;
  ackedAt?: string;
  status: 'received' | 'sent' | 'fetched' | 'acked';
  requestId?: string;
  /** A request's answer (file id). */
  answeredBy?: string;
  signed: boolean;
  /** Outcome of the sender's signature check (actors/pki): e.g. TOTAL_PASSED / OK. */
  signatureCheck?: { indication: string; reason: string };
  overdue: boolean;
}

export interface OverdueFinding {
  org: string;
  kind: 'unacked-without-notice' | 'late-notice';
  /** File id or notice id. */
  id: string;
  /** When the impossibility arose (file sent / notice's `since`), Kyiv day. */
  arose: string;
  dueAt: string;
  notifiedAt?: string;
  by?: 'org' | 'hub';
}

/**
 * Information with restricted access is never exchanged, in either direction (issue 17 item 2; Порядок 2021 covers
 * open information only): refused with the reason before anything is written.
 */
const RESTRICTED_UK: Record<string, string> = {
  'official-use': 'Файл містить службову інформацію: такі відомості не передаються через обмін інформаційними файлами.',
  'state-secret': 'Файл містить державну таємницю: такі відомості не передаються через обмін інформаційними файлами.',
};
function refuseRestricted(restriction: string | undefined): void {
  if (restriction !== undefined && restriction !== 'none') refuse('FILE_RESTRICTED', RESTRICTED_UK[restriction] ?? 'Файл з обмеженим доступом не передається.', { restriction });
}

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

export class InfoFilesHub {
  readonly agreements: Agreements;
  private readonly system: ActorSystem;
  private readonly now: () => number;
  private readonly calendar?: Calendar;
  private readonly signer?: Signer;
  private readonly trustStore?: TrustStore;

  constructor(o: InfoFilesHubOptions) {
    this.system = o.system;
    this.agreements = o.agreements;
    this.now = o.now ?? Date.now;
    if (o.calendar) this.calendar = o.calendar;
    if (o.signer) this.signer = o.signer;
    if (o.trustStore) this.trustStore = o.trustStore;
  }

  private agreementOf(org: string): Agreement {
    return this.agreements.get(org) ?? refuse('FILE_NOT_AGREED', 'Для цього учасника не укладено угоди про обмін інформаційними файлами.', { org });
  }

  private ref(org: string) {
    return this.system.ref(INFO_FILES_KIND, org);
  }

  async state(org: string): Promise<InfoFilesState> {
    return (await this.ref(org).ask({ type: 'status' })) as InfoFilesState;
  }

  /**
   * The hub sends a file to `to`: validated against its type, stripped to the fields `to`'s agreement lists,
   * written as canonical JSON, signed (with a signer), journaled; `to` fetches it with GET /exchange/v1/files.
   */
  async sendInformationFile(to: string, type: string, payload: unknown, o: { version?: number; id?: string; author?: string; restriction?: string } = {}): Promise<FileReceipt> {
    refuseRestricted(o.restriction);
    const version = o.version ?? 1;
    const t = fileTypeOf(type, version) ?? refuse('FILE_TYPE_UNKNOWN', `Невідомий тип інформаційного файлу ${type} (версія ${version}).`, { type, version });
    const errors = schemaErrors(t.schema, payload);
    if (errors.length) refuse('FILE_INVALID', 'Файл не відповідає погодженій структурі.', { errors });
    const fields = this.agreementOf(to).receives.get(fileTypeKey(type, version));
    if (!fields) refuse('FILE_NOT_AGREED', 'Угода учасника не передбачає отримання файлів цього типу.', { to, type, version });
    const stripped = stripToAllowList(payload, fields!);
    const at = this.now();
    const id = o.id ?? randomUUID();
    const envelope = { id, type, version, from: HUB_PARTICIPANT, to, createdAt: new Date(at).toISOString(), payload: stripped };
    const content = canonicalJson(envelope);
    const requestId = t.answers ? (stripped[t.answers] as string | undefined) : undefined;
    const cmd = {
      type: 'deliver',
      id,
      fileType: type,
      version,
      content,
      sha256: sha256Hex(content),
      size: byteLength(content),
      ...(requestId ? { requestId } : {}),
      ...(this.signer ? { signature: this.signer.signPem(Buffer.from(content, 'utf8'), new Date(at)) } : {}),
      at,
    };
    return (await this.ref(to).ask(cmd, { meta: { author: o.author ?? 'system:exchange-hub' } })) as FileReceipt;
  }

  /** An organisation's upload (POST /exchange/v1/files): parsed, validated per type+version, addressed to the hub only. */
  async upload(org: string, body: UploadFileBodyV1): Promise<FileReceipt> {
    const agreement = this.agreementOf(org);
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.content);
    } catch {
      return refuse('FILE_NOT_JSON', 'Вміст файлу не є коректним JSON.');
    }
    const envErrors = schemaErrors(FileEnvelopeV1, parsed);
    if (envErrors.length) refuse('FILE_INVALID', 'Файл не відповідає погодженій структурі.', { errors: envErrors });
    const env = parsed as FileEnvelopeV1;
    refuseRestricted(env.restriction);
    // the sender is who the certificate says; a file names the hub as its only addressee (no forwarding, Порядок III.3)
    if (env.from !== org) refuse('FILE_WRONG_ADDRESSEE', 'Відправник у файлі не збігається з учасником, що його надсилає.', { from: env.from });
    if (env.to !== HUB_PARTICIPANT) refuse('FILE_WRONG_ADDRESSEE', 'Учасник надсилає файли лише до ДСА; передання третім особам не допускається.', { to: env.to });
    const t = fileTypeOf(env.type, env.version) ?? refuse('FILE_TYPE_UNKNOWN', `Невідомий тип інформаційного файлу ${env.type} (версія ${env.version}).`, { type: env.type, version: env.version });
    if (!agreement.sends.has(fileTypeKey(t.type, t.version))) refuse('FILE_NOT_AGREED', 'Угода учасника не передбачає надсилання файлів цього типу.', { type: t.type, version: t.version });
    const errors = schemaErrors(t.schema, env.payload);
    if (errors.length) refuse('FILE_INVALID', 'Файл не відповідає погодженій структурі.', { errors });
    // every document is signed (issue 17 item 5): with the qualified CAs configured (always, over HTTP) an unsigned
    // file is refused like a badly signed one, writing nothing
    if (this.trustStore && !body.signature) refuse('SIGNATURE_MISSING', 'Файл не підписано: потрібен кваліфікований електронний підпис чи печатка відправника.');
    const at = this.now();
    const signatureCheck = body.signature ? this.checkSignature(body.content, body.signature, at) : undefined;
    const requestId = t.answers ? ((env.payload as Record<string, unknown>)[t.answers] as string) : undefined;
    const cmd = {
      type: 'receive',
      id: env.id,
      fileType: t.type,
      version: t.version,
      content: body.content,
      sha256: sha256Hex(body.content),
      size: byteLength(body.content),
      ...(requestId ? { requestId } : {}),
      ...(body.signature ? { signature: body.signature } : {}),
      ...(signatureCheck ? { signatureCheck } : {}),
      at,
    };
    return (await this.ref(org).ask(cmd, { meta: { author: `org:${org}` } })) as FileReceipt;
  }

  private checkSignature(content: string, pem: string, at: number): { indication: string; reason: string } {
    if (!this.trustStore) return { indication: 'NOT_CHECKED', reason: 'NO_TRUST_STORE' };
    const r = verifyDetached({ content: Buffer.from(content, 'utf8'), cms: pem, trustStore: this.trustStore, at: new Date(at) });
    // an expired or revoked certificate, or one of no trusted qualified CA, is INDETERMINATE: not a valid signature
    // either (issue 17 item 5 "wrong signer, expired certificate" — a typed error that writes nothing)
    if (r.indication !== 'TOTAL_PASSED') refuse('SIGNATURE_INVALID', `Підпис файлу не прийнято: ${r.reason.uk}`, { reason: r.reason.code, indication: r.indication });
    return { indication: r.indication, reason: r.reason.code };
  }

  /** Files addressed to `org` after the cursor; the first hand-over of each is journaled. Never another's files. */
  async fetch(org: string, after = 0, limit = 100): Promise<{ files: DeliveredFile[]; next: number }> {
    this.agreementOf(org);
    const s = await this.state(org);
    const out: DeliveredFile[] = [];
    for (const id of s.order) {
      const f = s.files[id]!;
      // an acknowledged file is handed over: it is not served again
      if (f.direction !== 'to-org' || f.seq <= after || f.content === undefined) continue;
      out.push({ seq: f.seq, id: f.id, type: f.fileType, version: f.version, size: f.size, sha256: f.sha256, content: f.content, ...(f.signature ? { signature: f.signature } : {}), ...(f.requestId ? { requestId: f.requestId } : {}) });
      if (out.length >= limit) break;
    }
    const fresh = out.filter((f) => s.files[f.id]!.fetchedAt === undefined).map((f) => f.id);
    if (fresh.length) await this.ref(org).ask({ type: 'mark-fetched', ids: fresh, at: this.now() });
    return { files: out, next: out.length ? out[out.length - 1]!.seq : after };
  }

  async ack(org: string, id: string): Promise<{ id: string; ackedAt: number; duplicate: boolean }> {
    this.agreementOf(org);
    return (await this.ref(org).ask({ type: 'ack', id, at: this.now() }, { meta: { author: `org:${org}` } })) as { id: string; ackedAt: number; duplicate: boolean };
  }

  /** The journal of `org`, from the organisation's side: `sent` = it sent to the hub, `received` = the hub sent to it. */
  async journal(org: string, direction?: 'sent' | 'received'): Promise<JournalEntry[]> {
    this.agreementOf(org);
    const s = await this.state(org);
    const out: JournalEntry[] = [];
    for (const id of s.order) {
      const f = s.files[id]!;
      const dir = f.direction === 'from-org' ? 'sent' : 'received';
      if (direction && dir !== direction) continue;
      out.push(entryOf(out.length + 1, f, dir));
    }
    return out;
  }

  /**
   * One file of `org` with its bytes, for the judiciary's operator (e.g. a request to answer): from the actor's
   * state while pending, else from its event in the hub's journal.
   */
  async file(org: string, id: string): Promise<{ entry: JournalEntry; content: string; signature?: string }> {
    this.agreementOf(org);
    const s = await this.state(org);
    const f = s.files[id] ?? refuse('FILE_NOT_FOUND', 'Файл не знайдено.', { id });
    const entry = entryOf(s.order.indexOf(id) + 1, f, f.direction === 'from-org' ? 'sent' : 'received');
    if (f.content !== undefined) return { entry, content: f.content, ...(f.signature ? { signature: f.signature } : {}) };
    const stored = this.storedFile(org, id) ?? refuse('FILE_NOT_FOUND', 'Вміст файлу не знайдено в журналі.', { id });
    return { entry, ...stored };
  }

  private storedFile(org: string, id: string): { content: string; signature?: string } | undefined {
    const journal = this.system.journal;
    if (!journal) return undefined;
    const actor = `${INFO_FILES_KIND}/${org}`;
    for (let after = 0; ; ) {
      const page = journal.actorEvents(actor, after, 500);
      if (page.length === 0) return undefined;
      for (const ev of page) {
        if (ev.type !== 'file-sent' && ev.type !== 'file-received') continue;
        const e = JSON.parse(ev.data) as { id: string; content: string; signature?: string };
        if (e.id === id) return { content: e.content, ...(e.signature ? { signature: e.signature } : {}) };
      }
      after = page[page.length - 1]!.aseq;
    }
  }

  /** A notice of impossibility (Порядок II.5) by the organisation to the hub, or by the hub to the organisation. */
  async notifyImpossibility(org: string, by: 'org' | 'hub', body: ImpossibilityBodyV1, author?: string): Promise<Notice> {
    this.agreementOf(org);
    const at = this.now();
    if (body.since > kyivDay(at)) refuse('NOTICE_INVALID', 'Дата виникнення обставин не може бути пізнішою за сьогоднішню.', { since: body.since });
    if (body.expectedUntil && body.expectedUntil < body.since) refuse('NOTICE_INVALID', 'Очікувана дата відновлення обміну раніша за дату виникнення обставин.');
    const cmd = { type: 'notify-impossibility', noticeId: randomUUID(), by, ...body, dueAt: impossibilityDueAt(body.since, this.calendar), at };
    return (await this.ref(org).ask(cmd, { meta: { author: author ?? (by === 'org' ? `org:${org}` : 'system:exchange-hub') } })) as Notice;
  }

  async notices(org: string): Promise<Notice[]> {
    this.agreementOf(org);
    return (await this.state(org)).notices;
  }

  /**
   * Impossibilities not notified within 2 working days (Порядок II.5), over every participant: a file the hub sent
   * that is still unacknowledged past the deadline with no covering notice from its addressee (flagged in the
   * journal once), and every notice given late.
   */
  async overdue(): Promise<OverdueFinding[]> {
    const now = this.now();
    const out: OverdueFinding[] = [];
    for (const org of this.agreements.keys()) {
      const s = await this.state(org);
      for (const id of s.order) {
        const f = s.files[id]!;
        if (f.direction !== 'to-org' || f.ackedAt !== undefined) continue;
        const day = kyivDay(f.at);
        const dueAt = impossibilityDueAt(day, this.calendar);
        if (now < dueAt) continue;
        // the addressee told the hub in time of an impossibility still running on the day the file was sent
        const covered = s.notices.some((n) => n.by === 'org' && n.at < dueAt && (n.expectedUntil === undefined || n.expectedUntil >= day));
        if (covered) continue;
        if (f.overdueAt === undefined) await this.ref(org).ask({ type: 'record-overdue', id: f.id, dueAt, at: now });
        out.push({ org, kind: 'unacked-without-notice', id: f.id, arose: day, dueAt: iso(dueAt)! });
      }
      for (const n of s.notices) {
        if (n.late) out.push({ org, kind: 'late-notice', id: n.noticeId, arose: n.since, dueAt: iso(n.dueAt)!, notifiedAt: iso(n.at)!, by: n.by });
      }
    }
    return out;
  }
}

function entryOf(no: number, f: FileEntry, direction: 'sent' | 'received'): JournalEntry {
  const status = f.direction === 'from-org' ? 'received' : f.ackedAt !== undefined ? 'acked' : f.fetchedAt !== undefined ? 'fetched' : 'sent';
  return {
    no,
    id: f.id,
    direction,
    type: f.fileType,
    version: f.version,
    size: f.size,
    sha256: f.sha256,
    at: iso(f.at)!,
    ...(f.fetchedAt !== undefined ? { fetchedAt: iso(f.fetchedAt)! } : {}),
    ...(f.ackedAt !== undefined ? { ackedAt: iso(f.ackedAt)! } : {}),
    status,
    ...(f.requestId ? { requestId: f.requestId } : {}),
    ...(f.answeredBy ? { answeredBy: f.answeredBy } : {}),
    signed: f.signed,
    ...(f.signatureCheck ? { signatureCheck: f.signatureCheck } : {}),
    overdue: f.overdueAt !== undefined,
  };
}
