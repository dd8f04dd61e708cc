/**
 * The centre's statistics configuration (`asds.stats-centre/v1`,
 * deploy/stats/centre.yaml): report deadlines (Засади 16.1.6; the ДСА
 * pattern court → region by the 15th day after the period, region → nation
 * by the 20th — configuration, not code) and the grouping of courts into
 * regions for consolidation (16.1.5).
 */
import { readFileSync } from 'node:fs';
import { Type, type Static } from '@sinclair/typebox';
import { parse } from 'yaml';
import { AsdsError, schemaErrors } from '../../../runtime/index.ts';

const Deadline = Type.Object({ daysAfterPeriod: Type.Integer({ minimum: 0, maximum: 366 }) }, { additionalProperties: false });
const Court = Type.Object({ code: Type.String({ pattern: '^[0-9]{1,4}$' }), name: Type.String({ minLength: 1, maxLength: 300 }) }, { additionalProperties: false });

export const StatsCentreConfigV1 = Type.Object(
  {
    schema: Type.Literal('asds.stats-centre/v1'),
    deadlines: Type.Object({ courtToRegion: Deadline, regionToNation: Deadline }, { additionalProperties: false }),
    regions: Type.Array(
      Type.Object({ id: Type.String({ pattern: '^[a-z0-9-]{1,64}$' }), name: Type.String({ minLength: 1, maxLength: 300 }), courts: Type.Array(Court) }, { additionalProperties: false }),
    ),
  },
  { additionalProperties: false },
);
export type StatsCentreConfigV1 = Static<typeof StatsCentreConfigV1>;

export class StatsConfigInvalid extends AsdsError {
  constructor(readonly errors: string[]) {
    super('STATS_CONFIG_INVALID', `налаштування статистики центру невірні: ${errors.join('; ')}`, { errors });
  }
}

/** Parse and check the configuration; every error listed, a court in two regions among them. */
export function parseStatsConfig(text: string, source = 'config'): StatsCentreConfigV1 {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (e) {
    throw new StatsConfigInvalid([`${source}: not YAML: ${(e as Error).message}`]);
  }
  const errs = schemaErrors(StatsCentreConfigV1, raw).map((e) => `${source}${e.path}: ${e.message}`);
  if (errs.length > 0) throw new StatsConfigInvalid(errs);
  const c = raw as StatsCentreConfigV1;
  const seen = new Map<string, string>();
  const more: string[] = [];
  for (const r of c.regions) {
    for (const court of r.courts) {
      const other = seen.get(court.code);
      if (other) more.push(`${source}: court ${court.code} is in regions ${other} and ${r.id}`);
      seen.set(court.code, r.id);
    }
  }
  const ids = c.regions.map((r) => r.id);
  for (const id of new Set(ids)) if (ids.filter((x) => x === id).length > 1) more.push(`${source}: region ${id} listed twice`);
  if (more.length > 0) throw new StatsConfigInvalid(more);
  return c;
}

export function loadStatsConfig(file: string): StatsCentreConfigV1 {
  return parseStatsConfig(readFileSync(file, 'utf8'), file);
}

/** Every court the configuration knows, with its name and region. */
export function configCourts(c: StatsCentreConfigV1): Array<{ code: string; name: string; region: string }> {
  return c.regions.flatMap((r) => r.courts.map((court) => ({ ...court, region: r.id })));
}

export function courtName(c: StatsCentreConfigV1, code: string): string {
  return configCourts(c).find((x) => x.code === code)?.name ?? `суд з кодом ${code}`;
}
