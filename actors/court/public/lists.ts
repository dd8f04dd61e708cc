/**
 * Public daily lists (Засади 12.4.1–12.4.5): pure composition from case cards
 * and the `public-lists` actor's own records (restrictions, hearings,
 * announcements), and their HTML (Ukrainian, every value escaped).
 *
 * Rules enforced here, once, for both the live lists and the daily snapshot:
 * - 12.4 last ¶: parties and essence are NOT published for a case whose
 *   publication is restricted by law (a restriction recorded by staff);
 * - 3.1 ¶2: a case with a covert proceeding is left out of every public list
 *   entirely — not even its numbers (its card never holds the covert fields,
 *   and its very existence is not public).
 */
import type { CardV1, PartyV1 } from '../../../contracts/court/index.ts';
import { kyivDate, kyivDateTimeUk, longDateUk, shortDateUk } from '../dates.ts';
import { compareByCaseNumber } from '../case-numbers.ts';
import { courtByCode } from '../print.ts';
import { PRINT_HEAD } from '../print-style.ts';

export interface Hearing {
  ueun: string;
  proceedingNumber?: string;
  date: string;
  time: string;
  room: string;
  composition: string;
}
export interface Announcement {
  date: string;
  ueun?: string;
  title: string;
  text: string;
}
export interface Restriction {
  ueun: string;
  reason: string;
  basis: { number: string; date: string; title?: string };
}

/** What may be said of the case's parties and essence (absent when restricted). */
interface Particulars {
  restricted: boolean;
  parties?: PartyV1[];
  essence?: string;
}
/** The composition as published (12.4.3, 12.4.4): judges' full names, presiding first — never logins. */
export interface PublishedComposition {
  presiding: string;
  members: string[];
}
/** A judge's full name by login (the Засади roster, else the user account); `judgeNames()` builds one. */
export type JudgeNames = (login: string) => string;

/**
 * Names by login from the Засади roster (`allJudges`: id → name; a judge's login is the id in lower case) and the
 * users (login → fullName); the roster wins. A judge known to neither is shown as "суддя (ПІБ не внесено)" —
 * the list never falls back to a login.
 */
export function judgeNames(roster: ReadonlyArray<{ id: string; name: string }>, users: ReadonlyArray<{ login: string; fullName: string }>): JudgeNames {
  const m = new Map<string, string>();
  for (const u of users) m.set(u.login.toLowerCase(), u.fullName);
  for (const j of roster) m.set(j.id.toLowerCase(), j.name);
  return (login) => m.get(login.toLowerCase()) ?? 'суддя (ПІБ не внесено)';
}

export type DistributedEntry = { ueun: string; proceedingNumber: string; arrivalDate: string; compositionDate: string; composition: PublishedComposition; distributionReport: string } & Particulars;
export type StageEntry = {
  court: string;
  ueun: string;
  proceedingNumber: string;
  registrationDate: string;
  composition: PublishedComposition | null;
  stage: string;
  distributionReport: string | null;
} & Particulars;
export type HearingEntry = Hearing & Particulars;
/** 12.4.2: ЄУН, case arrival, parties, appeal arrival, date the case was sent to the appellate court. */
export type AppealEntry = { ueun: string; proceedingNumber: string; arrivalDate: string; appealDate: string; kind: string; sentDate: string | null } & Omit<Particulars, 'essence'>;
export type AnnouncementEntry = Announcement;

export interface PublicLists {
  court: string;
  date: string;
  /** ISO time the list was composed. */
  generatedAt: string;
  /** 12.4.1 */
  hearings: HearingEntry[];
  /** 12.4.2 — appeals received on the day, and appeals whose case was sent to the appellate court on the day. */
  appeals: AppealEntry[];
  /** 12.4.3 */
  distributed: DistributedEntry[];
  /** 12.4.4 — proceedings whose stage changed on the day (registered, distributed, moved). */
  stages: StageEntry[];
  /** 12.4.5 */
  announcements: AnnouncementEntry[];
  notes: { appeals: string; hearings: string };
}

export const NOTES = {
  appeals: 'Апеляційні скарги, що надійшли за день, і скарги, за якими справу надіслано до апеляційного суду за день / appeals received on the day and those whose case was sent on the day',
  hearings: 'Лише засідання, внесені працівниками апарату (POST /public-lists/hearings) / only hearings entered by staff',
};

/** The card's current requisites (`CardV1.current` is untyped in the schema). */
type Current = { arrivalDate: string; description: string; parties: PartyV1[]; publication?: { restricted: true } };

