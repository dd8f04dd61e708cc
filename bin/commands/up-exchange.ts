/**
 * `asds up`'s exchange demo (issue 17, "Done when"): after the main job, the reference counterpart
 * (actors/counterpart) plays a district prosecutor's office and the National Police against the hub on central-1:
 * the operator registers the office and its cabinet by its conditional code, the office files a signed motion
 * into a case of the demo court and gets the receipt and then the registration notice; the court sends a ruling
 * back to the cabinet; the head changes and the former head's signature is refused; the police receive an
 * information file and both sides' journals agree; the public registry page with the 30-day highlight.
 * One line per step. State kept across runs in `<data>/counterpart/` (certificates, heads' keys, journals; 0600).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { writeDurable } from '../../runtime/bus/index.ts';
import { demoKeyPassphraseFile, issueUserCertificate, KEY_PASSPHRASE_ENV, resolveKeyPassphrase, signDetached } from '../../actors/pki/index.ts';
import { userPaths } from '../../actors/pki/layout.ts';
import { CounterpartJournal, HubRefused, MtlsClient, PoliceService, ProsecutorSystem, headCertificateData, openDemoQualifiedCa, type HeadKey } from '../../actors/counterpart/index.ts';
import { kyivDate, ukDate } from '../../actors/central/exchange/index.ts';
import type { PublicOrganisationsV1 } from '../../contracts/exchange/organisations.ts';
import { CliError } from './util.ts';

export const DISTRICT_OFFICE = { id: 'okp-lubny', kind: 'prosecutor' as const, name: 'Лубенська окружна прокуратура', code: 'OKP-1601' };
export const POLICE = { id: 'npu', kind: 'police' as const, name: 'Національна поліція України', code: '40108578' };
const HEADS = ['Мельник Ганна Іванівна', 'Савченко Олег Петрович'];

/** Before the central worker starts: the demo qualified CA's certificate in the hub's trust store. */
export function prepareExchangeDemo(data: string, centralData: string): void {
  const ca = openDemoQualifiedCa(join(data, 'counterpart', 'qualified-ca'));
  const dir = join(centralData, 'exchange', 'qualified');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'demo-kndp.crt.pem'), ca.certPem);
}

export interface ExchangeDemoOptions {
  data: string;
  court: string;
  courtName: string;
  courtUrl: string;
  courtData: string;
  staffPassword: string;
  hubUrl: string;
  adminUrl: string;
  operatorToken: string;
  /** Where each step's line goes (stdout in `asds up`). */
  say?: (line: string) => void;
}

type Json = any;

