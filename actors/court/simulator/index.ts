/**
 * Court simulator (issue 6 item 6): drives REAL court nodes with a seeded,
 * realistic mix — registrations across the Засади categories, judges'
 * vacations and business trips, distribution, appeals (returned after
 * annulment, Засади 5.1.1) and decisions — so reports and benchmarks have data.
 *
 * Everything a court's staff does goes through its HTTP API: users,
 * `POST /registrations`, `PUT /judges/:id/availability` (reaches the
 * distribution actor's absences), `POST /distribution/cases` by the
 * distribution officer (with route 5.1.1 for appeals — the new proceeding is
 * filed under the same ЄУН, the link 5.1.1 needs), which writes the drawn
 * judge on the card, and `POST /cases/…/decision` by the judge the draw chose.
 *
 * Determinism: the whole plan (which request, with which body, in which order)
 * is generated from the seed before anything is sent, and requests go one at a
 * time. The judges the draw picks are NOT reproducible — Засади 4.8 wants a
 * CSPRNG — so decisions are sent by whoever the draw chose, and per-judge
 * figures differ between runs while per-court × category figures do not.
 *
 * Time: the simulated days are the D days ending today (court-local). By
 * default the court clock is real, so a document that "arrived" on an earlier
 * simulated day is registered today with the head of staff's order (Засади
 * 3.1), drawn today, and decided today at the earliest. With a timeline
 * (`asds simulate --timeline`, simulator/clock.ts) each court node's clock
 * starts D−1 days back and is moved forward a day at a time: every step
 * happens on its own day, terms run out and legal force arrives.
 *
 * Primary statistical data (Засади 16.1.1): the court's statistician enters
 * what the records cannot say — the article of a criminal case, the amount
 * claimed, the result of a decision on the merits and the amount awarded —
 * chosen from a hash of (seed, case), so the plan and its digest do not change.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { kyivDate } from '../dates.ts';
import { DEFAULT_ZASADY } from '../distribution/config.ts';
import { signDetached } from '../../pki/index.ts';

export const SIM_PASSWORD = 'simulator-pass-1';

/** Share of incoming documents per category (a district court's usual mix, roughly). */
export const MIX: Array<[category: string, weight: number, doc: string]> = [
  ['civil-claim', 28, 'позовна заява'],
  ['civil-writ', 10, 'заява про видачу судового наказу'],
  ['civil-special', 7, 'заява окремого провадження'],
  ['admin-offence', 22, 'протокол про адміністративне правопорушення'],
  ['administrative', 6, 'адміністративний позов'],
  ['criminal', 9, 'обвинувальний акт'],
  ['criminal-panel', 2, 'обвинувальний акт (колегія)'],
  ['investigator-request', 10, 'клопотання слідчого'],
  ['enforcement-control', 2, 'скарга на дії виконавця'],
  ['other', 4, 'інші матеріали'],
];

export type PlanStep =
  | { op: 'absence'; day: number; judge: string; kind: 'vacation' | 'business-trip'; from: number; length: number }
  | { op: 'register'; day: number; n: number; category: string; doc: string; sender: string }
  | { op: 'appeal'; day: number; of: number }
  | { op: 'decide'; day: number; of: number; outcome: 'decision' | 'judgment' | 'ruling-closing' | 'left-without-consideration' };

export interface SimPlan {
  seed: number;
  days: number;
  steps: PlanStep[];
  digest: string;
}

/** mulberry32: small, fast, good enough for a workload mix; the same seed gives the same stream. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Categories decided by «Рішення суду» on a claim (the template cites claimant and respondent). */
const CLAIMS = new Set(['civil-claim', 'administrative']);
const RESPONDENTS = ['ТОВ «Лубенський молокозавод»', 'Лубенська міська рада', 'ПрАТ «Полтаваобленерго»', 'Головне управління ДПС у Полтавській області'];

const SURNAMES = ['Іваненко', 'Петренко', 'Коваленко', 'Бондар', 'Шевченко', 'Мельник', 'Ткаченко', 'Кравченко', 'Олійник', 'Лисенко'];

