/**
 * The court's archive rules (Засади 17.1; data: `deploy/examples/lubny/archive.yaml` beside the Засади): per
 * category of cases, when a considered case is due for the electronic archive and its retention term there.
 * Read once at start; every problem of the file in one refusal (ConfigInvalid), like legal-force.yaml.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { ArchiveConfigV1, ARCHIVE_SCHEMA_ID, type ArchiveCategoryV1 } from '../../../contracts/court/archive.ts';
import { ConfigInvalid, type ConfigIssue } from '../../distribution/errors.ts';

/**
 * Built-in rules for a court without archive.yaml: the Lubny example's categories; confirmation by the archivist
 * (automatic: false) — a court opts in to automatic transfer in its own file.
 * ASSUMPTION TO CHECK: the holding periods and retention years are EXAMPLES, not the ДСА list of retention terms in
 * force (not among the project's sources; integrity-and-statistics.md §6) — a court writes its own in archive.yaml.
 */
export const DEFAULT_ARCHIVE: ArchiveConfigV1 = {
  schema: ARCHIVE_SCHEMA_ID,
  automatic: false,
  dailyAt: '06:00',
  defaultCategory: 'civil',
  categories: [
    { id: 'criminal', title: 'кримінальні провадження', indexes: ['1-кп', '1-в'], execution: true, holdingDays: 30, retentionYears: 15 },
    { id: 'investigating-judge', title: 'матеріали слідчого судді', indexes: ['1-кс'], holdingDays: 30, retentionYears: 5 },
    { id: 'civil', title: 'цивільні справи', indexes: ['2', '2-о', '2-н', '4-с', '6'], holdingDays: 30, retentionYears: 5 },
    { id: 'administrative', title: 'адміністративні справи', indexes: ['2-а'], holdingDays: 30, retentionYears: 5 },
    { id: 'administrative-offences', title: 'справи про адміністративні правопорушення', indexes: ['3'], holdingDays: 30, retentionYears: 3 },
  ],
};

const check = TypeCompiler.Compile(ArchiveConfigV1);

/** Every problem of an archive configuration (schema, then duplicates and references), all listed. */
export function archiveConfigIssues(input: unknown): ConfigIssue[] {
  if (!check.Check(input)) return [...check.Errors(input)].map((e) => ({ path: e.path || '/', code: 'SCHEMA', message: e.message }));
  const issues: ConfigIssue[] = [];
  const ids = new Set<string>();
  const seen = new Set<string>();
  input.categories.forEach((c, i) => {
    if (ids.has(c.id)) issues.push({ path: `/categories/${i}/id`, code: 'DUPLICATE_ID', message: `duplicate category id ${c.id}` });
    ids.add(c.id);
    c.indexes.forEach((x, k) => {
      if (seen.has(x)) issues.push({ path: `/categories/${i}/indexes/${k}`, code: 'INDEX_IN_TWO_CATEGORIES', message: `index "${x}" in two categories` });
      seen.add(x);
    });
  });
  if (!ids.has(input.defaultCategory)) issues.push({ path: '/defaultCategory', code: 'UNKNOWN_CATEGORY', message: `defaultCategory "${input.defaultCategory}" is not a category` });
  return issues;
}

export function loadArchiveConfig(input: unknown): ArchiveConfigV1 {
  const issues = archiveConfigIssues(input);
  if (issues.length > 0) throw new ConfigInvalid('archive configuration invalid', issues);
  return input as ArchiveConfigV1;
}

/** `archive.yaml` beside the Засади file (or the file given); without one, the built-in rules. */
export function loadArchiveFile(zasadyFile: string, archiveFile?: string): ArchiveConfigV1 {
  const f = archiveFile ?? join(dirname(resolve(zasadyFile)), 'archive.yaml');
  return existsSync(f) ? loadArchiveConfig(parse(readFileSync(f, 'utf8'))) : DEFAULT_ARCHIVE;
}

/** The category of a proceeding by its index, else the default category. */
export function archiveCategoryOf(config: ArchiveConfigV1, proceedingNumber: string): ArchiveCategoryV1 {
  const index = proceedingNumber.slice(0, proceedingNumber.indexOf('/'));
  return config.categories.find((c) => c.indexes.includes(index)) ?? config.categories.find((c) => c.id === config.defaultCategory)!;
}
