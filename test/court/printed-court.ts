/**
 * A court for the printout tests: the lawful test Засади with the judges' names written in full (surname, first
 * name, patronymic), one civil claim registered and drawn — what a clerk would print.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse, stringify } from 'yaml';
import * as assert from 'uvu/assert';
import { claim, startCourt, type Court } from './support.ts';
import { assignByDraw, lawfulZasadyFile } from './distribution/lawful.ts';

/** The lawful test Засади with full names, written beside it as `zasady-<tag>.yaml`. */
export function namedZasadyFile(tag: string): string {
  const base = lawfulZasadyFile();
  const z = parse(readFileSync(base, 'utf8'));
  z.judges[0].name = 'Петренко Петро Петрович';
  z.judges[1].name = 'Коваль Олена Іванівна';
  const file = join(dirname(base), `zasady-${tag}.yaml`);
  writeFileSync(file, stringify(z));
  return file;
}

export interface PrintedCourt {
  court: Court;
  ueun: string;
  proceedingNumber: string;
  protocolId: string;
}

/** A court node on those Засади with one claim registered (idempotency key `<tag>-0001`) and drawn. */
export async function startPrintedCourt(tag: string): Promise<PrintedCourt> {
  const court = await startCourt({ zasadyFile: namedZasadyFile(tag) });
  const reg = await court.api.call('POST', '/registrations', { token: court.tokens.registrar, body: claim(), headers: { 'idempotency-key': `${tag}-0001` } });
  assert.is(reg.status, 201, JSON.stringify(reg.body));
  const protocolId = (await assignByDraw(court.api, court.tokens.officer, reg.body.ueun, reg.body.proceedingNumber)).protocol;
  return { court, ueun: reg.body.ueun, proceedingNumber: reg.body.proceedingNumber, protocolId };
}
