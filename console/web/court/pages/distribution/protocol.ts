/**
 * «Протокол автоматизованого розподілу» (`#/protocols/:id`): the sealed protocol (GET /protocols/:id) for people —
 * the case, its category, the judges left out with the reasons and documents (Засади 4.5–4.8), every candidate's
 * load figures and probability (6.4–6.6), the chosen composition, the time and the Засади version; «Друкувати»
 * opens the court's PDF (GET /protocols/:id/pdf), «Перевірити» recomputes the draw and checks the court seal
 * (GET /protocols/:id/verify, the same check as `asds verify-protocol`).
 *
 *   { path: '/protocols/:id', render: (p) => protocolPage(p.id!) }
 */
import { api, ApiError, openBlob } from '../../../lib/api.ts';
import { facts, h, link, notice, replace, type Child } from '../../../lib/dom.ts';
import { dateTimeUk, dateUk, longDateUk, numberUk } from '../../../lib/format.ts';
import { table } from '../../../lib/table.ts';
import { categoryName, directory, judgeName, type Directory } from '../../directory.ts';
import { basisText, caseLink, COMPOSITION_MODE, PROTOCOL_KIND, REPEAT_REASON, STEP_ROLE, uk } from './labels.ts';

type Ref = { kind: string; number: string; date: string; issuer?: string };
interface Reason { code: string; rule: string; text: string; basis?: Ref; window?: { from: string; to?: string } }
interface Figures { judgeId: string; L: number; Lp: number; r: number; N: number; dWindow: number; dAvailable: number }
type Candidate = (Figures & { w: number; p: number }) | { panelId: string; members: Figures[]; N: number; w: number; p: number };
interface Step { label: string; role: string; u: number; candidates: Candidate[]; chosen: string }
interface Protocol {
  kind: string;
  algorithm: string;
  court: string;
  case: { caseId: string; uniqueNumber?: string; proceedingNumber?: string; category: string };
  at: string;
  date: string;
  zasady: { id: string; decisionNumber: string; effectiveFrom: string };
  roster?: { version: string; judges: number };
  excluded?: Array<{ judgeId: string; reasons: Reason[] }>;
  policy?: { id: string };
  composition?: { size: number; mode: string };
  steps?: Step[];
  chosen?: { presiding: string; members: string[]; reserve?: string; panelId?: string };
  replaced?: { judgeId: string; basis?: Ref };
  replacedJudges?: string[];
  panelBefore?: string[];
  // impossibility (4.10)
  needed?: number;
  eligible?: string[];
  runOn?: string | null;
  rule?: string;
  // transfer (4.17, 5.1–5.2)
  ground?: { code: string; text: string };
  to?: { presiding: string; members: string[] };
  basis?: Ref;
}
export interface ProtocolDocument {
  documentId: string;
  state: string;
  kind: string;
  title: string;
  attempt: { seq: number };
  order?: { ref: Ref; reason: string; reasonText: string; rule: string; memo?: Ref };
  routing?: { rule: string; note: string };
  protocol: Protocol;
  journal?: { gseq: number; hash: string };
}
interface Verification { ok: boolean; recomputed?: boolean; seal: string | null; trustAnchor: boolean; journalRowOk: boolean; problems: string[] }

const num = (n: number) => n.toLocaleString('uk-UA', { maximumFractionDigits: 4 });
const percent = (p: number) => `${numberUk(p * 100, 1)} %`;

function excludedTable(p: Protocol, d: Directory): Child {
  const rows = (p.excluded ?? []).flatMap((x) => x.reasons.map((r, i) => ({ judgeId: x.judgeId, r, first: i === 0 })));
  return table(rows, [
    { label: 'Суддя', value: (x) => (x.first ? judgeName(d, x.judgeId) : '') },
    { label: 'Причина', value: (x) => x.r.text },
    { label: 'Пункт', value: (x) => x.r.rule },
    { label: 'Період', value: (x) => (x.r.window ? `${dateUk(x.r.window.from)} — ${x.r.window.to ? dateUk(x.r.window.to) : 'без кінцевої дати'}` : '') },
    { label: 'Документ-підстава', value: (x) => basisText(x.r.basis) },
  ], { caption: 'Судді, які не беруть участі в розподілі', empty: 'Усі судді, що мають спеціалізацію, брали участь у розподілі.', id: 'excluded' });
}

