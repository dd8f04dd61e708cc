/**
 * The answer of a worker that must not answer from the analytics store: a stand-by (another worker owns the
 * embedded store) or a worker between owners. HTTP 503 with Ukrainian text naming the owner (people read it);
 * NATS queries never reach such a worker — only the owner subscribes to them (ownership.ts).
 */
import { AsdsError } from '../../../runtime/errors.ts';
import type { LeaseV1 } from '../../../contracts/ops/index.ts';

export class NotAnalyticsOwner extends AsdsError {
  readonly statusCode = 503;
  readonly owner: string | null;

  constructor(readonly node: string, holder: Pick<LeaseV1, 'holder' | 'pid' | 'host'> | undefined) {
    super(
      'NOT_ANALYTICS_OWNER',
      holder && holder.holder !== node
        ? `Центральний вузол ${node} у резерві: аналітичні дані обслуговує ${holder.holder} (процес ${holder.pid} на ${holder.host}). Зверніться до нього; якщо він зупиниться, ${node} перейме роботу за кілька секунд.`
        : `Центральний вузол ${node} зараз не обслуговує аналітичні дані (триває передача між вузлами). Повторіть запит за кілька секунд.`,
    );
    this.owner = holder && holder.holder !== node ? holder.holder : null;
  }
}
