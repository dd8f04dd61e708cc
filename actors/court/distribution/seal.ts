/** The court seal now lives in `actors/court/seal` (shared by distribution, jurors and duty protocols); kept for existing imports. */
export { courtPkiDir, ensureCourtSeal } from '../seal/index.ts';
