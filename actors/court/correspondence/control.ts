/**
 * The control list of incoming correspondence that waits for a judge
 * (Засади 3.2: the document moves to the judge; a case with no judge yet
 * keeps it): composed from the journal's candidates, the cards (the card
 * decides whether an item was handed over) and the distribution actor's
 * record of each proceeding (why it has no judge: 4.10, 5.4, or not
 * distributed yet, 4.1). Pure: the HTTP area gathers the inputs.
 */
import type { CardV1 } from '../../../contracts/court/index.ts';
import type { CorrespondenceWaitingListV1, CorrespondenceWaitingRowV1 } from '../../../contracts/court/correspondence.ts';
import { REASONS, byCaseNumber, ukrainianDate, ukrainianDateTime, type CaseDistribution, type NameOf } from '../control/index.ts';
import { escapeHtml } from '../public/lists.ts';

/** A candidate from the journal (`waiting`): not yet on its card, or on it without a judge. */
export interface WaitingCandidate {
  number: string;
  ueun: string;
  proceedingNumber: string;
  arrivalDate: string;
  registeredAt: string;
  kindName: string;
}

const NO_JUDGE = { text: 'суддю у справі ще не визначено: документ буде передано судді, щойно його визначать', rule: '4.1' };

function reasonOf(d: CaseDistribution | undefined, nameOf: NameOf): Pick<CorrespondenceWaitingRowV1, 'reasonText' | 'rule' | 'judge' | 'forecast'> {
  const pending = d?.pending;
  if (pending?.why === 'impossible') return { reasonText: REASONS.impossible.text, rule: '4.10', judge: null, forecast: pending.runOn };
  if (pending?.why === 'waiting') {
    const w = pending.waitingFor;
    return { reasonText: REASONS['waiting-for-judge'].text, rule: w?.rule ?? '5.4', judge: w ? nameOf(w.judgeId) : null, forecast: pending.runOn };
  }
  return { reasonText: NO_JUDGE.text, rule: NO_JUDGE.rule, judge: null, forecast: null };
}

/** Rows in case-number order, then journal order; an item its card shows handed over is not listed. */
export function waitingCorrespondenceRows(candidates: readonly WaitingCandidate[], cards: ReadonlyMap<string, CardV1>, distribution: ReadonlyMap<string, CaseDistribution>, nameOf: NameOf): CorrespondenceWaitingRowV1[] {
  const rows: CorrespondenceWaitingRowV1[] = [];
  for (const c of candidates) {
    const onCard = cards.get(c.ueun)?.correspondence?.find((x) => x.number === c.number);
    if (onCard?.handedOver) continue;
    rows.push({ number: c.number, arrivalDate: c.arrivalDate, registeredAt: c.registeredAt, kindName: c.kindName, ueun: c.ueun, proceedingNumber: c.proceedingNumber, ...reasonOf(distribution.get(c.proceedingNumber), nameOf) });
  }
  const journalOrder = (n: string) => { const [s, y] = n.split('/').map(Number) as [number, number]; return y * 1e7 + s; };
  return byCaseNumber(rows.sort((a, b) => journalOrder(a.number) - journalOrder(b.number)));
}

const TITLE = 'Вхідна кореспонденція, що очікує передачі судді';
const RULE = 'Засади 3.1–3.2: документ у справі реєструється в день надходження і передається головуючому судді; у справі без судді — очікує його визначення';
const HEAD = ['№', 'Вх. №', 'Надійшов', 'Зареєстровано', 'Вид документа', 'ЄУН', 'Номер провадження', 'Причина', 'Пункт Засад', 'Суддя', 'Прогноз'];

function cells(l: CorrespondenceWaitingListV1): string[][] {
  return l.rows.map((r, n) => [String(n + 1), r.number, ukrainianDate(r.arrivalDate), ukrainianDateTime(r.registeredAt), r.kindName, r.ueun, r.proceedingNumber, r.reasonText, r.rule, r.judge ?? '—', r.forecast ? ukrainianDate(r.forecast) : '—']);
}

const footer = (l: CorrespondenceWaitingListV1) => `Сформовано ${ukrainianDateTime(l.generatedAt)} (за київським часом). Усього: ${l.rows.length}.`;

export function correspondenceWaitingHtml(l: CorrespondenceWaitingListV1): string {
  const rows = cells(l);
  const body = rows.length === 0 ? `<tr><td colspan="${HEAD.length}">Документів, що очікують, немає.</td></tr>` : rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('\n');
  return `<!doctype html>
<html lang="uk"><head><meta charset="utf-8"><title>${escapeHtml(`${l.court.name}: ${TITLE}`)}</title>
<style>body{font-family:serif;margin:2em}table{border-collapse:collapse;width:100%}th,td{border:1px solid #444;padding:.3em;text-align:left;vertical-align:top}@media print{body{margin:0}}</style>
</head><body>
<h1>${escapeHtml(l.court.name)}</h1>
<h2>${escapeHtml(`${TITLE} (станом на ${ukrainianDate(l.date)})`)}</h2>
<p>${escapeHtml(RULE)}</p>
<table>
<thead><tr>${HEAD.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead>
<tbody>
${body}
</tbody>
</table>
<p>${escapeHtml(footer(l))}</p>
</body></html>
`;
}

export function correspondenceWaitingText(l: CorrespondenceWaitingListV1): string {
  const lines = [l.court.name, `${TITLE} (станом на ${ukrainianDate(l.date)})`, RULE, ''];
  const rows = cells(l);
  if (rows.length === 0) lines.push('Документів, що очікують, немає.');
  for (const r of rows) lines.push(`${r[0]}. ${r.slice(1).map((c, i) => `${HEAD[i + 1]}: ${c}`).join('; ')}`);
  lines.push('', footer(l));
  return lines.join('\n') + '\n';
}
