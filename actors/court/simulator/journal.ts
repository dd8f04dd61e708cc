/**
 * A court's replicated journal produced without a node: the court's own pure
 * code (actors/distribution: distribute, load ledger, accrual; the actor's
 * `evolve` and document ids from actors/court/distribution) makes every draw,
 * the events carry exactly the payloads the actors journal, and each row is
 * redacted by the real policy (contracts/ingest/redaction.ts) into the shape
 * the centre stores in `events`. Fast enough for detector benchmarks over
 * hundreds of court-months; the node-driven simulator (index.ts) stays the
 * end-to-end path.
 *
 *   const j = new CourtJournal('537', { seed: 7 });
 *   j.loadZasady(j.baseZasady, Date.parse('2025-03-31T10:00:00Z'));
 *   const c = j.register({ category: 'civil-claim', parties: [...], description: '…', at });
 *   j.draw(c, at);
 *   await engine.insert('events', j.rows);
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import type { ZasadyConfig } from '../../../contracts/distribution/zasady.ts';
import type { Absence, CaseToDistribute } from '../../../contracts/distribution/inputs.ts';
import type { DocumentKind, ProtocolDocument, TransferProtocol } from '../../../contracts/court/distribution.ts';
import type { CaseRegisteredV1 } from '../../../contracts/court/registration.ts';
import { redact } from '../../../contracts/ingest/redaction.ts';
import { loadCalendar, type Calendar } from '../../distribution/calendar.ts';
import { distribute, type DistributionResult } from '../../distribution/distribute.ts';
import { assignedEvent, type LoadEvent, type LoadLedger } from '../../distribution/load.ts';
import { loadZasady, ZasadyHistory, type Zasady } from '../../distribution/zasady.ts';
import { accrualEvents } from '../distribution/accrual.ts';
import { DEFAULT_ZASADY } from '../distribution/config.ts';
import { DOCUMENT_TYPES, documentIdParts, formatDocumentId } from '../distribution/documents.ts';
import { evolve, exclusionsOf, initialState, type DistributionEvent, type DistributionState } from '../distribution/state.ts';
import { isoWithOffset } from '../distribution/time.ts';
import { rng } from './index.ts';
import type { EventRow as CentralEventRow } from '../../central/ingest/rows.ts';

/** One row of the centre's `events` table as the simulator writes it: a legacy (format 1) row, chain columns defaulted. */
export type EventRow = Omit<CentralEventRow, 'chain' | 'hidden'>;

export interface RegisteredCase {
  ueun: string;
  proceedingNumber: string;
  category: string;
  index: string;
  parties: string[];
  seq: number;
}

export interface DrawOutcome {
  documentId: string;
  seq: number;
  presiding: string;
  members: string[];
  protocol: ProtocolDocument['protocol'];
}

/** Changes a draw's inputs or result: the planted manipulations (manipulate.ts). */
export interface DrawHooks {
  /** The ledger the draw reads (a tampered copy: scenario f). */
  ledger?: (honest: LoadLedger, date: string) => LoadLedger;
  /** Re-roll the random bytes until `accept` holds, at most `tries` times (scenario e: a secretly repeated draw). */
  reroll?: { accept: (r: DistributionResult) => boolean; tries: number };
}

const HASH_KEY = 'simulator-redaction-key';

export function defaultCalendar(zasadyFile = DEFAULT_ZASADY): Calendar {
  return loadCalendar(parse(readFileSync(join(dirname(zasadyFile), 'calendar.yaml'), 'utf8')));
}

/** The example Засади under another court code. */
export function zasadyConfigFor(court: string, zasadyFile = DEFAULT_ZASADY): ZasadyConfig {
  const c = parse(readFileSync(zasadyFile, 'utf8')) as ZasadyConfig;
  return { ...c, court: { ...c.court, code: court } };
}

