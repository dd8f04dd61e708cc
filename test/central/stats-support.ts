/** A small form and cards for the centre's statistics tests (the shipped forms are st-core's deploy/stats-forms). */
import { createHash } from 'node:crypto';
import type { NatsConnection } from '@nats-io/transport-node';
import { statsSubmitSubject, type FormDefinitionV1, type StatCardV1, type StatReportV1, type StatSubmissionV1 } from '../../contracts/stats/index.ts';
import { canonicalJson } from '../../actors/distribution/canonical.ts';
import { signDetached } from '../../actors/pki/index.ts';
import type { BusIdentity } from '../../runtime/bus/identity.ts';
import { signedHeaders, signerOf } from '../../runtime/bus/nats-sign.ts';
import { rng } from '../../actors/court/simulator/index.ts';

export const TEST_FORM: FormDefinitionV1 = {
  schema: 'asds.stats-form/v1',
  id: 'test-form',
  version: 1,
  name: 'Тестова форма',
  status: 'example',
  basis: 'тест',
  courtKind: 'місцевий загальний суд',
  periods: ['month', 'quarter', 'half-year', 'year', 'any'],
  sections: [
    {
      id: 's1',
      title: 'Розділ 1. Цивільні справи',
      rows: [
        { id: 'all', code: '1', label: 'Усього', where: [{ field: 'index', in: ['2'] }] },
        { id: 'family', code: '1.1', label: 'Сімейні', where: [{ field: 'index', in: ['2'] }, { field: 'category', in: ['family'] }] },
      ],
      columns: [
        { id: 'start', code: '1', label: 'Залишок на початок', measure: 'pending-start' },
        { id: 'recv', code: '2', label: 'Надійшло', measure: 'received' },
        { id: 'res', code: '3', label: 'Розглянуто', measure: 'resolved' },
        { id: 'sat', code: '4', label: 'Задоволено', measure: 'resolved', where: [{ field: 'result', in: ['satisfied'] }] },
        { id: 'end', code: '5', label: 'Залишок на кінець', measure: 'pending-end' },
        { id: 'over', code: '6', label: 'З порушенням строку', measure: 'over-term' },
        { id: 'claimed', code: '7', label: 'Сума заявлена', measure: 'sum-claimed' },
        { id: 'awarded', code: '8', label: 'Сума присуджена', measure: 'sum-awarded' },
      ],
    },
    {
      id: 's2',
      title: 'Розділ 2. Кримінальні провадження',
      rows: [
        { id: 'all', code: '1', label: 'Усього', where: [{ field: 'index', in: ['1-кп'] }] },
        { id: 'juv', code: '2', label: 'Неповнолітні', where: [{ field: 'index', in: ['1-кп'] }, { field: 'juvenile', is: true }] },
        { id: 'noart', code: '3', label: 'Без статті', where: [{ field: 'index', in: ['1-кп'] }, { field: 'article', present: false }] },
      ],
      columns: [
        { id: 'recv', code: '1', label: 'Надійшло', measure: 'received' },
        { id: 'conv', code: '2', label: 'Засуджено', measure: 'resolved', where: [{ field: 'result', in: ['convicted'] }] },
        { id: 'det', code: '3', label: 'Під вартою', measure: 'pending-end', where: [{ field: 'detention', is: true }] },
      ],
    },
  ],
  controls: [],
};

const base = { overTerm: false, juvenile: false, detention: false };
let n = 0;
export function card(court: string, index: string, receivedOn: string, more: Partial<StatCardV1> = {}): StatCardV1 {
  n++;
  return { court, proceedingNumber: `${court}/${1000 + n}/26`, index, receivedOn, ...base, ...more };
}


const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Random cards of `courts` over 2025–2026: some decided, some with amounts, flags and articles. */
export function randomCards(seed: number, courts: readonly string[], count: number): StatCardV1[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const t0 = Date.parse('2025-01-01T00:00:00Z');
  const out: StatCardV1[] = [];
  for (let i = 0; i < count; i++) {
    const court = pick(courts);
    const received = t0 + Math.floor(r() * 700) * 86_400_000;
    const index = pick(['2', '2', '1-кп', '3']);
    const c: StatCardV1 = { court, proceedingNumber: `${court}/${i + 1}/2${r() < 0.5 ? 5 : 6}`, index, receivedOn: day(received), overTerm: r() < 0.1, juvenile: r() < 0.1, detention: r() < 0.15 };
    if (r() < 0.8) c.category = pick(['family', 'labour', 'contract', 'theft']);
    if (index === '1-кп' && r() < 0.8) c.article = pick(['185', '186', '121']);
    if (r() < 0.6) {
      c.decidedOn = day(received + Math.floor(r() * 200) * 86_400_000);
      c.result = pick(['satisfied', 'refused', 'closed', 'convicted', 'acquitted']);
    }
    if (r() < 0.5) c.amountClaimed = Math.floor(r() * 1e8);
    if (c.amountClaimed !== undefined && r() < 0.5) c.amountAwarded = Math.floor(r() * c.amountClaimed);
    if (r() < 0.7) c.judge = pick(['j-1', 'j-2', 'j-3']);
    out.push(c);
  }
  return out;
}

/** Seeded PRNG (the simulator's mulberry32): a test must repeat. */
export { rng };

/** A court's submission of `report`, signed by `by` (a staff certificate of the court CA), as the court's node sends it. */
export function signedSubmission(report: StatReportV1, documentId: string, by: { certPem: string; keyPem: string }, journalThrough?: number): StatSubmissionV1 {
  const content = Buffer.from(canonicalJson(report));
  return {
    v: 1,
    documentId,
    report,
    reportSha256: createHash('sha256').update(content).digest('hex'),
    cms: signDetached({ content, certPem: by.certPem, keyPem: by.keyPem }).toString('base64'),
    author: { name: 'Петренко Олена Іванівна', position: 'статистик' },
    signedAt: Date.now(),
    ...(journalThrough !== undefined ? { journalThrough } : {}),
  };
}

/** Sent on court 537's submit subject, signed by its node (`id`); the desk's answer. */
export async function submitAs(conn: NatsConnection, id: BusIdentity, s: unknown): Promise<Record<string, unknown>> {
  const subject = statsSubmitSubject('537');
  const body = new TextEncoder().encode(JSON.stringify(s));
  const m = await conn.request(subject, body, { timeout: 20_000, headers: signedHeaders(signerOf(id), subject, body) });
  return JSON.parse(new TextDecoder().decode(m.data)) as Record<string, unknown>;
}