/** The lists' contribution of ONE card for the day `date` (a covert card contributes nothing). */
export function cardEntries(court: string, card: CardV1, date: string, restrictedByStaff: boolean, hearings: readonly Hearing[], names: JudgeNames): { distributed: DistributedEntry[]; stages: StageEntry[]; hearings: HearingEntry[]; appeals: AppealEntry[] } {
  const out = { distributed: [] as DistributedEntry[], stages: [] as StageEntry[], hearings: [] as HearingEntry[], appeals: [] as AppealEntry[] };
  if (card.covert) return out; // 3.1 ¶2
  const day = (iso: string) => kyivDate(Date.parse(iso));
  for (const p0 of card.proceedings) {
    const p = { ...p0, current: p0.current as Current };
    // Засади 12.4: restricted by staff later, or stated at registration.
    const restricted = restrictedByStaff || p.current.publication?.restricted === true;
    const particulars: Particulars = restricted ? { restricted: true } : { restricted: false, parties: p.current.parties, essence: p.current.description };
    const a = p.assignment && day(p.assignment.at) <= date ? p.assignment : undefined;
    // 12.4.3 "склад суду": the whole composition, by the judges' full names.
    const composition = a ? { presiding: names(a.judge), members: (a.members ?? []).map(names) } : null;
    if (a && composition && day(a.at) === date) {
      out.distributed.push({ ueun: card.ueun, proceedingNumber: p.proceedingNumber, arrivalDate: p.current.arrivalDate, compositionDate: date, composition, distributionReport: a.protocol, ...particulars });
    }
    out.appeals.push(...appealEntries(card.ueun, p.proceedingNumber, p.current.arrivalDate, p0, date, restricted ? { restricted: true } : { restricted: false, parties: p.current.parties }));
    const moves = card.movements.filter((m) => m.proceedingNumber === p.proceedingNumber && day(m.at) <= date);
    const changedToday = p.registrationDate === date || (a !== undefined && day(a.at) === date) || moves.some((m) => day(m.at) === date);
    if (changedToday && p.registrationDate <= date) {
      const last = moves[moves.length - 1];
      const stage = last?.kind === 'to-archive' ? 'справу передано до архіву' : a ? 'склад суду визначено, справа на розгляді' : 'зареєстровано, склад суду ще не визначено';
      out.stages.push({ court, ueun: card.ueun, proceedingNumber: p.proceedingNumber, registrationDate: p.registrationDate, composition, stage, distributionReport: a?.protocol ?? null, ...particulars });
    }
  }
  for (const h of hearings) {
    if (h.ueun !== card.ueun || h.date !== date) continue;
    const p = card.proceedings.find((x) => x.proceedingNumber === h.proceedingNumber) ?? card.proceedings[card.proceedings.length - 1];
    const cur = p?.current as Current | undefined;
    out.hearings.push(restrictedByStaff || !cur || cur.publication?.restricted === true ? { ...h, restricted: true } : { ...h, restricted: false, parties: cur.parties, essence: cur.description });
  }
  return out;
}

/** 12.4.2 entries of one proceeding for the day (Засади 12.1: "інформація про надходження апеляційних … скарг"). */
function appealEntries(ueun: string, proceedingNumber: string, arrivalDate: string, p: CardV1['proceedings'][number], date: string, particulars: Omit<Particulars, 'essence'>): AppealEntry[] {
  const sentDate = p.sentToAppeal && p.sentToAppeal.date <= date ? p.sentToAppeal.date : null;
  return (p.appeals ?? [])
    .filter((a) => a.date === date || (sentDate === date && a.date <= date))
    .map((a) => ({ ueun, proceedingNumber, arrivalDate, appealDate: a.date, kind: a.kind, sentDate, ...particulars }));
}

export function emptyLists(court: string, date: string, now: number, announcements: readonly Announcement[]): PublicLists {
  return { court, date, generatedAt: new Date(now).toISOString(), hearings: [], appeals: [], distributed: [], stages: [], announcements: announcements.filter((a) => a.date === date), notes: NOTES };
}

export function addEntries(l: PublicLists, e: Omit<ReturnType<typeof cardEntries>, 'appeals'> & { appeals?: AppealEntry[] }): PublicLists {
  l.distributed.push(...e.distributed);
  l.stages.push(...e.stages);
  l.hearings.push(...e.hearings);
  // Snapshots journaled before appeals were modelled have no `appeals`.
  l.appeals.push(...(e.appeals ?? []));
  return l;
}

/** Stable order for publication: case numbers numerically (537/2/26 before 537/10/26). */
export function sortLists(l: PublicLists): PublicLists {
  const byNum = compareByCaseNumber;
  l.distributed.sort(byNum);
  l.stages.sort(byNum);
  l.appeals.sort((a, b) => a.appealDate.localeCompare(b.appealDate) || byNum(a, b));
  l.hearings.sort((a, b) => a.time.localeCompare(b.time) || byNum(a, b));
  return l;
}

