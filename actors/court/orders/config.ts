/**
 * The court's document kinds and templates as data (issue 13 item 11; Засади 13.1: documents are made "з
 * використанням спеціальних шаблонів"): `documents.yaml` beside the Засади file. Validated at load with
 * EVERY problem listed (ConfigInvalid, as the Засади and the calendar), so a court fixes its file in one pass.
 *
 *   const cfg = loadCourtDocumentsFile('deploy/examples/lubny/zasady.yaml');   // documents.yaml beside it
 *   courtDocumentsIssues(parse(text));                                          // [] or every problem
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { COURT_DOCUMENTS_SCHEMA_ID, CourtDocumentsConfigV1 } from '../../../contracts/court/orders.ts';
import { ConfigInvalid, type ConfigIssue } from '../../distribution/errors.ts';
import { CASE_FIELDS, placeholdersOf, TEMPLATES } from '../documents/templates.ts';
import { SECRET_KEY } from '../../../contracts/ingest/redaction.ts';

/**
 * Fields the node fills for every court document (never typed by the author): the court's full name (Засади
 * `court.name`), the register number, the signing day in words, its year, the first required signer by full
 * name, signature name (initials + surname) and position.
 */
export const NODE_FIELDS = ['court', 'number', 'documentDate', 'year', 'signer', 'signerSignature', 'signerPosition'] as const;

/** A court with no `documents.yaml` has no kinds: its orders are refused until it configures them. */
export const NO_COURT_DOCUMENTS: CourtDocumentsConfigV1 = { schema: COURT_DOCUMENTS_SCHEMA_ID, jurisdiction: 'з', registers: [], kinds: [] };

const check = TypeCompiler.Compile(CourtDocumentsConfigV1);

const escape = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The numbers a register's format produces: `{seq}-р` → /^[1-9][0-9]*-р$/. */
export function numberPattern(numberFormat: string): RegExp {
  return new RegExp(`^${escape(numberFormat).replace('\\{seq\\}', '[1-9][0-9]*').replace('\\{year\\}', '[0-9]{4}')}$`, 'u');
}

