/**
 * Integrity alarms for people (issue 11 item 6): the NATS answers behind
 * `asds central integrity` and the read-only HTTP route `GET /integrity/alarms`.
 *
 * Listing is a query like the lag monitor's. Acknowledging writes: it is
 * accepted only when signed by an operator identity (runtime/bus/nats-sign.ts),
 * and the acknowledgement records both the person named and that identity, so
 * "acknowledged by whom" never rests on a claim in the message body alone.
 */
import type { Msg, NatsConnection, Subscription } from '@nats-io/transport-node';
import type { FastifyInstance } from 'fastify';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import type { AnalyticsEngine } from '../../../analytics/engine.ts';
import { acknowledgeAlarm, listAlarms, type Alarm } from '../../../analytics/alarms.ts';
import { registryNow, type CourtRegistrySource } from '../../../analytics/court-registry.ts';
import { AlarmAckRequestV1, AlarmListRequestV1, CENTRAL_ALARM_ACK_SUBJECT, CENTRAL_ALARMS_SUBJECT } from '../../../contracts/central/alarms.ts';
import { answerQuery } from '../ingest/queries.ts';
import { senderOf } from '../../../runtime/bus/nats-sign.ts';
import type { BusIdentity } from '../../../runtime/bus/identity.ts';

const listCheck = TypeCompiler.Compile(AlarmListRequestV1);
const ackCheck = TypeCompiler.Compile(AlarmAckRequestV1);

/** An alarm as shown to people: with the court's name from the registry of connected courts. */
export interface ShownAlarm extends Alarm {
  courtName: string;
}

export function withCourtNames(alarms: Alarm[], registry: CourtRegistrySource): ShownAlarm[] {
  const names = new Map(registryNow(registry).map((c) => [c.code, c.name]));
  return alarms.map((a) => ({ ...a, courtName: names.get(a.court) ?? `суд з кодом ${a.court}` }));
}

function firstError(check: ReturnType<typeof TypeCompiler.Compile>, v: unknown): string | undefined {
  if (check.Check(v)) return undefined;
  const e = [...check.Errors(v)][0];
  return `${e?.path || '/'} ${e?.message ?? 'invalid'}`;
}

export function serveAlarmQueries(nc: NatsConnection, engine: () => AnalyticsEngine, bus: BusIdentity, registry: CourtRegistrySource = []): Subscription[] {
  const answer = (subject: string, fn: (req: unknown, m: Msg) => Promise<unknown>) => answerQuery(nc, subject, fn);
  return [
    answer(CENTRAL_ALARMS_SUBJECT, async (req) => {
      const bad = firstError(listCheck, req);
      if (bad) throw new Error(`запит переліку тривог: ${bad}`);
      return withCourtNames(await listAlarms(engine(), req as AlarmListRequestV1), registry);
    }),
    answer(CENTRAL_ALARM_ACK_SUBJECT, async (req, m) => {
      // the acknowledgement is a write: only an operator identity may make it
      const from = senderOf(m, bus.operatorPublicKey, { class: 'operator' });
      const bad = firstError(ackCheck, req);
      if (bad) throw new Error(`підтвердження тривоги: ${bad}`);
      const r = req as AlarmAckRequestV1;
      await acknowledgeAlarm(engine(), r.id, `${r.by} (${from.node})`, r.note);
      return { id: r.id, by: `${r.by} (${from.node})` };
    }),
  ];
}

/** `GET /integrity/alarms[?court=537][&kind=detector:][&open=1]` — read-only; acknowledging goes through the signed CLI. */
export function registerAlarmRoutes(app: FastifyInstance, engine: () => AnalyticsEngine, registry: CourtRegistrySource = []): void {
  app.get<{ Querystring: Record<string, string | undefined> }>('/integrity/alarms', async (req, reply) => {
    const q: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(req.query)) {
      if (k === 'court' || k === 'kind') q[k] = v;
      else if (k === 'open') q.unacknowledged = v === '1' || v === 'true';
      else if (k === 'limit') q.limit = /^\d{1,5}$/.test(v ?? '') ? Number(v) : v;
      else return reply.code(400).send({ error: 'BAD_PARAMETER', message: `невідомий параметр «${k}»` });
    }
    const bad = firstError(listCheck, q);
    if (bad) return reply.code(400).send({ error: 'BAD_PARAMETER', message: bad });
    return { alarms: withCourtNames(await listAlarms(engine(), q as AlarmListRequestV1), registry) };
  });
}
