/**
 * Scans on the card: the list with a download for each, and — for the registry staff — a drop zone (drag files
 * onto it) with an ordinary file picker beside it (keyboard, screen readers). Each file goes as the raw body of
 * POST /cases/…/attachments?fileName=… (the node stores it once by its SHA-256).
 *
 *   scansSection(card, canUpload, redraw)
 */
import { api, ApiError, openBlob } from '../../../lib/api.ts';
import { h, notice, replace } from '../../../lib/dom.ts';
import { dateTimeUk, numberUk } from '../../../lib/format.ts';
import { table } from '../../../lib/table.ts';
import type { Attachment, Card } from './card-types.ts';
import { byRole } from './labels.ts';

/** What the node accepts (actors/court/http/attachments.ts SCAN_TYPES); anything else goes as octet-stream. */
const TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'image/tiff'];
const TYPE_UK: Record<string, string> = { 'application/pdf': 'PDF', 'image/jpeg': 'JPEG', 'image/png': 'PNG', 'image/tiff': 'TIFF' };

function sizeUk(bytes: number): string {
  if (bytes < 1024) return `${bytes} Б`;
  if (bytes < 1024 * 1024) return `${numberUk(bytes / 1024, 1)} КБ`;
  return `${numberUk(bytes / 1024 / 1024, 1)} МБ`;
}

function download(card: Card, a: Attachment): HTMLButtonElement {
  const name = a.fileName ?? `скан-${a.sha256.slice(0, 8)}`;
  return h('button', { type: 'button', class: 'secondary', on: { click: async () => openBlob(await api.blob(`/cases/${card.ueun}/attachments/${a.sha256}`), name) } }, `Завантажити «${name}»`);
}

export function scansSection(card: Card, canUpload: boolean, redraw: () => void): HTMLElement {
  return h(
    'section',
    { 'aria-labelledby': 'c-scans' },
    h('h2', { id: 'c-scans' }, 'Скан-копії'),
    table(card.attachments, [
      { label: 'Файл', value: (a) => a.fileName ?? 'без назви' },
      { label: 'Формат', value: (a) => TYPE_UK[a.mediaType] ?? 'інший' },
      { label: 'Розмір', value: (a) => sizeUk(a.size), class: 'num' },
      { label: 'Додано', value: (a) => `${dateTimeUk(a.at)}, ${byRole(a.by)}` },
      { label: 'Дія', value: (a) => download(card, a) },
    ], { caption: 'Скан-копії документів справи', empty: 'Скан-копій ще немає.', id: 'scans' }),
    canUpload ? dropzone(card, redraw) : null,
  );
}

function dropzone(card: Card, redraw: () => void): HTMLElement {
  const status = h('div', { class: 'upload-status', 'aria-live': 'polite' });
  const picker = h('input', { id: 'scan-file', type: 'file', multiple: true, accept: '.pdf,.jpg,.jpeg,.png,.tif,.tiff,application/pdf,image/*' });
  const upload = async (files: File[]) => {
    if (files.length === 0) return;
    replace(status, h('p', { class: 'loading' }, `Завантаження файлів: ${files.length}…`));
    const failed: string[] = [];
    for (const f of files) {
      try {
        const type = TYPES.includes(f.type) ? f.type : 'application/octet-stream';
        await api.upload(api.url(`/cases/${card.ueun}/attachments`, { fileName: f.name }), f, type);
      } catch (e) {
        failed.push(`${f.name}: ${e instanceof ApiError ? e.messageUk : 'не вдалося надіслати'}`);
      }
    }
    if (failed.length) return replace(status, notice('error', 'Не всі файли додано:', h('ul', null, failed.map((x) => h('li', null, x)))));
    redraw();
  };
  picker.addEventListener('change', () => void upload(Array.from(picker.files ?? [])));
  const zone = h(
    'div',
    { class: 'dropzone', id: 'scan-drop', 'aria-describedby': 'scan-drop-hint' },
    h('p', { id: 'scan-drop-hint' }, 'Перетягніть сюди скан-копії (PDF, JPEG, PNG, TIFF) або оберіть файли:'),
    h('label', { for: 'scan-file' }, 'Файли скан-копій'),
    ' ',
    picker,
  );
  const over = (on: boolean) => (e: Event) => {
    e.preventDefault();
    zone.classList.toggle('over', on);
  };
  zone.addEventListener('dragenter', over(true));
  zone.addEventListener('dragover', over(true));
  zone.addEventListener('dragleave', over(false));
  zone.addEventListener('drop', (e) => {
    over(false)(e);
    void upload(Array.from((e as DragEvent).dataTransfer?.files ?? []));
  });
  return h('div', { class: 'no-print' }, zone, status);
}
