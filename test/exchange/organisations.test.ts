/**
 * The registry of connected organisations (issue 17 §C, СЕВ ОВВ pattern): the operator registers organisations with
 * their connection date; the public JSON and page list the current ones, highlighting those connected in the last
 * 30 days (one connected 40 days ago is not), and the suspended ones with the expected period and reason; a
 * suspension is journaled, attributed and refuses the organisation's very next call; resume lets it back.
 * Operator routes need a console token of an operator or administrator.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { addDays } from '../../actors/distribution/index.ts';
import { kyivDate, ORGS_KIND } from '../../actors/central/exchange/index.ts';
import { PublicOrganisationsV1 } from '../../contracts/exchange/organisations.ts';
import { schemaErrors } from '../../runtime/validate.ts';
import { cleanup } from '../support/servers.ts';
import { httpRequest, startTestHub, type TestHub, type TestOrg } from './support.ts';

const test = suite('exchange hub: registry of connected organisations');
const ctx = {} as { h: TestHub; police: TestOrg; prok: TestOrg };
const today = () => kyivDate(Date.now());

test.before(async () => {
  ctx.h = await startTestHub();
  ctx.prok = await ctx.h.addOrg({ id: 'prok-poltava', kind: 'prosecutor', name: 'Полтавська обласна прокуратура', code: '02910060', connectedOn: addDays(today(), -40) });
  ctx.police = await ctx.h.addOrg({ id: 'gunp-poltava', kind: 'police', name: 'Головне управління Національної поліції в Полтавській області', code: '40108646', connectedOn: addDays(today(), -3) });
});
test.after(async () => {
  await ctx.h.stop();
  await cleanup();
});

test('registration is journaled and attributed to the operator; duplicates refused with nothing written', async () => {
  const list = await ctx.h.admin('GET', '/exchange/organisations');
  assert.is(list.status, 200);
  const prok = list.json.organisations.find((o: { id: string }) => o.id === 'prok-poltava');
  assert.is(prok.registeredBy, 'оператор Коваленко Ірина Петрівна');
  assert.is(prok.connectedOn, addDays(today(), -40));
  assert.is(prok.certificates.length, 1, 'the issued client certificate is recorded');
  const before = ctx.h.events();
  const dup = await ctx.h.admin('POST', '/exchange/organisations', { id: 'prok-poltava', kind: 'prosecutor', name: 'Ще одна', code: '11111111' });
  assert.is(dup.status, 422);
  assert.is(dup.json.error, 'ORG_EXISTS');
  const sameCode = await ctx.h.admin('POST', '/exchange/organisations', { id: 'prok-insha', kind: 'prosecutor', name: 'Інша прокуратура', code: '02910060' });
  assert.is(sameCode.json.error, 'ORG_CODE_TAKEN');
  const bad = await ctx.h.admin('POST', '/exchange/organisations', { id: 'X', kind: 'court', name: '', code: '' });
  assert.is(bad.status, 400);
  assert.is(bad.json.error, 'VALIDATION_FAILED');
  assert.match(bad.json.message, /запит не відповідає/);
  assert.is(ctx.h.events(), before);
  const events = ctx.h.system.journal!.read(0).filter((e) => e.actor.startsWith(ORGS_KIND));
  assert.ok(events.some((e) => e.type === 'org-registered'));
});

test('operator routes: no token 401, an analyst 403, nothing written', async () => {
  const before = ctx.h.events();
  const none = await ctx.h.admin('POST', '/exchange/organisations', { id: 'mvs', kind: 'other', name: 'Міністерство внутрішніх справ України', code: '00032684' }, null);
  assert.is(none.status, 401);
  const analyst = await ctx.h.admin('POST', '/exchange/organisations', { id: 'mvs', kind: 'other', name: 'Міністерство внутрішніх справ України', code: '00032684' }, ctx.h.tokenFor('analyst', 'Мельник Олена Василівна'));
  assert.is(analyst.status, 403);
  assert.is(analyst.json.error, 'ROLE_FORBIDDEN');
  assert.is(ctx.h.events(), before);
});

test('public JSON: current organisations with connection dates; 30-day highlight only for the recent one', async () => {
  const r = await httpRequest(ctx.h.hub.adminUrl, 'GET', '/public/organisations.json');
  assert.is(r.status, 200);
  assert.equal(schemaErrors(PublicOrganisationsV1, r.json), []);
  const byId = Object.fromEntries(r.json.current.map((o: { id: string }) => [o.id, o]));
  assert.is(byId['gunp-poltava'].recent, true);
  assert.is(byId['prok-poltava'].recent, false, 'connected 40 days ago: not highlighted');
  assert.is(byId['prok-poltava'].connectedOn, addDays(today(), -40));
  assert.equal(r.json.suspended, []);
});

test('public page: Ukrainian, printable, the recent one marked and classed', async () => {
  const r = await httpRequest(ctx.h.hub.adminUrl, 'GET', '/public/organisations');
  assert.is(r.status, 200);
  assert.match(String(r.headers['content-type']), /text\/html/);
  assert.match(r.text, /<html lang="uk">/);
  assert.match(r.text, /@media print/);
  const row = (name: string) => r.text.split('\n').find((l) => l.includes(name)) ?? '';
  assert.match(row('Головне управління Національної поліції'), /class="recent"/);
  assert.match(row('Головне управління Національної поліції'), /нове/);
  assert.not.match(row('Полтавська обласна прокуратура'), /class="recent"/);
  const [y, m, d] = addDays(today(), -40).split('-');
  assert.match(row('Полтавська обласна прокуратура'), new RegExp(`${d}\\.${m}\\.${y}`));
  assert.not.match(r.text, /prok-poltava/, 'ids are not shown to people');
});

test('suspension takes effect at once: the very next call is refused; public list shows the period and reason; resume', async () => {
  assert.is((await ctx.h.call(ctx.police, 'GET', '/exchange/whoami')).status, 200);
  const until = addDays(today(), 14);
  const s = await ctx.h.admin('POST', '/exchange/organisations/gunp-poltava/suspend', { reason: 'порушення вимог захисту інформації', expectedUntil: until });
  assert.is(s.status, 200);
  assert.is(s.json.organisation.status, 'suspended');
  assert.is(s.json.organisation.suspension.by, 'оператор Коваленко Ірина Петрівна');
  const before = ctx.h.events();
  const refused = await ctx.h.call(ctx.police, 'GET', '/exchange/whoami');
  assert.is(refused.status, 403);
  assert.is(refused.json.error, 'ORG_SUSPENDED');
  assert.match(refused.json.message, /тимчасово зупинено: порушення вимог захисту інформації/);
  const post = await ctx.h.call(ctx.police, 'POST', '/exchange/cabinets/registration', { request: 'e30=', signature: 'x'.repeat(120) });
  assert.is(post.json.error, 'ORG_SUSPENDED');
  assert.is(ctx.h.events(), before, 'a refused call writes nothing');
  // the other organisation is unaffected
  assert.is((await ctx.h.call(ctx.prok, 'GET', '/exchange/whoami')).status, 200);

  const pub = await httpRequest(ctx.h.hub.adminUrl, 'GET', '/public/organisations.json');
  assert.equal(pub.json.suspended.map((o: { id: string; expectedUntil: string; reason: string; initiator: string }) => [o.id, o.expectedUntil, o.reason, o.initiator]), [['gunp-poltava', until, 'порушення вимог захисту інформації', 'operator']]);
  assert.not.ok(pub.json.current.some((o: { id: string }) => o.id === 'gunp-poltava'));
  const page = await httpRequest(ctx.h.hub.adminUrl, 'GET', '/public/organisations');
  const [y, m, d] = until.split('-');
  assert.match(page.text, new RegExp(`до ${d}\\.${m}\\.${y}`));

  const again = await ctx.h.admin('POST', '/exchange/organisations/gunp-poltava/suspend', { reason: 'ще раз' });
  assert.is(again.json.error, 'ORG_ALREADY_SUSPENDED');
  const res = await ctx.h.admin('POST', '/exchange/organisations/gunp-poltava/resume', { note: 'усунуто' });
  assert.is(res.status, 200);
  assert.is(res.json.organisation.status, 'connected');
  assert.is((await ctx.h.call(ctx.police, 'GET', '/exchange/whoami')).status, 200);
  const types = ctx.h.system.journal!.read(0).filter((e) => e.actor.startsWith(ORGS_KIND)).map((e) => e.type);
  assert.ok(types.includes('org-suspended') && types.includes('org-resumed'));
});

test('an organisation suspending on its own: reason recorded, no period given', async () => {
  const s = await ctx.h.admin('POST', '/exchange/organisations/prok-poltava/suspend', { reason: 'переїзд серверного обладнання', initiator: 'organisation' });
  assert.is(s.status, 200);
  const pub = await httpRequest(ctx.h.hub.adminUrl, 'GET', '/public/organisations.json');
  const p = pub.json.suspended.find((o: { id: string }) => o.id === 'prok-poltava');
  assert.is(p.expectedUntil, null);
  assert.is(p.initiator, 'organisation');
  await ctx.h.admin('POST', '/exchange/organisations/prok-poltava/resume', {});
});

test('unknown organisation: 404 ORG_NOT_FOUND', async () => {
  const r = await ctx.h.admin('POST', '/exchange/organisations/nobody/suspend', { reason: 'перевірка' });
  assert.is(r.status, 404);
  assert.is(r.json.error, 'ORG_NOT_FOUND');
});

test('names and reasons typed by the operator are escaped on the public page (no markup of theirs runs)', async () => {
  const name = 'Прокуратура <script>alert(1)</script>';
  const reason = 'ремонт <img src=x onerror=alert(2)>';
  assert.is((await ctx.h.admin('POST', '/exchange/organisations', { id: 'xss-org', kind: 'prosecutor', name, code: '99999901' })).status, 201);
  assert.is((await ctx.h.admin('POST', '/exchange/organisations', { id: 'xss-org2', kind: 'police', name: 'Поліція "x" & \'y\'', code: '99999902' })).status, 201);
  const s = await ctx.h.admin('POST', '/exchange/organisations/xss-org2/suspend', { reason });
  assert.is(s.status, 200, s.text);
  const r = await httpRequest(ctx.h.hub.adminUrl, 'GET', '/public/organisations');
  assert.is(r.status, 200);
  assert.not.ok(r.text.includes('<script>alert'), 'no raw <script> of a name');
  assert.not.ok(r.text.includes('<img'), 'no raw <img> of a reason');
  assert.ok(r.text.includes('&#60;script&#62;alert(1)&#60;/script&#62;'), 'the name is shown, escaped');
  assert.ok(r.text.includes('onerror=alert(2)'), 'the reason is shown, escaped');
});

test.run();
