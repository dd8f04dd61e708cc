/**
 * The card's assignment as the protocol states it (Засади 4.7–4.9, 5.3):
 * judge = the protocol's presiding judge (the Засади id in lower case is the
 * judge's login), members = the other judges of a panel in seat order, `random` for a draw, `non-random` with the ground and its
 * basis document for a transfer. The only way a judge reaches a card.
 */
import type { ProtocolDocument } from '../../../contracts/court/distribution.ts';
import type { AssignmentBodyV1 } from '../../../contracts/court/card.ts';

/** null for a protocol that names no judge (impossibility). */
export function cardAssignmentOf(doc: ProtocolDocument, proceedingNumber: string): AssignmentBodyV1 | null {
  const p = doc.protocol;
  if (p.kind === 'transfer') {
    return {
      proceedingNumber,
      judge: p.to.presiding.toLowerCase(),
      ...members(p.to.members),
      protocol: doc.documentId,
      mode: 'non-random',
      ground: { code: p.ground.code, text: p.ground.text.slice(0, 1000) },
      ...(p.basis ? { basis: p.basis } : {}),
    };
  }
  if (!('chosen' in p) || !p.chosen?.presiding) return null;
  return { proceedingNumber, judge: p.chosen.presiding.toLowerCase(), ...members(p.chosen.members), protocol: doc.documentId, mode: 'random' };
}

function members(ids: readonly string[]): { members?: string[] } {
  return ids.length > 0 ? { members: ids.map((m) => m.toLowerCase()) } : {};
}