function stepBlock(s: Step, k: number, d: Directory): Child {
  const name = (c: Candidate) => ('judgeId' in c ? judgeName(d, c.judgeId) : `колегія ${c.panelId}: ${c.members.map((m) => judgeName(d, m.judgeId)).join(', ')}`);
  const id = (c: Candidate) => ('judgeId' in c ? c.judgeId : c.panelId);
  const fig = (c: Candidate, f: keyof Figures) => ('judgeId' in c ? num(c[f] as number) : '');
  return h(
    'section',
    { class: 'step' },
    h('h3', null, `Крок ${k + 1}: ${uk(STEP_ROLE, s.role)}`),
    h('p', null, `Випадкове число u = ${String(s.u).replace('.', ',')}; обрано: `, h('strong', null, s.role === 'panel' ? `колегію ${s.chosen}` : judgeName(d, s.chosen))),
    table(s.candidates, [
      { label: 'Суддя', value: (c) => name(c) },
      { label: 'Навантаження L', value: (c) => fig(c, 'L'), class: 'num' },
      { label: 'L′ (з урахуванням відсутності)', value: (c) => fig(c, 'Lp'), class: 'num' },
      { label: 'Зменшення r', value: (c) => fig(c, 'r'), class: 'num' },
      { label: 'Коефіцієнт N', value: (c) => num(c.N), class: 'num' },
      { label: 'Вага w', value: (c) => num(c.w), class: 'num' },
      { label: 'Ймовірність', value: (c) => percent(c.p), class: 'num' },
      { label: 'Результат', value: (c) => (id(c) === s.chosen ? h('strong', null, 'обрано') : '') },
    ], { caption: `Кандидати (крок ${k + 1})`, rowClass: (c) => (id(c) === s.chosen ? 'chosen' : undefined) }),
  );
}

function outcome(p: Protocol, d: Directory): Child {
  if (p.kind === 'impossibility') {
    return notice('error', `Автоматизований розподіл неможливий (п. ${p.rule} Засад): потрібно суддів — ${p.needed}, можуть брати участь — ${p.eligible?.length ?? 0}. `, p.runOn ? `Розподіл буде здійснено ${longDateUk(p.runOn)}.` : 'Дня розподілу не встановлено: справа очікує.');
  }
  const to = p.kind === 'transfer' ? p.to : p.chosen;
  if (!to) return null;
  return h(
    'section',
    { class: 'chosen-composition' },
    h('h2', null, 'Визначений склад суду'),
    facts([
      ['Головуючий (суддя-доповідач)', h('strong', { id: 'presiding' }, judgeName(d, to.presiding))],
      ['Члени колегії', to.members.map((m) => judgeName(d, m)).join(', ')],
      ['Запасний суддя', p.chosen?.reserve ? judgeName(d, p.chosen.reserve) : ''],
    ]),
  );
}

function verificationView(v: Verification): HTMLElement {
  const seal = (v.seal ?? '').replace(/^[A-Z_]+\s*/, '');
  if (v.ok) {
    return notice('ok', h('strong', null, 'Протокол достовірний. '), 'Жеребкування перераховано — результат збігається з протоколом; ', `печатку суду перевірено${seal ? ` (${seal})` : ''}; `, 'запис у журналі суду не змінено.');
  }
  return notice(
    'error',
    h('strong', null, 'Протокол НЕ пройшов перевірку. '),
    v.recomputed === undefined ? '' : v.recomputed ? 'Результат жеребкування збігається; ' : 'Перерахований результат жеребкування не збігається з протоколом; ',
    v.trustAnchor ? `печатка суду: ${seal || 'не перевірено'}; ` : 'сертифіката печатки суду немає — печатку не перевірено; ',
    v.journalRowOk ? 'запис у журналі не змінено.' : 'запис у журналі суду змінено!',
    h('details', null, h('summary', null, 'Технічні відомості'), h('ul', null, v.problems.map((p) => h('li', null, p)))),
  );
}

/**
 * «Друкувати» (the court's PDF of a sealed record) and «Перевірити» (recomputation, seal, journal row) for a record
 * under `base`: '/protocols' (distribution) or '/jurors/documents', '/duty/documents' (jurors' and duty draws).
 */
