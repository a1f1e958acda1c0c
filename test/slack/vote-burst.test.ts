import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlack } from '../../src/sandbox/fake-slack.ts';
import type { RedisClient } from '../../src/store/client.ts';
import { createKeys } from '../../src/store/keys.ts';
import { runVoteBurst } from '../support/burst.ts';
import { type Cluster, startCluster } from '../support/cluster.ts';
import { SIGNING_SECRET, TEAM } from '../support/driver.ts';
import { createTestRedis, deleteByPrefix, testPrefix } from '../support/redis.ts';

describe('500 voters at once, two web and two worker processes', () => {
  let fake: FakeSlack;
  let cluster: Cluster;
  let redis: RedisClient;
  const prefix = testPrefix('burst');

  beforeAll(async () => {
    fake = await FakeSlack.start({ teamId: TEAM });
    redis = createTestRedis();
    cluster = await startCluster(fake, { prefix, signingSecret: SIGNING_SECRET, webs: 2, workers: 2 });
  }, 60_000);
  afterAll(async () => {
    await cluster?.stop();
    await deleteByPrefix(redis, prefix);
    await redis.quit();
    await fake.close();
  });

  it('counts every vote exactly once, holds the refresh rule and shows the final tallies', async () => {
    const result = await runVoteBurst(
      fake,
      cluster.webs.map((w) => w.events),
      // 50 lanes of 10 clicks each, 600 ms apart: the votes keep coming for ~6 s, so refreshes must coalesce.
      { voters: 500, inFlight: 50, paceMs: 600 },
    );
    process.stdout.write(`vote burst: ${JSON.stringify(result)}\n`);
    if (process.env.BURST_DEBUG) {
      for (const w of cluster.workers)
        process.stdout.write(`${w.log.filter((l) => l.includes('refreshing')).join('\n')}\n`);
      process.stdout.write(
        JSON.stringify(fake.callsTo('chat.update').map((c) => [c.args.ts, new Date(c.at).toISOString()])) +
          '\n',
      );
    }
    expect(result.failedRequests).toBe(0);
    expect(result.inFlightMax).toBeGreaterThanOrEqual(50);

    const votes = await redis.hgetall(createKeys(prefix).votes(TEAM, result.itemId));
    const severity = Object.keys(votes).filter((f) => f.startsWith('severity:'));
    expect(severity).toHaveLength(500);

    // Several refreshes during the burst, never two for one message within 2 seconds.
    expect(result.updatesPerMessage.panel).toBeGreaterThanOrEqual(2);
    expect(result.updatesPerMessage.card).toBeGreaterThanOrEqual(2);
    expect(result.minGapMs.card).toBeGreaterThanOrEqual(2000);
    expect(result.minGapMs.panel).toBeGreaterThanOrEqual(2000);
    // The final update shows every voter and came within 3 seconds of the last vote's ack.
    expect(result.settleMs).toBeLessThanOrEqual(3000);
    const last = fake
      .callsTo('chat.update')
      .filter((c) => c.args.ts === result.panelTs)
      .at(-1);
    expect(JSON.stringify(last?.args.blocks)).toContain('501 voters');
    fake.assertNoViolations();
  }, 120_000);
});
