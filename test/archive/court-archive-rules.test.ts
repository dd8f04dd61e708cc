/**
 * The court's archive rules (Засади 17.1; actors/court/archive rules.ts, config.ts, behavior.ts) as pure functions:
 * which cases are due (every proceeding in legal force, execution where the category asks for it, the holding
 * period), the retention term, automatic confirmation by configuration in the daily list (a durable reminder), and
 * a configuration with errors refused with every problem named.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { DecideContext, Effect } from '../../runtime/index.ts';
import { archiveBehavior, archiveConfigIssues, loadArchiveConfig, nextKyivTime, readiness, type ArchiveEvent, type ArchiveState } from '../../actors/court/archive/index.ts';
import type { ArchiveCommandV1, ArchiveConfigV1 } from '../../contracts/court/archive.ts';
import { kyivDate } from '../../actors/court/dates.ts';

const test = suite('court archive rules: due cases, retention, automatic confirmation');

const config = (automatic: boolean): ArchiveConfigV1 => ({
  schema: 'asds.archive/v1',
  automatic,
  dailyAt: '06:00',
  defaultCategory: 'civil',
  categories: [
    { id: 'civil', title: 'цивільні справи', indexes: ['2'], holdingDays: 30, retentionYears: 5, retentionSource: 'п. 1 переліку (приклад)' },
    { id: 'criminal', title: 'кримінальні провадження', indexes: ['1-кп'], execution: true, holdingDays: 10, retentionYears: null },
  ],
});

// 2026-03-10 12:00 Kyiv
const NOON = Date.UTC(2026, 2, 10, 10, 0);
const ctxAt = (now: number, meta: Record<string, unknown> = { author: 'archive.sydorenko', role: 'archivist' }, reminder?: DecideContext['reminder']): DecideContext => ({
  self: { node: 'court-537', kind: 'archive', id: '537' },
  now,
  meta,
  randomBytes: (n) => new Uint8Array(n),
  seq: 0,
  ...(reminder ? { reminder } : {}),
});

function run(b: ReturnType<typeof archiveBehavior>, state: ArchiveState, cmd: ArchiveCommandV1, ctx: DecideContext): { state: ArchiveState; events: ArchiveEvent[]; reply: any; effects: Effect[] } {
  const d = b.decide(state, cmd, ctx);
  let s = state;
  for (const e of d.events ?? []) s = b.evolve(s, e);
  return { state: s, events: d.events ?? [], reply: d.reply, effects: d.effects ?? [] };
}

const caseState = (ueun: string, proceedings: Array<[string, string | null]>, covert = false): ArchiveCommandV1 => ({ type: 'case-state', gseq: 1, state: { ueun, covert, proceedings: proceedings.map(([proceedingNumber, legalForce]) => ({ proceedingNumber, legalForce })) } });

test('due after legal force of every proceeding plus the holding period; the retention term from the category', () => {
  const c = config(false);
  const r = readiness(c, { covert: false, proceedings: [{ proceedingNumber: '2/537/1/26', legalForce: '2026-01-15' }] });
  assert.is(r.dueDate, '2026-02-14');
  assert.is(r.category.id, 'civil');
  assert.equal(r.retention, { years: 5, until: '2031-12-31', text: 'зберігати 5 р., до 31 грудня 2031 року включно (п. 1 переліку (приклад))' });
  assert.match(r.note, /^Підлягає передачі з 14 лютого 2026 року: набрання законної сили \(15 січня 2026 року\) і 30 дн\./);
  const open = readiness(c, { covert: false, proceedings: [{ proceedingNumber: '2/537/1/26', legalForce: '2026-01-15' }, { proceedingNumber: '4-с/537/1/26', legalForce: null }] });
  assert.is(open.dueDate, null);
  assert.is(open.note, 'Не набрало законної сили: провадження № 4-с/537/1/26');
  const covert = readiness(c, { covert: true, proceedings: [{ proceedingNumber: '2/537/1/26', legalForce: '2026-01-15' }] });
  assert.is(covert.dueDate, null);
  assert.match(covert.note, /негласні відомості/);
});

test('a category that waits for execution: not due until it is recorded, then from the later day; permanent retention', () => {
  const c = config(false);
  const facts = { covert: false, proceedings: [{ proceedingNumber: '1-кп/537/2/26', legalForce: '2026-01-10' }] };
  const before = readiness(c, facts);
  assert.is(before.dueDate, null);
  assert.is(before.note, 'Не внесено відомостей про завершення виконання (категорія «кримінальні провадження»)');
  const after = readiness(c, { ...facts, execution: { date: '2026-02-01', at: 0, by: { login: 'a', role: 'archivist' } } });
  assert.is(after.dueDate, '2026-02-11');
  assert.equal(after.retention, { years: null, until: null, text: 'зберігати постійно' });
});

test('the actor: an untracked card without legal force writes nothing; confirming before the due day names why', () => {
  const b = archiveBehavior(config(false));
  let s = b.initialState('537');
  const none = run(b, s, caseState('537/1/26', [['2/537/1/26', null]]), ctxAt(NOON));
  assert.equal(none.events, []);
  s = run(b, s, caseState('537/1/26', [['2/537/1/26', '2026-03-01']]), ctxAt(NOON)).state;
  // the same facts again: nothing new
  assert.equal(run(b, s, caseState('537/1/26', [['2/537/1/26', '2026-03-01']]), ctxAt(NOON)).events, []);
  try {
    run(b, s, { type: 'confirm', ueun: '537/1/26' }, ctxAt(NOON));
    assert.unreachable('confirmed before the holding period ended');
  } catch (e) {
    assert.is((e as { code?: string }).code, 'ARCHIVE_NOT_DUE');
    assert.is(((e as { details: { dueDate: string } }).details).dueDate, '2026-03-31');
  }
  const due = run(b, s, { type: 'due' }, ctxAt(NOON)).reply;
  assert.equal(due.cases, [], 'not listed before its day');
  const later = Date.UTC(2026, 3, 1, 10);
  const listed = run(b, s, { type: 'due' }, ctxAt(later)).reply;
  assert.equal(listed.cases.map((x: { ueun: string; state: string }) => [x.ueun, x.state]), [['537/1/26', 'due']]);
  const ok = run(b, s, { type: 'confirm', ueun: '537/1/26' }, ctxAt(later));
  assert.is(ok.events[0]!.type, 'archive-confirmed');
  assert.equal((ok.events[0] as { by: unknown }).by, { login: 'archive.sydorenko', role: 'archivist' });
  assert.equal(run(b, ok.state, { type: 'to-package' }, ctxAt(later)).reply.map((x: { ueun: string }) => x.ueun), ['537/1/26']);
  // legal force withdrawn after a timely appeal (Засади 11.1): back to the list, nothing to package
  const withdrawn = run(b, ok.state, caseState('537/1/26', [['2/537/1/26', null]]), ctxAt(later)).state;
  assert.equal(run(b, withdrawn, { type: 'to-package' }, ctxAt(later)).reply, []);
  assert.is(run(b, withdrawn, { type: 'case', ueun: '537/1/26' }, ctxAt(later)).reply.state, 'waiting');
});

test('the daily reminder lists due cases; automatic by configuration confirms them in the same write and re-arms', () => {
  for (const automatic of [false, true]) {
    const b = archiveBehavior(config(automatic));
    let s = b.initialState('537');
    const armed = run(b, s, { type: 'arm' }, ctxAt(NOON, { author: 'system:archive-feeder' }));
    s = armed.state;
    const sched = armed.effects.find((e) => e.type === 'schedule') as Extract<Effect, { type: 'schedule' }>;
    assert.is(sched.name, 'archive-daily');
    assert.is(sched.dueAt, nextKyivTime(NOON, '06:00'));
    assert.is(run(b, s, { type: 'arm' }, ctxAt(NOON)).events.length, 0, 'armed once');
    s = run(b, s, caseState('537/1/26', [['2/537/1/26', '2026-01-01']]), ctxAt(NOON)).state;
    s = run(b, s, caseState('537/2/26', [['2/537/2/26', '2026-03-09']]), ctxAt(NOON)).state;
    const fire = nextKyivTime(NOON, '06:00');
    const daily = run(b, s, { type: 'daily' }, ctxAt(fire, { author: 'system:reminder' }, { name: 'archive-daily', dueAt: fire, coalesced: 1 }));
    assert.equal(daily.events[0], { type: 'archive-due-listed', date: kyivDate(fire), due: ['537/1/26'], automatic: automatic ? ['537/1/26'] : [] });
    const confirmed = daily.events.filter((e) => e.type === 'archive-confirmed');
    assert.is(confirmed.length, automatic ? 1 : 0);
    if (automatic) assert.equal((confirmed[0] as { automatic: boolean; by: unknown }).by, { login: 'system', role: 'system' });
    const rearm = daily.effects.find((e) => e.type === 'schedule') as Extract<Effect, { type: 'schedule' }>;
    assert.ok(rearm.dueAt > fire, 're-armed for the next day');
    const view = run(b, daily.state, { type: 'case', ueun: '537/1/26' }, ctxAt(fire)).reply;
    assert.is(view.state, automatic ? 'confirmed' : 'due');
  }
});

test('a package is recorded only for a confirmed case; a receipt must name the node that sent it', () => {
  const b = archiveBehavior(config(false));
  let s = b.initialState('537');
  s = run(b, s, caseState('537/1/26', [['2/537/1/26', '2026-01-01']]), ctxAt(NOON)).state;
  const built = { ueun: '537/1/26', packageId: '537_537-1-26_20260310T100000Z', tagmanifestSha256: 'ab'.repeat(32), files: 12, bytes: 4096 };
  assert.throws(() => run(b, s, { type: 'record-package', built }, ctxAt(NOON)), (e: { code?: string }) => e.code === 'ARCHIVE_NOT_CONFIRMED');
  s = run(b, s, { type: 'confirm', ueun: '537/1/26' }, ctxAt(NOON)).state;
  s = run(b, s, { type: 'record-package', built }, ctxAt(NOON)).state;
  const receipt = { v: 1 as const, court: '537', ueun: '537/1/26', packageId: built.packageId, tagmanifestSha256: built.tagmanifestSha256, files: 12, bytes: 4096, acceptedAt: NOON, centre: 'central-1', passport: 'x'.repeat(20), sig: 'A'.repeat(86) };
  // in-process (no verified sender) or from another central node than the receipt names: refused
  for (const meta of [{ author: 'system' }, { author: 'node:central-2', node: 'central-2', nodeClass: 'central' }]) {
    try {
      run(b, s, { type: 'record-receipt', packageId: built.packageId, receipt }, ctxAt(NOON, meta));
      assert.unreachable('accepted');
    } catch (e) {
      assert.is((e as { code?: string }).code, 'ARCHIVE_RECEIPT_MISMATCH');
      assert.equal((e as { details: { fields: string[] } }).details.fields, ['centre']);
    }
  }
  // an appeal after the package (legal force withdrawn): back to the list, the old package's receipt is not taken
  const reopened = run(b, s, caseState('537/1/26', [['2/537/1/26', null]]), ctxAt(NOON)).state;
  assert.is(reopened.cases['537/1/26']!.stage, 'open');
  assert.throws(() => run(b, reopened, { type: 'record-receipt', packageId: built.packageId, receipt }, ctxAt(NOON, { author: 'node:central-1', node: 'central-1', nodeClass: 'central' })), (e: { code?: string }) => e.code === 'ARCHIVE_PACKAGE_UNKNOWN');
  const ok = run(b, s, { type: 'record-receipt', packageId: built.packageId, receipt }, ctxAt(NOON, { author: 'node:central-1', node: 'central-1', nodeClass: 'central' }));
  assert.is(ok.events[0]!.type, 'archive-transferred');
  const ask = ok.effects[0] as Extract<Effect, { type: 'ask' }>;
  assert.equal([ask.to.kind, ask.to.id, (ask.message as { type: string }).type], ['case', '537/1/26', 'archive-mark']);
  // the card did not confirm the mark (a crash between the two writes): the daily run sends it again until it does
  let t = ok.state;
  assert.equal(run(b, t, { type: 'card-marked', correlation: ask.correlation!, ok: false, error: { code: 'ASK_TIMEOUT' } }, ctxAt(NOON)).events, []);
  const daily = run(b, t, { type: 'daily' }, ctxAt(NOON + 86_400_000, { author: 'system:reminder' }));
  const resent = daily.effects.filter((e) => e.type === 'ask') as Array<Extract<Effect, { type: 'ask' }>>;
  assert.equal(resent.map((e) => e.correlation), [ask.correlation]);
  t = run(b, daily.state, { type: 'card-marked', correlation: ask.correlation!, ok: true, reply: { marked: true } }, ctxAt(NOON)).state;
  assert.equal(run(b, t, { type: 'daily' }, ctxAt(NOON + 2 * 86_400_000)).effects.filter((e) => e.type === 'ask'), [], 'confirmed: not sent again');
});

test('the Lubny archive.yaml loads; a configuration with errors is refused with every problem', () => {
  loadArchiveConfig(parse(readFileSync('deploy/examples/lubny/archive.yaml', 'utf8')));
  const bad = { ...config(false), defaultCategory: 'nope', categories: [...config(false).categories, { id: 'civil', title: 'ще раз', indexes: ['2'], holdingDays: 1, retentionYears: 1 }] };
  const issues = archiveConfigIssues(bad).map((i) => i.code).sort();
  assert.equal(issues, ['DUPLICATE_ID', 'INDEX_IN_TWO_CATEGORIES', 'UNKNOWN_CATEGORY']);
  assert.ok(archiveConfigIssues({ ...config(false), dailyAt: '25:00' }).some((i) => i.code === 'SCHEMA'));
});

test('the next daily run is 06:00 Kyiv, winter and summer', () => {
  assert.is(new Date(nextKyivTime(Date.UTC(2026, 0, 10, 12), '06:00')).toISOString(), '2026-01-11T04:00:00.000Z');
  assert.is(new Date(nextKyivTime(Date.UTC(2026, 6, 10, 2), '06:00')).toISOString(), '2026-07-10T03:00:00.000Z');
});

test.run();
