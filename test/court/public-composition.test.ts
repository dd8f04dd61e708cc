/**
 * Public list 12.4.3 "склад суду" (issue 13 item 7): the card keeps the whole
 * composition the protocol gave (presiding first, then the members), and the
 * lists publish it by the judges' full names — never a login.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cardAssignmentOf } from '../../actors/court/distribution/card.ts';
import { cardEntries, compositionText, judgeNames, listsHtml, emptyLists, addEntries } from '../../actors/court/public/lists.ts';
import type { CardV1 } from '../../contracts/court/index.ts';
import type { ProtocolDocument } from '../../contracts/court/distribution.ts';

const test = suite('public lists: the whole composition by full names');

const panelDoc = { documentId: '537-1-протокол-1-к', kind: 'distribution', protocol: { kind: 'distribution', chosen: { presiding: 'LUB-03', members: ['LUB-01', 'LUB-04'] } } } as unknown as ProtocolDocument;

test('the card gets the whole composition from the protocol (logins = Засади ids in lower case)', () => {
  assert.equal(cardAssignmentOf(panelDoc, '1-кп/537/5/25'), { proceedingNumber: '1-кп/537/5/25', judge: 'lub-03', members: ['lub-01', 'lub-04'], protocol: '537-1-протокол-1-к', mode: 'random' });
  const transfer = { documentId: 'T1', kind: 'transfer', protocol: { kind: 'transfer', to: { presiding: 'LUB-02', members: ['LUB-05', 'LUB-06'] }, ground: { code: '5.1.1', text: 'скасування' } } } as unknown as ProtocolDocument;
  assert.equal(cardAssignmentOf(transfer, 'p')?.members, ['lub-05', 'lub-06']);
});

test('12.4.3 and 12.4.4 publish presiding and members by full name; HTML names the panel', () => {
  const at = Date.parse('2025-06-10T09:00:00+03:00');
  const card = {
    ueun: '537/5/25',
    covert: false,
    proceedings: [
      {
        proceedingNumber: '1-кп/537/5/25',
        ordinal: 1,
        registeredAt: '2025-06-10T08:00:00+03:00',
        registrationDate: '2025-06-10',
        registeredBy: { login: 'reg1', role: 'registrar' },
        original: {},
        current: { arrivalDate: '2025-06-10', description: 'обвинувальний акт', parties: [{ role: 'обвинувачений', name: 'Особа А' }] },
        corrections: [],
        assignment: { judge: 'lub-03', members: ['lub-01', 'lub-04'], protocol: '537-1-протокол-1-к', at: new Date(at).toISOString(), by: { login: 'officer', role: 'distribution_officer' } },
      },
    ],
    movements: [],
    attachments: [],
  } as unknown as CardV1;
  const names = judgeNames(
    [
      { id: 'LUB-01', name: 'Коваленко Ольга Петрівна' },
      { id: 'LUB-03', name: 'Шевченко Тарас Григорович' },
    ],
    [{ login: 'lub-04', fullName: 'Мельник Ірина Василівна' }],
  );
  const e = cardEntries('537', card, '2025-06-10', false, [], names);
  const whole = { presiding: 'Шевченко Тарас Григорович', members: ['Коваленко Ольга Петрівна', 'Мельник Ірина Василівна'] };
  assert.equal(e.distributed[0]!.composition, whole);
  assert.equal(e.stages[0]!.composition, whole);
  assert.is(compositionText(whole), 'головуючий суддя Шевченко Тарас Григорович; судді Коваленко Ольга Петрівна, Мельник Ірина Василівна');
  const html = listsHtml(addEntries(emptyLists('537', '2025-06-10', at, []), e));
  assert.ok(html.includes('головуючий суддя Шевченко Тарас Григорович; судді Коваленко Ольга Петрівна, Мельник Ірина Василівна'));
  assert.not.ok(/lub-0\d/.test(html), 'no login in the page');
  // A judge neither the roster nor the accounts know is not shown by login.
  assert.is(judgeNames([], [])('lub-09'), 'суддя (ПІБ не внесено)');
});

test.run();
