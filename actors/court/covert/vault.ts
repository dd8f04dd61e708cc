/**
 * The court key and AES-256-GCM sealing of covert fields (Засади 3.1 ¶2).
 *
 * Key: 32 bytes, hex (64 chars) or base64 (44 chars), from `--court-key-file`
 * or env `ASDS_COURT_KEY`. Key id = first 8 bytes of SHA-256(key), hex — it
 * travels with every ciphertext, so a wrong key is detected, never used.
 * Sealing happens in the node, before any actor sees the fields: commands,
 * events, dead letters and logs only ever hold ciphertext.
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { readSecretFile } from '../../pki/passphrase.ts';
import type { CovertFieldsV1, SealedV1 } from '../../../contracts/court/index.ts';

export class CourtKey {
  readonly id: string;
  private constructor(private readonly key: Buffer) {
    this.id = createHash('sha256').update(key).digest('hex').slice(0, 16);
  }

  /** Parse hex or base64; anything but exactly 32 bytes is refused. */
  static parse(text: string): CourtKey {
    const t = text.trim();
    let key: Buffer | undefined;
    if (/^[0-9a-fA-F]{64}$/.test(t)) key = Buffer.from(t, 'hex');
    else if (/^[A-Za-z0-9+/]{43}=$/.test(t)) key = Buffer.from(t, 'base64');
    if (!key || key.length !== 32) throw new Error('court key must be 32 bytes as 64 hex characters or 44 base64 characters');
    return new CourtKey(key);
  }

  /**
   * From `--court-key-file` (wins) or env `ASDS_COURT_KEY`; undefined when neither is set.
   * The file must be owner-only (mode 0600 or stricter): a key others can read protects nothing.
   */
  static load(file: string | undefined, env: string | undefined = process.env.ASDS_COURT_KEY): CourtKey | undefined {
    if (file) return CourtKey.parse(readSecretFile(file, 'court key file'));
    if (env) return CourtKey.parse(env);
    return undefined;
  }

  /** HMAC-SHA-256 under a key derived for `label` (never the sealing key itself): pseudonymous identifiers, hex. */
  mac(label: string, data: string): string {
    const sub = createHmac('sha256', this.key).update(`asds/${label}`).digest();
    return createHmac('sha256', sub).update(data, 'utf8').digest('hex');
  }

  seal(fields: CovertFieldsV1, aad: string): SealedV1 {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.key, iv);
    c.setAAD(Buffer.from(aad));
    const ct = Buffer.concat([c.update(JSON.stringify({ person: fields.person, action: fields.action }), 'utf8'), c.final()]);
    return { alg: 'A256GCM', keyId: this.id, iv: iv.toString('base64'), tag: c.getAuthTag().toString('base64'), ciphertext: ct.toString('base64') };
  }

  open(sealed: SealedV1, aad: string): CovertFieldsV1 {
    if (sealed.keyId !== this.id) throw new Error(`sealed with key ${sealed.keyId}, this node has key ${this.id}`);
    const d = createDecipheriv('aes-256-gcm', this.key, Buffer.from(sealed.iv, 'base64'));
    d.setAAD(Buffer.from(aad));
    d.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    const pt = Buffer.concat([d.update(Buffer.from(sealed.ciphertext, 'base64')), d.final()]);
    return JSON.parse(pt.toString('utf8')) as CovertFieldsV1;
  }
}

/**
 * Associated data binding a ciphertext to its court: copying it into another
 * court's record fails authentication. (Not bound to the ЄУН: the number is
 * assigned after sealing.)
 */
export function covertAad(court: string): string {
  return `asds/covert/v1/court-${court}`;
}
