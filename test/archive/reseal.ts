/**
 * Test vectors that isolate one fault: after changing a proof file, re-make both manifests, the
 * Payload-Oxum and the seal with the court's own key — as an insider with the seal could — so fixity
 * and seal pass and only the journal proof can catch the change.
 *
 *   copyPackage(built.dir) → dir; edit data/journal/chain.jsonl; await reseal(dir, f.seal);
 */
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BAG_INFO, BAGIT, formatManifest, hashFile, MANIFEST, oxum, SEAL_FILE, TAGMANIFEST } from '../../actors/archive/bag.ts';
import type { Signer } from '../../actors/pki/index.ts';
import { tempDir } from '../support/servers.ts';

export function copyPackage(dir: string): string {
  const to = join(tempDir('asds-archive-vector-'), 'bag');
  cpSync(dir, to, { recursive: true });
  return to;
}

function payloadFiles(root: string, rel = 'data'): string[] {
  return readdirSync(join(root, rel), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? payloadFiles(root, `${rel}/${e.name}`) : [`${rel}/${e.name}`]));
}

export async function reseal(dir: string, seal: Signer): Promise<void> {
  const entries = await Promise.all(payloadFiles(dir).map(async (path) => ({ path, ...(await hashFile(join(dir, path))) })));
  writeFileSync(join(dir, MANIFEST), formatManifest(entries));
  const info = readFileSync(join(dir, BAG_INFO), 'utf8').replace(/^Payload-Oxum: .*$/m, `Payload-Oxum: ${oxum(entries)}`);
  writeFileSync(join(dir, BAG_INFO), info);
  const tags = await Promise.all([BAGIT, BAG_INFO, MANIFEST].map(async (path) => ({ path, ...(await hashFile(join(dir, path))) })));
  const tagmanifest = Buffer.from(formatManifest(tags), 'utf8');
  writeFileSync(join(dir, TAGMANIFEST), tagmanifest);
  writeFileSync(join(dir, SEAL_FILE), seal.sign(tagmanifest));
}

/** Rewrite a JSON-lines file through `edit` (rows parsed, written back one a line). */
export function editLines(path: string, edit: (rows: Array<Record<string, unknown>>) => Array<Record<string, unknown>>): void {
  const rows = readFileSync(path, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  writeFileSync(path, edit(rows).map((r) => `${JSON.stringify(r)}\n`).join(''));
}
