/**
 * The distribution vocabulary in Ukrainian: the codes the node's JSON carries (kinds of documents, absences,
 * protocols, reasons of a repeated distribution) as people read them. Unknown codes are shown as they are.
 *
 *   uk(ABSENCE_KIND, 'vacation')   // 'щорічна відпустка'
 */
import { h, link } from '../../../lib/dom.ts';
import { dateUk } from '../../../lib/format.ts';

export const uk = (table: Record<string, string>, code: string | null | undefined): string => (code ? table[code] ?? code : '');

/** contracts/distribution/common.ts DocumentRefSchema kinds. */
export const DOCUMENT_KIND: Record<string, string> = {
  order: 'наказ',
  memo: 'службова записка',
  decision: 'рішення',
  'sick-note': 'листок непрацездатності',
  ruling: 'ухвала',
  other: 'інший документ',
};

/** Засади 2.3, 4.5: kinds of a judge's absence (contracts AvailabilityBodyV1). */
export const ABSENCE_KIND: Record<string, string> = {
  vacation: 'щорічна відпустка',
  'business-trip': 'відрядження',
  'sick-leave': 'тимчасова непрацездатність',
  training: 'навчання',
  'appointment-vkks-vrp': 'виклик до ВККС / ВРП',
  suspension: 'відсторонення',
  dismissal: 'звільнення',
  'powers-end': 'закінчення повноважень',
};

export const PROTOCOL_KIND: Record<string, string> = {
  distribution: 'автоматизований розподіл',
  'repeated-distribution': 'повторний розподіл',
  'member-replacement': 'заміна члена колегії',
  impossibility: 'неможливість розподілу',
  transfer: 'передача за підставою Засад',
};

export const COMPOSITION_MODE: Record<string, string> = {
  single: 'суддя одноособово',
  'ad-hoc': 'колегія (визначається для справи)',
  permanent: 'постійна колегія',
};

export const ASSIGNMENT_MODE: Record<string, string> = { random: 'випадковий', 'non-random': 'невипадковий (за підставою Засад)' };

/** Засади 4.12–4.16: why a repeated distribution is ordered (contracts RepeatedOrderSchema `reason`). */
export const REPEAT_REASON: Record<string, string> = {
  'replace-judges': 'заміна судді (суддів) складу суду (4.12)',
  'enlarge-panel': 'збільшення складу колегії (4.14)',
  'returned-judge-gone': 'суддя, якому повернуто справу, не працює в суді (4.14)',
  'settings-error': 'помилка налаштувань автоматизованої системи (4.15)',
  'required-by-law': 'інші випадки, передбачені законом (4.16)',
};

export const STEP_ROLE: Record<string, string> = { presiding: 'головуючий (суддя-доповідач)', member: 'член колегії', panel: 'колегія', replacement: 'заміна' };

/** A basis document for people: «наказ № 17-р від 10.06.2025 (голова суду)». */
export function basisText(b: { kind: string; number: string; date: string; issuer?: string } | null | undefined): string {
  if (!b) return '';
  return `${uk(DOCUMENT_KIND, b.kind)} № ${b.number.replace(/^№\s*/, '')} від ${dateUk(b.date)}${b.issuer ? ` (${b.issuer})` : ''}`;
}

/** A link to the case card (P1's page `#/cases/<ЄУН>`), or the number alone. */
export function caseLink(ueun: string | null | undefined, text?: string) {
  return ueun ? link(`/cases/${ueun}`, text ?? ueun) : h('span', null, text ?? '—');
}

/** A link to a distribution protocol's page. */
export const protocolLink = (id: string, text?: string) => link(`/protocols/${encodeURIComponent(id)}`, text ?? id);

/** Select options from a code table. */
export const options = (table: Record<string, string>) => Object.entries(table).map(([value, label]) => ({ value, label }));

/**
 * The labels of a basis document (contracts DocumentRefSchema) in a form; `noun` names it in each label when a
 * form holds two (an order and a memo), so every field keeps a label of its own.
 */
export const BASIS_FIELDS = (prefix: string, legend: string, noun = 'документа') => ({
  [prefix]: { label: legend },
  [`${prefix}/kind`]: { label: `Вид ${noun}`, options: options(DOCUMENT_KIND) },
  [`${prefix}/number`]: { label: `Номер ${noun}` },
  [`${prefix}/date`]: { label: `Дата ${noun}` },
  [`${prefix}/issuer`]: { label: `Ким видано (посада)${noun === 'документа' ? '' : `: ${noun}`}` },
});
