/**
 * Loading a report form (Засади 16.2): YAML → schema (asds.stats-form/v1) →
 * semantic checks, with EVERY error listed by its path, so a statistician who
 * types a real ДСА form fixes it in one round.
 *
 *   const def = parseForm(readFileSync('deploy/stats-forms/1-mzs.yaml', 'utf8'), '1-mzs.yaml');
 */
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { parseDocument } from 'yaml';
import { APPEAL_OUTCOMES, STAT_RESULTS } from '../../contracts/stats/card.ts';
import { ControlV1, FormDefinitionV1, MeasureV1, type ColumnV1, type FilterV1 } from '../../contracts/stats/form.ts';
import { StatsFormInvalid } from './errors.ts';
import { cellExists, expandControl, parseRef, refString, sectionById } from './refs.ts';

const check = TypeCompiler.Compile(FormDefinitionV1);
/** One checker per control kind: a union error alone ("Expected union value") would not tell what is wrong. */
const controlChecks = new Map(ControlV1.anyOf.map((v) => [v.properties.kind.const as string, TypeCompiler.Compile(v)]));

/** Boolean card fields: compared with `is` only. */
export const BOOLEAN_FIELDS: ReadonlySet<string> = new Set(['overTerm', 'juvenile', 'detention']);
/** Fields whose values come from a closed list: a value outside it would never match — a typo. */
const CLOSED_VALUES: Record<string, readonly string[]> = { result: STAT_RESULTS, appealOutcome: APPEAL_OUTCOMES };

type Push = (path: string, message: string) => void;

export function parseForm(text: string, source: string): FormDefinitionV1 {
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) throw new StatsFormInvalid(source, doc.errors.map((e) => `YAML: ${e.message}`));
  return validateForm(doc.toJS({ maxAliasCount: 10_000 }), source);
}

/** The same checks for a definition already parsed (JSON from the API, or a test's object). */
export function validateForm(input: unknown, source: string): FormDefinitionV1 {
  const schemaErrors = [...check.Errors(input)].flatMap((e) => explain(input, e.path, e.message));
  if (schemaErrors.length > 0) throw new StatsFormInvalid(source, schemaErrors);
  const def = input as FormDefinitionV1;
  const errors: string[] = [];
  const push: Push = (path, message) => errors.push(`${path}: ${message}`);
  checkIds(def, push);
  def.sections.forEach((s, si) => {
    s.rows.forEach((r, ri) => r.where.forEach((f, fi) => checkFilter(f, `/sections/${si}/rows/${ri}/where/${fi}`, push)));
    s.columns.forEach((c, ci) => c.where?.forEach((f, fi) => checkFilter(f, `/sections/${si}/columns/${ci}/where/${fi}`, push)));
  });
  def.controls.forEach((c, i) => checkControl(def, c, `/controls/${i}`, push));
  if (errors.length > 0) throw new StatsFormInvalid(source, errors);
  return def;
}

/** A control's union error replaced by the errors against the variant its `kind` names. */
function explain(input: unknown, path: string, message: string): string[] {
  const m = /^\/controls\/(\d+)$/.exec(path);
  if (!m) return [`${path || '/'}: ${message}`];
  const control = (input as { controls: unknown[] }).controls[Number(m[1])] as { kind?: unknown } | undefined;
  const variant = typeof control?.kind === 'string' ? controlChecks.get(control.kind) : undefined;
  if (!variant) return [`${path}/kind: має бути одне з ${[...controlChecks.keys()].join(', ')}`];
  return [...variant.Errors(control)].map((e) => `${path}${e.path}: ${e.message}`);
}

function duplicates(ids: readonly string[]): string[] {
  const seen = new Set<string>();
  return [...new Set(ids.filter((id) => seen.has(id) || !seen.add(id)))];
}

function checkIds(def: FormDefinitionV1, push: Push): void {
  for (const d of duplicates(def.sections.map((s) => s.id))) push('/sections', `розділ «${d}» визначено більше одного разу`);
  for (const d of duplicates(def.controls.map((c) => c.id))) push('/controls', `правило контролю «${d}» визначено більше одного разу`);
  for (const d of duplicates(def.periods)) push('/periods', `період «${d}» зазначено більше одного разу`);
  def.sections.forEach((s, si) => {
    for (const d of duplicates(s.rows.map((r) => r.id))) push(`/sections/${si}/rows`, `рядок «${d}» визначено більше одного разу`);
    for (const d of duplicates(s.columns.map((c) => c.id))) push(`/sections/${si}/columns`, `графу «${d}» визначено більше одного разу`);
    for (const d of duplicates(s.rows.map((r) => r.code))) push(`/sections/${si}/rows`, `номер рядка «${d}» повторюється`);
    for (const d of duplicates(s.columns.map((c) => c.code))) push(`/sections/${si}/columns`, `номер графи «${d}» повторюється`);
  });
}

