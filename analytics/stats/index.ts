/**
 * Court statistics engine (Засади 16): report forms as data, their evaluation
 * over statistical cards, report logical control, consolidation, CEPEJ
 * indicators and the outputs people use. Pure (no I/O): the court node uses
 * it offline, the centre uses it to compare and consolidate.
 *
 *   import { parseForm, evaluateForm, reportXlsx } from './analytics/stats/index.ts';
 *   const def = parseForm(readFileSync('deploy/stats-forms/1-mzs.yaml', 'utf8'), '1-mzs.yaml');
 *   const report = evaluateForm(def, cards, { kind: 'half-year', from: '2026-01-01', to: '2026-06-30' }, { kind: 'court', court: '537' });
 *   if (report.failures.length === 0) writeFileSync('1-mzs.xlsx', await reportXlsx(def, report, { scope: 'Лубенський міськрайонний суд Полтавської області' }));
 */
export { parseForm, validateForm } from './parse.ts';
export { evaluateForm } from './evaluate.ts';
export { scopeCourts } from './scope.ts';
export { controlReport } from './control.ts';
export { consolidate } from './consolidate.ts';
export { cepej, cepejColumns, cepejRows, type CepejFigures, type CepejIndicators, type CepejRow } from './cepej.ts';
export { checkPeriod, periodUk, dateUk } from './period.ts';
export { cellLabel } from './labels.ts';
export { expandControl, parseRef, refString, type CellRef } from './refs.ts';
export { reportLayout, type ReportNames, type ReportOptions, type Signatory } from './layout.ts';
export { reportCsv } from './csv.ts';
export { reportHtml } from './html.ts';
export { reportXlsx } from './xlsx.ts';
export { StatsFormInvalid, StatsPeriodInvalid, StatsReportMismatch, StatsUnknownCell } from './errors.ts';
