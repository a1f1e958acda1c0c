// A vote burst over two web and two worker processes (`start:web`, `start:worker`), as in the integration
// test, with the numbers written down: votes counted, chat.update calls per message, time to settle.

import { FakeSlack } from '../src/sandbox/fake-slack.ts';
import { createKeys } from '../src/store/keys.ts';
import { runVoteBurst } from '../test/support/burst.ts';
import { startCluster } from '../test/support/cluster.ts';
import { SIGNING_SECRET, TEAM } from '../test/support/driver.ts';
import { createTestRedis, deleteByPrefix, testPrefix } from '../test/support/redis.ts';
import { writeResult } from './stats.ts';

const SCENARIOS = [
  { name: 'all at once', voters: 500, inFlight: 50, paceMs: 0 },
  { name: 'sustained for ~6 s', voters: 500, inFlight: 50, paceMs: 600 },
  { name: 'large', voters: 2000, inFlight: 100, paceMs: 0 },
  { name: 'sustained for ~45 s', voters: 1500, inFlight: 30, paceMs: 900 },
];

export async function benchVoteBurst(): Promise<string> {
  const redis = createTestRedis();
  const results: Record<string, unknown>[] = [];
  for (const scenario of SCENARIOS) {
    const fake = await FakeSlack.start({ teamId: TEAM });
    const prefix = testPrefix('bench-burst');
    const cluster = await startCluster(fake, { prefix, signingSecret: SIGNING_SECRET, webs: 2, workers: 2 });
    try {
      const burst = await runVoteBurst(
        fake,
        cluster.webs.map((w) => w.events),
        scenario,
      );
      const votes = await redis.hlen(createKeys(prefix).votes(TEAM, burst.itemId));
      results.push({
        scenario: scenario.name,
        ...burst,
        votesCounted: votes - 1,
        slackViolations: fake.violations.length,
      });
    } finally {
      await cluster.stop();
      await deleteByPrefix(redis, prefix);
      await fake.close();
    }
  }
  await redis.quit();
  return writeResult('vote-burst', { processes: { web: 2, worker: 2 }, results });
}
