/**
 * Redaction before the wire (issue 6 item 1): what of a court journal event
 * may leave the court. Applied to EVERY event when the court's journal writes
 * it (chain format 2, runtime/journal/hash.ts: the chain commits to the result,
 * courtPublicView below) — for rows written before format 2 by the replicator
 * when it sends them; the centre only ever sees the result.
 *
 * Three layers, in this order:
 *
 * 1. Global rules, for every event at any depth (known or unknown type):
 *    - a key matching SECRET_KEY — `covert*`, `encrypted*`, `sealed*`,
 *      `secret*`, `password*`, `token*` — is dropped with its value;
 *    - an object that looks like ciphertext (`{ alg, ciphertext, … }`) is dropped
 *      wherever it sits (the centre cannot decrypt it; less to leak);
 *    - an object marked official-use-only (`officialUseOnly: true`,
 *      `restricted: true`, or `access: 'official-use-only'`) keeps only its
 *      identifiers (OFFICIAL_USE_KEPT) and the marker: the centre learns that
 *      such a document exists and its id, never its content.
 * 2. Per-type rules (RULES, key `kind/type`): more paths to drop, and paths to
 *    hash (HMAC-SHA-256 with the deployment's key: equal values stay
 *    correlatable at the centre, the value is not readable).
 * 3. DECIDED DEFAULT for an event type with no rule (a court feature built
 *    after this policy): only the envelope (court, seq, actor, aseq, type, ts,
 *    author, hashes) and the top-level SCALAR values of UNKNOWN_ALLOWED_KEYS
 *    pass; everything else is dropped and listed in `redacted`. A new event
 *    type therefore reaches the centre with its identifiers but without its
 *    content until someone adds its rule here — failing closed, not open. The
 *    event is still sent, so the court's sequence stays gapless at the centre.
 *
 * Every removed or hashed path is listed in the message's `redacted` field.
 */
import { createHmac } from 'node:crypto';

/** 2: rules for documents (originals, 13.2), legal force, ЄДРСР, jurors, duty, outage, public lists, pulls, reports. */
export const REDACTION_POLICY_VERSION = 2;

export const SECRET_KEY = /^(covert|encrypted|sealed|secret|password|token)/i;

/** Keys an official-use-only object keeps. */
export const OFFICIAL_USE_KEPT = ['id', 'documentId', 'sha256', 'kind', 'officialUseOnly', 'restricted', 'access'] as const;

/** Top-level scalar keys that pass for an event type without a rule. */
export const UNKNOWN_ALLOWED_KEYS = [
  'v',
  'caseId',
  'ueun',
  'proceedingNumber',
  'judgeId',
  'judge',
  'category',
  'date',
  'at',
  'status',
  'documentId',
  'ordinal',
] as const;

export interface RedactionRule {
  /** Paths to remove: `a.b`, `a[].b` for every array item. */
  drop?: string[];
  /** Paths whose string/number value becomes `hmac:<hex>`. */
  hash?: string[];
}

/**
 * Known event types, key `kind/type` (`*` as kind matches any actor kind).
 * An entry — even empty — means "pass after the global rules".
 */
