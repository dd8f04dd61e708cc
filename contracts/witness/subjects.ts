/** NATS names of the checkpoint witness (issue 11 item 2). */
/** A court sends its sealed checkpoint here (request/reply); only court `<code>` may publish on its subject. */
export const checkpointSubject = (court: string) => `asds.central.witness.checkpoint.${court}`;
export const CHECKPOINT_WILDCARD = 'asds.central.witness.checkpoint.*';
/** Queue group of central workers answering checkpoints (any one answers). */
export const WITNESS_QUEUE = 'asds-central-witness';
/**
 * A central worker asks court `<code>` for a checkpoint now (signed request; answered with the receipt).
 * Only that court subscribes (runtime/bus/permissions.ts). Not under `asds.court-<code>.>`: that space is
 * the actor bridge's (runtime/remote.ts), which would answer it too.
 */
export const checkpointNowSubject = (court: string) => `asds.court.${court}.checkpoint-now`;
