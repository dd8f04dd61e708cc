/**
 * The court node's actors count days on the court's own calendar — the
 * `calendar.yaml` beside its Засади — not on the built-in `ua-martial-law`
 * (issue 13 item 6): the duty of investigating judges on days off (Засади
 * 4.6) and the force-majeure mode's working days (15.1).
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { courtBehaviors } from '../../actors/court/node.ts';
import { initCourtCa } from '../../actors/pki/index.ts';
import { cleanup, tempDir } from '../support/servers.ts';
import { TEST_KEY_PASSPHRASE } from '../support/keys.ts';
import { kyiv, ORDER, startNode } from './jurors/support.ts';

const test = suite('court calendar: duty and outage use the court calendar.yaml');
test.after(cleanup);

const LUBNY = 'deploy/examples/lubny';
/** Friday 13 June 2025: a day off by the court's calendar (e.g. a local decision), a working day by `ua-martial-law`. */
const DAY_OFF = '2025-06-13';

function courtRulesDir(): string {
  const dir = tempDir('asds-court-calendar-');
  copyFileSync(join(LUBNY, 'zasady.yaml'), join(dir, 'zasady.yaml'));
  const cal = parse(readFileSync(join(LUBNY, 'calendar.yaml'), 'utf8'));
  cal.id = 'court-537-test-calendar';
  cal.extraNonWorkingDays = [DAY_OFF];
  writeFileSync(join(dir, 'calendar.yaml'), stringify(cal));
  return dir;
}

function courtNode(now: number) {
  const rules = courtRulesDir();
  const dataDir = tempDir();
  initCourtCa({ passphrase: TEST_KEY_PASSPHRASE, dir: join(dataDir, 'pki'), courtCode: '537', courtName: 'Лубенський міськрайонний суд Полтавської області', now: new Date('2025-01-01T00:00:00Z') });
  const behaviors = courtBehaviors({ court: '537', dataDir, zasadyFile: join(rules, 'zasady.yaml'), keyPassphrase: TEST_KEY_PASSPHRASE }).filter((b) => ['duty', 'outage', 'distribution'].includes(b.kind));
  return startNode(behaviors, { dir: dataDir, now });
}

test('4.6: a day off of the court calendar takes a duty schedule, and the duty protocol names the court calendar', async () => {
  const node = courtNode(kyiv(DAY_OFF, 10));
  await node.ask('duty', { type: 'set-investigating-judges', count: 2, judgeIds: ['LUB-02', 'LUB-03'], decision: { kind: 'decision', number: 'рішення зборів № 2', date: '2025-01-10' } });
  const approved = await node.ask('duty', { type: 'approve-schedule', order: ORDER('15-ос'), entries: [{ date: DAY_OFF, judgeIds: ['LUB-03'] }] }, 'chief');
  assert.is(approved.approved, 1);
  const r = await node.ask('duty', { type: 'assign-request', case: { caseId: '537/90/25', category: 'investigator-request' } }, 'officer');
  assert.is(r.judgeId, 'LUB-03');
  assert.is(r.document.protocol.calendar, 'court-537-test-calendar');
  await node.system.shutdown();
});

test('15.1: the outage counts working days on the court calendar', async () => {
  const node = courtNode(kyiv('2025-06-17', 10));
  const { outageId } = await node.ask('outage', { type: 'open-outage', startedAt: '2025-06-09T09:00:00+03:00' });
  // Mon 9 June 09:00 – Mon 16 June 18:00 in working hours 08:00–17:00: 53 h = 5.89 working days by ua-martial-law
  // (more than five: an act), but 44 h = 4.89 by the court calendar, where Friday 13 is a day off — closed without an act.
  const r = await node.ask('outage', { type: 'close-without-act', outageId, endedAt: '2025-06-16T18:00:00+03:00', reason: 'Сервер відновлено' });
  assert.is(r.workingDays, 4.89);
  await node.system.shutdown();
});

test.run();
