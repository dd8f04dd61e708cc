import { AsdsError } from '../../../runtime/index.ts';
import { REGISTRY_KIND } from '../registry/behavior.ts';
import { CASE_KIND } from '../case/behavior.ts';
import type { CourtHttpContext } from './context.ts';

/**
 * Ask a case actor. When it has no card yet because the node crashed between
 * the registration and the card's opening, have the registry re-send the open
 * (it keeps it pending until confirmed) and ask once more.
 */
export function caseAsker(ctx: CourtHttpContext) {
  return async function askCase<R>(ueun: string, command: unknown, meta: { author: string; role: string }): Promise<R> {
    const ref = ctx.system.ref(CASE_KIND, ueun);
    try {
      return await ref.ask<R>(command, { meta });
    } catch (e) {
      if (!(e instanceof AsdsError) || e.code !== 'CASE_NOT_FOUND') throw e;
      const r = await ctx.system.ref(REGISTRY_KIND, ctx.court).ask<{ resent: number }>({ type: 'ensure-open', ueun });
      if (r.resent === 0) throw e;
      return ref.ask<R>(command, { meta });
    }
  };
}
