/** Court → centre ingest contracts, version 1. */
export * from './event.ts';
export * from './subjects.ts';
export * from './redaction.ts';
export * from './courts.ts';
