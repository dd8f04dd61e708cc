/**
 * The central archive's receipt (contracts/archive/receipt.ts): signed by a central worker's bus key, verifiable
 * offline with the operator's public key; any changed field, a court's key, or another worker's name is refused.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ArchiveReceiptInvalid, ArchiveReceiptV1, archiveReceiptSigner, signArchiveReceipt, type UnsignedArchiveReceipt } from '../../contracts/archive/index.ts';
import { schemaErrors } from '../../runtime/validate.ts';
import { signerOf } from '../../runtime/bus/nats-sign.ts';
import { testOperator } from '../support/identities.ts';

const test = suite('archive receipt: signed by the central worker, verified offline');
const op = testOperator();
const central = signerOf(op.identity('central-1'));
const base: UnsignedArchiveReceipt = {
  v: 1, court: '537', ueun: '537/12/25', packageId: '537-12-25-a1b2c3', tagmanifestSha256: 'ab'.repeat(32),
  files: 14, bytes: 2_300_000, acceptedAt: 1_790_000_000_000, centre: 'central-1',
};

test('a signed receipt is well-formed and names its signer', () => {
  const r = signArchiveReceipt(base, central);
  assert.equal(schemaErrors(ArchiveReceiptV1, r), []);
  assert.is(archiveReceiptSigner(r, op.operatorPublicKey).node, 'central-1');
});

test('every signed field is covered: changing any one breaks the signature', () => {
  const r = signArchiveReceipt(base, central);
  const changes: Array<Partial<ArchiveReceiptV1>> = [
    { court: '538' }, { ueun: '537/13/25' }, { packageId: 'other' }, { tagmanifestSha256: 'cd'.repeat(32) },
    { files: 15 }, { bytes: 2_300_001 }, { acceptedAt: base.acceptedAt + 1 },
  ];
  for (const c of changes) {
    const e = (() => { try { archiveReceiptSigner({ ...r, ...c }, op.operatorPublicKey); } catch (x) { return x; } })();
    assert.instance(e, ArchiveReceiptInvalid, JSON.stringify(c));
    assert.match((e as Error).message, /does not cover/);
  }
});

test('a court key, another worker name, or another operator is refused', () => {
  assert.throws(() => signArchiveReceipt({ ...base }, signerOf(op.identity('court-537'))), /not a central worker/);
  assert.throws(() => signArchiveReceipt({ ...base, centre: 'central-2' }, central), /the signer is central-1/);
  const r = signArchiveReceipt(base, central);
  assert.throws(() => archiveReceiptSigner({ ...r, centre: 'central-2' }, op.operatorPublicKey), /names central-2 but is signed by central-1/);
  assert.throws(() => archiveReceiptSigner(r, testOperator().operatorPublicKey), (e: unknown) => e instanceof ArchiveReceiptInvalid && (e as ArchiveReceiptInvalid).code === 'ARCHIVE_RECEIPT_INVALID');
  // A court's passport with a valid signature of its own is still not a receipt.
  const court = signerOf(op.identity('court-537'));
  const forged = { ...r, passport: court.passport };
  assert.throws(() => archiveReceiptSigner(forged, op.operatorPublicKey), /not a central worker/);
});

test.run();
