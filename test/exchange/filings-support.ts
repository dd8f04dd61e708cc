/**
 * Parts of the filings tests (issue 17 §A.2): a real nats-server with bus identities, the court node 537 as a
 * process (`asds court serve`, SIGKILL-able), the hub's filings actor on an in-process central worker
 * (`central-1`, its own journal), and a qualified CA that issues the prosecutor's head certificate.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import * as assert from 'uvu/assert';
import type { NatsConnection } from '@nats-io/transport-node';
import { ActorSystem, createLogger } from '../../runtime/index.ts';
import { initCourtCa, issueUserCertificate, loadTrustStore, signDetached, verifyDetached, type TrustStore } from '../../actors/pki/index.ts';
import { exchangeBehaviors } from '../../actors/central/exchange/behaviors.ts';
import { EXCHANGE_FILINGS_ID, EXCHANGE_FILINGS_KIND, filingDigest, verificationOf } from '../../actors/central/exchange/filings/index.ts';
import type { FilingBodyV1 } from '../../contracts/exchange/filings.ts';
import type { NewFilingV1 } from '../../contracts/exchange/wire.ts';
import { startNats, tempDir, type NatsHandle } from '../support/servers.ts';
import { startNodeProcess, type NodeProcess } from '../support/processes.ts';
import { TEST_KEY_PASSPHRASE } from '../support/keys.ts';
import { ADMIN_PASSWORD, PASSWORD, api, claim, type Api, type Court } from '../court/support.ts';
import { registeredDrawn } from '../court/stats-support.ts';

export const COURT = '537';
export const PROSECUTOR = { id: 'ogp-lubny', name: 'Лубенська окружна прокуратура', code: '02910096' };

export interface Bench {
  nats: NatsHandle;
  courtData: string;
  court: NodeProcess;
  a: Api;
  tokens: Record<string, string>;
  hub: ActorSystem;
  hubNc: NatsConnection;
  /** The hub worker's journal (a restarted hub opens it again). */
  hubJournal: string;
  /** The qualified CA's trust store and the prosecutor head's certificate. */
  qualified: TrustStore;
  head: { certPem: string; keyPem: string };
  stranger: { certPem: string; keyPem: string };
}

/** One key for every start of the test court (a restarted node reopens its covert records). */
const COURT_KEY_HEX = randomBytes(32).toString('hex');

export async function startCourtProcess(b: Pick<Bench, 'nats' | 'courtData'>): Promise<{ court: NodeProcess; a: Api }> {
  const court = startNodeProcess('bin/cli.ts', ['court', 'serve', '--court', COURT, '--data', b.courtData, '--port', '0', '--nats', b.nats.url, '--bus', await b.nats.bus.bundle(`court-${COURT}`), '--exchange-hub', 'central-1'], {
    ASDS_ADMIN_PASSWORD: ADMIN_PASSWORD,
    // the court's key for covert cases (a covert case's documents must be refused at the exchange)
    ASDS_COURT_KEY: COURT_KEY_HEX,
  });
  const a = api(JSON.parse(await court.waitFor(/"ready":true/, 120_000)).url as string);
  await court.waitFor(/"nats":"connected"/, 60_000).catch(() => undefined);
  return { court, a };
}

export type CourtSide = Pick<Bench, 'nats' | 'courtData' | 'court' | 'a' | 'tokens'>;

/** nats-server and court 537 as a process with its registrar and head of staff. */
export async function startCourtSide(): Promise<CourtSide> {
  const nats = await startNats();
  const courtData = tempDir('asds-filings-court-');
  const { court, a } = await startCourtProcess({ nats, courtData });
  const admin = await a.login('admin', ADMIN_PASSWORD);
  const tokens: Record<string, string> = {};
  const staff = [['registrar', 'registrar1', 'registrar'], ['head', 'head1', 'head_of_staff'], ['officer', 'officer1', 'distribution_officer'], ['judge', 'judge.petrenko', 'judge'], ['judge2', 'judge.koval', 'judge']] as const;
  for (const [k, login, role] of staff) {
    const r = await a.call('POST', '/users', { token: admin, body: { login, fullName: `Тест ${login}`, role, password: PASSWORD, order: { number: `${login}-наказ`, date: '2025-01-10' } } });
    assert.is(r.status, 201, JSON.stringify(r.body));
    tokens[k] = await a.login(login);
  }
  return { nats, courtData, court, a, tokens };
}