export class CourtJournal {
  readonly rows: EventRow[] = [];
  readonly calendar: Calendar;
  readonly baseZasady: ZasadyConfig;
  state: DistributionState;
  private seq = 0;
  private prev = '0'.repeat(64);
  private aseq = new Map<string, number>();
  private ordinal = 0;
  private bytesCounter = 0;
  readonly random: () => number;

  constructor(readonly court: string, private readonly opts: { seed: number; calendar?: Calendar }) {
    this.calendar = opts.calendar ?? defaultCalendar();
    this.baseZasady = zasadyConfigFor(court);
    this.state = initialState(court);
    this.random = rng(opts.seed);
  }

  get timeZone(): string {
    return this.baseZasady.court.timeZone;
  }

  private cached: { n: number; history: ZasadyHistory } | undefined;

  /** The journaled versions (re-indexed only when one is added). */
  history(): ZasadyHistory {
    const n = this.state.zasady.length;
    if (this.cached?.n !== n) this.cached = { n, history: new ZasadyHistory(this.state.zasady.map((c) => loadZasady(c))) };
    return this.cached.history;
  }

  zasadyOn(date: string): Zasady {
    return this.history().inForceOn(date);
  }

  /** Append one journal event of `actor` (kind/id) as the centre stores it. */
  private append(actor: string, type: string, data: Record<string, unknown>, ts: number, author: string): EventRow {
    const kind = actor.slice(0, actor.indexOf('/'));
    const aseq = (this.aseq.get(actor) ?? 0) + 1;
    this.aseq.set(actor, aseq);
    const seq = ++this.seq;
    const { data: pub, redacted } = redact(kind, type, { type, ...data }, { hashKey: HASH_KEY });
    const payload = JSON.stringify(pub);
    const hash = createHash('sha256').update(this.prev).update(JSON.stringify([seq, actor, aseq, type, ts, author])).update(payload).digest('hex');
    const row: EventRow = { court: this.court, seq, actor, kind, aseq, type, ts, author, hash, prev_hash: this.prev, redacted, payload, ingested_at: ts };
    this.prev = hash;
    this.rows.push(row);
    return row;
  }

  private nextAseq(actor: string): number {
    return (this.aseq.get(actor) ?? 0) + 1;
  }

  private distribution(e: DistributionEvent, ts: number, author = 'sim.officer'): EventRow {
    const { type, ...data } = e;
    const row = this.append(`distribution/${this.court}`, type, data as Record<string, unknown>, ts, author);
    this.state = evolve(this.state, e);
    return row;
  }

  loadZasady(config: ZasadyConfig, ts: number): void {
    loadZasady(config); // refuse an invalid version here, as the actor does
    this.distribution({ type: 'zasady-loaded', config }, ts, 'sim.head');
  }

  recordAbsence(judgeId: string, absence: Absence, ts: number): EventRow {
    return this.distribution({ type: 'absence-recorded', judgeId, absence }, ts, 'sim.head');
  }

  cancelAbsence(judgeId: string, a: Absence, ts: number): EventRow {
    const basis = { kind: 'order' as const, number: `${a.basis.number}-с`, date: isoWithOffset(ts, this.timeZone).slice(0, 10) };
    return this.distribution({ type: 'absence-cancelled', judgeId, kind: a.kind, from: a.from, basis, by: { author: 'sim.head', role: 'head_of_staff' } }, ts, 'sim.head');
  }

  shortenAbsence(judgeId: string, a: Absence, to: string, ts: number): EventRow {
    const basis = { kind: 'order' as const, number: `${a.basis.number}-з`, date: isoWithOffset(ts, this.timeZone).slice(0, 10) };
    return this.distribution({ type: 'absence-shortened', judgeId, kind: a.kind, from: a.from, to, previousTo: a.to ?? null, basis, by: { author: 'sim.head', role: 'head_of_staff' } }, ts, 'sim.head');
  }

