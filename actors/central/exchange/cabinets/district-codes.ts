/**
 * The list of district (and equivalent) prosecutors' offices with their conditional identification codes — the
 * annex ("Перелік") of the 2024 order, п. 5.2: such offices register their electronic cabinets by these codes.
 * Kept in configuration (YAML), loaded at the hub's start; changes requested by the Prosecutor General's Office
 * (п. 12) are journaled by the cabinets actor on top of it.
 *
 *   loadDistrictCodes('deploy/examples/exchange/prosecutors-district-codes.yaml')
 *   // [{ code: 'OKP-1601', name: 'Лубенська окружна прокуратура', region: 'Полтавська область' }, ...]
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { DistrictCodesFileV1, type DistrictOfficeV1 } from '../../../../contracts/exchange/cabinets.ts';
import { schemaErrors } from '../../../../runtime/validate.ts';

export const DEFAULT_DISTRICT_CODES_FILE = fileURLToPath(new URL('../../../../deploy/examples/exchange/prosecutors-district-codes.yaml', import.meta.url));

export function loadDistrictCodes(file: string): DistrictOfficeV1[] {
  const doc = parse(readFileSync(file, 'utf8')) as unknown;
  const errs = schemaErrors(DistrictCodesFileV1, doc);
  if (errs.length) throw new Error(`${file}: not a list of district offices' codes: ${errs.map((e) => `${e.path} ${e.message}`).join('; ')}`);
  const offices = (doc as DistrictCodesFileV1).offices;
  const seen = new Set<string>();
  for (const o of offices) {
    if (seen.has(o.code)) throw new Error(`${file}: the code ${o.code} is listed twice`);
    seen.add(o.code);
  }
  return offices;
}
