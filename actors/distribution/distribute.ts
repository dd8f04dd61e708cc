/**
 * Entry points of a distribution: a case to a judge or panel (4.7–4.9),
 * a member replacement (4.9 ¶2), or a protocol of impossibility (4.10).
 */
import type { DocumentRef } from '../../contracts/distribution/inputs.ts';
import type { DrawProtocol, DrawStep, Figures, ImpossibilityProtocol } from '../../contracts/distribution/protocol.ts';
import { eligibilityContext, judgeStep, protocolHeader, drawDate, randomnessOf, type DrawInput } from './draw.ts';
import { assessJudges, byId, type Assessment } from './eligibility.ts';
import { DrawInputInvalid } from './errors.ts';
import { impossibilityProtocol } from './impossibility.ts';
import { loadSnapshot } from './load.ts';
import { drawAdHocPanel, drawPermanentPanel, sittingPanels, type PanelResult } from './panel.ts';
import { policyRef } from './policy.ts';
import { toHex } from './random.ts';
import { reason } from './reasons.ts';

export type DistributionResult = DrawProtocol | ImpossibilityProtocol;

function figuresOf(input: DrawInput, ids: readonly string[]): Figures[] {
  return loadSnapshot(input.ledger, input.zasady, drawDate(input), ids);
}

function composition(input: DrawInput): { size: number; mode: 'single' | 'ad-hoc' | 'permanent' } {
  const category = input.zasady.categories.get(input.case.category);
  if (!category) throw new DrawInputInvalid(`unknown category ${input.case.category}`);
  const c = category.composition ?? { size: 1, mode: 'ad-hoc' as const };
  return c.size === 1 ? { size: 1, mode: 'single' } : c;
}

function drawProtocol(input: DrawInput, assessment: Assessment, comp: DrawProtocol['composition'], result: PanelResult): DrawProtocol {
  const p: DrawProtocol = {
    ...protocolHeader(input, assessment.excluded),
    kind: input.kind ?? (input.case.replacingJudgeId ? 'repeated-distribution' : 'distribution'),
    policy: policyRef(input.zasady.config.selection),
    countNonDistributionDays: input.zasady.config.load.countNonDistributionDays,
    composition: comp,
    ...(input.vrf ? { vrf: { suite: input.vrf.suite, key: input.vrf.keyId, prev: input.vrf.prev } } : { randomBytes: toHex(input.randomBytes!) }),
    steps: result.steps,
    chosen: { presiding: result.presiding, members: result.members },
  };
  if (input.case.replacingJudgeId) {
    p.replaced = input.case.repeatedBasis ? { judgeId: input.case.replacingJudgeId, basis: input.case.repeatedBasis } : { judgeId: input.case.replacingJudgeId };
  }
  if (result.reserve !== undefined) p.chosen.reserve = result.reserve;
  if (result.panelId !== undefined) p.chosen.panelId = result.panelId;
  return p;
}

/** Distribute a case: a single judge, an ad-hoc panel or a permanent panel, per the category's composition. */
export function distribute(raw: DrawInput): DistributionResult {
  // Resolve the court-local date once; everything downstream reads input.date.
  const input: DrawInput = { ...raw, date: drawDate(raw) };
  const source = randomnessOf(input);
  const ctx = eligibilityContext(input);
  const assessment = assessJudges(ctx);
  const comp = composition(input);
  const policy = policyRef(input.zasady.config.selection);
  const caseId = input.case.caseId;

  if (comp.mode === 'permanent') {
    const enough = (a: Assessment) => sittingPanels(input.zasady, input.case.category, comp.size, a).length > 0;
    const panels = sittingPanels(input.zasady, input.case.category, comp.size, assessment);
    if (panels.length === 0) return impossibilityProtocol(input, ctx, assessment, comp.size, enough);
    const ids = [...new Set(panels.flatMap((p) => p.sitting))].sort(byId);
    const figures = new Map(figuresOf(input, ids).map((f) => [f.judgeId, f]));
    return drawProtocol(input, assessment, comp, drawPermanentPanel(source, caseId, policy, panels, figures));
  }

  const enough = (a: Assessment) => a.eligible.length >= comp.size;
  if (!enough(assessment)) return impossibilityProtocol(input, ctx, assessment, comp.size, enough);
  const figures = figuresOf(input, assessment.eligible);
  if (comp.mode === 'single') {
    const step = judgeStep({ source, index: 0, label: 'presiding', role: 'presiding', caseId, policy }, figures);
    return drawProtocol(input, assessment, comp, { steps: [step], presiding: step.chosen, members: [] });
  }
  return drawProtocol(input, assessment, comp, drawAdHocPanel(source, caseId, policy, figures, comp.size));
}

