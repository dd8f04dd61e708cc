/**
 * «Завдання центру»: the central BullMQ queues (pulls, scheduled detectors and reports, archive transfers) — how
 * many jobs in each state and the recent jobs with their progress, read-only (GET /jobs). «Оновити» re-reads.
 */
import type { JobRowV1, JobStateV1, JobsReplyV1, QueueViewV1 } from '../../../../contracts/central/console.ts';
import { api } from '../../lib/api.ts';
import { h, replace } from '../../lib/dom.ts';
import type { Page } from '../../lib/router.ts';
import { table } from '../../lib/table.ts';
import { dateTimeUk, numberUk } from '../../lib/format.ts';

const STATE_UK: Record<JobStateV1, string> = { active: 'виконуються', waiting: 'у черзі', delayed: 'відкладені', failed: 'невдалі', completed: 'виконані' };
const ONE_UK: Record<JobStateV1, [string, string]> = { active: ['виконується', 'warn'], waiting: ['у черзі', ''], delayed: ['відкладено', ''], failed: ['не вдалося', 'bad'], completed: ['виконано', 'ok'] };

/** What each job is, for people (job names: actors/central/jobs, pulls, archive, stats). */
const JOB_UK: Record<string, string> = {
  pull: 'Запит бази даних суду',
  'pulls-sweep': 'Контроль строків запитів баз даних',
  'archive-sweep': 'Контроль передачі архівних пакетів',
  'archive-transfer': 'Передача архівного пакета',
  'stats-scheduled': 'Планова статистика (строки звітів)',
  'stats-consolidate': 'Зведення статистичних звітів',
  'checkpoint-silence': 'Контроль мовчання контрольних точок',
  detectors: 'Детектори розподілу справ',
};
const jobUk = (name: string) => JOB_UK[name] ?? name;

/** Progress as the processor reports it: a number 0–100, or an object with a phase (pulls, archive). */
function progress(j: JobRowV1): HTMLElement {
  const p = j.progress;
  const pct = j.state === 'completed' ? 100 : typeof p === 'number' && (p > 0 || j.state === 'active') ? p : null;
  const phase = typeof p === 'object' && p !== null && 'phase' in p ? String((p as { phase: unknown }).phase) : null;
  if (pct === null) return h('span', null, phase ?? '—');
  const v = Math.max(0, Math.min(100, Math.round(pct)));
  return h('span', { class: 'progress' }, h('progress', { max: 100, value: v, 'aria-label': `Поступ: ${jobUk(j.name)}, ${v} %` }), ` ${v} %`);
}

function queue(q: QueueViewV1): HTMLElement {
  const id = `queue-${q.name}`;
  return h(
    'section',
    { 'aria-labelledby': id },
    h('h2', { id }, q.title),
    h('div', { class: 'cards' }, (Object.keys(STATE_UK) as JobStateV1[]).map((s) => h('div', { class: 'card' }, h('div', { class: 'big' }, numberUk((q.counts as Record<JobStateV1, number>)[s])), STATE_UK[s]))),
    table(
      q.jobs,
      [
        { label: 'Завдання', value: (j) => jobUk(j.name) },
        { label: 'Стан', value: (j) => h('span', { class: `badge ${ONE_UK[j.state][1]}` }, ONE_UK[j.state][0]) },
        { label: 'Поступ', value: progress },
        { label: 'Створено', value: (j) => dateTimeUk(j.createdAt) },
        { label: 'Почато', value: (j) => dateTimeUk(j.startedAt) },
        { label: 'Завершено', value: (j) => dateTimeUk(j.finishedAt) },
        { label: 'Спроб', value: (j) => String(j.attemptsMade), class: 'num' },
        { label: 'Причина невдачі', value: (j) => j.failedReason ?? '' },
      ],
      { caption: `Останні завдання: ${q.title}`, empty: 'Завдань немає.', rowClass: (j) => (j.state === 'failed' ? 'alarm' : undefined) },
    ),
  );
}

async function render(): Promise<HTMLElement> {
  const box = h('div');
  const draw = async () => replace(box, (await api.get<JobsReplyV1>('/jobs')).queues.map(queue));
  await draw();
  return h('div', null, h('div', { class: 'actions' }, h('button', { type: 'button', class: 'secondary', on: { click: () => void draw() } }, 'Оновити')), box);
}

export const jobsPage: Page = { path: '/jobs', title: 'Завдання центру', menu: 'Завдання центру', group: 'Операції', roles: ['administrator', 'operator'], render };
