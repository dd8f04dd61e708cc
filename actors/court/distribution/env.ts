/**
 * What every part of the distribution actor shares: its options, one
 * decision in progress (Tx), and the Засади index and history cache with
 * the court-local clock helpers. Built once per behavior (`makeEnv`).
 */
import type { DecideContext, Effect } from '../../../runtime/index.ts';
import { DomainRejected } from '../../../runtime/index.ts';
import type { Signer } from '../../pki/index.ts';
import type { ZasadyConfig } from '../../../contracts/distribution/zasady.ts';
import type { CaseToDistribute } from '../../../contracts/distribution/inputs.ts';
import type { DistributeItem } from '../../../contracts/court/distribution.ts';
import type { Calendar } from '../../distribution/calendar.ts';
import { localDateOf, type IsoDate } from '../../distribution/dates.ts';
import { loadZasady, ZasadyHistory, type Zasady } from '../../distribution/zasady.ts';
import { applicableChanges, applyRoster } from '../../distribution/roster.ts';
import { evolve, type DistributionEvent, type DistributionState } from './state.ts';
import { localTimeToEpoch } from './time.ts';

export const DISTRIBUTION_KIND = 'distribution';

export interface DistributionOptions {
  /** Засади versions from configuration files; each is journaled (zasady-loaded) before its first use. */
  zasady: readonly ZasadyConfig[];
  calendar: Calendar;
  /** The court seal (actors/pki createSigner(readSeal(dir))). */
  signer: Signer;
  /** Court-local hour at which a waiting case is retried (default 8). */
  retryHour?: number;
  /**
   * Draw construction (docs/draw-spec.md). Default `asds-draw/2`: every step's bytes from the seal key's VRF,
   * verifiable with the court's seal certificate. `asds-draw/1` (CSPRNG bytes, unverifiable randomness) only
   * for a seal key that is not RSA; a v2 node refuses to start with such a key rather than fall back silently.
   */
  draw?: 'asds-draw/1' | 'asds-draw/2';
}

export const reminderName = (caseId: string) => `pending:${caseId}`;

/** One decision in progress: events applied to a running state as they are emitted. */
export class Tx {
  events: DistributionEvent[] = [];
  effects: Effect[] = [];
  constructor(
    public state: DistributionState,
    readonly ctx: DecideContext,
  ) {}
  emit(e: DistributionEvent): void {
    this.events.push(e);
    this.state = evolve(this.state, e);
  }
  /** The sequence number the next emitted event will get in this actor's stream. */
  nextSeq(): number {
    return this.ctx.seq + this.events.length + 1;
  }
}

export interface DistributionEnv {
  opts: DistributionOptions;
  zasadyOf(c: ZasadyConfig): Zasady;
  historyOf(configs: readonly ZasadyConfig[]): ZasadyHistory;
  /**
   * The Засади version in force on `date` with the roster in force that day (roster changes by order applied):
   * what every draw, transfer and read of the roster uses — never the bare version's judges.
   */
  zasadyOn(s: DistributionState, date: IsoDate): Zasady;
  /** Is `judgeId` a judge of any loaded version or appointed by a recorded order (absences, recusals are kept for them)? */
  knownJudge(s: DistributionState, judgeId: string): boolean;
  timeZone(s: DistributionState): string;
  today(s: DistributionState, ctx: DecideContext): IsoDate;
  /** Journaled versions plus configured ones not yet journaled. */
  allConfigs(s: DistributionState): ZasadyConfig[];
  ensureZasady(tx: Tx): void;
  retryAt(s: DistributionState, ctx: DecideContext, date: IsoDate): number;
}

export function makeEnv(opts: DistributionOptions): DistributionEnv {
  const indexed = new Map<string, Zasady>();
  const zasadyOf = (c: ZasadyConfig): Zasady => {
    let z = indexed.get(c.version.id);
    if (!z) indexed.set(c.version.id, (z = loadZasady(c)));
    return z;
  };
  let historyKey = '';
  let history: ZasadyHistory | undefined;
  const historyOf = (configs: readonly ZasadyConfig[]): ZasadyHistory => {
    const key = configs.map((c) => c.version.id).join('\u0000');
    if (key !== historyKey || !history) {
      history = new ZasadyHistory(configs.map(zasadyOf));
      historyKey = key;
    }
    return history;
  };
  const rosterCache = new Map<string, Zasady>();
  const zasadyOn = (s: DistributionState, date: IsoDate): Zasady => {
    const base = historyOf(s.zasady).inForceOn(date);
    const applied = applicableChanges(base, s.roster ?? [], date);
    if (applied.length === 0) return base;
    const key = `${base.versionId}\u0000${applied.map((c) => c.seq).join(',')}`;
    let z = rosterCache.get(key);
    if (!z) {
      if (rosterCache.size > 64) rosterCache.clear();
      rosterCache.set(key, (z = applyRoster(base, applied, date)));
    }
    return z;
  };
  const knownJudge = (s: DistributionState, judgeId: string): boolean =>
    allConfigs(s).some((c) => c.judges.some((j) => j.id === judgeId)) || (s.roster ?? []).some((rc) => rc.change.kind === 'appoint' && rc.change.judge.id === judgeId);
  const retryHour = opts.retryHour ?? 8;
  const timeZone = (s: DistributionState) => (s.zasady.at(-1) ?? opts.zasady.at(-1))?.court.timeZone ?? 'Europe/Kyiv';
  const today = (s: DistributionState, ctx: DecideContext) => localDateOf(new Date(ctx.now).toISOString(), timeZone(s));
  const allConfigs = (s: DistributionState) => [...s.zasady, ...opts.zasady.filter((c) => !s.zasady.some((x) => x.version.id === c.version.id))];

  /** Journal the configured Засади versions not yet in the journal (1.2: each protocol names a journaled version). */
  function ensureZasady(tx: Tx): void {
    for (const c of opts.zasady) {
      if (tx.state.zasady.some((x) => x.version.id === c.version.id)) continue;
      zasadyOf(c);
      tx.emit({ type: 'zasady-loaded', config: c });
    }
    if (tx.state.zasady.length === 0) throw new DomainRejected('NO_ZASADY', 'no Засади version is loaded for this court');
  }

  function retryAt(s: DistributionState, ctx: DecideContext, date: IsoDate): number {
    return Math.max(ctx.now, localTimeToEpoch(date, retryHour, timeZone(s)));
  }

  return { opts, zasadyOf, historyOf, zasadyOn, knownJudge, timeZone, today, allConfigs, ensureZasady, retryAt };
}

/** Keep only the schema fields of an item (route may be absent). */
export function stripItem(item: DistributeItem): { case: CaseToDistribute; route?: DistributeItem['route'] } {
  return item.route ? { case: item.case, route: item.route } : { case: item.case };
}
