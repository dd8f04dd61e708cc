/**
 * A run of the manipulation detectors (analytics/detectors/), version 1: the
 * payload of the central detector job and of any caller of `runDetectors`.
 *
 *   import { Value } from '@sinclair/typebox/value';
 *   Value.Check(DetectorRunV1, { from: '2025-06-01', to: '2025-06-30', court: '537' }); // true
 */
import { Type, type Static } from '@sinclair/typebox';
import '../formats.ts';

const Threshold = Type.Number({ minimum: 0 });
const Thresholds = Type.Record(Type.String({ pattern: '^[A-Za-z]+$' }), Threshold);

export const DetectorRunV1 = Type.Object(
  {
    /** First and last court-local date (inclusive) of the draws examined. */
    from: Type.String({ format: 'date' }),
    to: Type.String({ format: 'date' }),
    /** One court (its code); all courts when absent. */
    court: Type.Optional(Type.String({ pattern: '^[0-9]{1,4}$' })),
    /** Overrides of the documented thresholds (analytics/detectors/config.ts), per detector. */
    config: Type.Optional(Type.Record(Type.String({ pattern: '^[A-Za-z]+$' }), Thresholds)),
    /** Only these detectors (names as in analytics/detectors/index.ts DETECTORS); all when absent. */
    only: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { minItems: 1 })),
  },
  { additionalProperties: false },
);
export type DetectorRunV1 = Static<typeof DetectorRunV1>;