/** The plan of one court: a pure function of (seed, days, casesPerDay, judges). */
export function planCourt(seed: number, days: number, casesPerDay: number, judges: string[]): SimPlan {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const total = MIX.reduce((s, m) => s + m[1], 0);
  const steps: PlanStep[] = [];
  let n = 0;
  const decided: number[] = [];
  const open: number[] = [];
  for (let day = 0; day < days; day++) {
    // availability: about one vacation a week and a trip every few days across the court
    if (r() < 0.2) steps.push({ op: 'absence', day, judge: pick(judges), kind: 'vacation', from: day, length: 7 + Math.floor(r() * 14) });
    if (r() < 0.3) steps.push({ op: 'absence', day, judge: pick(judges), kind: 'business-trip', from: day, length: 1 + Math.floor(r() * 4) });
    const count = Math.max(1, Math.round(casesPerDay * (0.8 + 0.4 * r())));
    for (let i = 0; i < count; i++) {
      let x = r() * total;
      const m = MIX.find((c) => (x -= c[1]) < 0) ?? MIX[0]!;
      steps.push({ op: 'register', day, n, category: m[0], doc: m[2], sender: `${pick(SURNAMES)} ${String.fromCharCode(1040 + Math.floor(r() * 28))}.` });
      open.push(n++);
    }
    // decisions: a share of the open cases each day (writs and offences go fastest)
    for (let i = open.length - 1; i >= 0; i--) {
      if (r() < 0.25) {
        const of = open[i]!;
        open.splice(i, 1);
        steps.push({ op: 'decide', day, of, outcome: pick(['decision', 'judgment', 'ruling-closing', 'left-without-consideration'] as const) });
        decided.push(of);
      }
    }
    // appeals: a few decided cases come back after annulment (5.1.1) — a new proceeding under the same ЄУН, once
    for (let i = decided.length - 1; i >= 0; i--) {
      if (r() < 0.03) {
        steps.push({ op: 'appeal', day, of: decided[i]! });
        decided.splice(i, 1);
      }
    }
  }
  const digest = createHash('sha256').update(JSON.stringify({ seed, days, casesPerDay, judges, steps })).digest('hex');
  return { seed, days, steps, digest };
}

export interface CourtTarget {
  court: string;
  /** Position of the court in the run (0, 1, …): its plan depends on the seed and this, not on the code. */
  ordinal: number;
  url: string;
  adminPassword: string;
}

export interface CourtSimResult {
  court: string;
  registrations: number;
  appeals: number;
  absences: number;
  /** `case-distributed` events: draws + transfers (what the workload report counts). */
  distributed: number;
  /** Judge participations in those (panels count each member). */
  assignments: number;
  decided: number;
  /** Statistical card entries by the statistician (Засади 16.1.1). */
  statEntries: number;
  /** Decisions drawn up and signed into an Original (with `signer`). */
  originals: number;
  waiting: number;
  impossible: number;
  failed: number;
  planDigest: string;
}

export interface SimOptions {
  seed: number;
  days: number;
  casesPerDay: number;
  onStep?: (done: number, total: number) => void;
  /** The node's clock follows the plan's days: called before the first step of each day (0 … days − 1). */
  timeline?: { advance(day: number): Promise<void> };
  /**
   * A judge's signing certificate and key (issued by the court's CA). Given: each decision on the merits and
   * judgment is also drawn up as the document «Рішення суду» and signed by its judge into an Original (Засади 13.2).
   */
  signer?: (login: string, fullName: string) => { certPem: string; keyPem: string };
  /** The staff's password (every simulated user has it). Default SIM_PASSWORD — `asds up` gives a random one of its own. */
  staffPassword?: string;
  /** Judges' full names by Засади id: judge users are created with them (the console shows people, not ids). */
  judgeNames?: ReadonlyMap<string, string>;
}

/** Judge ids of the Засади (the roster); logins are their lower-case form. */
export function rosterOf(zasadyFile = DEFAULT_ZASADY): string[] {
  const z = parse(readFileSync(zasadyFile, 'utf8')) as { judges: Array<{ id: string }> };
  return z.judges.map((j) => j.id);
}

