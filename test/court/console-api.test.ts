/**
 * The court API the web console needs (issue 16), on a real court node with the lawful Засади (judges by full
 * name): case search (free text, ЄУН, party, dates, category, judge; newest first; paging; covert fields never
 * matched), the directory (court, judges, categories and indexes by name), the court's public name, and the
 * registration reply saying in Ukrainian why a case was not distributed.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cleanup } from '../support/servers.ts';
import { claim, newKey, startCourt, today, type Court } from './support.ts';
import { namedZasadyFile } from './printed-court.ts';

process.env.ASDS_LOG ??= 'silent';
const test = suite('court: console API');

const COVERT_PERSON = 'Прихованенко Остап';
let c: Court;
const reg: Record<string, { ueun: string; proceedingNumber: string; distribution: { status: string; code?: string; reasonUk?: string } }> = {};

const register = async (k: string, body: unknown) => {
  const r = await c.api.call('POST', '/registrations', { token: c.tokens.registrar, body });
  assert.is(r.status, 201, JSON.stringify(r.body));
  reg[k] = r.body;
};
const search = (query: string, token = c.tokens.registrar) => c.api.call('GET', `/cases/search?${query}`, { token });

test.before(async () => {
  c = await startCourt({ key: newKey(), zasadyFile: namedZasadyFile('console-api') });
  await register('drawn', claim({ category: 'civil-claim', parties: [{ role: 'позивач', name: 'Шевченко Тарас Григорович' }, { role: 'відповідач', name: 'ТОВ «Кобзар»' }] }));
  await register('foreign', claim({ document: { kind: 'позовна заява', title: 'про поділ майна', sender: 'Адвокат Мельник' } }));
  await register('none', claim({ category: undefined, description: 'визнання права власності на гараж' }));
  await register(
    'covert',
    claim({ index: '1-кс', category: 'investigator-request', description: 'клопотання слідчого', parties: [{ role: 'заявник', name: 'СВ Лубенського РВП' }], covert: { person: COVERT_PERSON, action: 'аудіоконтроль' } }),
  );
});
test.after(async () => {
  await c?.server.stop();
  await cleanup();
});

test('a registration with no category or a category not in the Засади says in Ukrainian why it was not distributed', () => {
  assert.is(reg.drawn!.distribution.status, 'distributed');
  assert.equal([reg.none!.distribution.status, reg.none!.distribution.code], ['skipped', 'no-category']);
  assert.match(reg.none!.distribution.reasonUk!, /Категорію справи не зазначено/);
  assert.equal([reg.foreign!.distribution.status, reg.foreign!.distribution.code], ['skipped', 'not-a-zasady-category']);
  assert.match(reg.foreign!.distribution.reasonUk!, /Категорії «цивільні: договірні» немає в Засадах/);
});

test('free text finds by party, sender, essence and number, case-insensitively; the item names category and judge', async () => {
  const r = await search(`q=${encodeURIComponent('шевченко')}`);
  assert.is(r.status, 200, JSON.stringify(r.body));
  assert.is(r.body.total, 1);
  const hit = r.body.items[0];
  assert.equal([hit.ueun, hit.proceedingNumber, hit.registrationDate], [reg.drawn!.ueun, reg.drawn!.proceedingNumber, today()]);
  assert.equal(hit.category, { id: 'civil-claim', name: 'Цивільні справи позовного провадження' });
  assert.equal(hit.judge, { id: 'judge.petrenko', fullName: 'Петренко Петро Петрович' });
  assert.equal(hit.document, { kind: 'позовна заява', title: 'про стягнення боргу' });
  assert.is(hit.parties[0].name, 'Шевченко Тарас Григорович');
  assert.equal((await search(`q=${encodeURIComponent('МЕЛЬНИК')}`)).body.items.map((i: { ueun: string }) => i.ueun), [reg.foreign!.ueun]);
  assert.equal((await search(`q=${encodeURIComponent('гараж')}`)).body.items.map((i: { ueun: string }) => i.ueun), [reg.none!.ueun]);
  assert.equal((await search(`q=${encodeURIComponent(reg.foreign!.proceedingNumber)}`)).body.items.map((i: { ueun: string }) => i.ueun), [reg.foreign!.ueun]);
  const none = (await search(`q=${encodeURIComponent('шевченко')}`)).body.items[0];
  assert.is(none.judge.fullName.includes('.'), false, 'a judge is named, never by login');
});

test('filters: ЄУН, party, dates, category, judge; newest first with paging', async () => {
  assert.equal((await search(`ueun=${encodeURIComponent(reg.none!.ueun)}`)).body.items.map((i: { ueun: string }) => i.ueun), [reg.none!.ueun]);
  assert.is((await search(`party=${encodeURIComponent('кобзар')}`)).body.total, 1);
  assert.is((await search(`from=${today()}&to=${today()}`)).body.total, 4);
  assert.is((await search('from=2099-01-01')).body.total, 0);
  assert.is((await search('to=2000-01-01')).body.total, 0);
  assert.equal((await search('category=civil-claim')).body.items.map((i: { ueun: string }) => i.ueun), [reg.drawn!.ueun]);
  const byJudge = (await search('judge=judge.petrenko')).body.items.map((i: { ueun: string }) => i.ueun).sort();
  assert.equal(byJudge, [reg.drawn!.ueun, reg.covert!.ueun].sort());
  assert.is((await search('judge=judge.koval')).body.total, 0);
  const page1 = (await search('limit=2')).body;
  const page2 = (await search('limit=2&offset=2')).body;
  assert.equal([page1.total, page1.items.length, page2.items.length], [4, 2, 2]);
  const ordinals = [...page1.items, ...page2.items].map((i: { ordinal: number }) => i.ordinal);
  assert.equal(ordinals, [4, 3, 2, 1]);
});

test('covert fields are never matched nor returned', async () => {
  const r = await search(`q=${encodeURIComponent('Прихованенко')}`);
  assert.is(r.body.total, 0);
  const all = await search('limit=200');
  assert.is(JSON.stringify(all.body).includes(COVERT_PERSON), false);
  assert.is(JSON.stringify(all.body).includes('аудіоконтроль'), false);
  assert.is(all.body.items.find((i: { ueun: string }) => i.ueun === reg.covert!.ueun).covert, true);
});

test('search is validated and limited to case readers', async () => {
  assert.is((await search('limit=201')).status, 400);
  assert.is((await search('from=2026-02-30')).status, 400);
  assert.is((await search('nonsense=1')).status, 400);
  assert.is((await search('q=x', c.tokens.admin)).status, 403);
  assert.is((await c.api.call('GET', '/cases/search?q=x')).status, 401);
  assert.is((await search('q=x', c.tokens.judge)).status, 200);
});

test('directory: the court, judges by full name, Засади categories and indexes by name', async () => {
  assert.is((await c.api.call('GET', '/directory')).status, 401);
  const r = await c.api.call('GET', '/directory', { token: c.tokens.registrar });
  assert.is(r.status, 200, JSON.stringify(r.body));
  const d = r.body;
  assert.is(d.court.code, '537');
  assert.match(d.court.name, /суд/);
  assert.not.match(d.court.name, /код 537/);
  const petrenko = d.judges.find((j: { id: string }) => j.id === 'judge.petrenko');
  assert.equal(petrenko, { id: 'judge.petrenko', fullName: 'Петренко Петро Петрович', inZasady: true });
  assert.ok(d.judges.every((j: { fullName: string }) => !/^[a-z]/.test(j.fullName)), 'no login as a name');
  assert.equal(d.categories.find((x: { id: string }) => x.id === 'civil-claim'), { id: 'civil-claim', name: 'Цивільні справи позовного провадження', proceedingIndex: '2' });
  assert.equal(d.indexes.find((x: { index: string }) => x.index === '1-кс'), { index: '1-кс', name: 'Матеріали слідчого судді' });
  // any logged-in user reads it (a judge, the technical administrator)
  assert.is((await c.api.call('GET', '/directory', { token: c.tokens.admin })).status, 200);
});

test('public court name for the login page: no login needed', async () => {
  const r = await c.api.call('GET', '/public/court');
  assert.is(r.status, 200);
  assert.equal(r.body, { code: '537', name: (await c.api.call('GET', '/directory', { token: c.tokens.judge })).body.court.name });
});

test.run();
