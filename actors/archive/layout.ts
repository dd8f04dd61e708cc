/**
 * Where each part of a case lives inside the bag (docs/archive-package.md §1). Payload paths are ASCII
 * only — ordinals, not the Cyrillic unique ids — so a package survives any file system or object store.
 */
import type { CaseDossier } from './dossier.ts';

export const PACKAGE_JSON = 'data/package.json';
export const INVENTORY_PDF = 'data/inventory.pdf';
export const CASE_FILE = 'data/case/case.json';
export const CARD_FILE = 'data/case/card.json';
export const CASE_EVENTS_FILE = 'data/journal/case-events.jsonl';
export const CHAIN_FILE = 'data/journal/chain.jsonl';
export const CHECKPOINT_FILE = 'data/proof/checkpoint.json';
export const RECEIPT_FILE = 'data/proof/receipt.json';
export const COURT_CA_FILE = 'data/proof/court-ca.crt.pem';

/** `537_537-12-26_20261207T060000Z`: court, ЄУН, when packed — a new package after a recall gets a new id. */
export function packageIdOf(d: Pick<CaseDossier, 'court' | 'case' | 'packedAt'>): string {
  const at = new Date(d.packedAt).toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
  return `${d.court.code}_${d.case.ueun.replace(/\//g, '-')}_${at}`;
}

export const ordinal = (i: number): string => String(i + 1).padStart(3, '0');

const EXT_BY_TYPE: Record<string, string> = {
  'application/json': 'json',
  'application/pdf': 'pdf',
  'text/plain': 'txt',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/tiff': 'tif',
  'application/xml': 'xml',
};

/** A file extension: the media type's, else the file name's (lower-case ASCII, ≤ 8 chars), else `bin`. */
export function extensionOf(mediaType: string, fileName?: string): string {
  const known = EXT_BY_TYPE[mediaType.split(';')[0]!.trim().toLowerCase()];
  if (known) return known;
  const m = fileName ? /\.([A-Za-z0-9]{1,8})$/.exec(fileName) : null;
  return m ? m[1]!.toLowerCase() : 'bin';
}

export const documentDir = (i: number): string => `data/documents/${ordinal(i)}`;
export const protocolDir = (i: number): string => `data/protocols/${ordinal(i)}`;
export const scanPath = (i: number, ext: string): string => `data/scans/${ordinal(i)}.${ext}`;
