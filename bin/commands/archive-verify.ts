/**
 * `asds archive verify <package dir> [--ca <ca.crt.pem>] [--operator-key <O…> | --bus <dir>] [--at <ISO time>] [--json]`
 * (issue 15 item 5): checks an archival package offline — fixity (every file of both manifests, nothing
 * extra, Payload-Oxum), the court seal over the tag manifest, the journal proof (the chain segment
 * recomputed to the sealed checkpoint, the case's events in it, the centre's receipt) and the seals and
 * signatures inside (actors/archive validatePackage; docs/archive-package.md). Prints the result in
 * Ukrainian; exit 0 when the package is valid, 1 listing every problem with its code, 2 on usage errors.
 *
 * `--ca`: the court's CA (the centre's pinned one) — without it the CA inside the package is used, which
 * proves integrity but not whose package it is (the output says so). `--operator-key` / `--bus`: the bus
 * operator's public key, to check the centre's receipt. `--at`: judge the seals as of that time (a proof
 * of existence such as the archive receipt's), for a package checked after its seal certificate expired.
 *
 *   asds archive verify /srv/archive/537_537-12-26_20261207T060000Z --ca court-cas/537.crt.pem --bus deploy/bus
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { retentionUk, validatePackage, type PackageProblem, type ValidationReport } from '../../actors/archive/index.ts';
import { loadBusIdentity } from '../../runtime/bus/index.ts';
import { CliError } from './util.ts';

const USAGE = 'usage: asds archive verify <package dir> [--ca <ca.crt.pem>] [--operator-key <O…> | --bus <dir>] [--at <ISO time>] [--json]';

/** Which part of the check a problem code belongs to (docs/archive-package.md §7). */
const PART: Array<{ title: string; codes: RegExp }> = [
  { title: 'Цілісність (маніфести BagIt)', codes: /^(BAG_|BAGIT_|MANIFEST_|FILE_|OXUM_)/ },
  { title: 'Печатка суду на пакеті', codes: /^SEAL_/ },
  { title: 'Доказ журналу', codes: /^(PROOF_|CHAIN_|CHECKPOINT_|CASE_EVENT_|RECEIPT_)/ },
  { title: 'Печатки протоколів і підписи документів', codes: /^(PROTOCOL_SEAL_|DOCUMENT_SIGNATURE_)/ },
];

export async function archiveVerify(argv: string[]): Promise<number> {
  let values: { ca?: string; 'operator-key'?: string; bus?: string; at?: string; json?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      options: { ca: { type: 'string' }, 'operator-key': { type: 'string' }, bus: { type: 'string' }, at: { type: 'string' }, json: { type: 'boolean' } },
      allowPositionals: true,
      strict: true,
    }));
  } catch (e) {
    throw new CliError(`${(e as Error).message}\n${USAGE}`, 2);
  }
  if (positionals.length !== 1) throw new CliError(USAGE, 2);
  const dir = resolve(positionals[0]!);
  let caPem: string | undefined;
  if (values.ca) {
    try {
      caPem = readFileSync(resolve(values.ca), 'utf8');
    } catch (e) {
      throw new CliError(`--ca: не вдалося прочитати ${values.ca}: ${(e as Error).message}`, 2);
    }
  }
  const operatorKey = values['operator-key'] ?? (values.bus ? loadBusIdentity(resolve(values.bus)).operatorPublicKey : undefined);
  const at = values.at ? new Date(values.at) : undefined;
  if (at && Number.isNaN(at.getTime())) throw new CliError(`--at: не час: ${values.at}`, 2);

  const r = await validatePackage(dir, { ...(caPem ? { caPem } : {}), ...(operatorKey ? { operatorKey } : {}), ...(at ? { at } : {}) });
  if (values.json) process.stdout.write(`${JSON.stringify({ dir, ...r })}\n`);
  else process.stdout.write(reportText(dir, r));
  return r.ok ? 0 : 1;
}

/** The report for a person: what the package is, each part of the check, then every problem with its code. */
export function reportText(dir: string, r: ValidationReport): string {
  const b = r.bagInfo;
  const out: string[] = [];
  out.push(`Пакет ${b['Internal-Sender-Identifier'] ?? dir}`);
  if (b['ASDS-Case-UEUN']) out.push(`  справа № ${b['ASDS-Case-UEUN']}${b['ASDS-Category-Label'] ? `, ${b['ASDS-Category-Label']}` : ''}${b['ASDS-Judge'] ? `, суддя ${b['ASDS-Judge']}` : ''}`);
  if (b['Source-Organization']) out.push(`  ${b['Source-Organization']}`);
  const years = Number(b['ASDS-Retention-Years']);
  if (Number.isInteger(years)) out.push(`  строк зберігання: ${retentionUk({ years, basis: b['ASDS-Retention-Basis'] ?? '', ...(b['ASDS-Retention-Until'] ? { until: b['ASDS-Retention-Until'] } : {}) })}`);
  for (const part of PART) {
    const mine = r.problems.filter((p) => part.codes.test(p.code));
    out.push(`${part.title}: ${mine.length === 0 ? 'так' : `НІ — ${mine.length} проблем(и)`}`);
  }
  if (r.caseEvents.length > 0) out.push(`Подій справи, доведених ланцюгом журналу: ${r.caseEvents.length}${b['ASDS-Checkpoint-Gseq'] ? ` (до контрольної точки — події № ${b['ASDS-Checkpoint-Gseq']})` : ''}`);
  for (const n of r.notes) out.push(`Зауваження: ${n}`);
  if (r.ok) out.push('РЕЗУЛЬТАТ: пакет дійсний.');
  else {
    out.push(`РЕЗУЛЬТАТ: пакет НЕ дійсний — ${r.problems.length} проблем(и):`);
    for (const p of r.problems) out.push(`  ${line(p)}`);
  }
  return `${out.join('\n')}\n`;
}

const line = (p: PackageProblem): string => `${p.code}${p.file ? ` [${p.file}]` : ''}: ${p.message}`;
