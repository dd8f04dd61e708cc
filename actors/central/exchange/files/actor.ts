/**
 * The hub's journal of information files exchanged with one organisation (Порядок II.1: «форми журналів обліку
 * інформаційних файлів обміну»), actor `info-files/<org>`: every file sent to it and received from it — type,
 * when sent, fetched and acknowledged, size, SHA-256, status — and the notices of impossibility of exchange
 * (Порядок II.5). Pure decide/evolve; times come in the commands from the hub's clock (tests inject it).
 *
 *   await system.ref(INFO_FILES_KIND, 'npu').ask({ type: 'ack', id, at: Date.now() });
 */
import type { Behavior } from '../../../../runtime/index.ts';
import { InfoFilesCommandV1 } from '../../../../contracts/exchange/files/index.ts';
import { refuse } from './errors.ts';

export const INFO_FILES_KIND = 'info-files';

export interface FileEntry {
  seq: number;
  id: string;
  /** `to-org`: the hub sent it to the organisation; `from-org`: the organisation sent it to the hub. */
  direction: 'to-org' | 'from-org';
  fileType: string;
  version: number;
  size: number;
  sha256: string;
  /**
   * The file's bytes while the hub still has to hand them over or read them: a file sent to the organisation
   * keeps them until acknowledged (then only its event in the journal does — the state stays bounded by what is
   * pending); a file received from it keeps them for the hub's operator.
   */
  content?: string;
  requestId?: string;
  /** The answer's file id once a request is answered (linked both ways). */
  answeredBy?: string;
  signature?: string;
  signed: boolean;
  signatureCheck?: { indication: string; reason: string };
  at: number;
  fetchedAt?: number;
  ackedAt?: number;
  overdueAt?: number;
  dueAt?: number;
}

export type Notice = {
  noticeId: string;
  by: 'org' | 'hub';
  reason: string;
  since: string;
  expectedUntil?: string;
  dueAt: number;
  at: number;
  /** Notified after the end of the 2nd working day following `since` (Порядок II.5). */
  late: boolean;
};

export interface InfoFilesState {
  seq: number;
  files: Record<string, FileEntry>;
  /** File ids in the order they were journaled. */
  order: string[];
  notices: Notice[];
}

type FileFacts = Omit<FileEntry, 'seq' | 'direction' | 'fetchedAt' | 'ackedAt' | 'overdueAt' | 'dueAt' | 'signed' | 'answeredBy' | 'content'> & { content: string };
type Event =
  | ({ type: 'file-sent' } & FileFacts)
  | ({ type: 'file-received' } & FileFacts)
  | { type: 'files-fetched'; ids: string[]; at: number }
  | { type: 'file-acked'; id: string; at: number }
  | ({ type: 'impossibility-notified' } & Notice)
  | { type: 'impossibility-overdue'; id: string; dueAt: number; at: number };

export interface FileReceipt {
  id: string;
  seq: number;
  sha256: string;
  size: number;
  at: number;
  duplicate: boolean;
}

function linkCheck(state: InfoFilesState, direction: FileEntry['direction'], requestId: string | undefined): void {
  if (requestId === undefined) return;
  const req = state.files[requestId];
  // an answer answers a request that went the other way between the same two parties
  if (!req || req.fileType !== 'information-request' || req.direction === direction) {
    refuse('REQUEST_UNKNOWN', 'Запит, на який дано відповідь, не знайдено серед запитів цього учасника обміну.', { requestId });
  }
}

function facts(cmd: Extract<InfoFilesCommandV1, { type: 'deliver' | 'receive' }>): FileFacts {
  const { type: _t, ...rest } = cmd;
  return rest;
}

