/**
 * Exchange hub benchmark (issue 17 item 6): `exchange.filings_per_s` end to end — the reference counterpart
 * (actors/counterpart) files signed motions over mTLS → the hub verifies the CMS signature and the signer (the
 * cabinet's head) → the court node 537 (a real process on a real nats-server) registers them as incoming
 * correspondence → the notice is back at the counterpart; beside `exchange.raw_http_req_per_s`: the same signed
 * payload over the same mTLS connection pool to a no-op handler on the same listener (the org hook included),
 * in the same run — the ceiling of the HTTP layer. The documents are signed before the clock starts (signing is
 * the organisation's cost, verifying the hub's).
 */
import { signDetached } from '../actors/pki/index.ts';
import { MtlsClient, ProsecutorSystem, type DocumentToFile } from '../actors/counterpart/index.ts';
import type { ExchangeRoute } from '../actors/central/exchange/index.ts';
import type { FilingBodyV1, NoticeV1 } from '../contracts/exchange/filings.ts';
import { cleanup } from '../test/support/servers.ts';
import { qualifiedCa, startTestHub } from '../test/exchange/support.ts';
import { COURT, newCase, startCourtSide } from '../test/exchange/filings-support.ts';
import type { Figure } from './index.ts';
import { closedLoop, round } from './stats.ts';

const CONCURRENCY = 16;
const WARMUP = 50;
const FILINGS = 600;
const RAW = 5_000;
const CASES = 6;
const CODE = '02910060';

const noop: ExchangeRoute = (app, ctx) => {
  app.post('/exchange/bench/noop', { bodyLimit: 8 * 1024 * 1024 }, async (req) => ({ ok: true, org: ctx.organisationOf(req).id }));
};

export async function run(): Promise<Figure[]> {
  const side = await startCourtSide();
  const qca = qualifiedCa();
  const h = await startTestHub({ qualifiedCas: [qca.certPem], routes: [noop] });
  const hubNc = await side.nats.bus.connect('central-1');
  h.system.attachNats(hubNc, await side.nats.bus.identity('central-1'));
  const client = new MtlsClient(h.hub.url, { ...(await h.addOrg({ id: 'prok-poltava', kind: 'prosecutor', name: 'Полтавська обласна прокуратура', code: CODE })), caPem: h.hub.ca.certPem }, CONCURRENCY);
  try {
    const head = qca.issueHead({ code: CODE, fullName: 'Коваленко Олена Петрівна' });
    const request = Buffer.from(JSON.stringify({ type: 'asds-cabinet-registration', v: 1, level: 'regional', code: CODE, officeName: 'Полтавська обласна прокуратура' }));
    const reg = await client.call('POST', '/exchange/cabinets/registration', { request: request.toString('base64'), signature: signDetached({ content: request, certPem: head.certPem, keyPem: head.keyPem }).toString('base64') });
    if (reg.status !== 201) throw new Error(`cabinet registration: ${reg.status} ${reg.text}`);
    const prok = new ProsecutorSystem(client, { ...head, serial: head.serial });
    const cases: string[] = [];
    for (let i = 0; i < CASES; i++) cases.push((await newCase(side)).ueun);
    const bodies = (n: number, tag: string): FilingBodyV1[] => Array.from({ length: n }, (_, i) => prok.body(doc(cases[i % CASES]!, `bench-${tag}-${i}`)));

    const pump = noticePump(prok);
    const fileOne = (list: FilingBodyV1[]) => async (_w: number, i: number) => {
      const r = await client.call('POST', '/exchange/v1/filings', list[i]);
      if (r.status !== 202) throw new Error(`filing: ${r.status} ${r.text}`);
      const n = await pump.wait(r.json.filingId as string);
      if (n.status !== 'registered') throw new Error(`filing refused by the court: ${JSON.stringify(n)}`);
    };
    await closedLoop(CONCURRENCY, WARMUP, fileOne(bodies(WARMUP, 'warm')));
    const timed = bodies(FILINGS, 'timed');
    const filings = await closedLoop(CONCURRENCY, FILINGS, fileOne(timed));

    const payload = timed[0]!;
    const rawOne = async () => {
      const r = await client.call('POST', '/exchange/bench/noop', payload);
      if (r.status !== 200) throw new Error(`noop: ${r.status} ${r.text}`);
    };
    await closedLoop(CONCURRENCY, 200, rawOne);
    const raw = await closedLoop(CONCURRENCY, RAW, rawOne);
    pump.stop();
    const bytes = Buffer.byteLength(JSON.stringify(payload));
    return [
      { name: 'exchange.filings_per_s', value: round(filings.perSec, 1), unit: 'filings/s', ceiling: round(raw.perSec, 0), concurrency: CONCURRENCY, total: FILINGS, payload_bytes: bytes, note: 'mTLS → CMS + head check → court 537 registered → notice polled back' },
      { name: 'exchange.filing_to_notice_p50_ms', value: round(filings.p50), unit: 'ms' },
      { name: 'exchange.filing_to_notice_p99_ms', value: round(filings.p99), unit: 'ms' },
      { name: 'exchange.raw_http_req_per_s', value: round(raw.perSec, 0), unit: 'req/s', concurrency: CONCURRENCY, total: RAW, payload_bytes: bytes, note: 'same payload, same mTLS pool, no-op handler' },
    ];
  } finally {
    client.close();
    await h.stop();
    await hubNc.close();
    await side.court.kill('SIGTERM');
    await cleanup();
  }
}

function doc(ueun: string, messageId: string): DocumentToFile {
  return {
    messageId,
    court: COURT,
    ueun,
    kind: 'motion',
    title: 'клопотання про продовження строку досудового розслідування',
    fileName: 'motion.pdf',
    mediaType: 'application/pdf',
    content: Buffer.from(`%PDF-1.4\nКлопотання прокурора у справі ${ueun} (${messageId})\n${'x'.repeat(2000)}\n`),
  };
}

/** One poller of the organisation's notices (a cursor is one reader's), waking the filings that wait for theirs. */
function noticePump(prok: ProsecutorSystem) {
  const waiting = new Map<string, (n: NoticeV1) => void>();
  const early = new Map<string, NoticeV1>();
  let running = true;
  void (async () => {
    while (running) {
      for (const n of await prok.pollNotices().catch(() => [] as NoticeV1[])) {
        const w = waiting.get(n.filingId);
        if (w) {
          waiting.delete(n.filingId);
          w(n);
        } else early.set(n.filingId, n);
      }
      await new Promise((r) => setTimeout(r, 5));
    }
  })();
  return {
    wait(id: string): Promise<NoticeV1> {
      const n = early.get(id);
      if (n) {
        early.delete(id);
        return Promise.resolve(n);
      }
      return new Promise((resolve) => waiting.set(id, resolve));
    },
    stop() {
      running = false;
    },
  };
}
