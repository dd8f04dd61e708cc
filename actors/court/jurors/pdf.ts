/**
 * Juror (Засади 7.3, 7.6, 7.9) and duty (4.6) protocols as PDF in Ukrainian
 * (pdfkit + DejaVu Sans from npm). The distribution actor's `protocolPdf` is
 * typed to its own ProtocolDocument, so these documents get this small
 * renderer with the same fonts; the JSON document stays the original.
 */
import { startPdf } from '../pdf.ts';
import { kyivDateTimeUk, longDateUk } from '../dates.ts';
import { courtByCode } from '../print.ts';
import { BASIS_KIND, inWords, numbered } from '../distribution/reason-text.ts';
import type { JurorDocument } from '../../../contracts/court/jurors.ts';
import type { DutyDocument } from '../../../contracts/court/duty.ts';


const STAGE: Record<string, string> = {
  candidates: 'попередній відбір семи кандидатів (п. 7.4 ¶1 Засад)',
  composition: 'визначення трьох основних і двох запасних присяжних (п. 7.4 ¶2 Засад; ст. 387 КПК)',
  'top-up': 'добір присяжних зі списку (п. 7.4 ¶3 Засад)',
  civil: 'визначення двох присяжних (п. 7.5 Засад)',
  'reserve-to-main': 'заміна основного присяжного запасним (п. 7.7 Засад)',
  'main-redraw': 'додатковий добір основного присяжного (п. 7.7 Засад)',
  'civil-replacement': 'додатковий добір присяжного (п. 7.8 Засад)',
};

/** How the record names the court, judges and users (http/print-names.ts); without it, the codes as in the JSON. */
export interface RecordPdfNames {
  court: string;
  judge(id: string): string;
  person(login: string): string;
  /**
   * A juror by full name from the court's list of jurors (7.2). The PDF is read by the court's staff only
   * (CASE_READERS), as the list itself is; the ids stay in the JSON original.
   */
  juror?(id: string): string;
}

/** Where a step's bytes came from, as printed (docs/draw-spec.md §7, §9). */
function randomnessLine(p: { randomBytes?: string; vrf?: { suite: string; key: string; prev: string } }): [string, string] {
  return p.vrf
    ? ['Випадковість (VRF печатки суду, RFC 9381)', `${p.vrf.suite}; ключ SHA-256 ${p.vrf.key}; стан журналу перед визначенням ${p.vrf.prev}`]
    : ['Випадкові байти (CSPRNG, 32)', p.randomBytes ?? ''];
}

export function recordPdf(doc: JurorDocument | DutyDocument, names?: RecordPdfNames): Promise<Buffer> {
  const { pdf, done, line } = startPdf({ title: doc.title, subject: doc.documentId });
  const p = doc.protocol;
  // court language (issue 13 item 12): the court in full, judges by name, dates in words, Kyiv time
  const n = names ?? { court: courtByCode(p.court), judge: (x: string) => x, person: (x: string) => x };
  const juror = (id: string) => n.juror?.(id) ?? id;
  const jurors = (ids: readonly string[]) => ids.map(juror).join(', ');
  const date = longDateUk;
  pdf.font('b').fontSize(12).text(n.court, { align: 'center' }).moveDown(0.5);
  pdf.font('b').fontSize(13).text(doc.title, { align: 'center' });
  pdf.moveDown(0.5).font('r').fontSize(9).text(`Ідентифікатор документа: ${doc.documentId}`, { align: 'center' }).moveDown();
  line('Суд', `${n.court} (код ${p.court})`);
  line('Справа', [p.case.uniqueNumber && `ЄУН ${p.case.uniqueNumber}`, p.case.proceedingNumber && `провадження ${p.case.proceedingNumber}`, `ідентифікатор ${p.case.caseId}`].filter(Boolean).join(', '));
  line('Дата і час', `${kyivDateTimeUk(p.at)} (за київським часом); день — ${date(p.date)}`);
  line('Номер протоколу', `${doc.number} (окрема наскрізна нумерація протоколів цього виду); подія журналу ${doc.attempt.actor} № ${doc.attempt.seq}`);
  line('Створив', n.person(doc.createdBy));
  pdf.moveDown();
  if (p.kind === 'juror-selection' || p.kind === 'juror-impossibility') {
    line('Етап', STAGE[p.stage] ?? p.stage);
    line('Вид провадження', p.proceeding === 'criminal' ? 'кримінальне провадження (п. 7.1.1)' : 'цивільна справа окремого провадження (п. 7.1.2)');
    for (const x of p.excluded) line(`Не бере участі ${juror(x.jurorId)}`, x.reasons.map((r) => `${inWords(r.text)} (${r.rule})${r.basis ? `, ${BASIS_KIND[r.basis.kind] ?? 'документ'} ${numbered(r.basis.number)} від ${date(r.basis.date)}` : ''}`).join('; '));
    if (p.kind === 'juror-impossibility') {
      line('Потрібно', String(p.needed));
      line('Можуть брати участь', jurors(p.eligible) || 'немає');
      line('Найраніша дата', p.earliestEligible ? date(p.earliestEligible) : 'невідома — визначення повториться після усунення обставин (п. 7.9)');
    } else {
      line(...randomnessLine(p));
      pdf.moveDown(0.5);
      p.steps.forEach((s, k) => line(`Крок ${k + 1} «${s.label}»`, `u = ${s.u}; рівна ймовірність 1/${s.candidates.length} серед: ${jurors(s.candidates)} → ${juror(s.chosen)}`));
      pdf.moveDown(0.5);
      if (p.chosen.main) line('Основні присяжні', jurors(p.chosen.main));
      if (p.chosen.reserve) line('Запасні присяжні', jurors(p.chosen.reserve) || 'немає');
      if (!p.chosen.main) line('Визначено', jurors(p.chosen.jurors));
      if (p.replaced) line('Вибув', juror(p.replaced.jurorId));
    }
  } else {
    line('Підстава', 'п. 4.6 Засад: у вихідний день клопотання розподіляються черговому слідчому судді');
    if (p.schedule) line('Графік чергувань', `${p.schedule.judgeIds.map(n.judge).join(', ')}; наказ № ${p.schedule.basis.number} від ${date(p.schedule.basis.date)}`);
    for (const x of p.excluded) line(`Не може розглянути ${n.judge(x.judgeId)}`, inWords(x.reason)); // the sealed text's dates in words
    if (p.kind === 'duty-assignment') {
      if (p.step) line(...randomnessLine(p));
      if (p.step) line('Жереб', `u = ${p.step.u}; рівна ймовірність серед ${p.step.candidates.map(n.judge).join(', ')}`);
      line('Черговий слідчий суддя', n.judge(p.chosen));
    } else line('Неможливо', p.text);
  }
  pdf.moveDown(2).font('r').fontSize(10).text('Підпис уповноваженої особи апарату суду: ____________________ (п. 7.6 Засад)');
  // The electronic original is sealed (detached CMS, checked by `asds verify-protocol`); the print names the seal.
  if (doc.signature) pdf.moveDown(0.5).fontSize(9).text(`Електронний оригінал скріплено печаткою суду: ${doc.signature.signer}`);
  pdf.end();
  return done;
}
