/**
 * The pull report (Засади 18.3, security monitoring): the comparison as JSON
 * and as text for the administrator, in Ukrainian, naming every row that
 * differs from what the centre witnessed.
 */
import type { PullManifestV1 } from '../../../contracts/pull/index.ts';
import type { PullComparison, RowDifference } from './compare.ts';
import type { PullRecord } from './store.ts';
import type { FreshCheckpoint } from './fresh-checkpoint.ts';

export interface PullReport {
  pullId: string;
  court: string;
  verdict: 'identical' | 'different';
  requestedBy: string;
  requestedAt: number;
  dueAt: number;
  receivedAt: number;
  onTime: boolean;
  manifest: Omit<PullManifestV1, 'signature'> & { sealedBy: string };
  /** The head the court sealed right before the copy (absent in reports made before it was asked). */
  checkpointBefore?: FreshCheckpoint;
  comparison: PullComparison;
  transfer: { chunks: number; chunkBytes: number; fetched: number; resumedAt: number[] };
}

const TIME = new Intl.DateTimeFormat('uk-UA', { timeZone: 'Europe/Kyiv', dateStyle: 'long', timeStyle: 'short' });

function rowLine(r: RowDifference): string {
  const parts = [`подія ${r.seq} (${r.actor} №${r.aseq})`];
  if (r.witnessedSeq !== undefined) parts.push(`у центрі — подія ${r.witnessedSeq}`);
  if (r.witnessedHash) parts.push(`засвідчений хеш ${r.witnessedHash}`);
  if (r.copyHash) parts.push(`у копії ${r.copyHash}`);
  if (r.rehashedLocally === false) parts.push('ланцюжок у копії на ній розірвано');
  if (r.rehashedLocally === true) parts.push('ланцюжок у копії переобчислено');
  return `  – ${parts.join('; ')}`;
}

const SECTIONS: Array<[keyof PullComparison['rows'], string]> = [
  ['edited', 'Змінені події (інший зміст, ніж засвідчив центр)'],
  ['deleted', 'Видалені події (є в центрі, немає в копії)'],
  ['inserted', 'Вставлені події (є в копії нижче засвідченої вершини, центр їх не отримував)'],
  ['rehashed', 'Переобчислені події (зміст той самий, хеш інший: ланцюжок перед ними переписано)'],
];

function checkpointLine(c: FreshCheckpoint | undefined): string {
  if (!c) return 'Контрольну точку перед копією не запитано.';
  if ('error' in c) return `Контрольна точка перед копією: НЕ засвідчена — ${c.error}.`;
  return `Контрольна точка перед копією: суд засвідчив вершину ${c.gseq} (хеш ${c.hash}), центр ${c.centre} отримав її ${TIME.format(c.receivedAt)}; копія мусить її містити.`;
}

export function reportText(r: PullReport): string {
  const c = r.comparison;
  const out = [
    `Звіт про отримання бази даних суду ${r.court} (Засади, п. 18.3)`,
    `Запит ${r.pullId}: ${r.requestedBy}, ${TIME.format(r.requestedAt)}; строк — до ${TIME.format(r.dueAt - 1)}; отримано ${TIME.format(r.receivedAt)}${r.onTime ? '' : ' — ІЗ ПОРУШЕННЯМ СТРОКУ'}.`,
    checkpointLine(r.checkpointBefore),
    `Копія: ${r.manifest.size} байт, SHA-256 ${r.manifest.sha256}, вершина ланцюжка ${r.manifest.head.gseq}; печатка суду перевірена (${r.manifest.sealedBy}).`,
    `Ланцюжок копії: ${c.copy.chainValid ? 'цілісний' : `розірвано на події ${c.copy.firstBreak?.gseq} (${c.copy.firstBreak?.problem})`}; подій у копії ${c.copy.events}, засвідчено центром ${c.witnessed.events} (до ${c.witnessed.headSeq}).`,
  ];
  if (r.verdict === 'identical') {
    out.push(`ВИСНОВОК: копія збігається із засвідченим центром журналом — кожна подія, кожна таблиця поза ланцюжком і всі ${c.checkpoints.checked} запечатаних судом контрольних точок.`);
  } else {
    out.push('ВИСНОВОК: КОПІЯ ВІДРІЗНЯЄТЬСЯ від засвідченого центром журналу.');
    for (const [k, title] of SECTIONS) {
      if (c.counts[k] === 0) continue;
      out.push(`${title}: ${c.counts[k]}`);
      out.push(...c.rows[k].map(rowLine));
      if (c.counts[k] > c.rows[k].length) out.push(`  … і ще ${c.counts[k] - c.rows[k].length}`);
    }
    if (c.checkpoints.contradicted.length > 0) {
      out.push(`Запечатані судом контрольні точки, які копія спростовує: ${c.checkpoints.contradicted.length} з ${c.checkpoints.checked}`);
      out.push(...c.checkpoints.contradicted.slice(0, 100).map((k) => `  – подія ${k.gseq}: у контрольній точці ${k.checkpointHash} (${TIME.format(k.time)}), у копії ${k.copyHash ?? 'немає'}`));
    }
    if (c.tables.length > 0) {
      out.push(`Таблиці поза ланцюжком, які ланцюжок не підтверджує: ${c.tables.length}`);
      out.push(...c.tables.map((t) => `  – ${t.table} ${t.key}: ${t.problem}`));
    }
  }
  if (c.afterCopy > 0) out.push(`Отримано центром після запиту копії (вище її вершини): ${c.afterCopy} под.`);
  if (c.notYetWitnessed > 0) out.push(`Ще не отримано центром (вище засвідченої вершини): ${c.notYetWitnessed} под.`);
  out.push(`Передавання: ${r.transfer.chunks} частин по ${r.transfer.chunkBytes} байт; запитано ${r.transfer.fetched}${r.transfer.resumedAt.length ? `; відновлено з частини ${r.transfer.resumedAt.join(', ')}` : ''}.`);
  return out.join('\n') + '\n';
}

export function verdictOf(c: PullComparison): PullReport['verdict'] {
  return c.identical ? 'identical' : 'different';
}

export type { PullRecord };
