/**
 * Document templates as data (Засади 13.1): `{{field}}` placeholders are
 * filled from the case card (`case` fields, taken by the node) and from the
 * author's input (`input` fields, e.g. the hearing date of a summons).
 * Case fields win: a client cannot override what the card says.
 */
export interface DocumentTemplate {
  id: string;
  version: number;
  /** Document type, the third part of the unique id (spec §1). */
  type: string;
  title: string;
  /** Fields the author must give. */
  input: string[];
  text: string;
}

/** Fields the node fills from the card (see `caseFieldsOf` in http/documents.ts). */
export const CASE_FIELDS = ['ueun', 'proceedingNumber', 'registrationDate', 'category', 'description', 'claimant', 'respondent', 'parties', 'judge', 'documentKind', 'documentTitle', 'sender'] as const;

export const TEMPLATES: Record<string, DocumentTemplate> = {
  'ukhvala-vidkryttia': {
    id: 'ukhvala-vidkryttia',
    version: 1,
    type: 'ухвала',
    title: 'Ухвала про відкриття провадження у справі',
    input: ['place', 'procedure'],
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
  povistka: {
    id: 'povistka',
    version: 1,
    type: 'повістка',
    title: 'Судова повістка',
    input: ['addressee', 'hearingAt', 'room'],
    text: [
      'СУДОВА ПОВІСТКА',
      'Справа № {{ueun}}, провадження № {{proceedingNumber}}',
      '{{addressee}} викликається до суду на {{hearingAt}}, зал № {{room}},',
      'для участі у розгляді справи: {{description}} (сторони: {{parties}}).',
      'Головуючий суддя {{judge}}.',
    ].join('\n'),
  },
};

const PLACEHOLDER = /\{\{([a-zA-Z][a-zA-Z0-9]*)\}\}/g;

export function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

/** The text with every placeholder filled, or the names of those that have no value. */
export function fill(t: DocumentTemplate, values: Record<string, string>): { text: string; missing: string[] } {
  const missing = placeholdersOf(t.text).filter((k) => !values[k]);
  return { text: t.text.replace(PLACEHOLDER, (_m, k: string) => values[k] ?? ''), missing };
}