export interface ReplacementInput extends DrawInput {
  /** The panel now: presiding first, then members. */
  panel: { presiding: string; members: readonly string[] };
  /** The member who cannot continue (4.9 ¶2). */
  replacedJudgeId: string;
  /** Reasoned order of the head of staff (розпорядження керівника апарату). */
  basis: DocumentRef;
}

/**
 * Replace one member of a panel (4.9 ¶2): a recorded draw among eligible
 * judges with the specialisation who are not on the panel. The new judge
 * takes the replaced judge's seat.
 */
export function replaceMember(raw: ReplacementInput): DistributionResult {
  const { replacedJudgeId, ...rest } = raw;
  if (![raw.panel.presiding, ...raw.panel.members].includes(replacedJudgeId)) throw new DrawInputInvalid(`${replacedJudgeId} is not on the panel`);
  return replaceJudges({ ...rest, replacedJudgeIds: [replacedJudgeId] });
}

export interface JudgesReplacementInput extends Omit<ReplacementInput, 'replacedJudgeId'> {
  /** The judges the order names (4.12: "заміни одного, декількох суддів") — some of the panel, not all of it. */
  replacedJudgeIds: readonly string[];
}

/** Step label of the k-th replacement: the first keeps the one-member label, so earlier protocols read the same. */
export function replacementLabel(k: number): string {
  return k === 0 ? 'replacement' : `replacement-${k + 1}`;
}

/**
 * Replace exactly the judges the order names (4.12), the presiding judge
 * among them or several members, and keep the others: one draw step per
 * replaced seat, in seat order (presiding first), among eligible judges with
 * the specialisation who are not on the panel and not drawn in an earlier
 * step. Each new judge takes the seat of the judge replaced — a new presiding
 * judge for a replaced presiding judge. Replacing the whole composition is a
 * new draw of the panel (`distribute`, 4.9 order), not this.
 */
export function replaceJudges(raw: JudgesReplacementInput): DistributionResult {
  const source = randomnessOf(raw);
  const input: JudgesReplacementInput = { ...raw, date: drawDate(raw) };
  const onPanel = [input.panel.presiding, ...input.panel.members];
  const stranger = input.replacedJudgeIds.find((id) => !onPanel.includes(id));
  if (stranger !== undefined) throw new DrawInputInvalid(`${stranger} is not on the panel`);
  const replaced = onPanel.filter((id) => input.replacedJudgeIds.includes(id));
  if (replaced.length === 0 || replaced.length === onPanel.length) throw new DrawInputInvalid('a replacement names some judges of the panel; the whole composition is re-drawn by distribute');
  const others = replaced.slice(1).map((judgeId) => ({ judgeId, text: 'Суддя, якого замінюють при повторному автоматизованому розподілі (Засади 4.12)', basis: input.basis }));
  const withCase: DrawInput = { ...input, kind: 'repeated-distribution', case: { ...input.case, replacingJudgeId: replaced[0]!, repeatedBasis: input.basis, exclusions: [...input.case.exclusions, ...others] } };
  const ctx = eligibilityContext(withCase);
  const kept = onPanel.filter((id) => !replaced.includes(id));
  const assessment = excludePanel(assessJudges(ctx), kept);
  const enough = (a: Assessment) => excludePanel(a, onPanel).eligible.length >= replaced.length;
  if (assessment.eligible.length < replaced.length) return impossibilityProtocol(withCase, ctx, assessment, replaced.length, enough);
  const policy = policyRef(input.zasady.config.selection);
  const steps: DrawStep[] = [];
  let remaining = figuresOf(withCase, assessment.eligible);
  for (let k = 0; k < replaced.length; k++) {
    const step = judgeStep({ source, index: k, label: replacementLabel(k), role: 'replacement', caseId: input.case.caseId, policy }, remaining);
    steps.push(step);
    remaining = remaining.filter((f) => f.judgeId !== step.chosen);
  }
  const swap = (id: string) => (replaced.includes(id) ? steps[replaced.indexOf(id)]!.chosen : id);
  const p = drawProtocol(withCase, assessment, { size: onPanel.length, mode: 'ad-hoc' }, { steps, presiding: swap(input.panel.presiding), members: input.panel.members.map(swap) });
  p.kind = 'member-replacement';
  p.panelBefore = onPanel;
  if (replaced.length > 1) p.replacedJudges = replaced;
  return p;
}

/** Move judges already on the panel from eligible to excluded with reason ON_PANEL (4.9). */
function excludePanel(a: Assessment, panel: readonly string[]): Assessment {
  const on = new Set(panel);
  const moved = a.eligible.filter((id) => on.has(id)).map((judgeId) => ({ judgeId, reasons: [reason('ON_PANEL')] }));
  const excluded = [...a.excluded.map((x) => (on.has(x.judgeId) ? { ...x, reasons: [...x.reasons, reason('ON_PANEL')] } : x)), ...moved].sort((x, y) => byId(x.judgeId, y.judgeId));
  return { eligible: a.eligible.filter((id) => !on.has(id)), excluded };
}
