/**
 * An operator re-pins a court's seal CA (Засади 13: the court seal). The
 * witness pins a court's CA on its first checkpoint (or from the operator's
 * `court-cas/<court>.crt.pem`, seal.ts); a later checkpoint under another CA
 * is refused and alarmed. When a court re-issues its CA lawfully, an operator
 * pins the new one: the change is an event of the centre's hash-chained
 * journal (actor `seal-pin/<court>`, attributed to the operator, with the
 * reason and the CA it replaces) before the pin row the witness reads.
 *
 *   await repinCourtCa({ system, store, court: '537', caPem, reason: 'наказ № 12 про перевипуск ЦСК суду', by: 'Оператор' });
 */
import { X509Certificate } from 'node:crypto';
import { AsdsError, type ActorSystem, type Behavior } from '../../../runtime/index.ts';
import { SealPinCommandV1 } from '../../../contracts/witness/index.ts';
import { presentedCa } from './seal.ts';
import type { WitnessStore } from './store.ts';

export const SEAL_PIN_KIND = 'seal-pin';

type PinRecord = {
  fingerprint: string;
  previous: string | null;
  reason: string;
  by: string;
  at: number;
};

type Event = { type: 'ca-repinned' } & PinRecord;

export const sealPinBehavior: Behavior<{ pins: PinRecord[] }, SealPinCommandV1, Event, unknown> = {
  kind: SEAL_PIN_KIND,
  commandSchema: SealPinCommandV1,
  initialState: () => ({ pins: [] }),
  decide(state, cmd, ctx) {
    if (cmd.type === 'history') return { reply: state.pins };
    const { type: _t, ...rest } = cmd;
    return { events: [{ type: 'ca-repinned', ...rest, at: ctx.now }], reply: { recorded: true } };
  },
  evolve(state, e) {
    const { type: _t, ...rec } = e;
    return { pins: [...state.pins, rec] };
  },
};

export class RepinRefused extends AsdsError {
  constructor(message: string) {
    super('REPIN_REFUSED', message);
  }
}

/** The court code a court CA names (subject serialNumber, actors/pki initCourtCa), if any. */
function courtOf(x: X509Certificate): string | undefined {
  return /(?:^|\n)serialNumber=([0-9]{1,4})(?:\n|$)/.exec(x.subject)?.[1];
}

export async function repinCourtCa(o: { system: ActorSystem; store: WitnessStore; court: string; caPem: string; reason: string; by: string }): Promise<{ court: string; fingerprint: string; previous: string | null }> {
  let pin: { fingerprint: string; pem: string };
  try {
    pin = presentedCa(o.caPem);
  } catch {
    throw new RepinRefused('сертифікат не є самопідписаним сертифікатом ЦСК (CA) у форматі PEM');
  }
  const named = courtOf(new X509Certificate(pin.pem));
  if (named !== undefined && named !== o.court) throw new RepinRefused(`сертифікат ЦСК належить суду ${named}, а не суду ${o.court}`);
  const previous = (await o.store.pin(o.court))?.fingerprint ?? null;
  if (previous === pin.fingerprint) throw new RepinRefused('цей ЦСК уже закріплено за судом');
  // the journal first: a pin row without its attributed event would be a change nobody can account for
  await o.system.ref(SEAL_PIN_KIND, o.court).ask({ type: 'record-repin', fingerprint: pin.fingerprint, previous, reason: o.reason, by: o.by }, { meta: { author: o.by } });
  await o.store.addPin(o.court, pin, o.by);
  return { court: o.court, fingerprint: pin.fingerprint, previous };
}
