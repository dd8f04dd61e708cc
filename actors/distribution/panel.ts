/**
 * Panels (Засади 4.9, 6.2; spec §5).
 *
 * Ad-hoc: the presiding judge (rapporteur) is drawn first among all
 * eligible judges, then members one by one among the remaining ones —
 * steps labelled "presiding", "member-2", "member-3", … Each step's
 * weights are recomputed over the judges still in play (its own N_min).
 *
 * Permanent (6.2): a panel is drawn weighted by the panels' loads (mean N
 * of its sitting members), then the rapporteur within it — steps "panel",
 * "rapporteur". A panel may sit only if all its members are eligible, or
 * exactly one is not and the panel's reserve (запасний) is eligible and
 * sits for them.
 *
 * Step bytes: see randomness.ts (asds-draw/1: step 0 = supplied bytes, step k = HMAC(bytes, label);
 * asds-draw/2: the seal VRF over the step's alpha).
 */
import type { Figures, PanelCandidate, DrawStep, PolicyRef } from '../../contracts/distribution/protocol.ts';
import type { PanelConfig } from '../../contracts/distribution/zasady.ts';
import { byId, type Assessment } from './eligibility.ts';
import { judgeStep } from './draw.ts';
import { pickIndex, probabilities, sum, weights } from './policy.ts';
import { toHex, uniformFrom } from './random.ts';
import type { Randomness } from './randomness.ts';
import type { Zasady } from './zasady.ts';

export interface PanelResult {
  steps: DrawStep[];
  presiding: string;
  members: string[];
  reserve?: string;
  panelId?: string;
}

/** Ad-hoc panel of `size` from the eligible judges' figures (4.9). Caller ensures figures.length ≥ size. */
export function drawAdHocPanel(source: Randomness, caseId: string, policy: PolicyRef, figures: readonly Figures[], size: number): PanelResult {
  const steps: DrawStep[] = [];
  let remaining = [...figures];
  for (let k = 0; k < size; k++) {
    const label = k === 0 ? 'presiding' : `member-${k + 1}`;
    const step = judgeStep({ source, index: k, label, role: k === 0 ? 'presiding' : 'member', caseId, policy }, remaining);
    steps.push(step);
    remaining = remaining.filter((f) => f.judgeId !== step.chosen);
  }
  return { steps, presiding: steps[0]!.chosen, members: steps.slice(1).map((s) => s.chosen) };
}

export interface SittingPanel {
  panel: PanelConfig;
  sitting: string[];
  reserveFor?: { absent: string; reserve: string };
  /** The reserve, named in the protocol, when eligible now and not already sitting. */
  reserve?: string;
}

/** Which permanent panels can sit for this category today (6.2). */
export function sittingPanels(zasady: Zasady, category: string, size: number, assessment: Assessment): SittingPanel[] {
  const allowed = zasady.specialisationsFor.get(category) ?? [];
  const eligible = new Set(assessment.eligible);
  const out: SittingPanel[] = [];
  for (const panel of [...zasady.panels.values()].sort((a, b) => byId(a.id, b.id))) {
    if (!allowed.includes(panel.specialisation) || panel.members.length !== size) continue;
    const absent = panel.members.filter((m) => !eligible.has(m));
    if (absent.length === 0) {
      const sp: SittingPanel = { panel, sitting: [...panel.members] };
      if (panel.reserve !== undefined && eligible.has(panel.reserve)) sp.reserve = panel.reserve;
      out.push(sp);
    }
    else if (absent.length === 1 && panel.reserve !== undefined && eligible.has(panel.reserve)) {
      const a = absent[0]!;
      out.push({ panel, sitting: panel.members.map((m) => (m === a ? panel.reserve! : m)), reserveFor: { absent: a, reserve: panel.reserve } });
    }
  }
  return out;
}

/** Panel load: mean N of the sitting members. */
export function panelLoad(members: readonly Figures[]): number {
  return sum(members.map((m) => m.N)) / members.length;
}

export function panelCandidates(policy: PolicyRef, panels: readonly SittingPanel[], figures: ReadonlyMap<string, Figures>): PanelCandidate[] {
  const base = panels.map((sp) => {
    const members = [...sp.sitting].sort(byId).map((id) => figures.get(id)!);
    const c: Omit<PanelCandidate, 'w' | 'p'> = { panelId: sp.panel.id, members, N: panelLoad(members) };
    if (sp.reserveFor) c.reserveFor = sp.reserveFor;
    return c;
  });
  const w = weights(policy, base.map((b) => b.N));
  const p = probabilities(w);
  return base.map((b, i) => ({ ...b, w: w[i]!, p: p[i]! }));
}

/** Draw a permanent panel, then its rapporteur. Caller ensures panels is non-empty. */
export function drawPermanentPanel(source: Randomness, caseId: string, policy: PolicyRef, panels: readonly SittingPanel[], figures: ReadonlyMap<string, Figures>): PanelResult {
  const candidates = panelCandidates(policy, panels, figures);
  const { bytes, proof } = source.step(0, 'panel', candidates.map((c) => [c.panelId, c.w] as const));
  const u = uniformFrom(bytes, caseId);
  const chosen = candidates[pickIndex(candidates.map((c) => c.w), u)]!;
  const panelStep: DrawStep = { label: 'panel', role: 'panel', bytes: toHex(bytes), ...(proof !== undefined ? { proof } : {}), u, candidates, chosen: chosen.panelId };
  const rapporteur = judgeStep({ source, index: 1, label: 'rapporteur', role: 'presiding', caseId, policy }, chosen.members);
  const sp = panels.find((p) => p.panel.id === chosen.panelId)!;
  const result: PanelResult = {
    steps: [panelStep, rapporteur],
    presiding: rapporteur.chosen,
    members: chosen.members.map((m) => m.judgeId).filter((id) => id !== rapporteur.chosen),
    panelId: chosen.panelId,
  };
  if (sp.reserve !== undefined) result.reserve = sp.reserve;
  return result;
}
