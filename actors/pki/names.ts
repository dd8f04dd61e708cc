/** Distinguished names of the court PKI (forge attribute lists). */
import forge from 'node-forge';
import { OID } from './oids.ts';

type Field = forge.pki.CertificateField;

// Cyrillic names need UTF8String; forge's typing mislabels the tag as a Class.
const UTF8 = forge.asn1.Type.UTF8 as unknown as forge.asn1.Class;
const PRINTABLE = forge.asn1.Type.PRINTABLESTRING as unknown as forge.asn1.Class;
const PRINTABLE_CHARS = /^[A-Za-z0-9 '()+,\-./:=?]*$/;

const text = (name: string, value: string): Field => ({ name, value, valueTagClass: PRINTABLE_CHARS.test(value) ? PRINTABLE : UTF8 });
const utf8 = (name: string, value: string): Field => ({ name, value, valueTagClass: UTF8 });

export function caSubject(courtCode: string, courtName: string): Field[] {
  return [
    text('countryName', 'UA'),
    utf8('organizationName', courtName),
    text('serialNumber', courtCode),
    utf8('commonName', `Центр сертифікації: ${courtName}`),
  ];
}

export function sealSubject(courtCode: string, courtName: string): Field[] {
  return [
    text('countryName', 'UA'),
    utf8('organizationName', courtName),
    text('serialNumber', courtCode),
    utf8('commonName', `Печатка: ${courtName}`),
  ];
}

export function userSubject(courtName: string, login: string, fullName: string, role?: string): Field[] {
  const fields: Field[] = [text('countryName', 'UA'), utf8('organizationName', courtName)];
  if (role) fields.push(utf8('title', role));
  // UID carries the login so that a certificate maps back to an account without a lookup table.
  fields.push({ type: OID.userId, value: login, valueTagClass: UTF8 });
  fields.push(utf8('commonName', fullName));
  return fields;
}
