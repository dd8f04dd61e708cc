/**
 * Court production calendar as data (distribution-spec §7).
 * Default: Monday–Friday working; public holidays are working days under
 * martial law (since 2022-02-24).
 */
import { Type, type Static } from '@sinclair/typebox';
import { ConfigDateSchema } from './common.ts';

export const CALENDAR_SCHEMA_ID = 'asds.calendar/v1';

export const CalendarSchema = Type.Object(
  {
    schema: Type.Literal(CALENDAR_SCHEMA_ID),
    id: Type.String({ minLength: 1 }),
    /** ISO weekdays that are days off: 1 = Monday … 7 = Sunday. */
    weekend: Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), { uniqueItems: true }),
    holidays: Type.Array(
      Type.Object({ date: ConfigDateSchema, name: Type.String() }, { additionalProperties: false }),
    ),
    /** While in force, public holidays are working days (Law of Ukraine 2136-IX, art. 6). */
    martialLaw: Type.Optional(
      Type.Object(
        {
          since: ConfigDateSchema,
          until: Type.Optional(ConfigDateSchema),
          holidaysAreWorkingDays: Type.Boolean(),
        },
        { additionalProperties: false },
      ),
    ),
    /** Explicit overrides, applied last (e.g. a Saturday worked off by Cabinet order). */
    extraWorkingDays: Type.Array(ConfigDateSchema),
    extraNonWorkingDays: Type.Array(ConfigDateSchema),
  },
  { additionalProperties: false },
);

export type CalendarConfig = Static<typeof CalendarSchema>;
