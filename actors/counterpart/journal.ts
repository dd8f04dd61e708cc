/**
 * The counterpart's OWN journal (issue 17: "both sides' journals agree"): what it sent to the hub and what it
 * received, with digests computed on its side over the exact bytes — never copied from the hub's answers.
 * Append-only JSON lines when given a file (kept across runs), else in memory.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname } from 'node:path';

export type Direction = 'sent' | 'received';
export type EntryKind = 'filing' | 'notice' | 'court-document' | 'information-file';

export interface JournalEntry {
  direction: Direction;
  kind: EntryKind;
  /** The hub's id (filing id, inbox id, file id) or the sender's message id. */
  id: string;
  sha256: string;
  size: number;
  at: string;
  note?: string;
}

export const sha256Hex = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');

export class CounterpartJournal {
  private readonly list: JournalEntry[] = [];

  constructor(private readonly file?: string) {
    if (file && existsSync(file)) {
      for (const line of readFileSync(file, 'utf8').split('\n')) if (line.trim()) this.list.push(JSON.parse(line) as JournalEntry);
    }
  }

  record(direction: Direction, kind: EntryKind, id: string, bytes: Buffer | string, note?: string): JournalEntry {
    const e: JournalEntry = { direction, kind, id, sha256: sha256Hex(bytes), size: Buffer.byteLength(bytes), at: new Date().toISOString(), ...(note ? { note } : {}) };
    this.list.push(e);
    if (this.file) {
      mkdirSync(dirname(this.file), { recursive: true });
      appendFileSync(this.file, JSON.stringify(e) + '\n', { mode: 0o600 });
    }
    return e;
  }

  entries(direction?: Direction, kind?: EntryKind): JournalEntry[] {
    return this.list.filter((e) => (!direction || e.direction === direction) && (!kind || e.kind === kind));
  }
}
