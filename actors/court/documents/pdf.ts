/**
 * A court document as a printable PDF in Ukrainian (Засади 13.1–13.2): the
 * filled template text, then the requisites a reader needs to find and check
 * the original — unique id, state, each signer with the certificate's subject,
 * serial and validity and the verification result recorded at signing, and the
 * SHA-256 of the exact signed bytes (`GET /documents/:id/content`).
 */
import { startPdf } from '../pdf.ts';
import { canonicalContent, sha256, type CourtDocument } from './behavior.ts';

const STATE: Record<string, string> = { Draft: 'Проєкт (не підписано всіма підписувачами)', Original: 'Оригінал' };

export function documentPdf(d: CourtDocument): Promise<Buffer> {
  const { pdf, done, line } = startPdf({ title: d.title, subject: d.id });
  pdf.font('r').fontSize(9).text(`Ідентифікатор документа: ${d.id} · стан: «${STATE[d.state] ?? d.state}»`, { align: 'right' });
  pdf.moveDown();
  const [heading, ...rest] = d.text.split('\n');
  pdf.font('b').fontSize(13).text(heading ?? d.title, { align: 'center' });
  pdf.moveDown(0.5);
  pdf.font('r').fontSize(11);
  for (const para of rest) pdf.text(para, { align: 'justify' }).moveDown(0.3);
  pdf.moveDown();

  pdf.font('b').fontSize(10).text('Реквізити електронного документа');
  line('Справа', `ЄУН ${d.ueun}, провадження ${d.proceedingNumber}`);
  line('Шаблон', `${d.template.id}, версія ${d.template.version}; редакція ${d.revision}`);
  line('Створив', `${d.createdBy}, ${d.createdAt}`);
  line('SHA-256 підписаного змісту', sha256(canonicalContent(d)));
  const signed = new Set(d.signatures.map((s) => s.login));
  const waiting = d.requiredSigners.filter((l) => !signed.has(l));
  for (const s of d.signatures) {
    const v = s.verification;
    const cert = v.signer ? `сертифікат ${v.signer.subject}, серійний № ${v.signer.serial}, дійсний ${v.signer.notBefore} – ${v.signer.notAfter}, видавець ${v.signer.issuer}` : 'сертифікат не визначено';
    line(`Підпис ${s.login}`, `${s.at}; ${cert}; перевірка: ${v.indication}${v.subIndication ? ` (${v.subIndication})` : ''}`);
  }
  if (waiting.length > 0) line('Очікуються підписи', waiting.join(', '));
  if (d.originalAt) line('Оригінал з', d.originalAt);
  pdf.moveDown();
  pdf.font('r').fontSize(8).text('Цей PDF є відображенням електронного документа. Оригіналом є документ у базі даних суду з відокремленими підписами (CMS); перевірка: GET /documents/{id}/verification.');
  pdf.end();
  return done;
}
