/**
 * Number formats (Засади 3.3–3.4, distribution-spec §1).
 *   ЄУН:               <court>/<seq>/<yy>            537/1234/25
 *   номер провадження: <index>/<court>/<seq>/<yy>    2/537/456/25
 */
export function formatUeun(court: string, seq: number, yy: string): string {
  return `${court}/${seq}/${yy}`;
}

export function formatProceedingNumber(index: string, court: string, seq: number, yy: string): string {
  return `${index}/${court}/${seq}/${yy}`;
}

export function parseUeun(ueun: string): { court: string; seq: number; yy: string } {
  const [court, seq, yy] = ueun.split('/') as [string, string, string];
  return { court, seq: Number(seq), yy };
}