export async function exchangeDemo(o: ExchangeDemoOptions): Promise<void> {
  const say = o.say ?? ((l: string) => void process.stdout.write(`${l}\n`));
  const dir = join(o.data, 'counterpart');
  const admin = operatorClient(o.adminUrl, o.operatorToken);
  const qca = openDemoQualifiedCa(join(dir, 'qualified-ca'));
  const t0 = Date.now();

  // 1. the operator registers the district office and the police, issues their client certificates
  const orgs = ((await admin('GET', '/exchange/organisations')).organisations as Array<{ id: string }>).map((x) => x.id);
  for (const org of [DISTRICT_OFFICE, POLICE]) if (!orgs.includes(org.id)) await admin('POST', '/exchange/organisations', org, 201);
  const prokClient = new MtlsClient(o.hubUrl, await clientCert(admin, DISTRICT_OFFICE.id));
  const policeClient = new MtlsClient(o.hubUrl, await clientCert(admin, POLICE.id));
  try {
    const headFile = join(dir, DISTRICT_OFFICE.id, 'head.json');
    const cabinets = (await admin('GET', '/exchange/cabinets')).cabinets as Array<{ orgId: string; head: unknown }>;
    let head: HeadKey;
    if (!cabinets.some((c) => c.orgId === DISTRICT_OFFICE.id) || !existsSync(headFile)) {
      head = qca.issueHead({ code: DISTRICT_OFFICE.code, fullName: HEADS[0]! });
      await admin('POST', '/exchange/cabinets/district', { orgId: DISTRICT_OFFICE.id, code: DISTRICT_OFFICE.code, head: headCertificateData(head), request: { number: '27/1-100вих-26', date: kyivDate(Date.now()) } }, 201);
      keepHead(headFile, head);
      say(`exchange: ${DISTRICT_OFFICE.name} connected (client certificate from the hub's CA); its cabinet registered by the conditional code ${DISTRICT_OFFICE.code} with the head's certificate ${head.serial}`);
    } else {
      head = JSON.parse(readFileSync(headFile, 'utf8')) as HeadKey;
      say(`exchange: ${DISTRICT_OFFICE.name} connected; its cabinet (conditional code ${DISTRICT_OFFICE.code}) was registered on an earlier run, head's certificate ${head.serial}`);
    }
    const prok = new ProsecutorSystem(prokClient, head, new CounterpartJournal(join(dir, DISTRICT_OFFICE.id, 'journal.jsonl')));

    // 2. a signed motion into a case of the demo court: receipt at once, then the court's registration notice
    const registrar = await courtLogin(o.courtUrl, 'sim.registrar', o.staffPassword);
    const list = await courtCall(o.courtUrl, 'GET', '/cases?limit=50', registrar);
    const target = (list.items as Array<{ ueun: string; proceedingNumber: string; covert: boolean }>).find((c) => !c.covert);
    if (!target) throw new CliError(`court ${o.court} has no open case for the exchange demo`);
    const run = randomBytes(4).toString('hex');
    const motion = Buffer.from(`%PDF-1.4\nКлопотання прокурора про продовження строку досудового розслідування у справі ${target.ueun}\n`);
    const doc = { messageId: `okp-lubny-${run}-1`, court: o.court, ueun: target.ueun, kind: 'motion' as const, title: 'клопотання про продовження строку досудового розслідування', fileName: 'klopotannia.pdf', mediaType: 'application/pdf', content: motion };
    const receipt = await prok.file(doc);
    say(`exchange: the prosecutors' system filed a signed motion into case ${target.ueun} of court ${o.court} → receipt ${receipt.filingId} (${receipt.status})`);
    const notice = await prok.waitNotice(receipt.filingId);
    if (notice.status !== 'registered') throw new CliError(`the court refused the motion: ${JSON.stringify(notice.refusal)}`);
    say(`exchange: notice from the court: registered as incoming № ${notice.registration!.number} of ${ukDate(notice.registration!.registrationDate)} in case ${notice.registration!.ueun ?? target.ueun}`);

    // 3. the court sends a ruling to the cabinet (the head of staff's signature from the court's CA)
    const ruling = await sendRuling(o, target.ueun, run);
    const inbox = await prok.waitInbox();
    const got = inbox.find((i) => i.id === ruling.inboxId) ?? inbox[0]!;
    say(`exchange: the court sent a ruling (${got.kindName}, signature ${got.verification.indication}) → the cabinet's inbox ${got.id}, acknowledged by the prosecutors' system`);

    // 4. the head changes: from then on the former head's certificate is refused
    await admin('POST', `/exchange/cabinets/${DISTRICT_OFFICE.id}/head-change`, { request: { number: `27/1-${run}вих-26`, date: kyivDate(Date.now()) } }, 201);
    const next = qca.issueHead({ code: DISTRICT_OFFICE.code, fullName: HEADS.find((n) => !headCertificateData(head).subject.includes(n))! });
    await admin('POST', `/exchange/cabinets/${DISTRICT_OFFICE.id}/head`, { head: headCertificateData(next), request: { number: `27/1-${run}вих-26/2`, date: kyivDate(Date.now()) } }, 200);
    keepHead(headFile, next);
    let refused = '';
    try {
      await prok.file({ ...doc, messageId: `okp-lubny-${run}-2` }, head);
    } catch (e) {
      if (!(e instanceof HubRefused)) throw e;
      refused = e.code;
    }
    if (refused !== 'SIGNER_FORMER_HEAD') throw new CliError(`the former head's signature was not refused (${refused || 'accepted'})`);
    prok.setHead(next);
    const again = await prok.file({ ...doc, messageId: `okp-lubny-${run}-3` });
    say(`exchange: the head changed: the former head's certificate ${head.serial} refused (${refused}); the new head's ${next.serial} accepted → receipt ${again.filingId}`);

    // 5. the police receive an information file; their own journal and the hub's agree
    const police = new PoliceService(policeClient, new CounterpartJournal(join(dir, POLICE.id, 'journal.jsonl')));
    const sent = await admin('POST', '/exchange/files/send', { to: POLICE.id, type: 'admin-offence-decision', payload: decisionOf(o, target, run) }, 201);
    const files = await police.fetchFiles();
    const cmp = await police.compareWithHub('received');
    if (!cmp.agree) throw new CliError(`the police's journal and the hub's differ: ${cmp.mismatches.join(', ')}`);
    say(`exchange: the police received an information file (admin-offence-decision@1, ${files.length} fetched, sha256 ${String(sent.sha256).slice(0, 12)}…); journals agree: police ${cmp.ours} = hub ${cmp.hubs} received, digests equal`);

    // 6. the public registry page
    const reg = (await (await fetch(`${o.adminUrl}/public/organisations.json`)).json()) as PublicOrganisationsV1;
    const page = await (await fetch(`${o.adminUrl}/public/organisations`)).text();
    const highlighted = (page.match(/<tr class="recent">/g) ?? []).length;
    say(`exchange: public registry of connected organisations: ${o.adminUrl}/public/organisations (${reg.current.length} connected, ${highlighted} connected in the last 30 days highlighted «нове», ${reg.suspended.length} suspended)`);
    say(`exchange demo done in ${((Date.now() - t0) / 1000).toFixed(1)} s; the counterpart's own journals in ${dir}`);
  } finally {
    prokClient.close();
    policeClient.close();
  }
}

