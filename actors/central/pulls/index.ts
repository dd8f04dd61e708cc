/**
 * Database pulls, the centre's side (Засади 18.3): request, deadline on the
 * court's calendar, resumable transfer, verification against what the centre
 * witnessed, the pull report, overdue and difference alarms.
 *
 *   const jobs = new CentralJobs({ redisUrl, node: 'central-1', log });
 *   const pulls = new CentralPulls({ node: 'central-1', nc, bus, system, engine: () => engine, jobs, dataDir, log });
 *   jobs.start();
 *   await pulls.start();
 *   const p = await pulls.request({ court: '537', by: 'Адміністратор АСДС' }, 'ops-admin');
 *   // … the job runs on some worker …
 *   const { report } = await pulls.list({ pullId: p.id });   // report.verdict: 'identical' | 'different'
 */
export { CentralPulls, defaultCourtAnchor, defaultCourtCalendar, type CentralPullsOptions, type PullView } from './service.ts';
export { registerPullRoutes } from './http.ts';
export { pullDeadline, kyivMidnight, defaultPullCalendar, type PullDeadline } from './deadline.ts';
export { compareCopy, classify, type PullComparison, type RowDifference } from './compare.ts';
export { reportText, type PullReport } from './report.ts';
export { sweepPulls, DEFAULT_RETENTION_DAYS, SWEEP_EVERY_MS } from './sweep.ts';
export { listPulls, getPull, getReport, type PullRecord, type StoredReport } from './store.ts';
export { pullJobId, pullCopyDir } from './processor.ts';
export { DEFAULT_CHUNK_BYTES, DEFAULT_PATIENCE_MS } from './transfer.ts';
export { pullRegisterBehavior, PULL_REGISTER_KIND, type PullRegisterState } from './register.ts';
