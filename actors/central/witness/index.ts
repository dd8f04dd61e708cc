/**
 * Sealed checkpoints, centre side (issue 11 item 2): verify each court's sealed chain head, keep it,
 * compare it with earlier checkpoints and the events held, alarm contradictions, answer with a signed receipt.
 *
 *   const w = new Witness({ nc, bus: identity, engine: () => worker.analytics, log }).start();
 *   // courts' checkpoints on asds.central.witness.checkpoint.<court> are answered from now on
 *   await w.sweep();   // compare checkpoints whose events arrived after them (also runs every sweepMs)
 *   await w.stop();
 */
export { Witness, type WitnessOptions } from './witness.ts';
export { WitnessStore, type Pin, type PastCheckpoint, type Held } from './store.ts';
export { operatorCaFiles } from './seal.ts';
export { repinCourtCa, sealPinBehavior, SEAL_PIN_KIND, RepinRefused } from './repin.ts';
export { registerPinRoutes } from './http.ts';
export { contradictions, type Context } from './findings.ts';
export { presentedCa, sealProblem } from './seal.ts';