/** A filter names exactly one comparison; booleans are compared with `is` only (Засади 16.2: a form is checked before use). */
function checkFilter(f: FilterV1, path: string, push: Push): void {
  const kinds = (['in', 'present', 'is'] as const).filter((k) => f[k] !== undefined);
  if (kinds.length !== 1) {
    push(path, `фільтр за полем «${f.field}» має містити рівно одну умову з in / present / is, а містить ${kinds.length === 0 ? 'жодної' : kinds.join(', ')}`);
    return;
  }
  const boolean = BOOLEAN_FIELDS.has(f.field);
  if (boolean && kinds[0] !== 'is') push(path, `поле «${f.field}» логічне: порівнюється лише умовою is`);
  if (!boolean && kinds[0] === 'is') push(path, `поле «${f.field}» не логічне: умова is до нього не застосовується`);
  const closed = CLOSED_VALUES[f.field];
  if (closed && f.in) {
    for (const v of f.in) if (!closed.includes(v)) push(`${path}/in`, `значення «${v}» поля «${f.field}» не з переліку: ${closed.join(', ')}`);
  }
  if (f.in) for (const d of duplicates(f.in)) push(`${path}/in`, `значення «${d}» повторюється`);
}

const MEASURE_OF: Record<string, MeasureV1> = { start: 'pending-start', received: 'received', resolved: 'resolved', end: 'pending-end' };

function checkControl(def: FormDefinitionV1, c: ControlV1, path: string, push: Push): void {
  const sections = sectionById(def);
  if (c.kind === 'sum' || c.kind === 'le') {
    const refs = c.kind === 'sum' ? [['total', c.total], ...c.parts.map((p, i) => [`parts/${i}`, p])] : [['left', c.left], ['right', c.right]];
    let known = true;
    for (const [where, ref] of refs) {
      const r = parseRef(ref!);
      const s = sections.get(r.section);
      if (!s) {
        push(`${path}/${where}`, `розділу «${r.section}» у формі немає`);
        known = false;
      } else {
        if (r.row !== '*' && !s.rows.some((x) => x.id === r.row)) (push(`${path}/${where}`, `рядка «${r.row}» у розділі «${r.section}» немає`), (known = false));
        if (r.column !== '*' && !s.columns.some((x) => x.id === r.column)) (push(`${path}/${where}`, `графи «${r.column}» у розділі «${r.section}» немає`), (known = false));
      }
    }
    if (!known) return;
    const checks = expandControl(def, c, sections);
    if (checks.length === 0) push(path, 'правило не дає жодної перевірки');
    const missing = new Set<string>();
    for (const k of checks) for (const r of k.kind === 'sum' ? [k.total, ...k.parts] : [k.left, k.right]) if (!cellExists(sections, r)) missing.add(refString(r));
    for (const m of missing) push(path, `після розкриття «*» комірки ${m} у формі немає`);
    for (const k of checks) if (k.kind === 'sum' && k.parts.length === 0) push(path, `сума для ${refString(k.total)} не має доданків`);
    return;
  }
  const s = sections.get(c.section);
  if (!s) return push(`${path}/section`, `розділу «${c.section}» у формі немає`);
  const roles = c.kind === 'flow' ? (['start', 'received', 'resolved', 'end'] as const) : (['start', 'end'] as const);
  for (const role of roles) {
    const id = (c as Record<string, string>)[role]!;
    const col: ColumnV1 | undefined = s.columns.find((x) => x.id === id);
    if (!col) push(`${path}/${role}`, `графи «${id}» у розділі «${c.section}» немає`);
    // The identity pending-start + received − resolved = pending-end holds only between these four measures.
    else if (col.measure !== MEASURE_OF[role]) push(`${path}/${role}`, `графа «${id}» має показник «${col.measure}», а правило ${c.kind} потребує «${MEASURE_OF[role]}»`);
  }
  const filters = new Set(roles.map((role) => JSON.stringify(s.columns.find((x) => x.id === (c as Record<string, string>)[role])?.where ?? [])));
  if (c.kind === 'flow' && filters.size > 1) push(path, 'графи правила flow мають різні фільтри where — тотожність руху справ між ними не виконується');
}
