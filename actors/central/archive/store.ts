/**
 * Where the central archive keeps accepted packages (Засади 17.1, issue 15 item 4): one interface, a filesystem
 * store by default (fs-store.ts). A package is stored whole or not at all, and storing the same package twice stores
 * it once — a transfer job rerun after a worker's death (BullMQ stalled job) must not duplicate or half-replace it.
 *
 * S3-compatible object storage: not built. The interface is what such a store implements (`put` = upload every file
 * under `<court>/<packageId>/…` then a marker object last — the marker is what `has` checks, so a cut upload is
 * invisible; `read` = ranged GET). It was left out because it could not be real and tested here: the project has
 * no S3 client among its dependencies and no S3-compatible server for the tests (a new dependency needs the
 * project's consent), and an untested store of court archives is worse than none.
 */

export interface PackageKey {
  court: string;
  packageId: string;
}

export interface StoredFile {
  /** Path inside the bag, `/`-separated. */
  path: string;
  size: number;
}

export interface ArchiveStore {
  readonly kind: 'fs' | 's3';
  /** Whether the package is stored completely. */
  has(key: PackageKey): Promise<boolean>;
  /**
   * Store the bag in folder `dir` (every file under it). Atomic (a reader sees all or nothing) and idempotent (a
   * package already stored is left as it is). Returns where it lives (a path or URL, for the inventory).
   */
  put(key: PackageKey, dir: string): Promise<{ location: string }>;
  /** Every file of a stored package, sorted by path. Throws ArchiveNotStored when absent. */
  files(key: PackageKey): Promise<StoredFile[]>;
  /** `length` bytes of a stored file from `offset` (fewer at its end). */
  read(key: PackageKey, path: string, offset: number, length: number): Promise<Uint8Array>;
  location(key: PackageKey): string;
}