export const RULES: Record<string, RedactionRule> = {
  // runtime: the node's run log
  'node/node-started': {},
  'node/node-stopped': {},
  // a backwards clock held by the runtime (runtime/clock.ts): the centre sees when a court's clock misbehaved
  'node/clock-held': {},
  // the chained record of each snapshot (runtime/journal/integrity.ts): actor, position, hash, SHA-256 of the
  // state — a digest, never the state — so the centre witnesses what a court's snapshots claim
  'journal/snapshot-recorded': {},
  // registry and case cards (contracts/court/registration.ts, card.ts); covert fields go by the global rule
  // the route's person (Засади 5.1.11) is kept only as keyed hashes, and even those stay in the court
  'registry/case-registered': { drop: ['registration.route.personKeys'] },
  'registry/open-confirmed': {},
  'case/card-opened': {},
  'case/card-moved': {},
  'case/card-corrected': {},
  // a scan's file name may carry a person's name; its hash still groups re-uploads
  'case/scan-attached': { hash: ['attachment.fileName'] },
  'case/judge-assigned': {},
  // legal force is public (the ЄДРСР publishes it) and the statistics need its date (analytics/stats/derive.ts);
  // an appellant named in a withdrawal may be a private person — hashed
  'case/legal-force-recorded': { hash: ['item.withdraws.appeal.appellant'] },
  'case/legal-force-revoked': { hash: ['item.withdraws.appeal.appellant'] },
  // incoming correspondence in a pending case (contracts/court/correspondence.ts): the sender may be a private
  // person — hashed (still correlatable); covert fields go by the global rule; numbers, kinds and dates pass
  'correspondence/correspondence-registered': { hash: ['item.sender'] },
  'correspondence/correspondence-recorded': {},
  'correspondence/correspondence-handed': {},
  'case/correspondence-received': { hash: ['registered.item.sender'] },
  'case/correspondence-handed-over': {},
  // users: password and token hashes go by the global rule; nothing else is secret
  'users/user-created': {},
  'users/password-set': {},
  'users/user-disabled': {},
  'users/token-issued': {},
  'users/token-revoked': {},
  'users/role-changed': {},
  'users/tokens-revoked': {},
  'judge/absence-recorded': {},
  // distribution (actors/court/distribution/state.ts): draws are public by design (auditability)
  'distribution/zasady-loaded': {},
  'distribution/absence-recorded': {},
  'distribution/absence-cancelled': {},
  'distribution/absence-shortened': {},
  // a recusal names the judge, the case and the ruling (number, date, author): public like the draw it shapes
  'distribution/recusal-recorded': {},
  'distribution/duty-recorded': {},
  // a roster change by order (appointment, end of powers, reductions): public like the Засади roster it amends
  'distribution/roster-changed': {},
  'distribution/load-history-imported': {},
  'distribution/load-accrued': {},
  'distribution/case-distributed': { drop: ['personKeys'] },
  'distribution/distribution-impossible': {},
  'distribution/transfer-waiting': { drop: ['personKeys'] },
  // a registration's route held for a person's decision (Засади 4.1, 5.1): public like the wait, without the person
  'distribution/route-held': { drop: ['personKeys'] },
  'distribution/distribution-failed': {},
  // the court's own documents (actors/court/orders/decide.ts): which order, directive or memo grounds which absence,
  // repeated distribution or rights change — the centre sees the chain of bases as it sees the draws they shape
  'documents/document-linked': {},
  'documents/reference-pending': {},
  'documents/reference-resolved': {},
  // the decision event the workload report counts (analytics/README.md)
  '*/case-decided': {},
  // the registry's hand-off cursor (how far its opens were confirmed): a number
  'registry/handoff-advanced': {},
  // appeal terms and legal force (Засади 11): dates and the documents they rest on are public (the ЄДРСР shows them);
  // an appellant may be a private person — hashed, as in a withdrawal
  'case/appeal-term-started': {},
  'case/appeal-term-awaiting': {},
  'case/decision-completed': {},
  'case/appeal-filed': { hash: ['appeal.appellant'] },
  'case/appeal-case-sent': {},
  // the ЄДРСР export queue (Засади 11.2): items bound for a public register; a withdrawal's appellant hashed as above
  'edrsr-export/item-enqueued': { hash: ['item.withdraws.appeal.appellant'] },
  'edrsr-export/item-conflict': { hash: ['item.withdraws.appeal.appellant'] },
  'edrsr-export/cursor-advanced': {},
  'edrsr-export/delivery-failed': {},
  'edrsr-export/item-delivered': {},
  // jurors (Засади 7): the list is approved and published by the council, the selection protocols are public like
  // draws; a free-text note on an absence or an exclusion may say why (health, family) — hashed
  'jurors/juror-added': { hash: ['juror.absences[].note'] },
  'jurors/juror-removed': {},
  'jurors/juror-unavailability-recorded': { hash: ['absence.note'] },
  'jurors/juror-unavailability-cancelled': {},
  'jurors/juror-service-recorded': {},
  'jurors/juror-excluded': { hash: ['exclusion.text'] },
  'jurors/juror-protocol': {},
  // duty of investigating judges (Засади 5.2, 4.16): the decision, the approved schedule and the sealed protocol of
  // each duty assignment — public like the draws they replace
  'duty/investigating-judges-set': {},
  'duty/duty-schedule-approved': {},
  'duty/duty-assigned': {},
  // outage mode (Засади 15): acts, urgent assignments and the hand-over of the backlog — what the centre monitors
  'outage/outage-opened': {},
  'outage/urgent-assignment-recorded': {},
  'outage/outage-act-entered': {},
  'outage/outage-closed': {},
  'outage/backlog-entered': {},
  'outage/handover-scheduled': {},
  'outage/backlog-handed-over': {},
  'outage/backlog-distributed': {},
  // lists for the public (Засади 12.4): published to everyone anyway; a restriction's ground is the court's ruling
  'public-lists/armed': {},
  'public-lists/restriction-recorded': {},
  'public-lists/hearing-recorded': {},
  'public-lists/announcement-recorded': {},
  'public-lists/run-started': {},
  'public-lists/run-names': {},
  'public-lists/run-page': {},
  'public-lists/run-cards': {},
  'public-lists/list-published': {},
  // the court's record of the centre's own database pull (Засади 18.3)
  'database-pull/pull-requested': {},
  'database-pull/pull-prepared': {},
  // documents in full (Засади 13.2–13.3: originals go to the central database): content, card facts and detached
  // signatures, so the centre keeps the Original and re-verifies each CMS (actors/central/originals). A covert
  // case's document carries `restricted: true` on every event (actors/court/documents): the global official-use-only
  // rule then lets only its id leave (3.1 ¶2)
  'documents/document-created': {},
  'documents/document-edited': {},
  'documents/document-signed': {},
  'documents/document-original': {},
  // the court's statistical report Originals (Засади 16.3): the centre receives the signed report itself anyway
  'stats/stat-report-kept': {},
  'stats/stat-report-signed': {},
  'stats/stat-report-send-attempted': {},
  'stats/stat-report-status': {},
  // the entered fields of a statistical card (Засади 16.1.1, actors/court/stats): coded facts, amounts and marks —
  // no name, no text of the case — which the centre folds with the same reducer (analytics/stats/derive.ts)
  'stats/stat-card-entered': {},
  // the court's electronic archive (Засади 17.1, actors/court/archive): the centre starts its transfer job from
  // package-built (ЄУН, package id, tag manifest hash, files, bytes) and sees each step of the case's archival life;
  // free texts a person wrote (a recall's reason, an execution note) are hashed — still correlatable, not readable.
  // A refusal's reason is the centre's own text about the package: it passes.
  'archive/archive-armed': {},
  'archive/archive-fed': {},
  'archive/archive-case-noted': {},
  'archive/archive-due-listed': {},
  'archive/archive-confirmed': {},
  'archive/execution-recorded': { hash: ['note'] },
  'archive/package-built': {},
  'archive/package-failed': {},
  'archive/archive-transferred': {},
  'archive/archive-refused': {},
  'archive/archive-card-marked': {},
  'archive/archive-recalled': { hash: ['reason'] },
  'case/archive-transferred': {},
  'case/archive-recalled': { hash: ['reason'] },
  // the exchange with prosecutors (issue 17 §A, actors/court/exchange): the centre sees that a document came or went,
  // for which case, its status and registration number — never the document, its signature or the signer's name; the
  // short content (as a correspondence item's sender) is hashed
  'exchange-inbox/exchange-filing-arrived': { drop: ['filing.document', 'filing.signature', 'filing.verification.signer'], hash: ['filing.title'] },
  'exchange-inbox/exchange-filing-registered': {},
  'exchange-inbox/exchange-filing-refused': {},
  'exchange-inbox/exchange-filing-rejected': { hash: ['title'] },
  'exchange-outgoing/exchange-outgoing-queued': { drop: ['item.document', 'item.signature', 'item.verification.signer'], hash: ['item.title'] },
  'exchange-outgoing/exchange-outgoing-sent': {},
  'exchange-outgoing/exchange-outgoing-refused': {},
};