export function escapeHtml(s: unknown): string {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const RESTRICTED = 'не оприлюднюється (обмеження встановлено законом)';
/** "головуючий суддя Петренко П. П.; судді Коваль О. О., Шевченко Т. Г." */
export function compositionText(c: PublishedComposition | null): string {
  if (!c) return '—';
  const members = c.members ?? []; // snapshots published before the whole composition was kept have none
  if (members.length === 0) return `суддя ${c.presiding}`;
  return `головуючий суддя ${c.presiding}; ${members.length === 1 ? 'суддя' : 'судді'} ${members.join(', ')}`;
}
const partiesCell = (e: Particulars) => (e.restricted ? RESTRICTED : (e.parties ?? []).map((p) => `${p.role}: ${p.name}`).join('; '));
const essenceCell = (e: Particulars) => (e.restricted ? RESTRICTED : (e.essence ?? ''));

function table(title: string, head: string[], rows: unknown[][], empty: string): string {
  const th = head.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const body = rows.length === 0 ? `<tr><td class="empty" colspan="${head.length}">${escapeHtml(empty)}</td></tr>` : rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('\n');
  // one list per printed page (print-style.ts: section.list breaks before)
  return `<section class="list">\n<h2>${escapeHtml(title)}</h2>\n<table>\n<thead><tr>${th}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>\n</section>`;
}

/**
 * The day's lists as a printable Ukrainian HTML page; every value escaped.
 * `courtName` is the court's full name (the Засади `court.name`); dates are
 * printed as 05.01.2026 in the tables and in words in the heading, times in Kyiv time.
 */
export function listsHtml(l: PublicLists, courtName = courtByCode(l.court)): string {
  const d = shortDateUk;
  const courtCell = (c: string) => (c === l.court ? courtName : c);
  return `<!doctype html>
<html lang="uk"><head><meta charset="utf-8"><title>${escapeHtml(`${courtName}: списки на ${longDateUk(l.date)}`)}</title>
${PRINT_HEAD}</head>
<body>
<header class="court">
<h1>${escapeHtml(`${courtName} — інформація за ${longDateUk(l.date)}`)}</h1>
<p class="generated">${escapeHtml(`Сформовано ${kyivDateTimeUk(l.generatedAt)} за київським часом (Засади 12.4)`)}</p></header>
${table('Список судових справ, призначених до розгляду (12.4.1)', ['Дата', 'Час', 'Зала', 'Склад суду', 'ЄУН', 'Сторони', 'Суть справи'], l.hearings.map((h) => [d(h.date), h.time, h.room, h.composition, h.ueun, partiesCell(h), essenceCell(h)]), 'Засідань не внесено')}
${table('Список апеляційних скарг (12.4.2)', ['ЄУН', 'Дата надходження справи', 'Сторони', 'Дата надходження скарги', 'Дата надсилання до апеляційного суду'], (l.appeals ?? []).map((a) => [a.ueun, d(a.arrivalDate), partiesCell(a), d(a.appealDate), a.sentDate ? d(a.sentDate) : '—']), 'Апеляційних скарг не надходило')}
${table('Список автоматично розподілених судових справ (12.4.3)', ['ЄУН', 'Номер провадження', 'Дата надходження', 'Дата визначення складу суду', 'Склад суду', 'Сторони', 'Суть справи', 'Звіт про автоматизований розподіл'], l.distributed.map((x) => [x.ueun, x.proceedingNumber, d(x.arrivalDate), d(x.compositionDate), compositionText(x.composition), partiesCell(x), essenceCell(x), x.distributionReport]), 'Справ не розподілено')}
${table('Стадії розгляду судових справ (12.4.4)', ['Суд', 'ЄУН', 'Номер провадження', 'Дата реєстрації', 'Склад суду', 'Сторони', 'Суть справи', 'Стадія', 'Звіт про автоматизований розподіл'], l.stages.map((s) => [courtCell(s.court), s.ueun, s.proceedingNumber, d(s.registrationDate), compositionText(s.composition), partiesCell(s), essenceCell(s), s.stage, s.distributionReport ?? '—']), 'Змін стадій немає')}
${table('Оголошення у справах (12.4.5)', ['Дата', 'ЄУН', 'Заголовок', 'Текст'], l.announcements.map((a) => [d(a.date), a.ueun ?? '—', a.title, a.text]), 'Оголошень немає')}
</body></html>
`;
}
