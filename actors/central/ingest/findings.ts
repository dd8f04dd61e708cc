/**
 * The verified ingest's findings as integrity alarms (analytics/alarms.ts):
 * one per refused or conflicting event, with the evidence an administrator
 * needs to check it (seqs, hashes held and received) and a Ukrainian summary.
 */
import type { NewAlarm } from '../../../analytics/alarms.ts';
import type { IngestEvent } from './rows.ts';

const evidenceOf = (e: IngestEvent) => ({ seq: e.seq, actor: e.actor, aseq: e.aseq, type: e.type, ts: e.ts, format: e.v, receivedHash: e.hash, receivedPrevHash: e.prevHash });

export function unknownCourt(court: string, subject: string, first: number | undefined, last: number | undefined): NewAlarm {
  return {
    court,
    kind: 'unknown-court',
    key: 'court',
    summary: `Суд ${court} відсутній у реєстрі підключених судів: його події відхилено, нічого не збережено`,
    evidence: { subject, first: first ?? null, last: last ?? null },
  };
}

export function aboveHead(court: string, e: IngestEvent, head: number): NewAlarm {
  return {
    court,
    kind: 'above-head',
    key: `seq:${e.seq}`,
    summary: `Подія ${e.seq} суду ${court} вища за голову його журналу (${head}), названу в тому ж кадрі: подію відхилено`,
    evidence: { ...evidenceOf(e), frameHead: head },
  };
}

export function hashMismatch(court: string, e: IngestEvent, recomputed: string): NewAlarm {
  return {
    court,
    kind: 'hash-mismatch',
    key: `seq:${e.seq}`,
    summary: `Хеш події ${e.seq} суду ${court} не відтворюється з отриманих даних (дані змінено після запису або в дорозі): подію відхилено`,
    evidence: { ...evidenceOf(e), recomputedHash: recomputed },
  };
}

export function chainBreak(court: string, e: IngestEvent, held: { seq: number; hash: string; chain: number }, why: 'prev-hash' | 'format-downgrade'): NewAlarm {
  const summary =
    why === 'prev-hash'
      ? `Подія ${e.seq} суду ${court} не зв'язана з подією ${held.seq}, яку вже засвідчив центр (prev_hash не збігається): подію відхилено`
      : `Подія ${e.seq} суду ${court} надійшла у застарілому форматі ланцюга 1 після подій формату 2: подію відхилено`;
  return { court, kind: 'chain-break', key: `seq:${e.seq}`, summary, evidence: { ...evidenceOf(e), heldSeq: held.seq, heldHash: held.hash, heldFormat: held.chain, problem: why } };
}

export function conflictingVersion(court: string, e: IngestEvent, held: { hash: string; prev_hash: string }, versionKey: string): NewAlarm {
  return {
    court,
    kind: 'conflicting-version',
    key: `seq:${e.seq}:${versionKey}`,
    summary: `Подія ${e.seq} суду ${court} надійшла у другій, іншій версії: перша лишається чинною, друга збережена поруч (event_versions)`,
    evidence: { ...evidenceOf(e), heldHash: held.hash, heldPrevHash: held.prev_hash },
  };
}
