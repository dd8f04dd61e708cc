/**
 * Засади 15.3 in the distribution record: during an outage "розподіл судових
 * справ, які за законом мають розглядатися невідкладно … здійснюється за
 * рішенням зборів суддів". The assignment is entered after recovery (15.4:
 * "а також інформація про її розподіл") as a non-random assignment with
 * ground 15.3 and the assembly's decision as its basis — a sealed transfer
 * protocol naming the judges the decision names. So the case is a case of
 * this court's record: its card shows the judges, it counts in their load
 * (6.4), and later items follow it under 5.1 like any other case.
 */
import { DomainRejected } from '../../../runtime/index.ts';
import type { DistributionCommand, DistributionOutcome, TransferProtocol } from '../../../contracts/court/distribution.ts';
import { localDateOf } from '../../distribution/dates.ts';
import type { DistributionEnv, Tx } from './env.ts';
import type { DrawOperations } from './draws.ts';
import { isoWithOffset } from './time.ts';

type AssignByAssembly = Extract<DistributionCommand, { type: 'assign-by-assembly' }>;

export function assignByAssembly(env: DistributionEnv, ops: DrawOperations, tx: Tx, cmd: AssignByAssembly): DistributionOutcome {
  const c = cmd.case;
  const done = tx.state.cases[c.caseId];
  if (done) throw new DomainRejected('ALREADY_DISTRIBUTED', `case ${c.caseId} was already distributed by protocol ${done.protocol}`, { documentId: done.protocol });
  if (tx.state.pending[c.caseId]) throw new DomainRejected('DISTRIBUTION_PENDING', `case ${c.caseId} is waiting for distribution`);
  // 15.3: "за рішенням зборів суддів" — the assembly's decision, nothing else.
  if (cmd.decision.kind !== 'decision') throw new DomainRejected('DECISION_REQUIRED', 'an urgent case is assigned during an outage by the assembly of judges’ decision (Засади 15.3)');
  const at = Date.parse(cmd.at);
  if (Number.isNaN(at) || at > tx.ctx.now) throw new DomainRejected('BAD_DATE', `the assignment time ${cmd.at} is not a past instant`);
  const date = localDateOf(cmd.at, 'Europe/Kyiv');
  const zasady = env.zasadyOn(tx.state, date);
  if (!zasady.categories.has(c.category)) throw new DomainRejected('UNKNOWN_CATEGORY', `category ${c.category} is not in the Засади ${zasady.versionId}`);
  const judges = [...new Set(cmd.judges)];
  const unknown = judges.filter((j) => !zasady.judges.has(j));
  if (unknown.length > 0) throw new DomainRejected('UNKNOWN_JUDGE', `not judges of the Засади in force on ${date}: ${unknown.join(', ')}`, { judges: unknown });
  const kase: TransferProtocol['case'] = { caseId: c.caseId, category: c.category };
  if (c.uniqueNumber !== undefined) kase.uniqueNumber = c.uniqueNumber;
  if (c.proceedingNumber !== undefined) kase.proceedingNumber = c.proceedingNumber;
  const v = zasady.config.version;
  const to = { presiding: judges[0]!, members: judges.slice(1) };
  const protocol: TransferProtocol = {
    v: 1,
    kind: 'transfer',
    court: zasady.config.court.code,
    case: kase,
    at: isoWithOffset(at, zasady.config.court.timeZone),
    date,
    zasady: { id: v.id, decisionNumber: v.decisionNumber, effectiveFrom: v.effectiveFrom },
    // The ground code stays `15.3` (what the card and central monitoring know); the text cites this court's own paragraph.
    ground: { code: '15.3', text: `Розподіл за рішенням зборів суддів під час збою автоматизованої системи (Засади ${zasady.outage.rule}; ${cmd.outageRef}): ${cmd.categoryText}`.slice(0, 1000) },
    to,
    // The judges are the ones the basis document (the assembly's decision) names.
    previous: { source: 'named-judge' },
    basis: cmd.decision,
  };
  const document = ops.makeDocument(tx, zasady, 'transfer', protocol);
  tx.emit({ type: 'case-distributed', caseId: c.caseId, case: c, document, composition: to, load: ops.loadFor(zasady, c.caseId, c.category, date, to), assignmentMode: 'non-random', ground: '15.3' });
  return { status: 'transferred', caseId: c.caseId, seq: document.attempt.seq, documentId: document.documentId, document };
}
