/**
 * A real case dossier for the archive tests: a court CA and seal (actors/pki), a judge's staff
 * certificate, a journal in chain format 2 with the court's redaction policy (runtime/journal), events
 * of the case interleaved with other actors' events, a checkpoint sealed over the journal head
 * (actors/court/checkpoint), a central worker's signed receipt (contracts/witness) and two scan files.
 *
 *   const f = await caseFixture();
 *   const built = await buildPackage(f.dossier, { outDir: f.outDir, seal: f.seal, caPem: f.caPem });
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { createSigner, initCourtCa, issueUserCertificate, readSeal, signDetached, type Signer } from '../../actors/pki/index.ts';
import { Journal } from '../../runtime/index.ts';
import { courtPublicView } from '../../contracts/ingest/index.ts';
import { headCheckpoint, sealCheckpoint } from '../../actors/court/checkpoint/index.ts';
import { checkpointId, receiptSignedText, type ReceiptV1 } from '../../contracts/witness/index.ts';
import { signerOf } from '../../runtime/bus/nats-sign.ts';
import { canonicalJson } from '../../actors/distribution/canonical.ts';
import { buildPackage, caseRowOf, readSegment, type BuiltPackage, type CaseDossier, type CaseJournalRow, type ChainRow } from '../../actors/archive/index.ts';
import { tempDir } from '../support/servers.ts';
import { TEST_KEY_PASSPHRASE } from '../support/keys.ts';
import { testOperator } from '../support/identities.ts';

export const COURT = '537';
export const COURT_NAME = 'Лубенський міськрайонний суд Полтавської області';
export const UEUN = '537/12/26';
export const JUDGE = 'Петренко Олена Василівна';

export interface CaseFixture {
  dossier: CaseDossier;
  seal: Signer;
  caPem: string;
  outDir: string;
  operatorPublicKey: string;
  /** Another court's seal and CA (court 538): a package it seals is not court 537's. */
  otherSeal: Signer;
  otherCaPem: string;
}

const ev = (type: string, data: Record<string, unknown>, author = 'registrar-1') => ({ type, data: JSON.stringify({ type, ...data }), meta: JSON.stringify({ author, role: 'registrar' }) });

function court(code: string, name: string): { seal: Signer; caPem: string; dir: string } {
  const dir = join(tempDir('asds-archive-pki-'), code);
  initCourtCa({ dir, courtCode: code, courtName: name, passphrase: TEST_KEY_PASSPHRASE });
  return { seal: createSigner(readSeal(dir, TEST_KEY_PASSPHRASE)), caPem: readFileSync(join(dir, 'ca.crt.pem'), 'utf8'), dir };
}