/** Every problem of a documents configuration; empty when it loads. */
export function courtDocumentsIssues(input: unknown): ConfigIssue[] {
  if (!check.Check(input)) {
    // one line per path (a union's branches repeat the same path)
    const seen = new Set<string>();
    const out: ConfigIssue[] = [];
    for (const e of check.Errors(input)) {
      const key = `${e.path}|${e.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ path: e.path || '/', code: 'SCHEMA', message: e.message });
    }
    return out;
  }
  const issues: ConfigIssue[] = [];
  const add = (path: string, code: string, message: string) => issues.push({ path, code, message });
  const registers = new Set<string>();
  input.registers.forEach((r, i) => {
    if (registers.has(r.id)) add(`/registers/${i}/id`, 'DUPLICATE_REGISTER', `register "${r.id}" is defined twice`);
    registers.add(r.id);
    if (!r.numberFormat.includes('{seq}')) add(`/registers/${i}/numberFormat`, 'NO_SEQUENCE', `number format "${r.numberFormat}" has no {seq}`);
    // a record's basis names a number: two registers numbering alike would make "№ 7-р" ambiguous
    if (input.registers.findIndex((x) => x.numberFormat === r.numberFormat) < i) add(`/registers/${i}/numberFormat`, 'DUPLICATE_NUMBER_FORMAT', `registers "${r.id}" and another both number as "${r.numberFormat}"`);
  });
  const kinds = new Set(input.kinds.map((k) => k.id));
  const seenKinds = new Set<string>();
  input.kinds.forEach((k, i) => {
    const at = `/kinds/${i}`;
    if (seenKinds.has(k.id)) add(`${at}/id`, 'DUPLICATE_KIND', `kind "${k.id}" is defined twice`);
    seenKinds.add(k.id);
    if (!registers.has(k.register)) add(`${at}/register`, 'UNKNOWN_REGISTER', `kind "${k.id}": no register "${k.register}"`);
    for (const f of k.input) if ((NODE_FIELDS as readonly string[]).includes(f)) add(`${at}/input`, 'RESERVED_FIELD', `kind "${k.id}": "${f}" is filled by the node, not typed`);
    for (const f of k.input) if (SECRET_KEY.test(f)) add(`${at}/input`, 'FIELD_NAME_REDACTED', redactedFieldMessage(`kind "${k.id}"`, f));
    for (const f of [...(k.persons ?? []), ...(k.dates ?? [])]) if (!k.input.includes(f)) add(`${at}/input`, 'NOT_AN_INPUT', `kind "${k.id}": "${f}" is listed as a person or a date but not as an input`);
    const known = new Set<string>([...NODE_FIELDS, ...k.input, ...(k.persons ?? []).map((p) => `${p}Signature`)]);
    for (const p of placeholdersOf(k.text)) if (!known.has(p)) add(`${at}/text`, 'UNKNOWN_PLACEHOLDER', `kind "${k.id}": {{${p}}} is neither an input nor a node field (${NODE_FIELDS.join(', ')})`);
    for (const f of k.followUp?.kinds ?? []) if (!kinds.has(f)) add(`${at}/followUp/kinds`, 'UNKNOWN_KIND', `kind "${k.id}": follow-up kind "${f}" is not defined`);
    if (k.followUp && k.class !== 'memo') add(`${at}/followUp`, 'FOLLOW_UP_NOT_A_MEMO', `kind "${k.id}": only a memo waits for a document that answers it`);
  });
  caseTemplateIssues(input.caseTemplates ?? [], add);
  return issues;
}

/** The court's case-document templates: placeholders the card or the author fills, versions above the built-in ones. */
function caseTemplateIssues(templates: NonNullable<CourtDocumentsConfigV1['caseTemplates']>, add: (path: string, code: string, message: string) => void): void {
  const seen = new Set<string>();
  templates.forEach((t, i) => {
    const at = `/caseTemplates/${i}`;
    if (seen.has(t.id)) add(`${at}/id`, 'DUPLICATE_TEMPLATE', `case template "${t.id}" is defined twice`);
    seen.add(t.id);
    const builtIn = TEMPLATES[t.id];
    // a draft records template id + version: the court's wording must not reuse a built-in version number
    if (builtIn && t.version <= builtIn.version) add(`${at}/version`, 'VERSION_NOT_ABOVE_BUILT_IN', `case template "${t.id}" v${t.version}: the built-in one is v${builtIn.version}; use v${builtIn.version + 1} or above`);
    for (const f of t.input) if ((CASE_FIELDS as readonly string[]).includes(f) || f === 'documentDate') add(`${at}/input`, 'RESERVED_FIELD', `case template "${t.id}": "${f}" comes from the case card, not from the author`);
    for (const f of t.input) if (SECRET_KEY.test(f)) add(`${at}/input`, 'FIELD_NAME_REDACTED', redactedFieldMessage(`case template "${t.id}"`, f));
    const known = new Set<string>([...CASE_FIELDS, 'documentDate', ...t.input]);
    for (const p of placeholdersOf(t.text)) if (!known.has(p)) add(`${at}/text`, 'UNKNOWN_PLACEHOLDER', `case template "${t.id}": {{${p}}} is neither a card field (${CASE_FIELDS.join(', ')}, documentDate) nor an input`);
  });
}

/**
 * A field named like a secret (`secretary…`, `token…`: contracts/ingest/redaction.ts SECRET_KEY) would be dropped
 * from every event before it leaves the court, so the centre could neither hold the Original whole nor check its
 * signatures (Засади 13.2): refused when the configuration is read, with the reason.
 */
function redactedFieldMessage(where: string, f: string): string {
  return `${where}: input "${f}" is named like a secret (${SECRET_KEY.source}) — the redaction policy would drop it from the Original sent to the centre; rename it`;
}

export function loadCourtDocuments(input: unknown): CourtDocumentsConfigV1 {
  const issues = courtDocumentsIssues(input);
  if (issues.length > 0) throw new ConfigInvalid('court documents (documents.yaml)', issues);
  return input as CourtDocumentsConfigV1;
}

/** `documentsFile`, else `documents.yaml` beside the Засади file, else no kinds. */
export function loadCourtDocumentsFile(zasadyFile: string, documentsFile?: string): CourtDocumentsConfigV1 {
  const file = documentsFile ?? join(dirname(resolve(zasadyFile)), 'documents.yaml');
  return existsSync(file) ? loadCourtDocuments(parse(readFileSync(file, 'utf8'))) : NO_COURT_DOCUMENTS;
}
