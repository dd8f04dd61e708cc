/**
 * The reference police service (issue 17 §B, Порядок ДСА–МВС 2021): fetches the information files the hub sent
 * to it, checks each file's digest over the bytes received, acknowledges it, and keeps its own journal; then
 * compares that journal with the hub's record of the same participant (GET /exchange/v1/journal).
 */
import { expectStatus, type MtlsClient } from './client.ts';
import { CounterpartJournal, sha256Hex, type Direction } from './journal.ts';

export interface DeliveredFile {
  seq: number;
  id: string;
  type: string;
  version: number;
  size: number;
  sha256: string;
  content: string;
}

export interface JournalComparison {
  direction: Direction;
  ours: number;
  hubs: number;
  /** Ids whose digest or size differ, or that one side lacks. */
  mismatches: string[];
  agree: boolean;
}

export class PoliceService {
  /** Where the next fetch starts (a command run keeps it between runs). */
  cursor = 0;

  constructor(
    readonly client: MtlsClient,
    readonly journal = new CounterpartJournal(),
  ) {}

  /** Files addressed to the service: digest checked on our side, journaled, acknowledged. */
  async fetchFiles(): Promise<DeliveredFile[]> {
    const page = expectStatus<{ files: DeliveredFile[]; next: number }>(await this.client.call('GET', `/exchange/v1/files?after=${this.cursor}`), 200);
    for (const f of page.files) {
      if (sha256Hex(f.content) !== f.sha256) throw new Error(`file ${f.id}: the digest of the bytes received is not the hub's`);
      this.journal.record('received', 'information-file', f.id, f.content, `${f.type}@${f.version}`);
      expectStatus(await this.client.call('POST', `/exchange/v1/files/${f.id}/ack`), 200);
    }
    this.cursor = page.next;
    return page.files;
  }

  /** Our journal against the hub's for one direction: same ids, digests and sizes. */
  async compareWithHub(direction: Direction): Promise<JournalComparison> {
    const hub = expectStatus<{ entries: Array<{ id: string; sha256: string; size: number }> }>(await this.client.call('GET', `/exchange/v1/journal?direction=${direction}`), 200).entries;
    const ours = this.journal.entries(direction, 'information-file');
    const key = (e: { id: string; sha256: string; size: number }) => `${e.id} ${e.sha256} ${e.size}`;
    const hubKeys = new Set(hub.map(key));
    const ourKeys = new Set(ours.map(key));
    const mismatches = [...new Set([...ours.filter((e) => !hubKeys.has(key(e))), ...hub.filter((e) => !ourKeys.has(key(e)))].map((e) => e.id))];
    return { direction, ours: ours.length, hubs: hub.length, mismatches, agree: mismatches.length === 0 };
  }
}
