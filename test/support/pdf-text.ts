/**
 * The text a PDF made by the court's kit (actors/court/pdf.ts: pdfkit, DejaVu
 * embedded as Type0/Identity-H with a ToUnicode CMap) shows, for assertions
 * on what a reader sees — no external tools. Handles what pdfkit writes and
 * nothing more: uncompressed object table, Flate content streams, `Tf` and
 * `TJ` operators, `bfrange` arrays and `bfchar` entries.
 *
 *   const text = pdfText(bytes);  // one line per text object, e.g. 'Суд: Лубенський …'
 */
import { inflateSync } from 'node:zlib';

interface PdfObject {
  dict: string;
  stream?: Buffer;
}

function objectsOf(pdf: Buffer): Map<number, PdfObject> {
  const s = pdf.toString('latin1');
  const out = new Map<number, PdfObject>();
  for (const m of s.matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)) {
    const body = m[2]!;
    // pdfkit writes `stream\n…\nendstream`: a compressed stream may itself end in 0x0D, so no `\r?` before the end
    const st = /^([\s\S]*?)stream\n([\s\S]*?)\nendstream/.exec(body);
    if (!st) {
      out.set(Number(m[1]), { dict: body });
      continue;
    }
    const raw = Buffer.from(st[2]!, 'latin1');
    out.set(Number(m[1]), { dict: st[1]!, stream: /\/FlateDecode/.test(st[1]!) ? inflateSync(raw) : raw });
  }
  return out;
}

/** glyph code → text, from a ToUnicode CMap. */
function cmapOf(text: string): Map<number, string> {
  const m = new Map<number, string>();
  // a ligature maps to several code units, written with spaces: <0066 0066 0069>
  const uni = (hex: string) => String.fromCharCode(...(hex.replace(/\s+/g, '').match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)));
  for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const r of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g)) {
      const start = parseInt(r[1]!, 16);
      const end = parseInt(r[2]!, 16);
      if (r[3]!.startsWith('[')) [...r[3]!.matchAll(/<([0-9a-fA-F\s]+)>/g)].forEach((u, i) => m.set(start + i, uni(u[1]!)));
      else for (let c = start, u = parseInt(r[3]!.slice(1, -1), 16); c <= end; c++, u++) m.set(c, String.fromCharCode(u));
    }
  }
  for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) for (const r of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) m.set(parseInt(r[1]!, 16), uni(r[2]!));
  return m;
}

export function pdfText(pdf: Buffer): string {
  const objs = objectsOf(pdf);
  // font resource name (/F1) → the font's CMap
  const fonts = new Map<string, Map<number, string>>();
  for (const o of objs.values()) {
    for (const r of o.dict.matchAll(/\/(F\d+) (\d+) 0 R/g)) {
      const font = objs.get(Number(r[2]));
      const tu = font && /\/ToUnicode (\d+) 0 R/.exec(font.dict);
      const cmap = tu && objs.get(Number(tu[1]))?.stream;
      if (cmap) fonts.set(r[1]!, cmapOf(cmap.toString('latin1')));
    }
  }
  const lines: string[] = [];
  for (const o of objs.values()) {
    if (!o.stream || !/\bBT\b/.test(o.stream.toString('latin1'))) continue;
    let cmap = new Map<number, string>();
    for (const t of o.stream.toString('latin1').matchAll(/\/(F\d+) [\d.]+ Tf|\[([^\]]*)\] TJ/g)) {
      if (t[1]) cmap = fonts.get(t[1]) ?? new Map();
      else {
        // justified text drops the space glyph and moves the next word by a large negative adjustment instead
        const parts = [...t[2]!.matchAll(/<([0-9a-fA-F]+)>|(-?[\d.]+)/g)];
        lines.push(parts.map((h) => (h[1] ? (h[1].match(/.{4}/g) ?? []).map((g) => cmap.get(parseInt(g, 16)) ?? '').join('') : Number(h[2]) < -200 ? ' ' : '')).join(''));
      }
    }
  }
  return lines.join('\n');
}
