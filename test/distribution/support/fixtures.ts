/** A small, valid Засади configuration for tests; override fields per test. */
import { createHash } from 'node:crypto';
import type { ZasadyConfig } from '../../../contracts/distribution/zasady.ts';
import { defaultCalendarConfig, loadCalendar } from '../../../actors/distribution/calendar.ts';
import { loadZasady, type Zasady } from '../../../actors/distribution/zasady.ts';

export function baseConfig(): ZasadyConfig {
  return {
    schema: 'asds.zasady/v1',
    court: { code: '537', name: 'Тестовий суд', timeZone: 'Europe/Kyiv' },
    version: { id: 'test-2025-01', decisionNumber: '№1', decisionDate: '2025-01-10', effectiveFrom: '2025-01-13' },
    specialisations: [
      { id: 'civil', name: 'Цивільні справи', categories: ['civil-claim', 'civil-special', 'admin-offence'] },
      { id: 'criminal', name: 'Кримінальні провадження', categories: ['criminal', 'criminal-panel'] },
      { id: 'juvenile', name: 'Кримінальні провадження щодо неповнолітніх', categories: ['criminal-juvenile'] },
      { id: 'investigating', name: 'Слідчі судді', categories: ['investigator-request'] },
    ],
    categories: [
      { id: 'civil-claim', name: 'Позовне провадження', complexity: 1, proceedingIndex: '2' },
      { id: 'civil-special', name: 'Окреме провадження', complexity: 0.5, proceedingIndex: '2-о' },
      { id: 'criminal', name: 'Кримінальне провадження', complexity: 2, proceedingIndex: '1-кп' },
      { id: 'criminal-panel', name: 'Кримінальне провадження (колегія)', complexity: 3, proceedingIndex: '1-кп', composition: { size: 3, mode: 'ad-hoc' } },
      { id: 'criminal-juvenile', name: 'Щодо неповнолітніх', complexity: 2.5, proceedingIndex: '1-кп' },
      { id: 'investigator-request', name: 'Клопотання слідчого', complexity: 0.25, proceedingIndex: '1-кс', dutyOnDaysOff: true },
      // The category the Lubny 5.1.11 ground names (tests copy the Lubny grounds into this configuration).
      { id: 'admin-offence', name: 'Справи про адміністративні правопорушення', complexity: 0.5, proceedingIndex: '3' },
    ],
    proceedingIndexes: [
      { index: '1-кп', name: 'Кримінальні провадження' },
      { index: '1-кс', name: 'Матеріали слідчого судді' },
      { index: '2', name: 'Цивільні справи позовного провадження' },
      { index: '2-о', name: 'Окреме провадження' },
      { index: '3', name: 'Справи про адміністративні правопорушення' },
    ],
    judges: [
      { id: 'J01', name: 'Суддя Перший', displayOrder: 3, specialisations: ['civil', 'criminal', 'investigating'], appointedOn: '2015-01-01', reductions: ['chief'] },
      { id: 'J02', name: 'Суддя Другий', displayOrder: 1, specialisations: ['civil', 'criminal', 'juvenile'], appointedOn: '2016-01-01', reductions: [] },
      { id: 'J03', name: 'Суддя Третій', displayOrder: 2, specialisations: ['civil', 'criminal', 'investigating'], appointedOn: '2017-01-01', reductions: [] },
      { id: 'J04', name: 'Суддя Четвертий', displayOrder: 5, specialisations: ['civil', 'criminal'], appointedOn: '2018-01-01', reductions: [] },
      { id: 'J05', name: 'Суддя П’ятий', displayOrder: 4, specialisations: ['civil'], appointedOn: '2019-01-01', reductions: [] },
    ],
    panels: [],
    participation: { presiding: 1, member: 0.5, reserve: 0 },
    administrativeReductions: [{ id: 'chief', name: 'Голова суду', r: 0.5 }],
    load: { window: { kind: 'calendar-year' }, countNonDistributionDays: true },
    notDistributed: [{ code: '4.17.1', text: 'Справи для вирішення питання про об’єднання (ч. 2 ст. 334 КПК)' }],
    transferGrounds: [{ code: '5.1.2', text: 'Додаткове рішення, виправлення описок, роз’яснення, повернення судового збору', distributeIfJudgeAbsent: false }],
    investigatingJudges: { specialisation: 'investigating', count: 2 },
    selection: { policy: 'inverse-load-v1', params: {} },
  };
}

export function baseZasady(mutate?: (c: ZasadyConfig) => void): Zasady {
  const c = baseConfig();
  mutate?.(c);
  return loadZasady(c);
}

export const martialCalendar = loadCalendar(defaultCalendarConfig());

/** Deterministic 32-byte blocks for tests (sha256 of a counter — NOT a CSPRNG; the runtime supplies real bytes). */
export function testBytes(seed: string, i: number): Uint8Array {
  return new Uint8Array(createHash('sha256').update(`${seed}:${i}`).digest());
}