  /** A registration as the registry journals it (contracts/court/registration.ts CaseRegisteredV1). */
  register(r: { category: string; parties: Array<{ role: string; name: string }>; description: string; docKind: string; ts: number; existingUeun?: string }): RegisteredCase {
    const z = this.zasadyOn(this.dateOf(r.ts));
    const index = z.categories.get(r.category)!.proceedingIndex;
    const n = ++this.ordinal;
    const date = this.dateOf(r.ts);
    const yy = date.slice(2, 4);
    const ueun = r.existingUeun ?? `${this.court}/${n}/${yy}`;
    const proceedingNumber = `${index}/${this.court}/${n}/${yy}`;
    const ev: Omit<CaseRegisteredV1, 'type'> = {
      v: 1,
      ordinal: n,
      ueun,
      ueunAssignedHere: r.existingUeun === undefined,
      proceedingNumber,
      year: Number(date.slice(0, 4)),
      registeredAt: r.ts,
      registrationDate: date,
      by: { login: 'sim.registrar', role: 'registrar' },
      registration: {
        index: index as CaseRegisteredV1['registration']['index'],
        arrivalDate: date,
        document: { kind: r.docKind, title: `${r.docKind} №${n}`, sender: r.parties[0]!.name },
        description: r.description,
        parties: r.parties,
        ...(r.existingUeun ? { existingUeun: r.existingUeun } : {}),
      },
    };
    const row = this.append(`registry/${this.court}`, 'case-registered', ev as unknown as Record<string, unknown>, r.ts, 'sim.registrar');
    return { ueun, proceedingNumber, category: r.category, index, parties: r.parties.map((p) => p.name), seq: row.seq };
  }

  /** The decision on a case card (actors/court/case: `case-decided`). */
  decide(c: RegisteredCase, judgeId: string, outcome: 'decision' | 'ruling-closing' | 'left-without-consideration' | 'returned', ts: number): EventRow {
    return this.append(`case/${c.ueun}`, 'case-decided', { at: ts, by: { login: judgeId.toLowerCase(), role: 'judge' }, caseId: c.proceedingNumber, ueun: c.ueun, proceedingNumber: c.proceedingNumber, judgeId, outcome, date: this.dateOf(ts) }, ts, judgeId.toLowerCase());
  }

  dateOf(ts: number): string {
    return isoWithOffset(ts, this.timeZone).slice(0, 10);
  }

  private nextBytes(): Uint8Array {
    return createHash('sha256').update(`${this.opts.seed}:${this.court}:${this.bytesCounter++}`).digest();
  }

  /** Court accrual before a draw (actors/court/distribution/draws.ts accrue). */
  private accrue(z: Zasady, date: string, ts: number): void {
    const s = this.state;
    const load = accrualEvents(s.ledger!, z, this.calendar, s.absences, s.accruedThrough ?? date, date);
    if (load.length > 0 || (s.accruedThrough ?? date) < date) this.distribution({ type: 'load-accrued', through: date, load }, ts);
  }

  private document(z: Zasady, kind: DocumentKind, protocol: ProtocolDocument['protocol'], ts: number): ProtocolDocument {
    const seq = this.nextAseq(`distribution/${this.court}`);
    const idParts = documentIdParts(z, kind, seq, protocol.case.category);
    return {
      schema: 'asds.protocol-document/v1',
      documentId: formatDocumentId(idParts),
      idParts,
      state: 'Original',
      kind,
      title: DOCUMENT_TYPES[kind].title,
      attempt: { actor: `distribution/${this.court}`, seq },
      createdAt: isoWithOffset(ts, this.timeZone),
      createdBy: 'sim.officer',
      protocol,
    };
  }