export interface RedactOptions {
  /** HMAC key for hashed fields (per deployment, e.g. env ASDS_REDACTION_KEY). */
  hashKey: string;
  rules?: Record<string, RedactionRule>;
}

export interface Redacted {
  data: Record<string, unknown>;
  redacted: string[];
}

export function ruleFor(kind: string, type: string, rules: Record<string, RedactionRule> = RULES): RedactionRule | undefined {
  return rules[`${kind}/${type}`] ?? rules[`*/${type}`];
}

/** The payload of event `type` written by an actor of `kind`, as it may leave the court. */
export function redact(kind: string, type: string, data: Record<string, unknown>, opts: RedactOptions): Redacted {
  const removed: string[] = [];
  const rule = ruleFor(kind, type, opts.rules);
  let out = scrub(data, '', removed) as Record<string, unknown>;
  // scrub shares what it did not change with `data`: copy before the per-type rules write
  // (deeply when a rule names paths — they reach into shared objects), so `data` is never mutated
  if (rule && ((rule.drop?.length ?? 0) > 0 || (rule.hash?.length ?? 0) > 0)) out = structuredClone(out);
  else if (rule && out === data) out = { ...data };
  if (!rule) {
    const kept: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(out)) {
      if (k === 'type') continue;
      if ((UNKNOWN_ALLOWED_KEYS as readonly string[]).includes(k) && isScalar(v)) kept[k] = v;
      else removed.push(`${k}`);
    }
    out = kept;
  } else {
    for (const p of rule.drop ?? []) applyPath(out, p.split('.'), '', (parent, key, path) => {
      delete parent[key];
      removed.push(path);
    });
    for (const p of rule.hash ?? []) applyPath(out, p.split('.'), '', (parent, key, path) => {
      const v = parent[key];
      if (typeof v === 'string' || typeof v === 'number') {
        parent[key] = 'hmac:' + createHmac('sha256', opts.hashKey).update(String(v)).digest('hex');
        removed.push(path);
      }
    });
    delete out.type;
  }
  return { data: out, redacted: removed };
}