function keepHead(file: string, head: HeadKey): void {
  mkdirSync(join(file, '..'), { recursive: true, mode: 0o700 });
  writeDurable(file, JSON.stringify(head) + '\n', 0o600);
}

/** The operator's calls on the hub's admin listener (console token); an unexpected status is a CliError. */
function operatorClient(adminUrl: string, token: string) {
  return async (method: string, path: string, body?: unknown, expect = 200): Promise<Json> => {
    const r = await fetch(new URL(path, adminUrl), { method, headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    const text = await r.text();
    if (r.status !== expect) throw new CliError(`exchange demo: ${method} ${path} → ${r.status} ${text.slice(0, 300)}`);
    return JSON.parse(text);
  };
}

/** A fresh client certificate for the organisation (journaled at the hub), with the hub's CA. */
async function clientCert(admin: ReturnType<typeof operatorClient>, orgId: string) {
  const c = await admin('POST', `/exchange/organisations/${orgId}/certificate`, undefined, 201);
  return { certPem: c.certPem as string, keyPem: c.keyPem as string, caPem: c.caPem as string };
}

async function courtCall(url: string, method: string, path: string, token?: string, body?: unknown): Promise<Json> {
  const r = await fetch(`${url}${path}`, { method, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  const text = await r.text();
  if (r.status >= 300) throw new CliError(`exchange demo: court ${method} ${path} → ${r.status} ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

async function courtLogin(url: string, login: string, password: string): Promise<string> {
  return (await courtCall(url, 'POST', '/auth/login', undefined, { login, password })).token as string;
}

/** The head of staff signs a ruling with a certificate of the court's CA and sends it through the court's HTTP API. */
async function sendRuling(o: ExchangeDemoOptions, ueun: string, run: string): Promise<{ inboxId?: string }> {
  const pki = join(o.courtData, 'pki');
  const paths = userPaths(pki, 'sim.head');
  const passphrase = resolveKeyPassphrase(process.env[KEY_PASSPHRASE_ENV] ? { env: process.env[KEY_PASSPHRASE_ENV] } : { file: demoKeyPassphraseFile(o.data) })!.passphrase;
  const staff = existsSync(paths.cert) ? { certPem: readFileSync(paths.cert, 'utf8'), keyPem: readFileSync(paths.key, 'utf8') } : issueUserCertificate({ dir: pki, login: 'sim.head', fullName: 'Керівник апарату (симулятор)', role: 'керівник апарату', passphrase });
  const content = Buffer.from(`%PDF-1.4\nУхвала суду у справі ${ueun} про задоволення клопотання (${run})\n`);
  const token = await courtLogin(o.courtUrl, 'sim.head', o.staffPassword);
  const body = {
    organisation: DISTRICT_OFFICE.id,
    kind: 'ruling',
    title: 'ухвала про задоволення клопотання',
    restriction: 'none',
    document: { fileName: 'ukhvala.pdf', mediaType: 'application/pdf', base64: content.toString('base64') },
    signature: signDetached({ content, certPem: staff.certPem, keyPem: staff.keyPem }).toString('base64'),
  };
  const sent = await courtCall(o.courtUrl, 'POST', `/cases/${ueun}/exchange/outgoing`, token, body);
  const end = Date.now() + 30_000;
  for (;;) {
    const s = await courtCall(o.courtUrl, 'GET', `/exchange/outgoing/${sent.outgoingId}`, token);
    if (s.status === 'sent') return s;
    if (s.status === 'refused') throw new CliError(`the hub refused the court's ruling: ${JSON.stringify(s.refusal)}`);
    if (Date.now() > end) throw new CliError('the court\'s ruling did not reach the hub within 30 s');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A decision in an administrative-offence case of the demo court, for the police (fields beyond the agreement stay at the hub). */
function decisionOf(o: ExchangeDemoOptions, c: { ueun: string }, run: string) {
  const today = kyivDate(Date.now());
  return {
    caseNumber: c.ueun,
    court: { code: o.court, name: o.courtName },
    judge: 'Суддя 01 (умовний)',
    decisionDate: today,
    article: 'ч. 1 ст. 130 КУпАП',
    person: { lastName: 'Шевченко', firstName: 'Тарас', patronymic: 'Григорович', birthDate: '1990-03-09', taxNumber: '1234567890' },
    decision: 'penalty-imposed',
    penalty: { kind: 'fine', amountUah: 17000, termMonths: 12 },
    reasoning: 'Мотивувальна частина: не входить до переліку полів угоди з поліцією.',
    protocolNumber: `ААД ${run}`,
  };
}
