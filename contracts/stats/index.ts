/**
 * Court statistics (Засади 16), version 1: the statistical card of a
 * proceeding (primary data, 16.1.1), the form definition language (16.2), the
 * report a form yields for a period (16.1.3) and its logical control (16.1.4).
 * One form definition is evaluated by two engines — the court node over its
 * own cards (offline), the centre over the replicated cards in ClickHouse —
 * and both must give the same cells.
 *
 *   import { FormDefinitionV1, StatCardV1, type StatReportV1 } from './contracts/stats/index.ts';
 *   const def = parseForm(text, 'deploy/stats-forms/1-mzs.yaml');   // analytics/stats: every error listed
 *   const report = evaluateForm(def, cards, { kind: 'year', from: '2026-01-01', to: '2026-12-31' }, { kind: 'court', court: '537' });
 */
export * from './card.ts';
export * from './form.ts';
export * from './report.ts';
export * from './submission.ts';