function isScalar(v: unknown): boolean {
  return v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

function isOfficialUseOnly(o: Record<string, unknown>): boolean {
  return o.officialUseOnly === true || o.restricted === true || o.access === 'official-use-only';
}

function looksSealed(o: Record<string, unknown>): boolean {
  return typeof o.alg === 'string' && typeof o.ciphertext === 'string';
}

/**
 * Global rules. Copy-on-write: a value with nothing to remove comes back as
 * the same reference (most events: no allocation per field); anything
 * changed beneath a node gives that node a fresh copy. The input is never
 * mutated.
 */
function scrub(v: unknown, path: string, removed: string[]): unknown {
  if (Array.isArray(v)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < v.length; i++) {
      const x = v[i] !== null && typeof v[i] === 'object' ? scrub(v[i], `${path}[${i}]`, removed) : v[i];
      if (out === undefined && x !== v[i]) out = v.slice(0, i);
      if (out !== undefined) out.push(x);
    }
    return out ?? v;
  }
  if (v === null || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  if (isOfficialUseOnly(o)) {
    const kept: Record<string, unknown> = {};
    for (const k of OFFICIAL_USE_KEPT) if (k in o && isScalar(o[k])) kept[k] = o[k];
    removed.push(`${path || '.'}(official-use-only)`);
    return kept;
  }
  let out: Record<string, unknown> | undefined;
  for (const k in o) {
    if (!Object.prototype.hasOwnProperty.call(o, k)) continue;
    const x = o[k];
    if (SECRET_KEY.test(k) || (x !== null && typeof x === 'object' && !Array.isArray(x) && looksSealed(x as Record<string, unknown>))) {
      removed.push(path ? `${path}.${k}` : k);
      out ??= copyUntil(o, k);
      continue;
    }
    if (x === null || typeof x !== 'object') {
      // a scalar under an allowed key is kept as it is (no path string built for it)
      if (out !== undefined) out[k] = x;
      continue;
    }
    const y = scrub(x, path ? `${path}.${k}` : k, removed);
    if (out === undefined && y !== x) out = copyUntil(o, k);
    if (out !== undefined) out[k] = y;
  }
  return out ?? o;
}

/** The own keys of `o` before `stop`, in order (what a copy-on-write node has passed unchanged). */
function copyUntil(o: Record<string, unknown>, stop: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k in o) {
    if (k === stop) break;
    if (Object.prototype.hasOwnProperty.call(o, k)) out[k] = o[k];
  }
  return out;
}

/** Visit every (parent, key) that `segments` names; `a[]` walks every item of array `a`. */
function applyPath(
  node: unknown,
  segments: string[],
  path: string,
  fn: (parent: Record<string, unknown>, key: string, path: string) => void,
): void {
  if (node === null || typeof node !== 'object' || segments.length === 0) return;
  const [head, ...rest] = segments as [string, ...string[]];
  const many = head.endsWith('[]');
  const key = many ? head.slice(0, -2) : head;
  const o = node as Record<string, unknown>;
  if (!(key in o)) return;
  const p = path ? `${path}.${key}` : key;
  if (many) {
    const arr = o[key];
    if (!Array.isArray(arr)) return;
    arr.forEach((item, i) => {
      if (rest.length === 0) return;
      applyPath(item, rest, `${p}[${i}]`, fn);
    });
    return;
  }
  if (rest.length === 0) fn(o, key, p);
  else applyPath(o[key], rest, p, fn);
}

/**
 * The court's policy as its journal's public view (chain format 2,
 * runtime/journal/hash.ts): decided when the event is written, committed to
 * by the chain, sent as stored. Only the author leaves the court, never the
 * rest of the command meta. A policy change applies to events written after it.
 */
export function courtPublicView(opts: RedactOptions): (kind: string, type: string, data: Record<string, unknown>, meta: Record<string, unknown>) => { author: string; data: Record<string, unknown>; redacted: string[] } {
  return (kind, type, data, meta) => {
    const r = redact(kind, type, data, opts);
    // within IngestEventV2's bounds, so that a committed view is never refused by the centre's contract
    const redacted = r.redacted.length > 1000 ? [...r.redacted.slice(0, 999), '…'] : r.redacted;
    return { author: typeof meta.author === 'string' ? meta.author.slice(0, 200) : '', data: r.data, redacted: redacted.map((p) => p.slice(0, 300)) };
  };
}

/** The deployment's HMAC key for hashed fields: env ASDS_REDACTION_KEY, else a fixed development key. */
export function redactionKey(): string {
  return process.env.ASDS_REDACTION_KEY ?? 'asds-development-redaction-key';
}
