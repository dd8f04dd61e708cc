/**
 * The reference counterpart (issue 17): a small separate party playing a prosecutors' system and a police service
 * against the judiciary's exchange hub — used by `asds up`'s demo (bin/commands/up-exchange.ts), the benchmark
 * (bench/exchange.ts) and `asds exchange counterpart`. It holds its organisation's client certificate (mTLS) and
 * its head's qualified signing key, and keeps ITS OWN journal so both sides' journals can be compared.
 *
 *   import { MtlsClient, ProsecutorSystem, PoliceService, openDemoQualifiedCa } from './actors/counterpart/index.ts';
 *
 *   const client = new MtlsClient('https://127.0.0.1:8443', { certPem, keyPem, caPem });   // `asds exchange cert --org okp-lubny`
 *   const head = openDemoQualifiedCa('/tmp/kndp').issueHead({ code: 'OKP-1601', fullName: 'Мельник Ганна Іванівна' });
 *   const prok = new ProsecutorSystem(client, head);
 *   const receipt = await prok.file({ messageId: 'okp-1', court: '537', ueun: '537/12/26', kind: 'motion',
 *     title: 'клопотання', fileName: 'motion.pdf', mediaType: 'application/pdf', content: Buffer.from('%PDF-1.4 …') });
 *   const notice = await prok.waitNotice(receipt.filingId);       // { status: 'registered', registration: { number } }
 *   await prok.pollInbox();                                       // the court's rulings, acknowledged and journaled
 *   const police = new PoliceService(new MtlsClient(url, npuIdentity));
 *   await police.fetchFiles(); (await police.compareWithHub('received')).agree   // true
 */
export { MtlsClient, HubRefused, expectStatus, type ClientIdentity, type HubReply } from './client.ts';
export { CounterpartJournal, sha256Hex, type JournalEntry, type Direction, type EntryKind } from './journal.ts';
export { openDemoQualifiedCa, headCertificateData, type DemoQualifiedCa, type HeadKey } from './qualified-ca.ts';
export { ProsecutorSystem, type DocumentToFile } from './prosecutor.ts';
export { PoliceService, type DeliveredFile, type JournalComparison } from './police.ts';
