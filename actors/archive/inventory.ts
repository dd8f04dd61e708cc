/**
 * The опис справи (case inventory) of an archival package, in Ukrainian (docs/archive-package.md §5):
 * court, case, dates in words, retention and its basis, then one numbered entry per document, protocol
 * and scan — title, unique id, date, pages when known, size — and the journal proof it rests on.
 * Same model → same bytes (the PDF's creation date is the packing time, actors/court/pdf.ts).
 */
import { startPdf } from '../court/pdf.ts';
import { kyivDate, longDateUk } from '../court/dates.ts';
import type { CaseDossier } from './dossier.ts';

export interface InventoryItem {
  section: 'document' | 'protocol' | 'scan';
  title: string;
  /** Unique id (Засади 13.2) of a document or protocol; the original file name of a scan. */
  id: string;
  /** ISO instant or civil date; absent for a scan. */
  date?: string;
  pages?: number;
  size: number;
  /** Where it is in the package. */
  path: string;
  signers?: string[];
}

export interface InventoryModel {
  dossier: Pick<CaseDossier, 'court' | 'case' | 'retention' | 'packedAt'>;
  packageId: string;
  items: InventoryItem[];
  caseEvents: number;
  checkpoint: { gseq: number; hash: string };
  /** The central worker that receipted the checkpoint, when the package holds its receipt. */
  receiptBy?: string;
}

const SECTION: Record<InventoryItem['section'], string> = {
  document: 'Документи справи',
  protocol: 'Протоколи автоматизованого розподілу',
  scan: 'Скановані матеріали',
};

export function inventoryPdf(m: InventoryModel): Promise<Buffer> {
  const d = m.dossier;
  const packedAt = new Date(d.packedAt);
  const { pdf, done, line } = startPdf({ title: `Опис справи № ${d.case.ueun}`, subject: m.packageId, createdAt: packedAt });
  pdf.font('b').fontSize(12).text(d.court.name, { align: 'center' }).moveDown(0.4);
  pdf.font('b').fontSize(14).text(`ОПИС СПРАВИ № ${d.case.ueun}`, { align: 'center' }).moveDown(0.2);
  pdf.font('r').fontSize(10).text('(опис матеріалів справи, переданої до електронного архіву суду)', { align: 'center' }).moveDown();

  line('Номери проваджень', d.case.proceedings.join(', '));
  line('Категорія', `${d.case.categoryLabel} (${d.case.category})`);
  line('Головуючий суддя', d.case.judge);
  line('Зареєстровано', longDateUk(d.case.registeredOn));
  if (d.case.decidedOn) line('Ухвалено рішення', longDateUk(d.case.decidedOn));
  if (d.case.legalForceOn) line('Набрало законної сили', longDateUk(d.case.legalForceOn));
  line('Справу закінчено', longDateUk(d.case.closedOn));
  line('Строк зберігання', retentionUk(d.retention));
  line('Підстава строку', d.retention.basis);
  pdf.moveDown();

  let n = 0;
  for (const section of ['document', 'protocol', 'scan'] as const) {
    const items = m.items.filter((i) => i.section === section);
    if (items.length === 0) continue;
    pdf.font('b').fontSize(11).text(SECTION[section]).moveDown(0.2);
    for (const it of items) {
      n++;
      const parts = [
        section === 'scan' ? `файл «${it.id}»` : `№ ${it.id}`,
        ...(it.date ? [dateUk(it.date)] : []),
        ...(it.pages ? [`${it.pages} арк.`] : []),
        `${groupDigits(it.size)} байт`,
      ];
      pdf.font('b').fontSize(10).text(`${n}. ${it.title}`, { continued: false });
      pdf.font('r').fontSize(9).text(parts.join('; '), { indent: 14 });
      if (it.signers && it.signers.length > 0) pdf.text(`Підписи: ${it.signers.join(', ')}`, { indent: 14 });
      pdf.text(`У пакеті: ${it.path}`, { indent: 14 }).moveDown(0.3);
    }
    pdf.moveDown(0.5);
  }
  if (n === 0) pdf.font('r').fontSize(10).text('Документів, протоколів і сканованих матеріалів у справі немає.').moveDown();

  pdf.font('b').fontSize(11).text('Доказ журналу').moveDown(0.2);
  line('Подій справи', String(m.caseEvents));
  line('Засвідчена контрольна точка', `подія № ${m.checkpoint.gseq}, хеш ${m.checkpoint.hash}`);
  line('Квитанція центру', m.receiptBy ? `є (${m.receiptBy})` : 'немає');
  pdf.moveDown();
  line('Ідентифікатор пакета', m.packageId);
  line('Сформовано', longDateUk(kyivDate(packedAt.getTime())));
  pdf.moveDown();
  pdf.font('r').fontSize(8).text('Опис є відображенням; оригінали — файли пакета, їхні контрольні суми — у manifest-sha256.txt, печатка суду — у tagmanifest-sha256.txt.p7s (перевірка: asds archive verify).');
  pdf.end();
  return done;
}

/** `5 років`, `1 рік`, `3 роки`; 0 = постійно. */
export function retentionUk(r: CaseDossier['retention']): string {
  if (r.years === 0) return 'постійно';
  const y = r.years;
  const word = y % 10 === 1 && y % 100 !== 11 ? 'рік' : [2, 3, 4].includes(y % 10) && ![12, 13, 14].includes(y % 100) ? 'роки' : 'років';
  return `${y} ${word}${r.until ? ` (до ${longDateUk(r.until)} включно)` : ''}`;
}

function dateUk(at: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(at)) return longDateUk(at);
  const ms = Date.parse(at);
  return Number.isNaN(ms) ? at : longDateUk(kyivDate(ms));
}

const groupDigits = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
