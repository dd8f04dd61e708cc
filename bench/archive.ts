/**
 * Archive transfer benchmarks (issue 15 item 7), on a real nats-server (TLS, nkeys) and chdb:
 * - archive.packages_per_min: closed cases with 5 documents (signed) and 2 scans of 1 MB each, one after another:
 *   the court builds the sealed package (actors/archive buildPackage), the centre fetches every file over NATS with
 *   the resumable court-file fetcher, validates it (fixity, seal, journal proof, signatures), compares its events
 *   with its replicated copy in chdb, stores it and signs the receipt (actors/central/archive acceptPackage — the
 *   transfer job's work; the BullMQ bookkeeping and the one remote ask to the court's actor are not in the loop);
 * - archive.transfer_mb_per_s: one 32 MB file of a package fetched with fetchCourtFile (signed requests, `window`
 *   chunks in flight, fsync and record per chunk, SHA-256 over the whole), beside
 * - archive.nats_raw_mb_per_s: the ceiling — plain NATS request/reply of the same chunk size with the same number in
 *   flight, in the same run, bytes from memory, no signature, no disk. Target: transfer ≥ 0.5 of raw.
 * The court (file service and raw responder) runs in its own process (bench/archive-court.ts), as in production.
 * Env: ASDS_BENCH_ARCHIVE_PACKAGES (10), ASDS_BENCH_ARCHIVE_FILE_MB (32), ASDS_BENCH_ARCHIVE_CHUNK_BYTES (256 KiB).
 * Where the transfer's time goes (measured here): the fetcher fsyncs every chunk before acknowledging it (128 fsyncs
 * of 256 KiB ≈ 0.5 s on this disk) and hashes the whole file at the end (32 MB ≈ 0.15 s); the signatures are cheap.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ActorSystem } from '../runtime/index.ts';
import { signerOf } from '../runtime/bus/nats-sign.ts';
import { openEngine } from '../analytics/engine.ts';
import { buildPackage, validatePackage, type CaseDossier } from '../actors/archive/index.ts';
import { DEFAULT_FILE_CHUNK_BYTES, DEFAULT_FILE_WINDOW, fetchCourtFile, statCourtFile } from '../actors/central/files/index.ts';
import { acceptPackage, FsArchiveStore, type ArchiveJobContext } from '../actors/central/archive/index.ts';
import { caseFixture, COURT } from '../test/archive/fixture.ts';
import { cleanup, startNats, tempDir } from '../test/support/servers.ts';
import type { Figure } from './index.ts';
import { round } from './stats.ts';

const PACKAGES = Number(process.env.ASDS_BENCH_ARCHIVE_PACKAGES ?? 10);
const BIG_MB = Number(process.env.ASDS_BENCH_ARCHIVE_FILE_MB ?? 32);
const CHUNK = Number(process.env.ASDS_BENCH_ARCHIVE_CHUNK_BYTES ?? DEFAULT_FILE_CHUNK_BYTES);
const silent = { debug() {}, info() {}, warn() {}, error() {} };

/** The fixture's case with 5 signed documents and 2 scans of 1 MB (files in `dir`). */
function benchDossier(base: CaseDossier, dir: string): CaseDossier {
  const doc = base.documents[0]!;
  const documents = Array.from({ length: 5 }, (_, i) => ({ ...doc, id: `${doc.id}-${i + 1}`, title: `${doc.title} (${i + 1})` }));
  mkdirSync(dir, { recursive: true });
  const scans = [0, 1].map((i) => {
    const bytes = randomBytes(1024 * 1024);
    const path = join(dir, `scan-${i}.pdf`);
    writeFileSync(path, bytes);
    return { path, sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length, fileName: `скан ${i + 1}.pdf`, mediaType: 'application/pdf', title: `Скан ${i + 1}`, pages: 2 };
  });
  return { ...base, documents, scans };
}

