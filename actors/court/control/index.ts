/**
 * The staff's daily control lists (issue 13 item 10): undistributed cases of a day with the reason (Засади 4.1),
 * case files not handed to the judge by the next working day (4.18), cases waiting with their forecast (4.10, 5.4).
 * Pure composition and rendering; the HTTP area (`../http/control.ts`) gathers the inputs by asks. The court's
 * documents past their next-working-day deadlines (2.1 ¶3, 2.3, 2.4, 4.9 ¶4, 4.13 ¶2, 4.15 ¶2): `overdue.ts`, served by `../http/orders.ts`.
 *
 *   import { notHandedOverRows, controlHtml } from './actors/court/control/index.ts';
 *   const rows = notHandedOverRows(cards, '2026-12-09', calendar, (id) => names.get(id) ?? 'суддя (ПІБ не внесено)', (c) => c);
 *   const page = controlHtml({ list: 'not-handed-over', court: { code: '537', name: 'Лубенський міськрайонний суд Полтавської області' },
 *     date: '2026-12-09', generatedAt: new Date().toISOString(), rows });
 */
export { undistributedRows, notHandedOverRows, waitingRows, type CaseDistribution, type NameOf, type CategoryName, type UndistributedInput } from './compose.ts';
export { controlHtml, controlText } from './render.ts';
export { compareCaseNumbers, byCaseNumber } from './order.ts';
export { ukrainianDate, ukrainianDateTime } from './dates.ts';
export { REASONS } from './reasons.ts';
export { overdueOrderRows, type OverdueInput } from './overdue.ts';
