/** Court → centre ingest contracts: version 2 (verified ingest) and version 1 (legacy). */
export * from './event.ts';
export * from './subjects.ts';
export * from './redaction.ts';
export * from './courts.ts';