export async function startBench(): Promise<Bench> {
  const side = await startCourtSide();
  const { nats } = side;
  const hubJournal = join(tempDir('asds-filings-hub-'), 'journal.sqlite');
  const { hub, hubNc } = await startHub(nats, hubJournal);
  // a qualified CA (the project's PKI plays it in tests) and the prosecutor's head
  const caDir = tempDir('asds-qualified-ca-');
  initCourtCa({ dir: caDir, courtCode: '9990', courtName: 'Кваліфікований надавач електронних довірчих послуг (тест)', passphrase: TEST_KEY_PASSPHRASE });
  const head = issueUserCertificate({ dir: caDir, login: 'head.prosecutor', fullName: 'Коваленко Олена Петрівна', role: 'керівник окружної прокуратури', passphrase: TEST_KEY_PASSPHRASE });
  const otherCa = tempDir('asds-other-ca-');
  initCourtCa({ dir: otherCa, courtCode: '9991', courtName: 'Невідомий центр сертифікації', passphrase: TEST_KEY_PASSPHRASE });
  const stranger = issueUserCertificate({ dir: otherCa, login: 'stranger', fullName: 'Сторонній Підписувач', role: 'невідомо', passphrase: TEST_KEY_PASSPHRASE });
  return { ...side, hub, hubNc, hubJournal, qualified: loadTrustStore(caDir), head, stranger };
}

/** The hub's actors (filings, and the registries it asks about a court document's recipient) on an in-process central worker `central-1` with its own journal. */
export async function startHub(nats: NatsHandle, journal: string): Promise<{ hub: ActorSystem; hubNc: NatsConnection }> {
  const hubNc = await nats.bus.connect('central-1');
  const hub = new ActorSystem({ node: 'central-1', journal, nats: hubNc, bus: await nats.bus.identity('central-1'), logger: createLogger('hub', 'error'), reminderTickMs: 200 });
  for (const b of exchangeBehaviors()) hub.register(b);
  hub.start();
  return { hub, hubNc };
}

/** A case with its judge from the draw (Lubny's civil judges). */
export async function drawnCase(b: Pick<Bench, 'a' | 'tokens'>): Promise<{ ueun: string; proceedingNumber: string }> {
  return registeredDrawn({ api: b.a, tokens: b.tokens } as unknown as Court);
}

/** A case registered at the court (no judge yet: the correspondence waits for one). */
export async function newCase(b: Pick<Bench, 'a' | 'tokens'>): Promise<{ ueun: string; proceedingNumber: string }> {
  const reg = await b.a.call('POST', '/registrations', { token: b.tokens.registrar!, body: claim() });
  assert.is(reg.status, 201, JSON.stringify(reg.body));
  return { ueun: reg.body.ueun, proceedingNumber: reg.body.proceedingNumber };
}

/** A filing body signed by `signer` (the head by default). */
export function filingBody(b: Pick<Bench, 'head'>, ueun: string | undefined, messageId: string, o: { title?: string; restriction?: FilingBodyV1['restriction']; signer?: { certPem: string; keyPem: string } | null; proceedingNumber?: string } = {}): FilingBodyV1 {
  const content = Buffer.from(`%PDF-1.4\nКлопотання прокурора у справі ${ueun ?? o.proceedingNumber} (${messageId})\n`);
  const signer = o.signer === undefined ? b.head : o.signer;
  return {
    messageId,
    court: COURT,
    ...(ueun ? { ueun } : {}),
    ...(o.proceedingNumber ? { proceedingNumber: o.proceedingNumber } : {}),
    kind: 'motion',
    title: o.title ?? 'клопотання про продовження строку',
    restriction: o.restriction ?? 'none',
    document: { fileName: 'motion.pdf', mediaType: 'application/pdf', base64: content.toString('base64') },
    ...(signer ? { signature: signDetached({ content, certPem: signer.certPem, keyPem: signer.keyPem }).toString('base64') } : {}),
  };
}

/** What the hub's HTTP layer hands the filings actor for a body it checked (routes.ts does the same). */
export function newFiling(b: Pick<Bench, 'qualified'>, body: FilingBodyV1): NewFilingV1 {
  const content = Buffer.from(body.document.base64, 'base64');
  const at = new Date();
  const r = verifyDetached({ content, cms: Buffer.from(body.signature!, 'base64'), trustStore: b.qualified, at });
  return {
    organisation: PROSECUTOR,
    messageId: body.messageId,
    digest: filingDigest(body),
    court: body.court,
    ...(body.ueun ? { ueun: body.ueun } : {}),
    ...(body.proceedingNumber ? { proceedingNumber: body.proceedingNumber } : {}),
    kind: body.kind,
    title: body.title,
    restriction: body.restriction,
    document: body.document,
    signature: body.signature!,
    documentSha256: 'a'.repeat(64),
    verification: verificationOf(r, at),
  };
}

export const hubRef = (b: Pick<Bench, 'hub'>) => b.hub.ref(EXCHANGE_FILINGS_KIND, EXCHANGE_FILINGS_ID);

export async function until<T>(what: string, fn: () => Promise<T | undefined>, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
