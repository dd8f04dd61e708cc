/**
 * Database pulls, the court's side (Засади 18.3): the `database-pull` actor
 * journals each request from the centre; the transfer service makes a sealed
 * online copy of the journal and serves it in chunks the centre asks for.
 *
 *   system.register(databasePullBehavior);
 *   const svc = servePullTransfers({ court: '537', dataDir, db: journal.database, system, nc, bus, signer: () => seal, log });
 *   // … centre: asks `request-pull`, then asds.pull.537.prepare and asds.pull.537.chunk
 *   svc.stop();
 */
export { databasePullBehavior, DATABASE_PULL_KIND, type DatabasePullState, type PullEntry } from './behavior.ts';
export { servePullTransfers, ERROR_HEADER, type PullServiceOptions } from './service.ts';
export { preparePullCopy, removeOldCopies, copyPath, pullDir, sha256File, COURT_COPY_RETENTION_DAYS } from './copy.ts';
