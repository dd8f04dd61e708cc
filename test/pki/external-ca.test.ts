import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import forge from 'node-forge';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createSigner, importExternalCertificate, issueUserCertificate, loadTrustStore, signDetached, verifyDetached } from '../../actors/pki/index.ts';
import { TempDirs, makeCourt, requireOpenssl, run } from './fixtures.ts';
import { TEST_KEY_PASSPHRASE } from '../support/keys.ts';

const temp = new TempDirs();
const t = suite('pki: external CAs as trust anchors');
t.after(() => temp.removeAll());

const content = Buffer.from('Ухвала апеляційного суду');

t('a signature from another court verifies only after its CA is imported as trusted', () => {
  const home = makeCourt(temp);
  const appeal = makeCourt(temp, '0910', 'Апеляційний суд Київської області');
  const judge = issueUserCertificate({ passphrase: TEST_KEY_PASSPHRASE, dir: appeal.dir, login: 'kovalenko', fullName: 'Коваленко Ольга Петрівна', role: 'суддя' });
  const cms = signDetached({ content, certPem: judge.certPem, keyPem: judge.keyPem });

  const before = verifyDetached({ content, cms, trustStore: loadTrustStore(home.dir) });
  assert.is(before.subIndication, 'NO_CERTIFICATE_CHAIN_FOUND');

  importExternalCertificate({ dir: home.dir, pem: appeal.caCertPem, trusted: true });
  const after = verifyDetached({ content, cms, trustStore: loadTrustStore(home.dir) });
  assert.is(after.indication, 'TOTAL_PASSED', JSON.stringify(after.reason));
  assert.match(after.signer?.subject ?? '', 'Коваленко Ольга Петрівна');
});

t('an ECDSA CA made by openssl (not by us) is trusted after import; our signer signs with its EC key', () => {
  const openssl = requireOpenssl();
  const home = makeCourt(temp);
  const ext = temp.make('asds-extca-');
  const f = (name: string): string => join(ext, name);
  writeFileSync(f('user.ext'), 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n');
  const steps: string[][] = [
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', f('ca.key'), '-out', f('ca.crt'), '-subj', '/C=UA/O=External QTSP/CN=External EC CA', '-days', '30',
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'],
    ['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', f('user.key'), '-out', f('user.csr'), '-subj', '/C=UA/CN=Advocate Shevchenko'],
    ['x509', '-req', '-in', f('user.csr'), '-CA', f('ca.crt'), '-CAkey', f('ca.key'), '-set_serial', '0x1234ABCD', '-days', '10', '-extfile', f('user.ext'), '-out', f('user.crt')],
  ];
  for (const args of steps) {
    const r = run(openssl, args);
    assert.is(r.status, 0, r.output);
  }
  const signer = createSigner({ certPem: readFileSync(f('user.crt'), 'utf8'), keyPem: readFileSync(f('user.key'), 'utf8') });
  const cms = signer.sign(content);

  assert.is(verifyDetached({ content, cms, trustStore: loadTrustStore(home.dir) }).subIndication, 'NO_CERTIFICATE_CHAIN_FOUND');
  importExternalCertificate({ dir: home.dir, pem: readFileSync(f('ca.crt'), 'utf8'), trusted: true });
  const result = verifyDetached({ content, cms, trustStore: loadTrustStore(home.dir) });
  assert.is(result.indication, 'TOTAL_PASSED', JSON.stringify(result.reason));
  assert.is(result.signer?.serial, '1234ABCD');

  writeFileSync(f('content.bin'), content);
  writeFileSync(f('sig.der'), cms);
  const check = run(openssl, ['cms', '-verify', '-binary', '-inform', 'DER', '-in', f('sig.der'), '-content', f('content.bin'), '-CAfile', f('ca.crt'), '-purpose', 'any', '-out', '/dev/null']);
  assert.is(check.status, 0, check.output);
});

t('a certificate swapped into the CMS (same key, issuer and serial) is caught by signing-certificate-v2', () => {
  const openssl = requireOpenssl();
  const home = makeCourt(temp);
  const ext = temp.make('asds-swap-');
  const f = (name: string): string => join(ext, name);
  const ok = (args: string[]): void => {
    const r = run(openssl, args);
    assert.is(r.status, 0, r.output);
  };
  ok(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', f('ca.key'), '-out', f('ca.crt'), '-subj', '/CN=Swap CA', '-days', '30',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  ok(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', f('user.key')]);
  // Two certificates for one key with the same serial: only the signed ESS hash tells them apart.
  for (const [name, cn] of [['a', 'Real Signer'], ['b', 'Substituted Name']] as const) {
    ok(['req', '-new', '-key', f('user.key'), '-subj', `/CN=${cn}`, '-out', f(`${name}.csr`)]);
    ok(['x509', '-req', '-in', f(`${name}.csr`), '-CA', f('ca.crt'), '-CAkey', f('ca.key'), '-set_serial', '77', '-days', '10', '-out', f(`${name}.crt`)]);
  }
  importExternalCertificate({ dir: home.dir, pem: readFileSync(f('ca.crt'), 'utf8'), trusted: true });
  const trustStore = loadTrustStore(home.dir);
  const certA = readFileSync(f('a.crt'), 'utf8');
  const cms = createSigner({ certPem: certA, keyPem: readFileSync(f('user.key'), 'utf8') }).sign(content);
  assert.is(verifyDetached({ content, cms, trustStore }).indication, 'TOTAL_PASSED');

  // Replace the certificate inside the [0] certificates field, structurally.
  const b = readFileSync(f('b.crt'), 'utf8').replace(/-----[^-]+-----|\s/g, '');
  const root = forge.asn1.fromDer(cms.toString('binary'));
  const signedData = ((root.value as forge.asn1.Asn1[])[1]!.value as forge.asn1.Asn1[])[0]!;
  const certs = (signedData.value as forge.asn1.Asn1[]).find((n) => n.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC && n.type === 0)!;
  certs.value = [forge.asn1.fromDer(Buffer.from(b, 'base64').toString('binary'))];
  const swapped = Buffer.from(forge.asn1.toDer(root).getBytes(), 'binary');
  const result = verifyDetached({ content, cms: swapped, trustStore });
  assert.is(result.indication, 'INDETERMINATE');
  assert.is(result.subIndication, 'NO_SIGNING_CERTIFICATE_FOUND');
  assert.is(result.reason.code, 'SIGNING_CERTIFICATE_MISMATCH');
});

t.run();
