// The app's Runtime on a real three-master Redis Cluster started by this test (test/support/redis-cluster.ts):
// workspaces spread over masters are all found by the install-wide reads (SCAN every master, one MGET per
// workspace), filing and voting run their scripts and transactions in one slot, BullMQ's queues work under
// their hash tag, readiness needs every master, and cleanup reaches every master. Decision 0025.
import type { Cluster, Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { createDeps, type Runtime } from '../../src/deps.ts';
import type { ItemDraft } from '../../src/domain/item.ts';
import { DEFAULT_CHANNEL_SETTINGS } from '../../src/domain/settings.ts';
import { createLogger } from '../../src/lib/logger.ts';
import { deleteByPrefix } from '../../src/sandbox/delete-by-prefix.ts';
import { FakeSlack } from '../../src/sandbox/fake-slack.ts';
import { startWeb } from '../../src/start-web.ts';
import { createDriver, SIGNING_SECRET, TEAM } from '../support/driver.ts';
import { freePort } from '../support/ports.ts';
import { testPrefix } from '../support/redis.ts';
import { type RedisCluster, startRedisCluster } from '../support/redis-cluster.ts';

const draft: ItemDraft = {
  title: 'Feature store backfill is a notebook',
  description: '',
  category: 'pipeline',
  component: '',
  links: [],
  ownerId: null,
};

/** The cluster's masters, as its client knows them right now. */
const masters = (client: Runtime['redis']): Redis[] => (client as Cluster).nodes('master');

/** Enough workspaces that, by their hash slots, every master holds some. */
const TEAMS = Array.from({ length: 12 }, (_, i) => `T0CL${String(i).padStart(2, '0')}`);

describe('the app on a three-master Redis Cluster', () => {
  let cluster: RedisCluster;
  let deps: Runtime;
  const prefix = testPrefix('cluster');

  beforeAll(async () => {
    cluster = await startRedisCluster();
    deps = createDeps(
      loadConfig({
        SLACK_BOT_TOKEN: 'xoxb-cluster',
        SLACK_SIGNING_SECRET: 'secret',
        REDIS_CLUSTER_NODES: cluster.nodes.join(','),
        REDIS_PREFIX: prefix,
      }),
      { logger: createLogger('error') },
    );
    expect(await deps.ready()).toBe(true);
  }, 60_000);
  afterAll(async () => {
    await deps?.close();
    await cluster?.stop();
  });

  it('holds workspaces on every master and finds them all, with their items and settings', async () => {
    for (const teamId of TEAMS) {
      const filed = await deps.items.file({
        teamId,
        channelId: 'C1',
        reporterId: 'U1',
        draft,
        submissionKey: `V-${teamId}`,
      });
      expect(filed).toMatchObject({ created: true, item: { id: 1 } });
      const vote = { teamId, itemId: 1, userId: 'U2', dimension: 'severity', level: 4 } as const;
      expect(await deps.votes.cast({ ...vote, deliveryId: `A-${teamId}` })).toBe('set');
      await deps.settings.save(teamId, 'C1', DEFAULT_CHANNEL_SETTINGS);
    }
    const holding = await Promise.all(
      masters(deps.redis).map(async (node) => {
        const [, found] = await node.scan('0', 'MATCH', `${prefix}:t:*`, 'COUNT', 10_000);
        return found.length;
      }),
    );
    expect(holding).toHaveLength(3);
    for (const count of holding) expect(count).toBeGreaterThan(0);

    expect((await deps.items.teamsWithItems()).sort()).toEqual(TEAMS);
    expect((await deps.settings.all()).map((s) => s.teamId).sort()).toEqual(TEAMS);
    expect((await deps.items.unpublished(new Date(Date.now() + 1000), 100)).length).toBe(TEAMS.length);
    const votes = await deps.votes.forItems(TEAMS[0] ?? '', [1]);
    expect(votes.get(1)).toEqual([
      expect.objectContaining({ userId: 'U2', dimension: 'severity', level: 4 }),
    ]);
  });

  it('queues jobs under one hash tag, and answers ready only while every master does', async () => {
    const job = await deps.cardQueue.add('probe', { teamId: TEAMS[0] }, { jobId: 'probe-1', delay: 60_000 });
    expect(await deps.cardQueue.getJob(job.id ?? '')).toMatchObject({ name: 'probe' });
    expect(await deps.redisAnswers()).toBe(true);
  });

  it('deletes a prefix on every master, across slots', async () => {
    const deleted = await deleteByPrefix(deps.redis, prefix);
    expect(deleted).toBeGreaterThan(TEAMS.length * 5);
    for (const node of masters(deps.redis)) {
      const [, left] = await node.scan('0', 'MATCH', `${prefix}:*`, 'COUNT', 10_000);
      expect(left).toEqual([]);
    }
  });

  it('is not ready once a master is gone', async () => {
    const [first] = masters(deps.redis);
    await first?.call('SHUTDOWN', 'NOSAVE').catch(() => undefined);
    await expect.poll(() => deps.redisAnswers(), { timeout: 10_000 }).toBe(false);
  });

  it('answers Slack in time with the database message when no node of the cluster answers', async () => {
    const fake = await FakeSlack.start({ teamId: TEAM });
    const silent = await freePort();
    const down = createDeps(
      loadConfig({
        SLACK_BOT_TOKEN: 'xoxb-cluster',
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: fake.url,
        REDIS_CLUSTER_NODES: `redis://127.0.0.1:${silent}`,
        REDIS_PREFIX: prefix,
        PORT: '0',
      }),
      { logger: createLogger('error') },
    );
    const web = await startWeb(down);
    try {
      expect(await down.ready(500)).toBe(false);
      const driver = createDriver(fake, `http://127.0.0.1:${web.port}/slack/events`);
      const started = Date.now();
      const { response, reply } = await driver.command('list');
      // Slack's 3-second limit: the ack must not wait for a slot map that never comes.
      expect(Date.now() - started).toBeLessThan(3000);
      expect(response.status).toBe(200);
      expect(JSON.stringify(await reply())).toContain('cannot reach its database');
      expect((await fetch(`http://127.0.0.1:${web.port}/readyz`)).status).toBe(503);
    } finally {
      await web.stop();
      await down.close();
      await fake.close();
    }
  });
});
