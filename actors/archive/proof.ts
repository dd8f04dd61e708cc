/**
 * The journal proof of a package, checked offline (docs/archive-package.md §6): the chain segment's
 * hashes recompute (runtime/journal/hash.ts format 2) and link up to the checkpoint, the checkpoint
 * carries this court's seal, every case row's full content gives the digest and public view the chain
 * committed to, no row of the case actor is left out, and the centre's receipt — when the package holds
 * one — names exactly that checkpoint (and verifies with the bus operator's key when given).
 * Pure: parsed values in, problems out; validate.ts reads the files.
 */
import { chainHashV2, hiddenDigest, publicText } from '../../runtime/journal/hash.ts';
import { schemaErrors } from '../../runtime/validate.ts';
import { verifyCourtSeal, type CourtSealAnchor } from '../pki/index.ts';
import { checkpointId, checkpointSignedContent, CheckpointV1, NOT_YET, receiptSigner, ReceiptV1 } from '../../contracts/witness/index.ts';
import { Type, type Static } from '@sinclair/typebox';
import { ChainRowV1, type ChainRow } from './dossier.ts';
import type { CaseEventRef, PackageProblem } from './types.ts';
import { CASE_EVENTS_FILE, CHAIN_FILE, CHECKPOINT_FILE, RECEIPT_FILE } from './layout.ts';

/**
 * A case row in `case-events.jsonl`: in full (meta, data, salt) when its public view withheld nothing,
 * else the public view with the withheld paths (build.ts packagedRow: covert never leaves the court).
 */
export const PackagedCaseRowV1 = Type.Object(
  {
    gseq: Type.Integer({ minimum: 1 }),
    actor: Type.String({ minLength: 3, maxLength: 300 }),
    aseq: Type.Integer({ minimum: 1 }),
    type: Type.String({ minLength: 1, maxLength: 100 }),
    ts: Type.Integer({ minimum: 0 }),
    pub: Type.String(),
    prevHash: Type.String({ pattern: '^[0-9a-f]{64}$' }),
    hash: Type.String({ pattern: '^[0-9a-f]{64}$' }),
    meta: Type.Optional(Type.String()),
    data: Type.Optional(Type.String()),
    salt: Type.Optional(Type.String({ pattern: '^[0-9a-f]{32}$' })),
    withheld: Type.Optional(Type.Array(Type.String(), { minItems: 1 })),
  },
  { additionalProperties: false },
);
export type PackagedCaseRow = Static<typeof PackagedCaseRowV1>;

export interface ProofInput {
  court: string;
  ueun: string;
  /** Parsed lines of chain.jsonl / case-events.jsonl (undefined: a line that is not JSON). */
  segment: unknown[];
  caseRows: unknown[];
  checkpoint: unknown;
  /** Absent when the package holds no receipt. */
  receipt?: unknown;
  anchor?: CourtSealAnchor;
  operatorKey?: string;
  /** Time to verify seals at (a proof of existence); default now. */
  at?: Date;
}

export interface ProofResult {
  problems: PackageProblem[];
  caseEvents: CaseEventRef[];
  /** Ukrainian notes that are not failures (e.g. the receipt's signature not checked for want of a key). */
  notes: string[];
}

