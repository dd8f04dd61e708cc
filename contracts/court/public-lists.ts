/**
 * Public daily lists (Засади 12.4.1–12.4.5), version 1: the staff's HTTP
 * bodies and the `public-lists` actor's commands (validated by the runtime
 * whether they come over HTTP, NATS or a reminder).
 */
import { Type, type Static } from '@sinclair/typebox';
import { DateV1, DocRefV1, ProceedingNumberV1, Text, UeunV1, strictObject } from './common.ts';

export const TimeV1 = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' });

/** 12.4 last ¶: parties and essence of this case are not published. */
export const RestrictionV1 = strictObject({ ueun: UeunV1, reason: Text(1000), basis: DocRefV1 });
export type RestrictionV1 = Static<typeof RestrictionV1>;

/** 12.4.1: a hearing on the list. */
export const HearingV1 = strictObject({ ueun: UeunV1, proceedingNumber: Type.Optional(ProceedingNumberV1), date: DateV1, time: TimeV1, room: Text(100), composition: Text(300) });
export type HearingV1 = Static<typeof HearingV1>;

/** 12.4.5: an announcement, of a case or of the court. */
export const AnnouncementV1 = strictObject({ date: DateV1, ueun: Type.Optional(UeunV1), title: Text(300), text: Text(4000) });
export type AnnouncementV1 = Static<typeof AnnouncementV1>;

export const PublishBodyV1 = strictObject({ date: Type.Optional(DateV1) });

/** The answer to an ask the actor made (runtime `ask` effect). */
const replyTo = (type: string) =>
  strictObject({ type: Type.Literal(type), correlation: Type.Optional(Type.String()), ok: Type.Boolean(), reply: Type.Optional(Type.Unknown()), error: Type.Optional(Type.Unknown()) });

export const PublicListsCommandV1 = Type.Union([
  strictObject({ type: Type.Literal('arm') }),
  strictObject({ type: Type.Literal('publish'), date: Type.Optional(DateV1) }),
  strictObject({ type: Type.Literal('restrict'), restriction: RestrictionV1 }),
  strictObject({ type: Type.Literal('add-hearing'), hearing: HearingV1 }),
  strictObject({ type: Type.Literal('add-announcement'), announcement: AnnouncementV1 }),
  strictObject({ type: Type.Literal('read'), date: DateV1 }),
  replyTo('registry-page'),
  replyTo('card-read'),
  /** The judges' names for the run (12.4.3 publishes the composition by name): the Засади roster, then the users. */
  replyTo('roster-read'),
  replyTo('users-read'),
]);
export type PublicListsCommandV1 = Static<typeof PublicListsCommandV1>;
