/**
 * Statistics at the centre (Засади 16.1.3–16.1.7, 16.3; issue 14): cards
 * folded from the replicated court events by the court's own reducer, signed
 * reports received and checked against the centre's computation, consolidation
 * court → region → nation, CEPEJ indicators, deadlines and the overdue list,
 * operational reports for any period, and the BullMQ jobs that build them.
 *
 *   const stats = startCentralStats({ nc, bus, engine: () => engine, dataDir, config, forms, log });
 *   ingestOptions.onStored = (courts) => stats.folder.poke(courts);
 *   const r = await operationalReport(engine, { config, forms }, { form: '1-мзс', from: '2026-01-01', to: '2026-06-30', nation: true });
 */
export { CardFolder, foldCourt, foldCourtAll, type CardReducer, type CardEvent } from './cards.ts';
export { StatsDesk, StatsSubmissionRefused, STATS_SUBMIT_WILDCARD } from './desk.ts';
export { listSubmissions, findSubmission, saveSubmission, type StoredSubmission } from './store.ts';
export { parseStatsConfig, loadStatsConfig, configCourts, courtName, StatsConfigInvalid, type StatsCentreConfigV1 } from './config.ts';
export { loadForms, formBook, DEFAULT_FORMS_DIR, type FormBook } from './forms.ts';
export { consolidateNation, buildReport, scopeOf, savedReports, nationCourts, type Target } from './consolidate.ts';
export { deadlineOf, overdueReports, overdueTextUk, type OverdueItem } from './overdue.ts';
export { operationalReport, checkReportQuery, StatsQueryInvalid, type StatsContext } from './reports.ts';
export { renderReport, reportFormat, REPORT_FORMATS, type ReportFormat } from './render.ts';
export { registerStatsJobs, consolidateJobId, lastEndedPeriod, STATS_SCHEDULES, STATS_QUEUE, type ConsolidateJob } from './jobs.ts';
export { registerStatsRoutes } from './http.ts';
export { startCentralStats, serveStatsQueries, type CentralStats } from './service.ts';
