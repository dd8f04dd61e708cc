/**
 * Statistical forms at the centre (Засади 16.1.3, 16.1.5): a form definition
 * compiled into ClickHouse SQL over the replicated cards (`stat_cards`,
 * migration 012) and run on the analytics engine; CEPEJ indicators likewise.
 *
 *   const report = await evaluateFormSql(engine, def, { kind: 'year', from: '2026-01-01', to: '2026-12-31' }, { kind: 'court', court: '537' });
 *   const diff = differingCells(report, submitted.report);   // [] = the court's report equals the centre's
 *   const byJudge = await cepejSql(engine, period, ['537'], 'judge');
 */
export { compileForm, compileSection, filterSql, type SectionQuery } from './compile.ts';
export { evaluateFormSql, evaluateFormSqlPerCell, evaluateFormSqlByCourt, sumReports, differingCells, scopeCourts } from './run.ts';
export { evaluateFormCube, evaluateFormCubeByCourt } from './cube.ts';
export { cardRow, rowCard, insertCards, cardsByKey, type StoredCard } from './cards.ts';
export { cepejSql, cepejTotal, cepejRatios, withJudgeLoad, type CepejBy, type CepejRow, type CepejCounts, type JudgeCepejRow } from './cepej.ts';
