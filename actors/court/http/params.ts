import { Type, type Static } from '@sinclair/typebox';

/** `/cases/:court/:seq/:yy` — the ЄУН `537/1234/25` as three path segments (no %2F games). */
export const CaseParamsV1 = Type.Object(
  {
    court: Type.String({ pattern: '^[0-9]{1,4}$' }),
    seq: Type.String({ pattern: '^[1-9][0-9]{0,6}$' }),
    yy: Type.String({ pattern: '^[0-9]{2}$' }),
  },
  { additionalProperties: false },
);
export type CaseParamsV1 = Static<typeof CaseParamsV1>;

export const ueunOf = (p: CaseParamsV1) => `${p.court}/${p.seq}/${p.yy}`;
