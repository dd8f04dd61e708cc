import type { DecideContext } from '../../runtime/index.ts';
import type { ActorStampV1 } from '../../contracts/court/index.ts';

/** Author of a command as the HTTP layer passed it in `meta` (`system` for reminders and actor-to-actor tells). */
export function stampOf(ctx: DecideContext): ActorStampV1 {
  const login = typeof ctx.meta.author === 'string' ? ctx.meta.author : 'system';
  const role = typeof ctx.meta.role === 'string' ? ctx.meta.role : 'system';
  return { login, role };
}
