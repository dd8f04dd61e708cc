/**
 * Every court actor validates its commands against its contract, whatever the
 * path (HTTP, NATS, a reminder): a malformed command is refused with
 * ValidationFailed and writes nothing. Checked here for the kinds whose HTTP
 * layer already validates, so the actor's own check is the one under test.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cleanup } from '../support/servers.ts';
import { startCourt, type Court } from './support.ts';
import { PUBLIC_LISTS_KIND } from '../../actors/court/public/behavior.ts';
import { EDRSR_KIND } from '../../actors/court/edrsr/index.ts';

const test = suite('court actors: commands validated against contracts/');
let c: Court;
test.before(async () => {
  c = await startCourt({ withUsers: false });
});
test.after(async () => {
  await c.server.stop('test over');
  await cleanup();
});

async function refused(kind: string, command: unknown): Promise<string> {
  const journal = c.server.host.journal;
  journal.flushNow();
  const head = journal.head().gseq;
  try {
    await c.server.host.system.ref(kind, '537').ask(command);
  } catch (e) {
    journal.flushNow();
    assert.is(journal.head().gseq, head, 'nothing written');
    return (e as { code: string }).code;
  }
  assert.unreachable(`${kind} accepted ${JSON.stringify(command)}`);
  return '';
}

test('public-lists: a restriction without its basis, a hearing at 25:00, an unknown command', async () => {
  assert.is(await refused(PUBLIC_LISTS_KIND, { type: 'restrict', restriction: { ueun: '537/1/25', reason: 'x' } }), 'VALIDATION_FAILED');
  assert.is(await refused(PUBLIC_LISTS_KIND, { type: 'add-hearing', hearing: { ueun: '537/1/25', date: '2026-01-01', time: '25:00', room: '1', composition: 'x' } }), 'VALIDATION_FAILED');
  assert.is(await refused(PUBLIC_LISTS_KIND, { type: 'drop-everything' }), 'VALIDATION_FAILED');
});

test('edrsr-export: a negative journal position, a delivery with no status, a list state that does not exist', async () => {
  assert.is(await refused(EDRSR_KIND, { type: 'advance', gseq: -1 }), 'VALIDATION_FAILED');
  assert.is(await refused(EDRSR_KIND, { type: 'delivered', key: 'k' }), 'VALIDATION_FAILED');
  assert.is(await refused(EDRSR_KIND, { type: 'list', state: 'lost' }), 'VALIDATION_FAILED');
});

test.run();
