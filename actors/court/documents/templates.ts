/**
 * Document templates as data (Засади 13.1): `{{field}}` placeholders are
 * filled from the case card (`case` fields, taken by the node) and from the
 * author's input (`input` fields, e.g. the hearing date of a summons).
 * Case fields win: a client cannot override what the card says.
 */
import type { RoleV1 } from '../../../contracts/court/common.ts';

export interface DocumentTemplate {
  id: string;
  version: number;
  /** Document type, the third part of the unique id (spec §1). */
  type: string;
  title: string;
  /** Fields the author must give. */
  input: string[];
  /**
   * Roles whose users may be required signers (Засади 13.2: "after signature by
   * the author(s)"): a ruling is signed by the judge(s) who made it, a summons by
   * the judge or the court's staff who issue it. Checked against the court's user
   * list when the document is created (`checkSigners`).
   */
  signerRoles: RoleV1[];
  text: string;
}

/**
 * Fields the node fills from the card and the court's configuration (see
 * `caseFieldsOf` in http/documents.ts): `court` is the court's full name (the
 * Засади `court.name`), `judge` the judge's full name and `judgeSignature` its
 * initials + surname (never a login), `registrationDate` a Ukrainian long date
 * ("5 січня 2026 року"); `documentDate` is the day the document is made (Kyiv).
 */
export const CASE_FIELDS = ['ueun', 'proceedingNumber', 'registrationDate', 'category', 'description', 'claimant', 'respondent', 'parties', 'judge', 'judgeSignature', 'court', 'documentKind', 'documentTitle', 'sender'] as const;

/**
 * Version 1 of each template (login as the judge, ISO dates, no court name, no
 * signature block). Not offered for new documents; kept so a v1 draft can still
 * be edited and read by the template it records.
 */
const V1: Record<string, DocumentTemplate> = {
  'ukhvala-vidkryttia': {
    id: 'ukhvala-vidkryttia',
    version: 1,
    type: 'ухвала',
    title: 'Ухвала про відкриття провадження у справі',
    input: ['place', 'procedure'],
    signerRoles: ['judge'],
    text: [
      'УХВАЛА',
      'про відкриття провадження у справі',
      'Справа № {{ueun}}, провадження № {{proceedingNumber}}',
      '{{place}}',
      'Суддя {{judge}}, розглянувши {{documentKind}} {{documentTitle}} за позовом {{claimant}} до {{respondent}} ({{description}}), що надійшла {{registrationDate}},',
      'УХВАЛИВ:',
      'Відкрити провадження у справі № {{ueun}}. Розгляд справи здійснювати за правилами {{procedure}}.',
    ].join('\n'),
  },
  rishennia: {
    id: 'rishennia',
    version: 1,
    type: 'рішення',
    title: 'Рішення суду',
    input: ['place', 'reasoning', 'operativePart', 'appealNotice'],
    // The judge(s) who made it (Засади 13.2); its Original is what goes to ЄДРСР (11.2).
    signerRoles: ['judge'],
    text: [
      'РІШЕННЯ',
      'ІМЕНЕМ УКРАЇНИ',
      'Справа № {{ueun}}, провадження № {{proceedingNumber}}',
      '{{place}}',
      'Суддя {{judge}}, розглянувши справу за позовом {{claimant}} до {{respondent}} ({{description}}), що надійшла {{registrationDate}},',
      'ВСТАНОВИВ:',
      '{{reasoning}}',
      'УХВАЛИВ:',
      '{{operativePart}}',
      '{{appealNotice}}',
    ].join('\n'),
  },
  povistka: {
    id: 'povistka',
    version: 1,
    type: 'повістка',
    title: 'Судова повістка',
    input: ['addressee', 'hearingAt', 'room'],
    signerRoles: ['judge', 'registrar'],
    text: [
      'СУДОВА ПОВІСТКА',
      'Справа № {{ueun}}, провадження № {{proceedingNumber}}',
      '{{addressee}} викликається до суду на {{hearingAt}}, зал № {{room}},',
      'для участі у розгляді справи: {{description}} (сторони: {{parties}}).',
      'Головуючий суддя {{judge}}.',
    ].join('\n'),
  },
};

