/**
 * The lawful way a judge reaches a card in tests (issue 10 item 4): the
 * draw. Tests that need a known judge on a case run a court with a Засади
 * whose only civil and investigating judge is `judge.petrenko` (the test
 * users' judge, test/court/support.ts) — the automated distribution then
 * can only choose that judge, and writes the card from its protocol.
 * `judge.koval` is a judge of another specialisation: never drawn for these.
 */
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import * as assert from 'uvu/assert';
import { tempDir } from '../../support/servers.ts';
import type { Api } from '../support.ts';

const LUBNY = 'deploy/examples/lubny';

let file: string | undefined;
/** The Lubny Засади with two judges: judge.petrenko (civil, criminal, investigating) and judge.koval (administrative). */
export function lawfulZasadyFile(): string {
  // Suites in one process share the file; a suite's cleanup may have removed it — written again then.
  if (file && existsSync(file)) return file;
  const dir = tempDir('asds-lawful-zasady-');
  const z = parse(readFileSync(join(LUBNY, 'zasady.yaml'), 'utf8'));
  z.version = { ...z.version, id: `${z.version.id}-tests` };
  z.judges = [
    { id: 'judge.petrenko', name: 'Петренко (тест)', displayOrder: 1, appointedOn: '2012-03-01', specialisations: ['criminal', 'juvenile', 'investigating', 'civil'], reductions: [] },
    { id: 'judge.koval', name: 'Коваль (тест)', displayOrder: 2, appointedOn: '2014-06-16', specialisations: ['administrative'], reductions: [] },
  ];
  z.investigatingJudges = { ...z.investigatingJudges, count: 1 };
  // Tests run on any day: no duty schedule (4.6) for investigating judges' requests on days off here.
  for (const cat of z.categories) if (cat.dutyOnDaysOff) delete cat.dutyOnDaysOff;
  writeFileSync(join(dir, 'zasady.yaml'), stringify(z));
  for (const f of ['legal-force.yaml', 'calendar.yaml']) if (existsSync(join(LUBNY, f))) copyFileSync(join(LUBNY, f), join(dir, f));
  file = join(dir, 'zasady.yaml');
  return file;
}

/** Distribute a registered proceeding (POST /distribution/cases); the node writes the drawn judge on the card. */
export async function assignByDraw(api: Api, officerToken: string, ueun: string, proceedingNumber: string, category = 'civil-claim'): Promise<{ judge: string; protocol: string }> {
  const r = await api.call('POST', '/distribution/cases', { token: officerToken, body: { case: { caseId: proceedingNumber, uniqueNumber: ueun, proceedingNumber, category, exclusions: [] } } });
  assert.is(r.status, 201, JSON.stringify(r.body));
  assert.is(r.body.status, 'distributed', JSON.stringify(r.body));
  assert.ok(r.body.cardUpdated, 'the card carries the drawn judge');
  return { judge: (r.body.document.protocol.chosen.presiding as string).toLowerCase(), protocol: r.body.documentId as string };
}
