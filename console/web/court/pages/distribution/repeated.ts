/**
 * «Повторний розподіл» (`#/repeated?caseId=`): the head of staff orders a repeated distribution or a panel member's
 * replacement (POST /distribution/repeated, Засади 4.9 ¶2, 4.12–4.16) with the order, its reason and motives; the
 * form is generated from the route's schema, judges and categories are chosen by name.
 *
 *   { path: '/repeated', render: (_p, q) => repeatedPage(q) }
 */
import { api, idempotencyKey } from '../../../lib/api.ts';
import { h, notice, type Child } from '../../../lib/dom.ts';
import { requestSchema, schemaForm, type JsonSchema } from '../../../lib/form.ts';
import { directory, judgeName } from '../../directory.ts';
import { BASIS_FIELDS, options, protocolLink, REPEAT_REASON } from './labels.ts';

interface Outcome { status: string; caseId: string; documentId?: string; presiding?: string; document?: { protocol: { chosen?: { presiding: string } } }; message?: string; judgeId?: string; until?: string | null }

const STATUS_UK: Record<string, string> = {
  distributed: 'Справу розподілено повторно',
  transferred: 'Справу передано за підставою Засад',
  impossible: 'Повторний розподіл неможливий — складено протокол неможливості',
  waiting: 'Справа очікує судді',
  failed: 'Повторний розподіл не здійснено',
};

/**
 * form.ts checks the required fields of an optional part (the memo) even when the part is left empty, so an order
 * without a memo could not be sent: the memo's own fields are left unchecked here — the node still refuses a memo
 * half filled in, and its refusal is shown next to the field.
 */
function memoOptional(s: JsonSchema): JsonSchema {
  const memo = s.properties?.memo;
  return memo ? { ...s, properties: { ...s.properties, memo: { ...memo, required: [] } } } : s;
}

export async function repeatedPage(q: URLSearchParams): Promise<Child> {
  const [schema, d] = await Promise.all([requestSchema('post', '/distribution/repeated').then(memoOptional), directory()]);
  const judges = d.judges.filter((j) => j.inZasady !== false).map((j) => ({ value: j.id, label: j.fullName }));
  const form = schemaForm(schema, {
    initial: q.get('caseId') ? { caseId: q.get('caseId') } : undefined,
    fields: {
      '/caseId': { label: 'Номер провадження', hint: 'Наприклад, 2/537/1/26.' },
      ...BASIS_FIELDS('/order', 'Розпорядження керівника апарату', 'розпорядження'),
      '/reason': { label: 'Підстава повторного розподілу', options: options(REPEAT_REASON) },
      '/reasonText': { label: 'Мотиви', textarea: true },
      '/replace': { label: 'Судді, яких замінюють' },
      // form.ts matches '/x/*' only inside a path ('/x/0/name'), not an array's own scalar items: each seat named (maxItems 9)
      ...Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`/replace/${i}`, { label: `Суддя ${i + 1}`, options: judges }])),
      '/category': { label: 'Категорія справи (якщо змінюється)', options: d.categories.map((c) => ({ value: c.id, label: c.name })) },
      ...BASIS_FIELDS('/memo', 'Службова записка судді-доповідача (для заміни члена колегії, 4.9)', 'службової записки'),
    },
    submit: 'Здійснити повторний розподіл',
    onSubmit: (body) => api.post<Outcome>('/distribution/repeated', body, { 'idempotency-key': idempotencyKey() }),
    done: (r) => {
      const o = r as Outcome;
      const presiding = o.document?.protocol.chosen?.presiding;
      return notice(
        o.status === 'distributed' || o.status === 'transferred' ? 'ok' : 'error',
        `${STATUS_UK[o.status] ?? o.status}. `,
        presiding ? `Головуючий суддя: ${judgeName(d, presiding)}. ` : '',
        o.documentId ? protocolLink(o.documentId, 'Переглянути протокол') : '',
      );
    },
  });
  return [h('p', null, 'Повторний автоматизований розподіл здійснюється лише на підставі розпорядження керівника апарату суду (Засади 4.12–4.16).'), form.el];
}