  private loadFor(z: Zasady, caseId: string, category: string, date: string, c: { presiding: string; members: string[] }, reserve?: string): LoadEvent[] {
    const ev = (judgeId: string, form: 'presiding' | 'member' | 'reserve') => assignedEvent(z, { judgeId, caseId, category, form, date });
    const out = [ev(c.presiding, 'presiding'), ...c.members.map((m) => ev(m, 'member'))];
    if (reserve !== undefined && z.config.participation.reserve > 0) out.push(ev(reserve, 'reserve'));
    return out;
  }

  private toCase(c: RegisteredCase): CaseToDistribute {
    return { caseId: c.proceedingNumber, uniqueNumber: c.ueun, proceedingNumber: c.proceedingNumber, category: c.category, exclusions: [] };
  }

  /** A random draw of a registered case (4.7–4.9); undefined if impossible (4.10). */
  draw(c: RegisteredCase, ts: number, hooks: DrawHooks = {}): DrawOutcome | undefined {
    const date = this.dateOf(ts);
    const z = this.zasadyOn(date);
    this.accrue(z, date, ts);
    const kase = this.toCase(c);
    const input = {
      zasady: z,
      calendar: this.calendar,
      case: { ...kase, exclusions: exclusionsOf(this.state, kase) },
      at: isoWithOffset(ts, this.timeZone),
      date,
      absences: this.state.absences,
      duty: this.state.duty,
      ledger: hooks.ledger ? hooks.ledger(this.state.ledger!, date) : this.state.ledger!,
    };
    let result = distribute({ ...input, randomBytes: this.nextBytes() });
    for (let i = 1; hooks.reroll && i < hooks.reroll.tries && !hooks.reroll.accept(result); i++) result = distribute({ ...input, randomBytes: this.nextBytes() });
    if (result.kind === 'impossibility') {
      const document = this.document(z, 'impossibility', result, ts);
      this.distribution({ type: 'distribution-impossible', caseId: kase.caseId, document, item: { case: kase } }, ts);
      return undefined;
    }
    const composition = { presiding: result.chosen.presiding, members: [...result.chosen.members] };
    const load = this.loadFor(z, kase.caseId, kase.category, result.date, composition, result.chosen.reserve);
    const document = this.document(z, result.kind, result, ts);
    const row = this.distribution({ type: 'case-distributed', caseId: kase.caseId, case: kase, document, composition, load, assignmentMode: 'random' }, ts);
    return { documentId: document.documentId, seq: row.seq, presiding: composition.presiding, members: composition.members, protocol: result };
  }

  /** A non-random assignment to an earlier judge (Засади 4.11, 4.17, 5.1; transfer protocol 5.3). */
  transfer(c: RegisteredCase, ground: string, to: string, related: string, ts: number): DrawOutcome {
    const date = this.dateOf(ts);
    const z = this.zasadyOn(date);
    this.accrue(z, date, ts);
    const kase = this.toCase(c);
    const g = [...z.config.notDistributed, ...z.config.transferGrounds].find((x) => x.code === ground);
    if (!g) throw new Error(`unknown ground ${ground}`);
    const v = z.config.version;
    const protocol: TransferProtocol = {
      v: 1,
      kind: 'transfer',
      court: this.court,
      case: { caseId: kase.caseId, uniqueNumber: c.ueun, proceedingNumber: c.proceedingNumber, category: c.category },
      at: isoWithOffset(ts, this.timeZone),
      date,
      zasady: { id: v.id, decisionNumber: v.decisionNumber, effectiveFrom: v.effectiveFrom },
      ground: { code: g.code, text: g.text },
      to: { presiding: to, members: [] },
      previous: { source: 'related-case', caseId: related },
    };
    const load = this.loadFor(z, kase.caseId, kase.category, date, protocol.to);
    const document = this.document(z, 'transfer', protocol, ts);
    const row = this.distribution({ type: 'case-distributed', caseId: kase.caseId, case: kase, document, composition: protocol.to, load, assignmentMode: 'non-random', ground: g.code }, ts);
    return { documentId: document.documentId, seq: row.seq, presiding: to, members: [], protocol };
  }
}
