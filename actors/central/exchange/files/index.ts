/**
 * Information files with the Ministry of Internal Affairs and its services (Порядок електронної інформаційної
 * взаємодії ДСА та МВС, 2021; domain §B; issue 17 item 3), on the exchange hub: agreed file types as versioned
 * schemas (contracts/exchange/files/), a field allow-list per participant (deploy/examples/exchange/agreements.yaml),
 * journals per participant and direction (actor `info-files/<org>`, printable), notices of impossibility of
 * exchange and the 2-working-day flag.
 *
 * @example
 * ```ts
 * const system = new ActorSystem({ node: 'central-1', journal: '/tmp/j.sqlite' }).register(infoFilesBehavior).start();
 * const hub = new InfoFilesHub({ system, agreements: loadAgreementsYaml(readFileSync('deploy/examples/exchange/agreements.yaml', 'utf8')) });
 * await hub.sendInformationFile('npu', 'admin-offence-decision', decision); // only the police's fields leave
 * console.log((await hub.fetch('npu')).files[0].content);
 * // on the mTLS server: startExchangeHub({ ..., routes: [infoFilesRoutes(hub)] })
 * ```
 */
export { INFO_FILES_KIND, infoFilesBehavior, type FileEntry, type FileReceipt, type InfoFilesState, type Notice } from './actor.ts';
export { AgreementsInvalid, fieldTree, loadAgreements, loadAgreementsYaml, stripToAllowList, type Agreement, type Agreements, type FieldTree } from './allow-list.ts';
export { byteLength, canonicalJson, sha256Hex } from './canonical.ts';
export { impossibilityDueAt, kyivDay, NOTICE_WORKING_DAYS } from './deadline.ts';
export { httpStatusOf, InfoFileRefused } from './errors.ts';
export { fileTypeTitle, journalHtml, kyivDateTime, type JournalPage } from './print.ts';
export { InfoFilesHub, type DeliveredFile, type InfoFilesHubOptions, type JournalEntry, type OverdueFinding } from './service.ts';
export { DEFAULT_AGREEMENTS_FILE, infoFilesAdminRoutes, infoFilesRoutes, type InfoFilesRoutesOptions } from './routes.ts';