export async function caseFixture(o: { receipt?: boolean } = {}): Promise<CaseFixture> {
  // Journal times after the certificates were issued: a checkpoint sealed "before" its seal existed is refused.
  const T0 = Date.now() + 1000;
  const root = tempDir('asds-archive-');
  const own = court(COURT, COURT_NAME);
  const other = court('538', 'Миргородський районний суд Полтавської області');
  const judge = issueUserCertificate({ dir: own.dir, login: 'petrenko', fullName: JUDGE, role: 'суддя', passphrase: TEST_KEY_PASSPHRASE });

  // The journal: other actors before, around and after the case's events (the segment carries them too).
  const journal = new Journal(join(root, 'journal.sqlite'), { publicView: courtPublicView({ hashKey: 'archive-test-key' }) });
  const caseActor = `case/${UEUN}`;
  let caseSeq = 0;
  let regSeq = 0;
  const registry = async (i: number) => {
    await journal.persist({ actor: `registry/${COURT}`, expectedSeq: regSeq, ts: T0 + i * 1000, events: [ev('case-registered', { registration: { ueun: `537/${i}/26` } })] });
    regSeq++;
  };
  const inCase = async (i: number, type: string, data: Record<string, unknown>) => {
    await journal.persist({ actor: caseActor, expectedSeq: caseSeq, ts: T0 + i * 1000, events: [ev(type, data)] });
    caseSeq++;
  };
  await registry(1);
  await registry(2);
  await inCase(3, 'card-opened', { ueun: UEUN, covert: { person: 'ТАЄМНО' } });
  await registry(4);
  await inCase(5, 'judge-assigned', { assignment: { judge: 'petrenko', protocol: '537-000000007-протокол-розподілу-ц', mode: 'random' } });
  await inCase(6, 'case-decided', { decision: { outcome: 'decision', date: '2026-03-02' } });
  await registry(7);
  await inCase(8, 'legal-force-recorded', { item: { date: '2026-04-02' } });
  await registry(9);
  const head = journal.head();
  const unsealed = headCheckpoint(COURT, journal, T0 + 10_000)!;
  const checkpoint = sealCheckpoint(unsealed, own.seal, own.caPem);
  const rows = journal.read(1, 100);
  const firstCase = rows.find((r) => r.actor === caseActor)!.gseq;
  // the row before the case's first event up to the sealed head, in small batches (readSegment's loop is exercised)
  const segment: ChainRow[] = readSegment(journal, firstCase - 1, head.gseq, 3);
  const caseRows: CaseJournalRow[] = rows.filter((r) => r.actor === caseActor).map(caseRowOf);
  journal.close();

  // The centre's receipt for exactly that checkpoint, signed by a central worker under the bus operator.
  const op = testOperator();
  const worker = signerOf(op.identity('central-archive-1'));
  const unsigned = { v: 1 as const, court: COURT, gseq: checkpoint.gseq, hash: checkpoint.hash, time: checkpoint.time, checkpoint: checkpointId(unsealed), receivedAt: T0 + 11_000, centre: 'central-archive-1', witnessed: checkpoint.hash };
  const receipt: ReceiptV1 = { ...unsigned, passport: worker.passport, sig: Buffer.from(worker.sign(receiptSignedText(unsigned))).toString('base64url') };

  // A decision signed by the judge (content = the exact signed bytes), a sealed distribution protocol, two scans.
  const decision = Buffer.from(canonicalJson({ id: '537-000000011-рішення-ц', title: 'Рішення', ueun: UEUN, text: 'ІМЕНЕМ УКРАЇНИ …' }), 'utf8');
  const protocol = Buffer.from(canonicalJson({ documentId: '537-000000007-протокол-розподілу-ц', kind: 'distribution', case: UEUN }), 'utf8');
  const scanDir = join(root, 'blobs');
  mkdirSync(scanDir);
  const scans = [0, 1].map((i) => {
    const bytes = Buffer.alloc(64 * 1024 + i, 37 + i);
    const path = join(scanDir, `scan-${i}`);
    writeFileSync(path, bytes);
    return { path, sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length, fileName: `позовна заява ${i + 1}.pdf`, mediaType: 'application/pdf', title: i === 0 ? 'Позовна заява (скан)' : 'Додатки до позовної заяви (скан)', pages: 3 + i };
  });

  const dossier: CaseDossier = {
    v: 1,
    court: { code: COURT, name: COURT_NAME },
    case: {
      ueun: UEUN,
      proceedings: ['2/537/12/26'],
      category: '2',
      categoryLabel: 'цивільна справа позовного провадження',
      judge: JUDGE,
      registeredOn: '2026-01-12',
      decidedOn: '2026-03-02',
      legalForceOn: '2026-04-02',
      closedOn: '2026-05-10',
    },
    retention: { years: 5, basis: 'Перелік судових справ і документів (наказ ДСА № 1087), п. 2.1; deploy/examples/lubny/archive.yaml', until: '2031-12-31' },
    packedAt: '2026-12-07T06:00:00.000Z',
    // covert values and ciphertexts must not reach the package (a court's card never holds plaintext; the test is stricter)
    card: { ueun: UEUN, covert: true, covertNote: 'ТАЄМНО', proceedings: [{ proceedingNumber: '2/537/12/26', original: { sealed: { alg: 'A256GCM', ciphertext: 'VEFFTU5PLUNJUEhFUg==' } } }], movements: [], attachments: [] },
    journal: caseRows,
    documents: [
      {
        id: '537-000000011-рішення-ц',
        title: 'Рішення про стягнення заборгованості',
        type: 'рішення',
        proceedingNumber: '2/537/12/26',
        state: 'Original',
        createdAt: '2026-03-02T09:00:00.000Z',
        originalAt: '2026-03-02T10:00:00.000Z',
        pages: 4,
        mediaType: 'application/json',
        content: decision,
        signatures: [{ signerName: JUDGE, at: '2026-03-02T10:00:00.000Z', cms: signDetached({ content: decision, certPem: judge.certPem, keyPem: judge.keyPem }).toString('base64') }],
      },
    ],
    protocols: [
      { documentId: '537-000000007-протокол-розподілу-ц', title: 'Протокол автоматизованого розподілу судової справи між суддями', at: '2026-01-12T08:00:05.000Z', content: protocol, seal: { cms: own.seal.sign(protocol).toString('base64'), signerName: `Печатка: ${COURT_NAME}` } },
    ],
    scans,
    proof: { segment, checkpoint, ...(o.receipt === false ? {} : { receipt }) },
  };
  const outDir = join(root, 'packages');
  return { dossier, seal: own.seal, caPem: own.caPem, outDir, operatorPublicKey: op.operatorPublicKey, otherSeal: other.seal, otherCaPem: other.caPem };
}

/**
 * A suite's fixture and its built package, made once when the suite starts (not at import: another suite's cleanup
 * in the same process would remove it). `onBuilt` hands them to the suite; the returned `ready()` throws the
 * setup's error in every test, so a fixture failure fails each test with its cause (uvu's before hook alone would
 * swallow it).
 */
export function buildOnce(test: { before(fn: () => Promise<void>): void }, onBuilt: (f: CaseFixture, built: BuiltPackage) => void): () => Promise<void> {
  let setupError: unknown;
  test.before(async () => {
    try {
      const f = await caseFixture();
      onBuilt(f, await buildPackage(f.dossier, { outDir: f.outDir, seal: f.seal, caPem: f.caPem }));
    } catch (e) {
      setupError = e;
    }
  });
  return async () => {
    if (setupError) throw setupError;
  };
}