export async function run(): Promise<Figure[]> {
  try {
    const nats = await startNats();
    const centralId = await nats.bus.identity('central-1');
    const nc = await nats.bus.connect('central-1');
    const root = tempDir('asds-bench-archive-');
    const courtData = join(root, 'court');
    mkdirSync(courtData, { recursive: true });
    // the court in its own process (its file service and the raw responder), as court and centre are in production
    const courtProc = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./archive-court.ts', import.meta.url)), nats.url, await nats.bus.bundle(`court-${COURT}`), courtData, COURT, String(CHUNK)], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      courtProc.stdout.on('data', (d: Buffer) => (String(d).includes('READY') ? resolve() : undefined));
      courtProc.on('exit', (code) => reject(new Error(`bench court exited ${code}`)));
    });
    const system = new ActorSystem({ node: 'central-1', logger: silent });
    const engine = await openEngine({ dataDir: join(root, 'analytics') });
    try {
      process.stderr.write('  a case dossier (court CA, seal, journal, checkpoint)…\n');
      const f = await caseFixture();
      const base = benchDossier(f.dossier, join(root, 'scans'));
      // the centre's replicated copy of the court's events (what ingest would have stored)
      await engine.insert(
        'events',
        base.proof.segment.map((r) => ({
          court: COURT, seq: r.gseq, actor: r.actor, kind: r.actor.slice(0, r.actor.indexOf('/')), aseq: r.aseq, type: r.type, ts: r.ts, author: r.author,
          hash: r.hash, prev_hash: r.prevHash, redacted: r.redacted, payload: JSON.stringify(r.data), ingested_at: Date.now(), chain: 2, hidden: r.hidden,
        })),
      );
      const signer = signerOf(centralId);
      const ctx: ArchiveJobContext = {
        node: 'central-1', system, engine: () => engine, signer, // the fixture's checkpoint receipt is signed under its own test operator
        operatorPublicKey: f.operatorPublicKey,
        store: new FsArchiveStore(join(root, 'central', 'packages')), stagingDir: join(root, 'central', 'staging'),
        files: { stat: (o) => statCourtFile({ nc, signer, ...o }), fetch: (o) => fetchCourtFile({ nc, signer, chunkBytes: CHUNK, ...o }) },
        validate: validatePackage, courtCaPem: async () => f.caPem, log: silent,
      };
      const outDir = join(courtData, 'archive', 'packages');
      let buildMs = 0;
      let centreMs = 0;
      let bytes = 0;
      process.stderr.write(`  ${PACKAGES} packages: build at the court, transfer, validate, compare, store…\n`);
      const t0 = performance.now();
      for (let i = 0; i < PACKAGES; i++) {
        const d = { ...base, packedAt: new Date(Date.parse(base.packedAt) + i * 1000).toISOString() };
        const b0 = performance.now();
        const built = await buildPackage(d, { outDir, seal: f.seal, caPem: f.caPem });
        const b1 = performance.now();
        const a = await acceptPackage(ctx, { court: COURT, packageId: built.packageId, ueun: d.case.ueun, tagmanifestSha256: built.tagmanifestSha256, eventSeq: 1, builtAt: Date.now(), files: built.files.length, bytes: built.bytes }, { fetched: 0, resumed: 0 }, async () => undefined);
        buildMs += b1 - b0;
        centreMs += performance.now() - b1;
        bytes += a.receipt.bytes;
      }
      const totalMin = (performance.now() - t0) / 60_000;

      // one big file: the fetcher against plain request/reply of the same chunk size and window, same run
      process.stderr.write(`  transfer of ${BIG_MB} MB vs raw NATS, chunk ${CHUNK / 1024} KiB, ${DEFAULT_FILE_WINDOW} in flight…\n`);
      const big = randomBytes(BIG_MB * 1024 * 1024);
      mkdirSync(join(outDir, 'bench-raw'), { recursive: true });
      writeFileSync(join(outDir, 'bench-raw', 'big.bin'), big);
      const sha = createHash('sha256').update(big).digest('hex');
      const t1 = performance.now();
      await fetchCourtFile({ nc, signer, court: COURT, source: 'archive', id: 'bench-raw/big.bin', dest: join(root, 'central', 'big.bin'), size: big.length, sha256: sha, chunkBytes: CHUNK });
      const transferS = (performance.now() - t1) / 1000;
      const rawSubject = `asds.files.${COURT}.raw-bench`;
      const t2 = performance.now();
      const n = Math.ceil(big.length / CHUNK);
      let next = 0;
      await Promise.all(
        Array.from({ length: DEFAULT_FILE_WINDOW }, async () => {
          while (next < n) {
            next++;
            const m = await nc.request(rawSubject, JSON.stringify({ offset: next * CHUNK, length: CHUNK }), { timeout: 30_000 });
            if (m.data.length !== CHUNK) throw new Error('raw chunk of another size');
          }
        }),
      );
      const rawS = (performance.now() - t2) / 1000;
      const mb = big.length / 1024 / 1024;
      const transfer = mb / transferS;
      const raw = mb / rawS;
      return [
        {
          name: 'archive.packages_per_min', value: round(PACKAGES / totalMin, 1), unit: 'packages/min', packages: PACKAGES,
          package_mb: round(bytes / PACKAGES / 1024 / 1024, 2), documents: 5, scans_mb: [1, 1],
          build_ms_per_package: round(buildMs / PACKAGES, 0), centre_ms_per_package: round(centreMs / PACKAGES, 0),
        },
        { name: 'archive.transfer_mb_per_s', value: round(transfer, 1), unit: 'MB/s', chunk_bytes: CHUNK, window: DEFAULT_FILE_WINDOW, file_mb: BIG_MB, ratio_to_raw: round(transfer / raw, 2), target_ratio: 0.5, met: transfer / raw >= 0.5 },
        { name: 'archive.nats_raw_mb_per_s', value: round(raw, 1), unit: 'MB/s', chunk_bytes: CHUNK, window: DEFAULT_FILE_WINDOW, ceiling_of: 'archive.transfer_mb_per_s' },
      ];
    } finally {
      courtProc.kill('SIGKILL');
      await engine.close();
      await nc.close();
    }
  } finally {
    await cleanup();
  }
}
