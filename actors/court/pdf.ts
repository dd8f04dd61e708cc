/**
 * The court's PDF kit: an A4 pdfkit document with DejaVu Sans (Cyrillic,
 * shipped by npm — no network or system fonts at run time) registered as
 * `r` (regular) and `b` (bold), and the finished bytes as a promise.
 * A PDF is always a rendering; the original is the journaled record.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';

const fontDir = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');

export interface CourtPdf {
  pdf: PDFKit.PDFDocument;
  /** Resolves with the bytes after `pdf.end()`. */
  done: Promise<Buffer>;
  /** `label: value` with a bold label. */
  line(label: string, value: string): void;
}

/**
 * `createdAt` fixes the PDF's CreationDate — and so its file ID, which pdfkit derives from the info
 * dictionary: the same input then gives the same bytes (an archival package's опис, actors/archive).
 */
export function startPdf(info: { title: string; subject: string; createdAt?: Date }): CourtPdf {
  const pdf = new PDFDocument({
    size: 'A4',
    margin: 48,
    info: { Title: info.title, Subject: info.subject, Creator: 'АСДС', ...(info.createdAt ? { CreationDate: info.createdAt } : {}) },
  });
  pdf.registerFont('r', join(fontDir, 'DejaVuSans.ttf'));
  pdf.registerFont('b', join(fontDir, 'DejaVuSans-Bold.ttf'));
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  const line = (label: string, value: string) => void pdf.font('b').fontSize(10).text(`${label}: `, { continued: true }).font('r').text(value);
  return { pdf, done, line };
}