export function recordActions(documentId: string, base: string, extra?: Child): Child {
  const result = h('div', { id: 'verification', 'aria-live': 'polite' });
  const status = h('div', { class: 'no-print', 'aria-live': 'polite' });
  const print = h('button', { type: 'button' }, 'Друкувати');
  print.addEventListener('click', async () => {
    print.disabled = true;
    try {
      openBlob(await api.blob(`${base}/${encodeURIComponent(documentId)}/pdf`), `${documentId}.pdf`);
      replace(status, notice('ok', 'Протокол у PDF відкрито для друку.'));
    } catch (e) {
      replace(status, notice('error', e instanceof ApiError ? e.messageUk : 'Не вдалося отримати PDF.'));
    } finally {
      print.disabled = false;
    }
  });
  const verify = h('button', { type: 'button', class: 'secondary' }, 'Перевірити');
  verify.addEventListener('click', async () => {
    verify.disabled = true;
    replace(result, h('p', { class: 'loading' }, 'Перевірка…'));
    try {
      replace(result, verificationView(await api.get<Verification>(`${base}/${encodeURIComponent(documentId)}/verify`)));
    } catch (e) {
      replace(result, notice('error', e instanceof ApiError ? e.messageUk : 'Перевірку не виконано.'));
    } finally {
      verify.disabled = false;
    }
  });
  return [h('div', { class: 'actions' }, print, verify, extra), status, result];
}

export function protocolView(doc: ProtocolDocument, d: Directory, role: string): Child {
  const p = doc.protocol;
  return [
    h('p', null, d.court.name),
    h('h2', null, doc.title),
    recordActions(doc.documentId, '/protocols', h('button', { type: 'button', class: 'secondary', on: { click: () => window.print() } }, 'Друк сторінки')),
    // Засади 4.12–4.16: the head of staff orders a repeated distribution of this case
    role === 'head_of_staff' ? h('p', { class: 'no-print' }, link(`/repeated?caseId=${encodeURIComponent(p.case.caseId)}`, 'Повторний розподіл цієї справи')) : null,
    facts([
      ['Номер документа', doc.documentId],
      ['Стан', doc.state === 'Original' ? 'оригінал (засвідчено печаткою суду)' : doc.state],
      ['Вид', uk(PROTOCOL_KIND, p.kind)],
      ['Справа', [p.case.uniqueNumber ? ['ЄУН ', caseLink(p.case.uniqueNumber)] : null, p.case.proceedingNumber ? `, провадження № ${p.case.proceedingNumber}` : ` ${p.case.caseId}`]],
      ['Категорія справи', categoryName(d, p.case.category)],
      ['Дата і час розподілу', `${dateTimeUk(p.at)} (за київським часом)`],
      ['Склад суду', p.composition ? `${uk(COMPOSITION_MODE, p.composition.mode)}${p.composition.size > 1 ? `, ${p.composition.size} судді` : ''}` : ''],
      ['Засади', `версія «${p.zasady.id}», рішення зборів суддів ${p.zasady.decisionNumber} (чинні з ${dateUk(p.zasady.effectiveFrom)})`],
      ['Список суддів', p.roster ? `версія «${p.roster.version}», суддів — ${p.roster.judges}` : ''],
      ['Порядок відбору', p.policy ? `${p.policy.id === 'inverse-load-v1' ? 'ймовірність обернено пропорційна навантаженню' : 'найменше навантаження у вікні'} (${p.algorithm})` : ''],
      ['Порядковий номер спроби', String(doc.attempt.seq)],
      ['Розпорядження', doc.order ? `${basisText(doc.order.ref)} — ${uk(REPEAT_REASON, doc.order.reason)}; мотиви: ${doc.order.reasonText}` : ''],
      ['Службова записка', doc.order?.memo ? basisText(doc.order.memo) : ''],
      ['Підстава', doc.routing ? `${doc.routing.note} (п. ${doc.routing.rule} Засад)` : p.ground ? `${p.ground.text} (п. ${p.ground.code} Засад)` : ''],
      ['Замінювані судді', (p.replacedJudges ?? (p.replaced ? [p.replaced.judgeId] : [])).map((j) => judgeName(d, j)).join(', ')],
      ['Склад до заміни', (p.panelBefore ?? []).map((j) => judgeName(d, j)).join(', ')],
    ]),
    outcome(p, d),
    p.kind === 'transfer' ? null : [h('h2', null, 'Судді, які не брали участі'), excludedTable(p, d)],
    (p.steps ?? []).length ? [h('h2', null, 'Жеребкування'), (p.steps ?? []).map((s, k) => stepBlock(s, k, d))] : null,
    doc.journal ? h('p', { class: 'hint' }, `Запис у журналі суду № ${doc.journal.gseq}.`) : null,
  ];
}

export async function protocolPage(id: string): Promise<Child> {
  const [doc, d, me] = await Promise.all([api.get<ProtocolDocument>(`/protocols/${encodeURIComponent(id)}`), directory(), api.get<{ role: string }>('/auth/me')]);
  return protocolView(doc, d, me.role);
}
