/**
 * Issue 13 item 11 for the operator: a court's rule files with mistakes are refused before anything
 * starts or is registered, with EVERY error of every file listed one per line — `asds court serve
 * --zasady` and `asds ops court add --zasady` — and the second court's files start a node as they are.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parse, stringify } from 'yaml';
import { cleanup, tempDir } from '../support/servers.ts';
import { TEST_KEY_PASSPHRASE } from '../support/keys.ts';

const test = suite('court rules on the command line');
test.after(cleanup);

function asds(args: string[]) {
  const r = spawnSync(process.execPath, ['bin/asds.js', ...args], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, ASDS_LOG: 'error', ASDS_KEY_PASSPHRASE: TEST_KEY_PASSPHRASE } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The second court's files with one mistake in each. */
function brokenRules(): string {
  const dir = tempDir('asds-rules-');
  cpSync('deploy/examples/reshetylivka', dir, { recursive: true });
  const z = parse(readFileSync(join(dir, 'zasady.yaml'), 'utf8'));
  z.leadWindows.vacation.bands = [{ fromDays: 7, workingDays: 4 }];
  z.panels[0].reserve = 'RSH-99';
  writeFileSync(join(dir, 'zasady.yaml'), stringify(z));
  const cal = parse(readFileSync(join(dir, 'calendar.yaml'), 'utf8'));
  cal.weekend = [1, 2, 3, 4, 5, 6, 7];
  writeFileSync(join(dir, 'calendar.yaml'), stringify(cal));
  return join(dir, 'zasady.yaml');
}

test('asds court serve: every error of every rule file, one per line, exit 2, no stack', () => {
  const r = asds(['court', 'serve', '--court', '543', '--data', tempDir('asds-court-'), '--zasady', brokenRules()]);
  assert.is(r.code, 2, r.err);
  assert.match(r.err, /3 error\(s\)/);
  assert.match(r.err, /zasady\.yaml:\/leadWindows\/vacation\/bands LEAD_BANDS_INCOMPLETE/);
  assert.match(r.err, /zasady\.yaml:\/panels\/0\/reserve PANEL_MEMBER_NOT_A_JUDGE/);
  assert.match(r.err, /calendar\.yaml:\/weekend NO_WORKING_DAYS/);
  assert.not.match(r.err, /\n\s+at /);
});

test('asds ops court add: the rules are checked first (all errors listed; another court’s Засади refused); nothing registered', () => {
  const ops = tempDir('asds-ops-');
  const bad = asds(['ops', 'court', 'add', '--court', '543', '--name', 'Решетилівський районний суд Полтавської області', '--zasady', brokenRules(), '--ops', ops]);
  assert.is(bad.code, 2, bad.err);
  assert.match(bad.err, /the court's rules have 3 error\(s\)/);
  const foreign = asds(['ops', 'court', 'add', '--court', '544', '--name', 'Інший суд', '--zasady', 'deploy/examples/reshetylivka/zasady.yaml', '--ops', ops]);
  assert.is(foreign.code, 2, foreign.err);
  assert.match(foreign.err, /Засади of court 543, not of court 544/);
});

test.run();