export function verifyProof(p: ProofInput): ProofResult {
  const problems: PackageProblem[] = [];
  const notes: string[] = [];
  const bad = (code: string, file: string, message: string) => problems.push({ code, file, message });

  const segment = rowsOf<ChainRow>(ChainRowV1, p.segment, CHAIN_FILE, bad);
  const caseRows = rowsOf<PackagedCaseRow>(PackagedCaseRowV1, p.caseRows, CASE_EVENTS_FILE, bad);
  const cpErrors = schemaErrors(CheckpointV1, p.checkpoint);
  const checkpoint = cpErrors.length === 0 ? (p.checkpoint as CheckpointV1) : undefined;
  if (!checkpoint) bad('PROOF_MALFORMED', CHECKPOINT_FILE, `контрольна точка не відповідає схемі: ${cpErrors[0]?.path} ${cpErrors[0]?.message}`);
  if (!segment || !caseRows) return { problems, caseEvents: [], notes };
  if (segment.length === 0) bad('PROOF_MALFORMED', CHAIN_FILE, 'сегмент ланцюга журналу порожній');

  // 1. Every row's hash recomputes from what it shows, and each links to the one before it.
  segment.forEach((r, i) => {
    const pub = publicText({ author: r.author, data: r.data, redacted: r.redacted });
    if (chainHashV2(r.prevHash, r, r.hidden, pub) !== r.hash) bad('CHAIN_HASH_MISMATCH', CHAIN_FILE, `хеш події ${r.gseq} (рядок ${i + 1}) не відповідає її вмісту: подію змінено`);
    const prev = segment[i - 1];
    if (prev && r.gseq !== prev.gseq + 1) bad('CHAIN_BROKEN', CHAIN_FILE, `розрив ланцюга: після події ${prev.gseq} іде подія ${r.gseq}`);
    else if (prev && r.prevHash !== prev.hash) bad('CHAIN_BROKEN', CHAIN_FILE, `ланцюг розірвано на події ${r.gseq}: її попередній хеш не є хешем події ${prev.gseq}`);
  });

  // 2. The segment ends exactly at the sealed head.
  const last = segment[segment.length - 1];
  if (checkpoint && last && (last.gseq !== checkpoint.gseq || last.hash !== checkpoint.hash)) {
    bad('CHECKPOINT_HASH_MISMATCH', CHECKPOINT_FILE, `сегмент закінчується подією ${last.gseq} з хешем ${last.hash}, а контрольна точка засвідчує подію ${checkpoint.gseq} з хешем ${checkpoint.hash}`);
  }

  // 3. The checkpoint is under this court's seal (the same rule as a protocol's seal, actors/pki/court-seal.ts).
  let receipt: ReceiptV1 | undefined;
  let receiptTrusted = false;
  if (p.receipt !== undefined) {
    const errs = schemaErrors(ReceiptV1, p.receipt);
    if (errs.length > 0) bad('PROOF_MALFORMED', RECEIPT_FILE, `квитанція центру не відповідає схемі: ${errs[0]!.path} ${errs[0]!.message}`);
    else receipt = p.receipt as ReceiptV1;
  }
  if (checkpoint && receipt) {
    const { seal: _s, ...unsealed } = checkpoint;
    if (receipt.court !== checkpoint.court || receipt.gseq !== checkpoint.gseq || receipt.hash !== checkpoint.hash || receipt.time !== checkpoint.time || receipt.checkpoint !== checkpointId(unsealed)) {
      bad('RECEIPT_MISMATCH', RECEIPT_FILE, `квитанція центру (${receipt.centre}) засвідчує іншу контрольну точку (подія ${receipt.gseq}), ніж у пакеті (подія ${checkpoint.gseq})`);
    } else if (receipt.witnessed !== NOT_YET && receipt.witnessed !== receipt.hash) {
      bad('RECEIPT_MISMATCH', RECEIPT_FILE, `центр на час квитанції мав подію ${receipt.gseq} з іншим хешем (${receipt.witnessed})`);
    }
    if (p.operatorKey) {
      try {
        receiptSigner(receipt, p.operatorKey);
        receiptTrusted = true;
      } catch (e) {
        bad('RECEIPT_INVALID', RECEIPT_FILE, `підпис квитанції центру недійсний: ${(e as Error).message}`);
      }
    } else notes.push('підпис квитанції центру не перевірено: не дано ключ оператора шини (--operator-key)');
  } else if (checkpoint) notes.push('квитанції центру на контрольну точку в пакеті немає');

  if (checkpoint) {
    if (checkpoint.court !== p.court) bad('CHECKPOINT_SEAL_INVALID', CHECKPOINT_FILE, `контрольна точка суду ${checkpoint.court}, а пакет — суду ${p.court}`);
    else if (!p.anchor) bad('CHECKPOINT_SEAL_INVALID', CHECKPOINT_FILE, 'немає сертифіката ЦСК суду, щоб перевірити печатку контрольної точки');
    else {
      const { seal, ...unsealed } = checkpoint;
      // A centre's verified receipt proves the checkpoint existed at receivedAt: the seal is judged then, not today.
      const at = receiptTrusted && receipt ? new Date(receipt.receivedAt) : p.at;
      const v = verifyCourtSeal({ content: checkpointSignedContent(unsealed), cms: Buffer.from(seal.cms, 'base64'), anchor: p.anchor, court: p.court, ...(at ? { at } : {}) });
      if (!v.ok) bad('CHECKPOINT_SEAL_INVALID', CHECKPOINT_FILE, `печатка контрольної точки недійсна: ${v.result.reason.uk} (${v.problem ?? v.result.indication})`);
    }
  }

  // 4. Every case row is in the chain with its full content proven; no row of the case actor is left out.
  const bySeq = new Map(segment.map((r) => [r.gseq, r]));
  const caseEvents: CaseEventRef[] = [];
  for (const c of caseRows) {
    caseEvents.push({ gseq: c.gseq, actor: c.actor, type: c.type, hash: c.hash });
    const s = bySeq.get(c.gseq);
    if (!s || s.actor !== c.actor || s.aseq !== c.aseq || s.type !== c.type || s.ts !== c.ts || s.hash !== c.hash || s.prevHash !== c.prevHash) {
      bad('CASE_EVENT_NOT_IN_CHAIN', CASE_EVENTS_FILE, `подія справи ${c.gseq} (${c.type}) ${s ? 'не збігається з подією ланцюга на тому ж місці' : 'відсутня в сегменті ланцюга'}`);
      continue;
    }
    const full = c.meta !== undefined && c.data !== undefined && c.salt !== undefined;
    if (c.pub !== publicText({ author: s.author, data: s.data, redacted: s.redacted })) {
      bad('CASE_EVENT_MISMATCH', CASE_EVENTS_FILE, `відкритий зміст події справи ${c.gseq} (${c.type}) не той, що закріплено в ланцюзі журналу`);
    } else if (full && hiddenDigest(c.salt!, c.meta!, c.data!) !== s.hidden) {
      bad('CASE_EVENT_MISMATCH', CASE_EVENTS_FILE, `повний зміст події справи ${c.gseq} (${c.type}) не той, що закріплено в ланцюзі журналу`);
    } else if (!full && !(c.withheld && c.withheld.length > 0 && s.redacted.length > 0)) {
      bad('CASE_EVENT_MISMATCH', CASE_EVENTS_FILE, `подію справи ${c.gseq} (${c.type}) подано без повного змісту, хоча нічого з неї не приховано`);
    }
  }
  const listed = new Set(caseRows.map((c) => c.gseq));
  const caseActor = `case/${p.ueun}`;
  for (const s of segment) {
    if (s.actor === caseActor && !listed.has(s.gseq)) bad('CASE_EVENT_OMITTED', CASE_EVENTS_FILE, `подію справи ${s.gseq} (${s.type}) з ланцюга журналу не включено до пакета`);
  }
  return { problems, caseEvents, notes };
}

function rowsOf<T>(schema: Parameters<typeof schemaErrors>[0], rows: unknown[], file: string, bad: (code: string, file: string, message: string) => void): T[] | undefined {
  for (let i = 0; i < rows.length; i++) {
    const errs = schemaErrors(schema, rows[i], 1);
    if (errs.length > 0) {
      bad('PROOF_MALFORMED', file, `рядок ${i + 1} не відповідає схемі: ${errs[0]!.path} ${errs[0]!.message}`);
      return undefined;
    }
  }
  return rows as T[];
}
