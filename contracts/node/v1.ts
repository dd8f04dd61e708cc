/** Commands of the `node` actor (one per node, id = node name), version 1. */
import { Type, type Static } from '@sinclair/typebox';

export const NodeCommandV1 = Type.Union([
  Type.Object(
    {
      type: Type.Literal('record-start'),
      role: Type.Union([Type.Literal('court'), Type.Literal('central')]),
      version: Type.String({ maxLength: 50 }),
      pid: Type.Integer({ minimum: 1 }),
      /** Timestamp of the journal's last event before this start: the last moment the node is known alive. */
      lastActivity: Type.Optional(Type.Integer({ minimum: 0 })),
      /** `simulated`: the node runs on `asds simulate --timeline`'s clock (actors/court/simulator/clock.ts). */
      clock: Type.Optional(Type.Literal('simulated')),
    },
    { additionalProperties: false },
  ),
  Type.Object({ type: Type.Literal('record-stop'), reason: Type.String({ maxLength: 200 }) }, { additionalProperties: false }),
  /** The wall clock was found behind the last time the actors saw; they are held at `held` (runtime/clock.ts). */
  Type.Object(
    { type: Type.Literal('record-clock-alarm'), wall: Type.Integer(), held: Type.Integer({ minimum: 0 }) },
    { additionalProperties: false },
  ),
  Type.Object({ type: Type.Literal('status') }, { additionalProperties: false }),
]);
export type NodeCommandV1 = Static<typeof NodeCommandV1>;

export interface NodeStatusV1 {
  node: string;
  role: 'court' | 'central' | null;
  version: string | null;
  runningSince: number | null;
  starts: number;
  uncleanStops: number;
  /** Periods the node was down: from its last record to the next start. */
  lastOutage: { from: number; to: number; clean: boolean } | null;
  /** Times the clock jumped backwards and the actors were held at the last time (absent before the first). */
  clockAlarms?: number;
}
