export { CourtReplicator, type ReplicatorOptions, type ReplicatorStatus } from './replicator.ts';
export { MarkStore } from './marks.ts';
export { toIngestEvent, eventText, framesOf, type Frame } from './encode.ts';