/** The same Засади for another court: the example with the court code replaced. */
export function zasadyFor(court: string, zasadyFile = DEFAULT_ZASADY): string {
  return readFileSync(zasadyFile, 'utf8').replace(/^(\s*code:\s*)"?\d+"?/m, `$1"${court}"`);
}

class Http {
  constructor(readonly base: string) {}
  async call(method: string, path: string, token: string | undefined, body?: unknown): Promise<{ status: number; body: any }> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (token) headers.authorization = `Bearer ${token}`;
    const res = await fetch(this.base + path, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }
  async ok(method: string, path: string, token: string | undefined, body?: unknown, okStatus = [200, 201]): Promise<any> {
    const r = await this.call(method, path, token, body);
    if (!okStatus.includes(r.status)) throw new Error(`${method} ${path} → ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }
}

const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** Run one court's plan against its HTTP API (and its distribution actor over NATS). */
export async function simulateCourt(target: CourtTarget, judges: string[], o: SimOptions): Promise<CourtSimResult> {
  const plan = planCourt((o.seed + target.ordinal * 2654435761) >>> 0, o.days, o.casesPerDay, judges);
  const http = new Http(target.url.replace(/\/$/, ''));
  const today = kyivDate(Date.now());
  const dayDate = (d: number) => addDays(today, d - (o.days - 1));
  // On a timeline the node lives on day 0 when staff are appointed: their orders carry that date.
  const order = (number: string) => ({ number, date: o.timeline ? dayDate(0) : today });
  await o.timeline?.advance(0);

  // Staff (created once per court; a re-run logs in).
  const admin = (await http.ok('POST', '/auth/login', undefined, { login: 'admin', password: target.adminPassword })).token as string;
  const staff: Array<[string, string, string]> = [
    ['sim.registrar', 'registrar', 'Реєстратор (симулятор)'],
    ['sim.head', 'head_of_staff', 'Керівник апарату (симулятор)'],
    ['sim.officer', 'distribution_officer', 'Відповідальна особа (симулятор)'],
    ['sim.stat', 'statistician', 'Статистик (симулятор)'],
    ...judges.map((j): [string, string, string] => [j.toLowerCase(), 'judge', o.judgeNames?.get(j) ?? `Суддя ${j}`]),
  ];
  const password = o.staffPassword ?? SIM_PASSWORD;
  for (const [login, role, fullName] of staff) {
    await http.ok('POST', '/users', admin, { login, role, fullName, password, order: order('1-к') }, [201, 409]);
  }
  const tokens = new Map<string, string>();
  const tokenOf = async (login: string) => {
    if (!tokens.has(login)) tokens.set(login, (await http.ok('POST', '/auth/login', undefined, { login, password })).token);
    return tokens.get(login)!;
  };

  const res: CourtSimResult = { court: target.court, registrations: 0, appeals: 0, absences: 0, distributed: 0, assignments: 0, decided: 0, statEntries: 0, originals: 0, waiting: 0, impossible: 0, failed: 0, planDigest: plan.digest };
  const enterStats = async (c: { ueun: string; proceedingNumber: string }, fields: Record<string, unknown>) => {
    if (Object.keys(fields).length === 0) return;
    await http.ok('PUT', `/cases/${c.ueun}/stat-card`, await tokenOf('sim.stat'), { proceedingNumber: c.proceedingNumber, fields });
    res.statEntries++;
  };
  const facts = statFacts(plan.seed);
  const cases = new Map<number, { ueun: string; proceedingNumber: string; category: string; judge?: string; index: string }>();
  const indexOf = new Map(MIX.map(([c]) => [c, categoryIndex(c)]));

  const distribute = async (c: { ueun: string; proceedingNumber: string; category: string }, route?: Record<string, unknown>) => {
    const out = await http.ok('POST', '/distribution/cases', await tokenOf('sim.officer'), {
      case: { caseId: c.proceedingNumber, uniqueNumber: c.ueun, proceedingNumber: c.proceedingNumber, category: c.category, exclusions: [] },
      ...(route ? { route } : {}),
    });
    if (out.status === 'distributed' || out.status === 'transferred') {
      const comp = compositionOf(out.document.protocol);
      const presiding = String(comp.presiding);
      res.distributed++;
      res.assignments += 1 + comp.members.length + (comp.reserve ? 1 : 0);
      // The node wrote the drawn judge on the card from the protocol; if it could not, the protocol writes it now.
      if (!out.cardUpdated) await http.ok('POST', `/cases/${c.ueun}/assignment`, await tokenOf('sim.officer'), { proceedingNumber: c.proceedingNumber, protocol: out.documentId });
      return presiding.toLowerCase();
    }
    if (out.status === 'waiting') res.waiting++;
    else if (out.status === 'impossible') res.impossible++;
    else res.failed++;
    return undefined;
  };

  let day = 0;
  for (let i = 0; i < plan.steps.length; i++) {
    const s = plan.steps[i]!;
    const date = dayDate(s.day);
    if (o.timeline && s.day !== day) await o.timeline.advance((day = s.day));
    // what the node's clock says today: a step's own day on a timeline, the real today otherwise
    const now = o.timeline ? date : today;
    if (s.op === 'absence') {
      const absence = { kind: s.kind, from: date, to: addDays(date, s.length - 1), basis: { kind: 'order' as const, number: `${s.day + 1}-в/${i}`, date } };
      await http.ok('PUT', `/judges/${s.judge.toLowerCase()}/availability`, await tokenOf('sim.head'), absence);
      res.absences++;
    } else if (s.op === 'register') {
      const index = indexOf.get(s.category)!;
      const body = {
        index,
        arrivalDate: date,
        document: { kind: s.doc, title: `${s.doc} №${s.n + 1}`, sender: s.sender },
        description: `${s.doc} (симуляція, день ${s.day + 1})`,
        // a claim names its claimant and respondent (what the decision's template cites); other materials their applicant
        parties: CLAIMS.has(s.category) ? [{ role: 'позивач', name: s.sender }, { role: 'відповідач', name: RESPONDENTS[s.n % RESPONDENTS.length]! }] : [{ role: 'заявник', name: s.sender }],
        ...(date < now ? { late: { order: { number: `${s.day + 1}-р`, date: now }, reason: 'документ надійшов у неробочий час системи', termUntil: now } } : {}),
      };
      const reg = await http.ok('POST', '/registrations', await tokenOf('sim.registrar'), body);
      res.registrations++;
      const c = { ueun: reg.ueun as string, proceedingNumber: reg.proceedingNumber as string, category: s.category, index };
      cases.set(s.n, c);
      await enterStats(c, facts.onRegistration(s.n, s.category));
      const judge = await distribute(c);
      if (judge) cases.set(s.n, { ...c, judge });
    } else if (s.op === 'decide') {
      const c = cases.get(s.of);
      if (!c?.judge) continue;
      await http.ok('POST', `/cases/${c.ueun}/decision`, await tokenOf(c.judge), { proceedingNumber: c.proceedingNumber, outcome: s.outcome, date: now });
      res.decided++;
      await enterStats(c, facts.onDecision(s.of, c.category, s.outcome));
      if (o.signer && CLAIMS.has(c.category) && (s.outcome === 'decision' || s.outcome === 'judgment')) {
        await signedDecision(http, c.ueun, c.judge, await tokenOf(c.judge), o.signer(c.judge, `Суддя ${c.judge.toUpperCase()}`));
        res.originals++;
      }
    } else {
      const c = cases.get(s.of);
      if (!c?.judge) continue;
      const body = {
        index: c.index,
        arrivalDate: date,
        existingUeun: c.ueun,
        document: { kind: 'справа після скасування рішення', title: `повернення справи ${c.ueun}`, sender: 'Полтавський апеляційний суд' },
        description: 'справа надійшла з апеляційної інстанції після скасування рішення',
        parties: [{ role: 'суд', name: 'Полтавський апеляційний суд' }],
        ...(date < now ? { late: { order: { number: `${s.day + 1}-р`, date: now }, reason: 'документ надійшов у неробочий час системи', termUntil: now } } : {}),
      };
      const reg = await http.ok('POST', '/registrations', await tokenOf('sim.registrar'), body);
      res.appeals++;
      const a = { ueun: reg.ueun as string, proceedingNumber: reg.proceedingNumber as string, category: c.category, index: c.index };
      await enterStats(a, facts.onRegistration(s.of, c.category));
      await distribute(a, { ground: '5.1.1', relatedCaseId: c.proceedingNumber });
    }
    o.onStep?.(i + 1, plan.steps.length);
  }
  return res;
}

/**
 * What the statistician enters for case `n` (Засади 16.1.1), as the stats-control rules of the example court
 * require (deploy/examples/lubny/stats-control.yaml): an article of the Criminal Code for a criminal case, the
 * amount claimed of a civil claim (kopecks), and — for a decision on the merits or a judgment, whose result the
 * records do not say — the result and the amount awarded. A ruling closing the case or leaving it without
 * consideration fixes its result itself (analytics/stats/derive.ts).
 */
export function statFacts(seed: number) {
  const h = (n: number, what: string) => createHash('sha256').update(`${seed}/${n}/${what}`).digest().readUInt32BE(0) / 2 ** 32;
  const claimed = (n: number) => 1_000_00 + Math.floor(h(n, 'claimed') * 500_000) * 100;
  const criminal = (category: string) => category.startsWith('criminal');
  return {
    onRegistration(n: number, category: string): Record<string, unknown> {
      if (criminal(category)) return { article: ['185', '186', '190', '121', '289', '309'][Math.floor(h(n, 'article') * 6)] };
      if (category === 'civil-claim') return { amountClaimed: claimed(n) };
      return {};
    },
    onDecision(n: number, category: string, outcome: string): Record<string, unknown> {
      if (outcome !== 'decision' && outcome !== 'judgment') return {};
      const yes = h(n, 'result') < 0.8;
      if (criminal(category)) return { result: yes ? 'convicted' : 'acquitted' };
      if (category === 'admin-offence') return { result: yes ? 'imposed' : 'closed' };
      if (category === 'investigator-request') return { result: yes ? 'satisfied' : 'refused' };
      if (category === 'civil-claim') return yes ? { result: 'satisfied', amountAwarded: Math.floor((claimed(n) * (0.5 + h(n, 'awarded') / 2)) / 100) * 100 } : { result: 'refused' };
      return { result: yes ? 'satisfied' : 'refused' };
    },
  };
}

/** «Рішення суду» from the court's template, signed by its judge with a detached CMS: the Original (Засади 13.2). */
async function signedDecision(http: Http, ueun: string, judge: string, token: string, key: { certPem: string; keyPem: string }): Promise<void> {
  const doc = await http.ok('POST', '/documents', token, {
    template: 'rishennia',
    ueun,
    signers: [judge],
    fields: { place: 'м. Лубни', reasoning: 'Суд, дослідивши матеріали справи (симуляція), встановив обставини, наведені сторонами.', operativePart: 'Позов задовольнити (симуляція).', appealNotice: 'Рішення може бути оскаржене в апеляційному порядку протягом тридцяти днів.' },
  });
  const id = encodeURIComponent(doc.id as string);
  const res = await fetch(`${http.base}/documents/${id}/content`, { headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 200) throw new Error(`GET /documents/${id}/content → ${res.status}`);
  const cms = signDetached({ content: Buffer.from(await res.arrayBuffer()), certPem: key.certPem, keyPem: key.keyPem }).toString('base64');
  const signed = await http.ok('POST', `/documents/${id}/signatures`, token, { cms });
  if (signed.state !== 'Original') throw new Error(`decision ${doc.id as string}: ${JSON.stringify(signed).slice(0, 300)}`);
}

/** A draw names `chosen`, a transfer `to`. */
function compositionOf(protocol: any): { presiding: string; members: string[]; reserve?: string } {
  const c = protocol.chosen ?? protocol.to;
  if (c?.presiding) return c;
  throw new Error(`no composition in protocol: ${JSON.stringify(protocol).slice(0, 300)}`);
}

function categoryIndex(category: string): string {
  const z = parse(readFileSync(DEFAULT_ZASADY, 'utf8')) as { categories: Array<{ id: string; proceedingIndex: string }> };
  return String(z.categories.find((c) => c.id === category)!.proceedingIndex);
}
