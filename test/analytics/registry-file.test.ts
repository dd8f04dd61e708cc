import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { registryFile, withRegistry } from '../../analytics/court-registry.ts';
import { cleanup, tempDir } from '../support/servers.ts';

const test = suite('registry of connected courts maintained by asds ops');
test.after(cleanup);

test('the file is re-read when it changes; a broken rewrite keeps the last good list', () => {
  const file = join(tempDir(), 'courts.yaml');
  writeFileSync(file, 'schema: asds.courts/v1\ncourts:\n  - { code: "540", name: А }\n');
  const errors: string[] = [];
  const courts = registryFile(file, (e) => errors.push(e.message));
  assert.equal(courts().map((c) => c.code), ['540']);
  writeFileSync(file, 'schema: asds.courts/v1\ncourts:\n  - { code: "540", name: А }\n  - { code: "541", name: Б, since: 2026-01-01 }\n');
  assert.equal(courts().map((c) => c.code), ['540', '541']);
  writeFileSync(file, 'schema: asds.courts/v1\ncourts:\n  - { code: "54x", name: broken }\n');
  assert.equal(courts().map((c) => c.code), ['540', '541']);
  assert.is(errors.length, 1);
});

test('a revoked court keeps its name but is not reported as a court that never reported', () => {
  const lags = withRegistry([], [
    { code: '540', name: 'А', since: '2026-01-01' },
    { code: '541', name: 'Б', since: '2026-01-01', addedBy: 'op', revoked: { at: '2026-06-01T00:00:00Z', by: 'op' } },
  ], Date.parse('2026-07-01T00:00:00Z'));
  assert.equal(lags.map((l) => [l.court, l.neverReported]), [['540', true]]);
});

test.run();
