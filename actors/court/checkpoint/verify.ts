/**
 * The local chain against the centre's receipts (`asds journal verify --receipts`,
 * issue 11 item 2): each stored receipt must carry a central worker's valid
 * signature (its passport issued by the bus operator), and the journal must
 * still hold at receipt.gseq the hash the centre acknowledged. A re-hashed,
 * truncated or rewritten chain passes its own verification but fails here —
 * the receipt proves what the court had told the centre.
 */
import { existsSync } from 'node:fs';
import { Journal } from '../../../runtime/index.ts';
import { NOT_YET, receiptSigner, type ReceiptV1 } from '../../../contracts/witness/index.ts';
import { ReceiptStore, receiptsPath } from './receipts.ts';
import { rowAt } from './seal.ts';

export interface ReceiptProblem {
  gseq: number | null;
  /** Ukrainian, for the person running the check. */
  problem: string;
}

export interface ReceiptsReport {
  checked: number;
  problems: ReceiptProblem[];
  last?: ReceiptV1;
  /** Where the operator key came from: `given` (command line) or `stored` (beside the receipts). */
  operatorKeySource: 'given' | 'stored' | 'none';
}

export function verifyReceipts(dataDir: string, journalFile: string, operatorKey?: string): ReceiptsReport {
  const path = receiptsPath(dataDir);
  if (!existsSync(path)) return { checked: 0, problems: [{ gseq: null, problem: `квитанцій центру немає (${path}): звіряти нічого` }], operatorKeySource: 'none' };
  const store = new ReceiptStore(path, { readonly: true });
  const journal = new Journal(journalFile, { readonly: true });
  try {
    const key = operatorKey ?? store.operatorKey();
    const source = operatorKey ? 'given' : key ? 'stored' : 'none';
    const problems: ReceiptProblem[] = [];
    const all = store.all();
    if (all.length === 0) problems.push({ gseq: null, problem: 'квитанцій центру немає: звіряти нічого' });
    let last: ReceiptV1 | undefined;
    for (const s of all) {
      const r = s.receipt;
      const gseq = typeof r.gseq === 'number' ? r.gseq : null;
      if (s.problem) {
        problems.push({ gseq, problem: `квитанція #${s.id} пошкоджена: ${s.problem}` });
        continue;
      }
      if (!key) {
        problems.push({ gseq, problem: 'немає ключа оператора шини для перевірки підпису (дайте --operator-key або --bus)' });
        continue;
      }
      try {
        receiptSigner(r, key);
      } catch (e) {
        problems.push({ gseq, problem: `підпис квитанції недійсний: ${(e as Error).message}` });
        continue;
      }
      const row = rowAt(journal, r.gseq);
      if (!row) problems.push({ gseq, problem: `подію ${r.gseq}, засвідчену центром (${r.centre}, ${new Date(r.receivedAt).toISOString()}), у журналі не знайдено — кінець журналу видалено` });
      else if (row.hash !== r.hash) problems.push({ gseq, problem: `хеш події ${r.gseq} у журналі (${row.hash}) не збігається з квитанцією центру (${r.hash}) — історію журналу змінено` });
      if (r.witnessed !== NOT_YET && r.witnessed !== r.hash) problems.push({ gseq, problem: `центр на час квитанції мав подію ${r.gseq} з іншим хешем (${r.witnessed})` });
      last = r;
    }
    return { checked: all.length, problems, ...(last ? { last } : {}), operatorKeySource: source };
  } finally {
    journal.close();
    store.close();
  }
}
