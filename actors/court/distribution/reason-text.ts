/**
 * Why a judge took no part in a draw, as a court clerk reads it (issue 13
 * items 12–13): the reason in Ukrainian with the Засади's own names of the
 * category and specialisations (never `civil`, `civil-claim` or a judge id),
 * dates in words, and the basis document of the fact.
 *
 * Rendered at print time from the sealed reason (`code`, `rule`, `text`,
 * `basis`) and the Засади version the protocol names — the sealed JSON is
 * never rewritten, so every protocol already issued keeps verifying.
 *
 *   reasonLine(r, { zasady, category: 'civil-claim', categoryName: 'Цивільні справи …' })
 *   // { text: 'Суддя не має спеціалізації для категорії «Цивільні справи …»: потрібна спеціалізація «Цивільна»',
 *   //   basis: 'рішення зборів суддів № 2 від 28 березня 2025 року (Засади, версія lubny-2025-04-01)' }
 */
import type { ZasadyConfig } from '../../../contracts/distribution/zasady.ts';
import type { ProtocolReason } from '../../../contracts/distribution/protocol.ts';
import { REASONS, type ReasonCode } from '../../distribution/reasons.ts';
import { longDateUk } from '../dates.ts';

export interface ReasonContext {
  /** The Засади version the protocol names, when this court has it loaded; null prints without the names it holds. */
  zasady: ZasadyConfig | null;
  /** The protocol's Засади block (always there): names the decision when the full version is not loaded. */
  version: { id: string; decisionNumber: string; effectiveFrom: string };
  /** The case's category and its printed name. */
  category: string;
  categoryName: string;
  /** The excluded judge (for their own specialisations). */
  judgeId: string;
}

export interface ReasonLine {
  text: string;
  /** The basis document, printed. */
  basis: string;
}

/** Names of basis documents as printed (contracts/distribution/common.ts DocumentRef kinds). */
export const BASIS_KIND: Record<string, string> = { order: 'наказ', memo: 'службова записка', decision: 'рішення', 'sick-note': 'листок непрацездатності', ruling: 'ухвала', other: 'документ' };

/** "№ 2" — a number the configuration already wrote as "№2" is not marked twice. */
export const numbered = (n: string) => (n.trim().startsWith('№') ? n.trim() : `№ ${n}`);

/** Ukrainian plural after a number: 1 день, 2 дні, 5 днів (11–14 днів). */
function plural(n: number, one: string, few: string, many: string): string {
  const d = n % 10;
  const dd = n % 100;
  if (d === 1 && dd !== 11) return one;
  if (d >= 2 && d <= 4 && (dd < 12 || dd > 14)) return few;
  return many;
}

const ISO = /\d{4}-\d{2}-\d{2}/g;

/** The sealed detail in words: ISO dates and the abbreviated day counts of absence.ts spelled out. */
export function inWords(detail: string): string {
  return detail
    .replace(/(\d{4}-\d{2}-\d{2})–(\d{4}-\d{2}-\d{2})/g, (_m, a: string, b: string) => `з ${longDateUk(a)} по ${longDateUk(b)}`)
    .replace(ISO, (d) => longDateUk(d))
    .replace(/(\d+) календ\. дн\./g, (_m, n: string) => `${n} ${plural(Number(n), 'календарний день', 'календарні дні', 'календарних днів')}`)
    .replace(/(\d+) робоч\. дн\./g, (_m, n: string) => `${n} ${plural(Number(n), 'робочий день', 'робочі дні', 'робочих днів')}`);
}

const quoted = (names: readonly string[]) => names.map((n) => `«${n}»`).join(' або ');

/** Facts that rest on the Засади themselves (the roster, specialisations, terms of office): their basis is the assembly's decision. */
const ROSTER_FACTS = new Set<string>(['NO_SPECIALISATION', 'NOT_YET_APPOINTED', 'POWERS_END_SOON', 'POWERS_ENDED']);

function zasadyDecision(ctx: ReasonContext): string {
  const z = ctx.zasady;
  const date = z ? ` від ${longDateUk(z.version.decisionDate)}` : '';
  return `рішення зборів суддів ${numbered(ctx.version.decisionNumber)}${date} (Засади, версія ${ctx.version.id}, чинні з ${longDateUk(ctx.version.effectiveFrom)})`;
}

function basisOf(r: ProtocolReason, ctx: ReasonContext): string {
  // A roster fact rests on the assembly's decision (docs/draw-spec.md §10.1): named in full, with the Засади version.
  if (ROSTER_FACTS.has(r.code) && (!r.basis || r.basis.kind === 'decision')) return zasadyDecision(ctx);
  if (r.basis) {
    const b = r.basis;
    // Засади 13 / 4.5: the order, memo or decision the fact rests on, as the protocol recorded it.
    return `${BASIS_KIND[b.kind] ?? 'документ'} ${numbered(b.number)} від ${longDateUk(b.date)}${b.issuer ? ` (${b.issuer})` : ''}`;
  }
  if (r.code === 'NOT_ON_DUTY') return `графік чергувань не затверджено; ${zasadyDecision(ctx)}`;
  if (r.code === 'ON_PANEL') return 'склад колегії у цій справі, визначений попереднім протоколом розподілу';
  return 'документ-підставу в протоколі не зазначено';
}

/** 4.8, 6.1, 9.1: which specialisations may hear the category, by their Засади names. */
function specialisationText(base: string, ctx: ReasonContext): string {
  const z = ctx.zasady;
  const head = `${base.replace('для цієї категорії справ', `для категорії справ «${ctx.categoryName}»`)}`;
  if (!z) return head;
  const needed = z.specialisations.filter((s) => s.categories.includes(ctx.category)).map((s) => s.name);
  const own = z.judges.find((j) => j.id === ctx.judgeId)?.specialisations ?? [];
  const ownNames = own.map((id) => z.specialisations.find((s) => s.id === id)?.name).filter((n): n is string => n !== undefined);
  const parts = [needed.length > 0 ? `потрібна спеціалізація ${quoted(needed)}` : 'жодна спеціалізація Засад не охоплює цю категорію'];
  parts.push(ownNames.length > 0 ? `спеціалізація судді — ${quoted(ownNames)}` : 'спеціалізацію судді не визначено');
  return `${head}: ${parts.join('; ')}`;
}

/** The reason as printed: its Ukrainian text (with names and dates in words) and its basis document. */
export function reasonLine(r: ProtocolReason, ctx: ReasonContext): ReasonLine {
  const known = (REASONS as Record<string, { text: string } | undefined>)[r.code];
  const base = known?.text ?? r.text;
  let text: string;
  if (r.code === ('NO_SPECIALISATION' satisfies ReasonCode)) text = specialisationText(base, ctx);
  else if (r.text.startsWith(`${base}: `)) text = `${base}: ${inWords(r.text.slice(base.length + 2))}`;
  else text = inWords(r.text);
  return { text, basis: basisOf(r, ctx) };
}
