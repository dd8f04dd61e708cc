/**
 * A court document as a printable PDF in Ukrainian (Засади 13.1–13.2): the
 * filled template text — the court's name and the document's title centred,
 * the signature block set apart — then the requisites a reader needs to find
 * and check the original: unique id, state, each signer by full name with the
 * certificate's subject, serial and validity and the verification result
 * recorded at signing, and the SHA-256 of the exact signed bytes
 * (`GET /documents/:id/content`). Times are Kyiv time in words; no logins.
 */
import { startPdf } from '../pdf.ts';
import { kyivDateTimeUk, longDateUk } from '../dates.ts';
import { canonicalContent, sha256, type CourtDocument } from './behavior.ts';

const STATE: Record<string, string> = { Draft: 'Проєкт (не підписано всіма підписувачами)', Original: 'Оригінал' };
/** Upper-case lines of a template (УХВАЛА, ІМЕНЕМ УКРАЇНИ, УХВАЛИВ:) are headings. */
const HEADING = /^[\p{Lu}\s'’«»,-]+:?$/u;
const SIGNATURE = /_{4,}/;

export interface DocumentPdfNames {
  /** A user's full name by login (judges and staff who created or signed). */
  person(login: string): string;
}

export function documentPdf(d: CourtDocument, names?: DocumentPdfNames): Promise<Buffer> {
  const who = (login: string) => (names ? names.person(login) : login);
  const { pdf, done, line } = startPdf({ title: d.title, subject: d.id });
  pdf.font('r').fontSize(9).text(`Ідентифікатор документа: ${d.id} · стан: «${STATE[d.state] ?? d.state}»`, { align: 'right' });
  pdf.moveDown();
  const lines = d.text.split('\n');
  // v2 templates and the court's configured ones (documents.yaml) open with the court's name; v1 with the title
  const courtFirst = d.template.version >= 2 || d.register !== undefined;
  lines.forEach((para, i) => {
    if (i === 0 && courtFirst) pdf.font('b').fontSize(12).text(para, { align: 'center' }).moveDown(0.6);
    else if (i === (courtFirst ? 1 : 0)) pdf.font('b').fontSize(13).text(para, { align: 'center' }).moveDown(0.2);
    else if (HEADING.test(para)) pdf.font('b').fontSize(11).text(para, { align: 'center' }).moveDown(0.3);
    else if (SIGNATURE.test(para)) pdf.moveDown(1.5).font('r').fontSize(11).text(para, { align: 'right' }).moveDown(0.3);
    else pdf.font('r').fontSize(11).text(para, { align: 'justify' }).moveDown(0.3);
  });
  pdf.moveDown();

  pdf.font('b').fontSize(10).text('Реквізити електронного документа');
  // a court document (order, memo …) belongs to no case: its register number and what it grounds instead
  if (d.register) line('Реєстрація', `№ ${d.register.number} від ${longDateUk(d.register.signedOn)}`);
  else line('Справа', `ЄУН ${d.ueun}, провадження ${d.proceedingNumber}`);
  for (const l of d.links ?? []) line('Підстава для', l.effect.summary);
  line('Шаблон', `${d.template.id}, версія ${d.template.version}; редакція ${d.revision}`);
  line('Створив', `${who(d.createdBy)}, ${kyivDateTimeUk(d.createdAt)}`);
  line('SHA-256 підписаного змісту', sha256(canonicalContent(d)));
  const signed = new Set(d.signatures.map((s) => s.login));
  const waiting = d.requiredSigners.filter((l) => !signed.has(l));
  for (const s of d.signatures) {
    const v = s.verification;
    const cert = v.signer ? `сертифікат ${v.signer.subject}, серійний № ${v.signer.serial}, дійсний з ${kyivDateTimeUk(v.signer.notBefore)} по ${kyivDateTimeUk(v.signer.notAfter)}, видавець ${v.signer.issuer}` : 'сертифікат не визначено';
    line(`Підпис: ${who(s.login)}`, `${kyivDateTimeUk(s.at)}; ${cert}; перевірка: ${v.indication}${v.subIndication ? ` (${v.subIndication})` : ''}`);
  }
  if (waiting.length > 0) line('Очікуються підписи', waiting.map(who).join(', '));
  if (d.originalAt) line('Оригінал з', kyivDateTimeUk(d.originalAt));
  pdf.moveDown();
  pdf.font('r').fontSize(8).text('Цей PDF є відображенням електронного документа. Оригіналом є документ у базі даних суду з відокремленими підписами (CMS); перевірка: GET /documents/{id}/verification. Час — київський.');
  pdf.end();
  return done;
}
