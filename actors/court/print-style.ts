/**
 * The stylesheet of the court's printable pages (public lists 12.4, load
 * information 10.2): A4 portrait with margins, each list on its own page,
 * readable on screen — served by the node itself at `GET /public/print.css`
 * (no external host: the court's network may have none; a strict CSP allows
 * `style-src 'self'`), and linked from every printable page.
 *
 *   `<link rel="stylesheet" href="${PRINT_CSS_PATH}">`
 */
export const PRINT_CSS_PATH = '/public/print.css';

/** `<head>` lines every printable page carries. */
export const PRINT_HEAD = `<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="stylesheet" href="${PRINT_CSS_PATH}">`;

export const PRINT_CSS = `@page { size: A4; margin: 20mm 15mm 20mm 20mm; }
:root { color-scheme: light; }
body { font-family: "DejaVu Serif", "Times New Roman", serif; font-size: 11pt; line-height: 1.35; color: #111; background: #fff; max-width: 1100px; margin: 1.5em auto; padding: 0 1em; }
header.court { border-bottom: 2px solid #1f3a5f; margin-bottom: 1em; padding-bottom: .5em; }
header.court .court-name { font-size: 14pt; font-weight: bold; text-transform: none; color: #1f3a5f; margin: 0; }
h1 { font-size: 13pt; margin: .3em 0; }
h2 { font-size: 12pt; margin: 1.2em 0 .4em; color: #1f3a5f; }
p.generated { color: #444; font-size: 9.5pt; margin: .2em 0; }
section.list { margin-bottom: 1.5em; }
table { border-collapse: collapse; width: 100%; margin: .3em 0 1em; }
th, td { border: 1px solid #555; padding: 3px 6px; vertical-align: top; text-align: left; }
thead th { background: #e8edf3; font-weight: bold; }
tbody tr:nth-child(even) td { background: #f7f9fb; }
td.empty { font-style: italic; color: #555; text-align: center; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10pt; }
  section.list { break-before: page; page-break-before: always; }
  section.list:first-of-type { break-before: auto; page-break-before: auto; }
  thead { display: table-header-group; }
  tr, td, th { break-inside: avoid; page-break-inside: avoid; }
  tbody tr:nth-child(even) td, thead th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
}
`;

/** Link the shared stylesheet into a page built elsewhere (its own inline style stays as the fallback). */
export function withPrintStyle(html: string): string {
  return html.replace('</head>', `${PRINT_HEAD}</head>`);
}
