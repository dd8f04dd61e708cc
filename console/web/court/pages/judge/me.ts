/**
 * Who the logged-in judge is, as the node ties a judge user to the Засади: the judge's login IS the Засади judge id
 * in lower case (actors/court/public/lists.ts `judgeNames`), and the card's `assignment.judge` holds that login —
 * the node opens covert details only when it equals the viewer's login (actors/court/case/behavior.ts, Засади 3.1 ¶2).
 *
 *   const me = await whoAmI();                 // { login: 'judge.petrenko', fullName: '…', role: 'judge' }
 *   await api.get('/cases/search', { judge: me.login });
 */
import { api } from '../../../lib/api.ts';

export interface Me {
  login: string;
  fullName: string;
  role: string;
}

let cached: Promise<Me> | null = null;

export function whoAmI(): Promise<Me> {
  cached ??= api.get<Me>('/auth/me');
  cached.catch(() => (cached = null));
  return cached;
}

/** Same judge? (logins and Засади ids compare case-insensitively, as the node's name lookup does.) */
export const sameJudge = (a: string | null | undefined, b: string | null | undefined) => !!a && !!b && a.toLowerCase() === b.toLowerCase();
