/**
 * «Чергування» (`#/duty`): the investigating judges decided by the assembly of judges (Засади 8.2) and the duty
 * schedule from today (GET /duty/schedules, 4.6), judges by full name.
 *
 *   { path: '/duty', render: () => dutyPage() }
 */
import { api } from '../../../lib/api.ts';
import { facts, h, notice, type Child } from '../../../lib/dom.ts';
import { dateUk, todayKyiv } from '../../../lib/format.ts';
import { table } from '../../../lib/table.ts';
import { directory, judgeName } from '../../directory.ts';
import { basisText } from './labels.ts';

export async function dutyPage(): Promise<Child> {
  const [duty, d] = await Promise.all([api.get<{ investigating: { count: number; judgeIds: string[]; decision: { kind: string; number: string; date: string } } | null; schedule: Array<{ date: string; judgeIds: string[] }> }>('/duty/schedules', { from: todayKyiv() }), directory()]);
  const judge = (id: string) => judgeName(d, d.judges.find((j) => j.id.toLowerCase() === id.toLowerCase())?.id ?? id);
  return [
    h('h2', null, 'Слідчі судді (Засади 8.2)'),
    duty.investigating
      ? facts([
          ['Кількість', String(duty.investigating.count)],
          ['Судді', duty.investigating.judgeIds.map(judge).join(', ')],
          ['Рішення зборів суддів', basisText(duty.investigating.decision)],
        ])
      : notice('info', 'Рішення зборів суддів про слідчих суддів не внесено.'),
    h('h2', null, 'Графік чергувань (Засади 4.6)'),
    table(duty.schedule, [
      { label: 'Дата', value: (e) => dateUk(e.date), class: 'num' },
      { label: 'Чергові судді', value: (e) => e.judgeIds.map(judge).join(', ') },
    ], { caption: 'Чергування з сьогодні', empty: 'Графік чергувань на наступні дні не затверджено.', id: 'duty' }),
  ];
}
