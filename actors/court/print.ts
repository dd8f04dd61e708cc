/**
 * What printouts say about people and the court: the judge's name in a
 * signature block ("Суддя ________ П. П. Петренко") and the court's name when
 * the Засади are not loaded. Never a login (Засади 12, 13: documents and lists
 * name the judge).
 *
 *   signatureName('Петренко Петро Петрович')  // 'П. П. Петренко'
 *   signatureName('Петренко (тест)')          // 'Петренко (тест)' — not a full name: printed as given
 */

/** A Ukrainian full name "Прізвище Ім'я По батькові" → initials + surname; anything else as given. */
export function signatureName(fullName: string): string {
  const w = fullName.trim().split(/\s+/);
  const word = /^[\p{Lu}][\p{L}'’ʼ-]*$/u;
  if (w.length !== 3 || !w.every((x) => word.test(x))) return fullName.trim();
  return `${w[1]![0]}. ${w[2]![0]}. ${w[0]}`;
}

/** The court's name when no Засади give its full name (printed, never blank). */
export const courtByCode = (code: string) => `Суд (код ${code})`;
