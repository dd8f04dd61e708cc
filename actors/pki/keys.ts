import { generateKeyPairSync } from 'node:crypto';

export interface KeyPairPem {
  publicKeyPem: string;
  privateKeyPem: string;
}

/** RSA-2048 from OpenSSL via Node: milliseconds, where forge's JS keygen takes seconds. */
export function generateRsaKeyPair(): KeyPairPem {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { publicKeyPem: publicKey, privateKeyPem: privateKey };
}
