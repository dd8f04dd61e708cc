/** NATS names of the checkpoint witness (issue 11 item 2). */
/** A court sends its sealed checkpoint here (request/reply); only court `<code>` may publish on its subject. */
export const checkpointSubject = (court: string) => `asds.central.witness.checkpoint.${court}`;
export const CHECKPOINT_WILDCARD = 'asds.central.witness.checkpoint.*';
/** Queue group of central workers answering checkpoints (any one answers). */
export const WITNESS_QUEUE = 'asds-central-witness';
