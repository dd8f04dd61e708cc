import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { Type } from '@sinclair/typebox';
import { ActorSystem, ConcurrencyConflict, type Behavior } from '../../runtime/index.ts';
import { cleanup, tempDir } from '../support/servers.ts';
import { ledger } from '../support/ledger.ts';

process.env.ASDS_LOG ??= 'silent';
const test = suite('runtime: effects run only after persistence');
test.after(cleanup);

interface AskerState {
  answers: unknown[];
}
const asker: Behavior<AskerState, any, any> = {
  kind: 'asker',
  commandSchema: Type.Union([
    Type.Object({ type: Type.Literal('forward'), value: Type.Integer(), via: Type.Union([Type.Literal('tell'), Type.Literal('ask')]) }),
    Type.Object({ type: Type.Literal('noop') }),
    Type.Object({ type: Type.Literal('answer'), ok: Type.Boolean(), correlation: Type.Optional(Type.String()), reply: Type.Optional(Type.Unknown()), error: Type.Optional(Type.Unknown()) }),
  ]),
  initialState: () => ({ answers: [] }),
  decide(_s, c, ctx) {
    if (c.type === 'noop') return { reply: 'noop' };
    if (c.type === 'answer') return { events: [{ type: 'answered', ok: c.ok, correlation: c.correlation, reply: c.reply ?? null, error: c.error ?? null }] };
    const to = { node: ctx.self.node, kind: 'ledger', id: 'target' };
    const message = { type: 'append', value: c.value };
    return {
      events: [{ type: 'forwarded', value: c.value }],
      reply: 'ok',
      effects: [c.via === 'tell' ? { type: 'tell', to, message } : { type: 'ask', to, message, replyType: 'answer', correlation: `v${c.value}` }],
    };
  },
  evolve: (s, e) => (e.type === 'answered' ? { answers: [...s.answers, e] } : s),
};

async function until(cond: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('condition not met');
}

test('tell and ask effects are delivered; the ask answer comes back as a command', async () => {
  const sys = new ActorSystem({ node: 'court-1', journal: join(tempDir(), 'j.sqlite') }).register(ledger).register(asker).start();
  await sys.ref('asker', 'a').ask({ type: 'forward', value: 1, via: 'tell' });
  await sys.ref('asker', 'a').ask({ type: 'forward', value: 2, via: 'ask' });
  await sys.ref('asker', 'a').ask({ type: 'forward', value: -3, via: 'ask' }); // the target refuses
  await until(async () => ((await sys.ref('asker', 'a').ask({ type: 'forward', value: 0, via: 'tell' }).then(() => sys.ref('ledger', 'target').ask({ type: 'get' }))) as { values: number[] }).values.length >= 3);
  const answers = ((sys.journal!.database.prepare("SELECT data FROM events WHERE type = 'answered' ORDER BY gseq").all()) as Array<{ data: string }>).map((r) => JSON.parse(r.data));
  assert.is(answers.length, 2);
  assert.equal(answers[0], { type: 'answered', ok: true, correlation: 'v2', reply: { seq: 2, count: 2 }, error: null });
  assert.is(answers[1].ok, false);
  assert.is(answers[1].correlation, 'v-3');
  assert.is(answers[1].error.code, 'NEGATIVE');
  await sys.shutdown();
});

test('when persistence fails, no effect is executed', async () => {
  const dir = tempDir();
  const a = new ActorSystem({ node: 'court-1', journal: join(dir, 'j.sqlite') }).register(ledger).register(asker).start();
  const b = new ActorSystem({ node: 'court-1', journal: join(dir, 'j.sqlite') }).register(asker).start();
  await a.ref('asker', 'x').ask({ type: 'noop' }); // a activates asker/x at sequence 0
  await b.ref('asker', 'x').ask({ type: 'forward', value: 7, via: 'tell' }); // b appends first: a is stale
  const err = await a.ref('asker', 'x').ask({ type: 'forward', value: 99, via: 'tell' }).catch((e) => e);
  assert.instance(err, ConcurrencyConflict);
  await new Promise((r) => setTimeout(r, 50));
  const target = (await a.ref('ledger', 'target').ask({ type: 'get' })) as { values: number[] };
  assert.equal(target.values, [], 'the tell of a refused write must not be sent');
  await a.shutdown();
  await b.shutdown();
});

test.run();