export const infoFilesBehavior: Behavior<InfoFilesState, InfoFilesCommandV1, Event, unknown> = {
  kind: INFO_FILES_KIND,
  commandSchema: InfoFilesCommandV1,
  initialState: () => ({ seq: 0, files: {}, order: [], notices: [] }),
  decide(state, cmd) {
    switch (cmd.type) {
      case 'status':
        return { reply: state };
      case 'deliver':
      case 'receive': {
        const direction = cmd.type === 'deliver' ? 'to-org' : 'from-org';
        const known = state.files[cmd.id];
        if (known) {
          // a retried upload or send of the same bytes is the same file: one journal entry
          if (known.sha256 === cmd.sha256 && known.direction === direction) {
            return { reply: { id: known.id, seq: known.seq, sha256: known.sha256, size: known.size, at: known.at, duplicate: true } satisfies FileReceipt };
          }
          refuse('FILE_ID_REUSED', 'Ідентифікатор файлу вже використано для іншого файлу.', { id: cmd.id });
        }
        linkCheck(state, direction, cmd.requestId);
        const e = { type: cmd.type === 'deliver' ? ('file-sent' as const) : ('file-received' as const), ...facts(cmd) };
        return { events: [e], reply: { id: cmd.id, seq: state.seq + 1, sha256: cmd.sha256, size: cmd.size, at: cmd.at, duplicate: false } satisfies FileReceipt };
      }
      case 'mark-fetched': {
        const ids = cmd.ids.filter((id) => state.files[id]?.direction === 'to-org' && state.files[id]?.fetchedAt === undefined);
        return ids.length ? { events: [{ type: 'files-fetched', ids, at: cmd.at }], reply: { fetched: ids.length } } : { reply: { fetched: 0 } };
      }
      case 'ack': {
        const f = state.files[cmd.id];
        // only the addressee acknowledges, and only what was sent to it
        if (!f || f.direction !== 'to-org') return refuse('FILE_NOT_FOUND', 'Файл не знайдено.', { id: cmd.id });
        if (f.ackedAt !== undefined) return { reply: { id: f.id, ackedAt: f.ackedAt, duplicate: true } };
        return { events: [{ type: 'file-acked', id: cmd.id, at: cmd.at }], reply: { id: f.id, ackedAt: cmd.at, duplicate: false } };
      }
      case 'notify-impossibility': {
        const known = state.notices.find((n) => n.noticeId === cmd.noticeId);
        if (known) return { reply: known };
        const { type: _t, ...n } = cmd;
        const notice: Notice = { ...n, late: cmd.at >= cmd.dueAt };
        return { events: [{ type: 'impossibility-notified', ...notice }], reply: notice };
      }
      case 'record-overdue': {
        const f = state.files[cmd.id];
        if (!f || f.ackedAt !== undefined || f.overdueAt !== undefined) return { reply: { recorded: false } };
        return { events: [{ type: 'impossibility-overdue', id: cmd.id, dueAt: cmd.dueAt, at: cmd.at }], reply: { recorded: true } };
      }
    }
  },
  evolve(state, e) {
    switch (e.type) {
      case 'file-sent':
      case 'file-received': {
        const { type, ...f } = e;
        const seq = state.seq + 1;
        state.files[f.id] = { ...f, seq, direction: type === 'file-sent' ? 'to-org' : 'from-org', signed: f.signature !== undefined };
        if (f.requestId && state.files[f.requestId]) state.files[f.requestId]!.answeredBy = f.id;
        state.order.push(f.id);
        state.seq = seq;
        return state;
      }
      case 'files-fetched':
        for (const id of e.ids) if (state.files[id]) state.files[id].fetchedAt = e.at;
        return state;
      case 'file-acked': {
        const f = state.files[e.id];
        if (f) {
          f.ackedAt = e.at;
          // handed over: the bytes live on in the journal's event only
          delete f.content;
          delete f.signature;
        }
        return state;
      }
      case 'impossibility-notified': {
        const { type: _t, ...n } = e;
        state.notices.push(n);
        return state;
      }
      case 'impossibility-overdue':
        if (state.files[e.id]) Object.assign(state.files[e.id]!, { overdueAt: e.at, dueAt: e.dueAt });
        return state;
    }
  },
};
