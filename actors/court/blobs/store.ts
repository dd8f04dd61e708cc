/**
 * Content-addressed store of attached scans (Засади 3.2): `<data>/blobs/ab/cd/<sha256>`.
 * A file is streamed to a temp file while hashed, fsynced, then renamed into
 * place (and the directory fsynced), so a crash leaves either no file or the
 * whole file; the same content uploaded twice is stored once.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, type ReadStream } from 'node:fs';
import { open, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform, type Readable } from 'node:stream';

export class BlobStore {
  readonly root: string;
  private readonly tmp: string;

  constructor(dataDir: string) {
    this.root = join(dataDir, 'blobs');
    this.tmp = join(this.root, 'tmp');
    mkdirSync(this.tmp, { recursive: true });
  }

  pathOf(sha256: string): string {
    return join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  has(sha256: string): boolean {
    return existsSync(this.pathOf(sha256));
  }

  /** Store a stream; resolves with its hash and size. Throws `TooLarge` past `maxBytes`. */
  async put(input: Readable, maxBytes: number): Promise<{ sha256: string; size: number; stored: boolean }> {
    const tmp = join(this.tmp, `${Date.now()}-${randomBytes(8).toString('hex')}`);
    const hash = createHash('sha256');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        size += chunk.length;
        if (size > maxBytes) return cb(new TooLarge(maxBytes));
        hash.update(chunk);
        cb(null, chunk);
      },
    });
    try {
      await pipeline(input, meter, createWriteStream(tmp, { flags: 'wx' }));
      const sha256 = hash.digest('hex');
      if (size === 0) {
        await rm(tmp, { force: true });
        return { sha256, size, stored: false };
      }
      const final = this.pathOf(sha256);
      if (existsSync(final)) {
        await rm(tmp, { force: true });
        return { sha256, size, stored: false };
      }
      await fsyncFile(tmp);
      const dir = join(this.root, sha256.slice(0, 2), sha256.slice(2, 4));
      mkdirSync(dir, { recursive: true });
      await rename(tmp, final);
      await fsyncFile(dir);
      return { sha256, size, stored: true };
    } catch (e) {
      await rm(tmp, { force: true });
      throw e;
    }
  }

  async size(sha256: string): Promise<number> {
    return (await stat(this.pathOf(sha256))).size;
  }

  read(sha256: string): ReadStream {
    return createReadStream(this.pathOf(sha256));
  }
}

export class TooLarge extends Error {
  constructor(readonly maxBytes: number) {
    super(`larger than ${maxBytes} bytes`);
  }
}

async function fsyncFile(path: string): Promise<void> {
  const fh = await open(path, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}
