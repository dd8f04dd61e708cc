import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { planInstall } from '../../bin/commands/prereq.ts';

const test = suite('npm start prerequisites');

test('nothing to do when both servers are installed', () => {
  assert.equal(planInstall(() => true, false), { action: 'none' });
});

test('as root, the missing Debian packages are installed with apt-get', () => {
  const plan = planInstall((b) => b !== 'redis-server', true);
  assert.equal(plan, { action: 'install', packages: ['redis-server'], command: 'apt-get update && apt-get install -y redis-server' });
});

test('not root: the exact command is printed, nothing is run', () => {
  const plan = planInstall(() => false, false);
  assert.is(plan.action, 'refuse');
  assert.match((plan as { message: string }).message, /sudo sh -c 'apt-get update && apt-get install -y nats-server redis-server'/);
});

test.run();
