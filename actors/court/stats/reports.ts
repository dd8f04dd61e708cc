/**
 * Forming a report at the court (Засади 16.1.3): a form of `deploy/stats-forms/`
 * (the form definition language, 16.2 — analytics/stats) evaluated over the
 * court's own cards for a period; its logical control (16.1.4) comes with it.
 *
 *   const forms = loadStatsForms();                               // id → definition, every file checked
 *   const report = formReport(forms, '537', cards.all(), { form: '1-мзс-example', from: '2026-01-01', to: '2026-03-31', kind: 'quarter' });
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkPeriod, evaluateForm, parseForm } from '../../../analytics/stats/index.ts';
import type { FormDefinitionV1, StatCardV1, StatReportV1 } from '../../../contracts/stats/index.ts';
import type { StatReportQueryV1 } from '../../../contracts/court/stats.ts';
import { CourtRejected } from '../errors.ts';
import { canonicalJson } from '../../distribution/canonical.ts';

export const DEFAULT_FORMS_DIR = resolve(fileURLToPath(new URL('../../../deploy/stats-forms', import.meta.url)));

/** Every form of the folders by id (a later folder's form replaces one of the same id); a bad file throws with every error listed (parseForm). */
export function loadStatsForms(dirs: readonly string[] = [DEFAULT_FORMS_DIR]): Map<string, FormDefinitionV1> {
  const out = new Map<string, FormDefinitionV1>();
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).filter((n) => /\.ya?ml$/.test(n)).sort()) {
      const path = join(dir, name);
      const def = parseForm(readFileSync(path, 'utf8'), path);
      out.set(def.id, def);
    }
  }
  return out;
}

/** The report of `q.form` for this court and period, from the given cards. */
export function formReport(forms: ReadonlyMap<string, FormDefinitionV1>, court: string, cards: Iterable<StatCardV1>, q: StatReportQueryV1): StatReportV1 {
  const def = forms.get(q.form);
  if (!def) throw new CourtRejected('STAT_FORM_NOT_FOUND', { form: q.form, forms: [...forms.keys()] });
  const period = { kind: q.kind ?? 'any', from: q.from, to: q.to } as const;
  try {
    checkPeriod(def, period);
  } catch (e) {
    throw new CourtRejected('STAT_PERIOD_INVALID', { ...period, periods: def.periods, reason: (e as Error).message });
  }
  return evaluateForm(def, cards, period, { kind: 'court', court });
}

/** The exact bytes the statistician signs and the centre verifies: canonical JSON of the report. */
export const reportContent = (report: StatReportV1): string => canonicalJson(report);
