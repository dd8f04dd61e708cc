/**
 * The court's printable pages people read (issue 16), on a real court node: the public lists (live and the
 * published snapshot), the load information (10.2) and the yearly balance report (10.1) — headed with the court's
 * full name and a Ukrainian date, judges by full name (no login anywhere in the page), case numbers in numeric
 * order (537/2/26 before 537/10/26), styled by the node's own A4 print stylesheet (no external host).
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { setTimeout as sleep } from 'node:timers/promises';
import { cleanup } from '../support/servers.ts';
import { claim, startCourt, today, type Court } from './support.ts';
import { namedZasadyFile } from './printed-court.ts';
import { compareCaseNumbers } from '../../actors/court/case-numbers.ts';
import { longDateUk } from '../../actors/court/dates.ts';

process.env.ASDS_LOG ??= 'silent';
const test = suite('court: console pages');

const CASES = 11;
const LOGINS = ['judge.petrenko', 'judge.koval', 'registrar1', 'officer1'];
let c: Court;
let courtName: string;
const ueuns: string[] = [];

const page = async (path: string, token?: string) => {
  const r = await c.api.call('GET', path, token ? { token } : {});
  assert.is(r.status, 200, `${path}: ${r.bytes.toString('utf8').slice(0, 300)}`);
  assert.match(r.headers.get('content-type') ?? '', /text\/html/);
  return r.bytes.toString('utf8');
};

/** The cells of the first column of a table's body rows in the section headed by `heading`. */
function firstColumn(html: string, heading: RegExp): string[] {
  const section = html.split('<section class="list">').find((s) => heading.test(s.slice(0, s.indexOf('</h2>'))));
  assert.ok(section, `no section ${heading}`);
  const body = section!.slice(section!.indexOf('<tbody>'), section!.indexOf('</tbody>'));
  return [...body.matchAll(/<tr><td>([^<]*)<\/td>/g)].map((m) => m[1]!);
}

function assertPrintable(html: string) {
  assert.ok(html.includes('<link rel="stylesheet" href="/public/print.css">'), 'the node’s print stylesheet is linked');
  assert.not.match(html, /https?:\/\//, 'no external host');
  assert.ok(html.includes(courtName), 'headed with the court’s full name');
  for (const login of LOGINS) assert.not.ok(html.includes(login), `no login in the page: ${login}`);
}

test.before(async () => {
  c = await startCourt({ zasadyFile: namedZasadyFile('console-pages') });
  for (let i = 0; i < CASES; i++) {
    const r = await c.api.call('POST', '/registrations', { token: c.tokens.registrar, body: claim({ category: 'civil-claim' }) });
    assert.is(r.status, 201, JSON.stringify(r.body));
    assert.is(r.body.distribution.status, 'distributed', JSON.stringify(r.body.distribution));
    ueuns.push(r.body.ueun);
  }
  courtName = (await c.api.call('GET', '/public/court')).body.name;
  assert.not.match(courtName, /код/);
});
test.after(async () => {
  await c?.server.stop();
  await cleanup();
});

test('the print stylesheet is served by the node: A4, margins, one list per page', async () => {
  const r = await c.api.call('GET', '/public/print.css');
  assert.is(r.status, 200);
  assert.match(r.headers.get('content-type') ?? '', /text\/css/);
  const css = r.bytes.toString('utf8');
  assert.match(css, /@page\s*\{\s*size:\s*A4;\s*margin:/);
  assert.match(css, /section\.list\s*\{\s*break-before:\s*page/);
});

test('live public lists: court name, Ukrainian date, judges by full name, numeric order', async () => {
  const html = await page('/public/lists?format=html');
  assertPrintable(html);
  assert.ok(html.includes(longDateUk(today())), 'the date in words');
  assert.ok(html.includes('Петренко Петро Петрович'), 'the judge by full name');
  const listed = firstColumn(html, /автоматично розподілених/);
  assert.equal(listed, [...ueuns].sort(compareCaseNumbers));
  assert.is(listed.length, CASES);
  // the numeric order differs from a text sort once there are 10+ cases
  assert.not.equal(listed, [...listed].sort());
});

test('the published snapshot page is styled and named the same way', async () => {
  const p = await c.api.call('POST', '/public-lists/publications', { token: c.tokens.registrar, body: {} });
  assert.is(p.status, 201, JSON.stringify(p.body));
  let status = 0;
  for (let i = 0; i < 500 && status !== 200; i++) {
    status = (await c.api.call('GET', `/public/snapshots/${today()}`)).status;
    if (status !== 200) await sleep(10);
  }
  const html = await page(`/public/snapshots/${today()}?format=html`);
  assertPrintable(html);
  assert.equal(firstColumn(html, /автоматично розподілених/), [...ueuns].sort(compareCaseNumbers));
});

test('load information (10.2) and the yearly balance report (10.1) as printable pages', async () => {
  const load = await page('/load?format=html', c.tokens.head);
  assertPrintable(load);
  assert.ok(load.includes('Петренко Петро Петрович'));
  const report = await page('/load/report?format=html', c.tokens.head);
  assertPrintable(report);
  assert.ok(report.includes('Звіт про збалансованість навантаження'));
  assert.ok(report.includes('Петренко Петро Петрович') && report.includes('Коваль Олена Іванівна'));
  assert.ok(report.includes('Цивільні справи позовного провадження'), 'categories by their Засади name');
  // the JSON stays the default
  const json = await c.api.call('GET', '/load/report', { token: c.tokens.head });
  assert.is(json.status, 200);
  assert.ok(Array.isArray(json.body.judges));
});

test.run();
