/**
 * Per-participant agreements (Порядок I.3: files only «в обсягах та за змістом, необхідних» for the recipient's
 * task): which file types each organisation receives and sends, and for each received type the payload fields
 * (dotted paths) its agreement lists. The hub strips everything else before a file leaves — a field outside the
 * list never reaches the recipient.
 *
 *   const agreements = loadAgreementsYaml(readFileSync('deploy/examples/exchange/agreements.yaml', 'utf8'));
 *   stripToAllowList({ a: 1, person: { lastName: 'Ш', taxNumber: '1' } }, ['person.lastName']); // { person: { lastName: 'Ш' } }
 */
import { parse } from 'yaml';
import type { TSchema } from '@sinclair/typebox';
import { AgreementsConfigV1, fileTypeOf, type FileType } from '../../../../contracts/exchange/files/index.ts';
import { assertValid } from '../../../../runtime/index.ts';
import { AsdsError } from '../../../../runtime/index.ts';

export interface Agreement {
  org: string;
  agreement: string;
  /** `type@version` → allowed field tree. */
  receives: Map<string, FieldTree>;
  sends: Set<string>;
}
/** `true`: the whole value; an object: only these sub-fields. */
export type FieldTree = { [field: string]: FieldTree | true };
export type Agreements = ReadonlyMap<string, Agreement>;

export class AgreementsInvalid extends AsdsError {
  constructor(issues: string[]) {
    super('AGREEMENTS_INVALID', `угоди про обмін інформаційними файлами некоректні: ${issues.join('; ')}`, { issues });
  }
}

export function fieldTree(paths: readonly string[]): FieldTree {
  const root: FieldTree = {};
  for (const p of paths) {
    const parts = p.split('.');
    let node = root;
    for (let i = 0; i < parts.length; i++) {
      const k = parts[i]!;
      if (node[k] === true) break; // a whole field already allowed covers its parts
      if (i === parts.length - 1) node[k] = true;
      else node = (node[k] ??= {}) as FieldTree;
    }
  }
  return root;
}

/** Keep only the listed fields (arrays: each element filtered alike). Returns a new value; the input is untouched. */
export function stripToAllowList(value: unknown, allowed: readonly string[] | FieldTree): Record<string, unknown> {
  const tree = Array.isArray(allowed) ? fieldTree(allowed) : (allowed as FieldTree);
  return strip(value, tree) as Record<string, unknown>;
}

function strip(value: unknown, tree: FieldTree): unknown {
  if (Array.isArray(value)) return value.map((v) => strip(v, tree));
  if (value === null || typeof value !== 'object') return undefined;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const rule = tree[k];
    if (rule === true) out[k] = v;
    else if (rule !== undefined) {
      const inner = strip(v, rule);
      if (inner !== undefined) out[k] = inner;
    }
  }
  return out;
}

/** The object schema of a property (through arrays). */
function objectOf(schema: TSchema | undefined): TSchema | undefined {
  if (!schema) return undefined;
  if (schema.type === 'array') return objectOf(schema.items as TSchema);
  return schema.type === 'object' ? schema : undefined;
}

/** Allowed paths must exist in the schema, and a partly allowed object must keep its required fields. */
function treeIssues(schema: TSchema, tree: FieldTree, where: string): string[] {
  const issues: string[] = [];
  const props = (schema.properties ?? {}) as Record<string, TSchema>;
  for (const [k, rule] of Object.entries(tree)) {
    const sub = props[k];
    if (!sub) issues.push(`${where}: поле ${k} відсутнє у структурі файлу`);
    else if (rule !== true) {
      const obj = objectOf(sub);
      if (!obj) issues.push(`${where}: поле ${k} не є об'єктом`);
      else issues.push(...treeIssues(obj, rule, `${where}.${k}`));
    }
  }
  for (const r of (schema.required ?? []) as string[]) {
    if (!(r in tree)) issues.push(`${where}: обов'язкове поле ${r} не включено до переліку`);
  }
  return issues;
}

export function loadAgreements(input: unknown): Agreements {
  assertValid(AgreementsConfigV1, input, 'exchange agreements');
  const issues: string[] = [];
  const out = new Map<string, Agreement>();
  for (const p of input.participants) {
    if (out.has(p.org)) issues.push(`${p.org}: учасника зазначено двічі`);
    const receives = new Map<string, FieldTree>();
    for (const [key, paths] of Object.entries(p.receives)) {
      const t = typeOfKey(key);
      if (!t) {
        issues.push(`${p.org}: невідомий тип файлу ${key}`);
        continue;
      }
      const tree = fieldTree(paths);
      issues.push(...treeIssues(t.schema, tree, `${p.org} ${key}`));
      receives.set(key, tree);
    }
    for (const key of p.sends) if (!typeOfKey(key)) issues.push(`${p.org}: невідомий тип файлу ${key}`);
    out.set(p.org, { org: p.org, agreement: p.agreement, receives, sends: new Set(p.sends) });
  }
  if (issues.length) throw new AgreementsInvalid(issues);
  return out;
}

export function loadAgreementsYaml(text: string): Agreements {
  return loadAgreements(parse(text));
}

export function typeOfKey(key: string): FileType | undefined {
  const m = /^(.+)@(\d+)$/.exec(key);
  return m ? fileTypeOf(m[1]!, Number(m[2])) : undefined;
}
