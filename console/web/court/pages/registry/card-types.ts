/**
 * The card as GET /cases/:court/:seq/:yy answers it (contracts/court/card.ts CardV1) — the parts the pages read.
 *
 *   const card = await api.get<Card>(`/cases/${ueun}`);
 */
export interface Stamp {
  login: string;
  role: string;
}
export interface DocRef {
  number: string;
  date: string;
  title?: string;
}
export interface Party {
  role: string;
  name: string;
}
export interface Requisites {
  arrivalDate: string;
  document?: { kind: string; title: string; sender: string; outgoingNumber?: string; outgoingDate?: string; pages?: number };
  category?: string;
  description?: string;
  parties?: Party[];
  existingUeun?: string;
  publication?: { restricted: boolean; reason: string };
}
export interface Correction {
  at: string;
  field: string;
  from: unknown;
  to: unknown;
  reason: string;
  basis: DocRef;
  by: Stamp;
}
/** Who sits on the proceeding, by the distribution's record (the registry and the judge's pages read it). */
export interface Assignment {
  judge: string;
  members?: string[];
  protocol: string;
  at: string;
  assignmentMode?: 'random' | 'non-random';
  ground?: { code: string; text: string };
  basis?: { number?: string; date?: string };
}
export interface Proceeding {
  proceedingNumber: string;
  ordinal: number;
  registeredAt: string;
  registrationDate: string;
  registeredBy: Stamp;
  late?: { order: DocRef; reason: string; termUntil: string };
  original: Requisites;
  current: Requisites;
  corrections: Correction[];
  assignment?: Assignment;
  decision?: { date: string };
  legalForce?: { date: string };
}
export interface Movement {
  at: string;
  proceedingNumber: string;
  kind: string;
  to: string;
  note?: string;
  by: Stamp;
}
export interface Attachment {
  sha256: string;
  size: number;
  mediaType: string;
  fileName?: string;
  at: string;
  by: Stamp;
}
export interface CorrespondenceItem {
  number: string;
  proceedingNumber: string;
  kind: string;
  kindName: string;
  arrivalDate: string;
  sender: string;
  title: string;
  handedOver?: { judge: string; at: string };
}
export interface Card {
  ueun: string;
  covert: boolean;
  proceedings: Proceeding[];
  movements: Movement[];
  attachments: Attachment[];
  correspondence?: CorrespondenceItem[];
  archive?: unknown;
}
