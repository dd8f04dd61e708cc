/**
 * The form definitions the centre knows (Засади 16.2: forms are data): every
 * `*.yaml` / `*.json` of a folder (default deploy/stats-forms), checked by
 * the same parser the court uses (analytics/stats parseForm), keyed by id and version — a court's report
 * is compared under the very version it was formed by.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { FormDefinitionV1 } from '../../../contracts/stats/index.ts';
import { parseForm } from '../../../analytics/stats/index.ts';
import { AsdsError, schemaErrors } from '../../../runtime/index.ts';

export const DEFAULT_FORMS_DIR = fileURLToPath(new URL('../../../deploy/stats-forms/', import.meta.url));

export class FormsInvalid extends AsdsError {
  constructor(readonly errors: string[]) {
    super('STATS_FORM_INVALID', `форми звітності невірні: ${errors.join('; ')}`, { errors });
  }
}

export interface FormBook {
  get(id: string, version?: number): FormDefinitionV1 | undefined;
  all(): FormDefinitionV1[];
}

export function parseFormText(text: string, source: string): FormDefinitionV1 {
  let raw: unknown;
  try {
    raw = source.endsWith('.json') ? JSON.parse(text) : parse(text);
  } catch (e) {
    throw new FormsInvalid([`${source}: ${(e as Error).message}`]);
  }
  const errs = schemaErrors(FormDefinitionV1, raw).map((e) => `${source}${e.path}: ${e.message}`);
  if (errs.length > 0) throw new FormsInvalid(errs);
  return raw as FormDefinitionV1;
}

export function formBook(defs: readonly FormDefinitionV1[]): FormBook {
  return {
    get(id, version) {
      const same = defs.filter((d) => d.id === id);
      return version === undefined ? same.sort((a, b) => b.version - a.version)[0] : same.find((d) => d.version === version);
    },
    all: () => [...defs],
  };
}

/** Every form of `dir`; every broken file listed in one error. */
export function loadForms(dir = DEFAULT_FORMS_DIR, parseOne: (text: string, source: string) => FormDefinitionV1 = parseForm): FormBook {
  if (!existsSync(dir)) return formBook([]);
  const defs: FormDefinitionV1[] = [];
  const errors: string[] = [];
  for (const f of readdirSync(dir).filter((x) => /\.(ya?ml|json)$/.test(x)).sort()) {
    try {
      defs.push(parseOne(readFileSync(join(dir, f), 'utf8'), f));
    } catch (e) {
      errors.push(...((e as { errors?: string[] }).errors ?? [(e as Error).message]));
    }
  }
  if (errors.length > 0) throw new FormsInvalid(errors);
  return formBook(defs);
}