/**
 * Version 2: the court's full name as the header, the date and place, the judge
 * by full name and a signature block. The wording avoids forms that depend on
 * a party's or a judge's grammatical gender or case (names stay in the
 * nominative after a dash; "ухвалив"/"встановив" agree with "суд").
 */
export const TEMPLATES: Record<string, DocumentTemplate> = {
  'ukhvala-vidkryttia': {
    ...V1['ukhvala-vidkryttia']!,
    version: 2,
    text: [
      '{{court}}',
      'УХВАЛА',
      'про відкриття провадження у справі',
      '{{documentDate}}, {{place}}',
      'Справа № {{ueun}}, провадження № {{proceedingNumber}}',
      '{{court}} у складі: суддя — {{judge}}, розглянувши матеріали ({{documentKind}} {{documentTitle}}) за позовом: позивач — {{claimant}}, відповідач — {{respondent}}; предмет позову — {{description}}; матеріали надійшли до суду {{registrationDate}},',
      'УХВАЛИВ:',
      'Відкрити провадження у справі № {{ueun}}. Розгляд справи здійснювати за правилами {{procedure}}.',
      'Суддя ____________ {{judgeSignature}}',
    ].join('\n'),
  },
  rishennia: {
    ...V1.rishennia!,
    version: 2,
    text: [
      '{{court}}',
      'РІШЕННЯ',
      'ІМЕНЕМ УКРАЇНИ',
      '{{documentDate}}, {{place}}',
      'Справа № {{ueun}}, провадження № {{proceedingNumber}}',
      '{{court}} у складі: суддя — {{judge}}, розглянувши справу за позовом: позивач — {{claimant}}, відповідач — {{respondent}}; предмет позову — {{description}}; справа надійшла до суду {{registrationDate}},',
      'ВСТАНОВИВ:',
      '{{reasoning}}',
      'УХВАЛИВ:',
      '{{operativePart}}',
      '{{appealNotice}}',
      'Суддя ____________ {{judgeSignature}}',
    ].join('\n'),
  },
  povistka: {
    ...V1.povistka!,
    version: 2,
    text: [
      '{{court}}',
      'СУДОВА ПОВІСТКА',
      'Справа № {{ueun}}, провадження № {{proceedingNumber}}',
      'Кому: {{addressee}}',
      'Вас викликано до суду: {{hearingAt}}, зал судових засідань № {{room}}, для участі у розгляді справи: {{description}} (сторони: {{parties}}).',
      'Головуючий суддя — {{judge}}.',
      'Повістку видано {{documentDate}}.',
      'Головуючий суддя ____________ {{judgeSignature}}',
    ].join('\n'),
  },
};

/** The template a document records (id + version): the court's, the current built-in one, or an earlier version kept for old drafts. */
export function templateOf(ref: { id: string; version: number }, court: readonly DocumentTemplate[] = []): DocumentTemplate | undefined {
  const own = court.find((t) => t.id === ref.id && t.version === ref.version);
  if (own) return own;
  const t = TEMPLATES[ref.id];
  if (t && t.version === ref.version) return t;
  const old = V1[ref.id];
  return old && old.version === ref.version ? old : undefined;
}

/**
 * The templates offered for new documents: the built-in ones with the court's configured templates (documents.yaml
 * `caseTemplates`, issue 13 item 11) in their place or beside them.
 */
export function templatesWith(court: readonly DocumentTemplate[] = []): Record<string, DocumentTemplate> {
  return { ...TEMPLATES, ...Object.fromEntries(court.map((t) => [t.id, t])) };
}

const PLACEHOLDER = /\{\{([a-zA-Z][a-zA-Z0-9]*)\}\}/g;

export function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

/** The text with every placeholder filled, or the names of those that have no value. */
export function fill(t: DocumentTemplate, values: Record<string, string>): { text: string; missing: string[] } {
  const missing = placeholdersOf(t.text).filter((k) => !values[k]);
  return { text: t.text.replace(PLACEHOLDER, (_m, k: string) => values[k] ?? ''), missing };
}
