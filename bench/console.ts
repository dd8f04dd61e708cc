/**
 * Console benchmark (issue 16): `GET /cases/search` over 100,000 registered
 * cases — the console's case search must answer within 200 ms of server time.
 * The cases are registered through the registry actor directly (the same
 * `register` command POST /registrations asks, each a durable write that also
 * opens the card), then each query kind is timed through HTTP on loopback
 * (auth, the registry's scan, names and judges of the page) and as the
 * registry's read alone. Figures: p50 and p95 ms, ceiling 200.
 *
 *   npm run bench -- console
 */
import { cleanup } from '../test/support/servers.ts';
import { claim, startCourt, today } from '../test/court/support.ts';
import { lawfulZasadyFile } from '../test/court/distribution/lawful.ts';
import { REGISTRY_KIND } from '../actors/court/registry/behavior.ts';
import type { RegistrySearchV1 } from '../contracts/court/index.ts';
import type { Figure } from './index.ts';
import { closedLoop, percentile, round } from './stats.ts';

const CASES = 100_000;
const REPEAT = 40;
const CEILING_MS = 200;
const SURNAMES = ['Іваненко', 'Петренко', 'Коваленко', 'Шевчук', 'Бондаренко', 'Ткаченко', 'Кравченко', 'Олійник', 'Шевченко', 'Мельник', 'Лисенко', 'Руденко'];
const WHAT = ['стягнення боргу', 'поділ майна', 'розірвання шлюбу', 'відшкодування шкоди', 'визнання права власності', 'стягнення аліментів'];

/** A varied registration: not a Засади category (no draw: the bench measures search, not distribution). */
function registration(i: number) {
  const who = `${SURNAMES[i % SURNAMES.length]}${i} Іван`;
  const what = WHAT[i % WHAT.length]!;
  return claim({
    category: `цивільні-${i % 7}`,
    document: { kind: 'позовна заява', title: `про ${what}`, sender: who, outgoingNumber: 'б/н' },
    description: `${what} за позовом ${who}`,
    parties: [
      { role: 'позивач', name: who },
      { role: 'відповідач', name: `ТОВ «Компанія ${i % 997}»` },
    ],
  });
}

export async function run(): Promise<Figure[]> {
  const c = await startCourt({ zasadyFile: lawfulZasadyFile() });
  try {
    const registry = c.server.host.system.ref(REGISTRY_KIND, '537');
    const meta = { meta: { author: 'registrar1', role: 'registrar' } };
    const t0 = performance.now();
    await closedLoop(64, CASES, (_w, i) => registry.ask({ type: 'register', registration: registration(i) }, meta));
    process.stderr.write(`  registered ${CASES} in ${round((performance.now() - t0) / 1000, 1)} s\n`);

    const queries: Array<[string, Omit<RegistrySearchV1, 'type' | 'offset' | 'limit'>]> = [
      ['free_text_rare', { q: 'шевченко8' }],
      ['free_text_common', { q: 'поділ майна' }],
      ['party', { party: 'компанія 42»' }],
      ['ueun', { ueun: `537/${CASES - 7}/${today().slice(2, 4)}` }],
      ['dates_category', { from: today(), to: today(), category: 'цивільні-3' }],
      ['no_match', { q: 'немає такого тексту' }],
    ];
    const http: number[] = [];
    const actor: number[] = [];
    for (const [, query] of queries) {
      const qs = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)] as [string, string])).toString();
      for (let i = 0; i < REPEAT; i++) {
        const h0 = performance.now();
        const r = await c.api.call('GET', `/cases/search?${qs}&limit=50`, { token: c.tokens.registrar });
        http.push(performance.now() - h0);
        if (r.status !== 200) throw new Error(`search ${qs}: ${r.status} ${JSON.stringify(r.body)}`);
        const a0 = performance.now();
        await registry.ask({ type: 'search', ...query, offset: 0, limit: 50 });
        actor.push(performance.now() - a0);
      }
    }
    http.sort((a, b) => a - b);
    actor.sort((a, b) => a - b);
    const n = { cases: CASES, queries: queries.length * REPEAT };
    return [
      { name: 'console.search_p50_ms', value: round(percentile(http, 50)), unit: 'ms', ceiling: CEILING_MS, ...n },
      { name: 'console.search_p95_ms', value: round(percentile(http, 95)), unit: 'ms', ceiling: CEILING_MS, ...n },
      { name: 'console.search_registry_p50_ms', value: round(percentile(actor, 50)), unit: 'ms', ...n },
      { name: 'console.search_registry_p95_ms', value: round(percentile(actor, 95)), unit: 'ms', ...n },
    ];
  } finally {
    await c.server.stop();
    await cleanup();
  }
}
