/**
 * (d) Re-filing until another judge is drawn (judge shopping,
 * integrity-and-statistics.md §4): the same parties and the same essence
 * registered again — often after the earlier filing was withdrawn or left
 * without consideration — and drawn to different judges. Filings are grouped
 * by the set of party names (case- and space-normalised) within
 * `lookbackDays`; within a group, filings whose essence (the registration's
 * description) has a word-set Jaccard similarity ≥ `minSimilarity` are one
 * claim. Alarm when a claim was filed ≥ `minFilings` times and drawn to
 * ≥ `minJudges` different judges by random draws (a transfer to an earlier
 * judge is not a lot to re-roll). A case that came back under its own ЄУН
 * (appeal, 5.1.1) is a continuation, not a new filing, and is left out.
 */
import type { NewAlarm } from '../alarms.ts';
import type { AnalyticsEngine } from '../engine.ts';
import { configOf, courtsIn, DAY, isRandomDraw, streamOf, type DetectorScope } from './facts.ts';

export const KIND = 'detector:refiling' as const;

interface Filing {
  seq: number;
  ts: number;
  ueun: string;
  proceedingNumber: string;
  date: string;
  description: string;
  parties: string[];
  words: Set<string>;
}

export async function refiling(engine: AnalyticsEngine, scope: DetectorScope): Promise<NewAlarm[]> {
  const out: NewAlarm[] = [];
  for (const court of await courtsIn(engine, scope)) out.push(...(await inCourt(engine, court, scope)));
  return out;
}

async function inCourt(engine: AnalyticsEngine, court: string, scope: DetectorScope): Promise<NewAlarm[]> {
  const cfg = configOf(scope).refiling;
  const since = new Date(Date.parse(scope.from) - cfg.lookbackDays * DAY).toISOString().slice(0, 10);
  const rows = await engine.query<{ seq: string; ts: string; ueun: string; proceeding_number: string; date: string; description: string; parties: string[] }>(
    `SELECT seq, ts, ueun, proceeding_number, date, description, parties FROM registrations
     WHERE court = {court:String} AND date >= {since:String} AND date <= {to:String} AND existing_ueun = ''
     ORDER BY seq`,
    { court, since, to: scope.to },
  );
  const groups = new Map<string, Filing[]>();
  for (const r of rows) {
    const parties = [...new Set(r.parties.map(normalise))].sort();
    if (parties.length === 0) continue;
    const f: Filing = { seq: Number(r.seq), ts: Number(r.ts), ueun: r.ueun, proceedingNumber: r.proceeding_number, date: r.date, description: r.description, parties, words: words(r.description) };
    const key = parties.join('\u0000');
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  const candidates = [...groups.values()].filter((g) => g.length >= cfg.minFilings);
  if (candidates.length === 0) return [];
  const stream = await streamOf(engine, court, scope);
  const drawn = new Map<string, { judge: string; documentId: string; seq: number; kind: string }>();
  // only draws count: a transfer to the earlier judge (4.17, 5.1) is not a lot anyone can re-roll
  for (const e of stream) if (isRandomDraw(e)) drawn.set(String(e.data.caseId), { judge: String(e.data.composition.presiding), documentId: String(e.data.document.documentId), seq: e.seq, kind: String(e.data.document.kind) });
  const outcomes = await decisions(engine, court, candidates.flat().map((f) => f.ueun));
  const out: NewAlarm[] = [];
  for (const group of candidates) {
    for (const claim of claims(group, cfg.minSimilarity)) {
      if (claim.length < cfg.minFilings || !claim.some((f) => f.date >= scope.from)) continue;
      const filings = claim.map((f) => ({ ueun: f.ueun, proceedingNumber: f.proceedingNumber, seq: f.seq, date: f.date, judge: drawn.get(f.proceedingNumber)?.judge ?? null, protocol: drawn.get(f.proceedingNumber) ?? null, outcome: outcomes.get(f.proceedingNumber) ?? null }));
      const judges = new Set(filings.flatMap((f) => (f.judge ? [f.judge] : [])));
      if (judges.size < cfg.minJudges) continue;
      out.push({
        court,
        kind: KIND,
        key: `filings:${claim[0]!.ueun}`,
        summary: `Ту саму заяву (${claim[0]!.parties.join('; ')}) зареєстровано ${claim.length} ${times(claim.length)} з ${claim[0]!.date} по ${claim[claim.length - 1]!.date}; її розподілено ${judges.size} різним суддям (останній — ${filings[filings.length - 1]!.judge ?? 'не визначено'})`,
        evidence: { parties: claim[0]!.parties, essence: claim[0]!.description, judges: [...judges], filings },
        at: claim[claim.length - 1]!.ts,
      });
    }
  }
  return out;
}

/** Split a party group into claims: each filing joins the first claim whose first filing's essence is similar enough. */
function claims(group: Filing[], minSimilarity: number): Filing[][] {
  const out: Filing[][] = [];
  for (const f of group) {
    const c = out.find((x) => jaccard(x[0]!.words, f.words) >= minSimilarity);
    if (c) c.push(f);
    else out.push([f]);
  }
  return out;
}

async function decisions(engine: AnalyticsEngine, court: string, ueuns: string[]): Promise<Map<string, { outcome: string; date: string; seq: number }>> {
  const rows = await engine.query<{ seq: string; case_id: string; outcome: string; date: string }>(
    `SELECT seq, JSONExtractString(payload, 'proceedingNumber') AS case_id, JSONExtractString(payload, 'outcome') AS outcome, JSONExtractString(payload, 'date') AS date
     FROM events FINAL WHERE court = {court:String} AND kind = 'case' AND type = 'case-decided' AND actor IN {actors:Array(String)}`,
    { court, actors: ueuns.map((u) => `case/${u}`) },
  );
  return new Map(rows.map((r) => [r.case_id, { outcome: r.outcome, date: r.date, seq: Number(r.seq) }]));
}

/** "2 рази", "5 разів". */
function times(n: number): string {
  const d = n % 10;
  return d >= 2 && d <= 4 && (n % 100 < 12 || n % 100 > 14) ? 'рази' : 'разів';
}

export function normalise(name: string): string {
  return name.toLowerCase().replace(/[«»"'’ʼ.,]/g, '').replace(/\s+/g, ' ').trim();
}

export function words(text: string): Set<string> {
  return new Set(normalise(text).split(/[\s()]+/).filter((w) => w.length > 0));
}

export function jaccard(a: Set<string>, b: Set<string>): number {
  let both = 0;
  for (const w of a) if (b.has(w)) both++;
  const union = a.size + b.size - both;
  return union === 0 ? 1 : both / union;
}
