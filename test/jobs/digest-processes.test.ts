// Real worker processes: one killed with SIGKILL after Slack accepted its digest, one stopped with SIGTERM
// in the middle of a post. Neither may cause a second digest.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { createDeps, type Runtime } from '../../src/deps.ts';
import { isoWeekKey } from '../../src/domain/schedule.ts';
import { createLogger } from '../../src/lib/logger.ts';
import { FakeSlack } from '../../src/sandbox/fake-slack.ts';
import { type Cluster, startCluster } from '../support/cluster.ts';
import { configureChannel, digestPosts, enqueueDigestSlot } from '../support/digest-jobs.ts';
import { SIGNING_SECRET, TEAM } from '../support/driver.ts';
import { deleteByPrefix, TEST_REDIS_ENV, testPrefix } from '../support/redis.ts';

describe('digest worker processes that die or are stopped', () => {
  let fake: FakeSlack;
  let deps: Runtime;
  const clusters: Cluster[] = [];
  const prefix = testPrefix('digest-proc');

  beforeAll(async () => {
    fake = await FakeSlack.start({ teamId: TEAM });
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.url,
      REDIS_PREFIX: prefix,
      ...TEST_REDIS_ENV,
      LOG_LEVEL: 'error',
    });
    deps = createDeps(config, { logger: createLogger('error') });
    await deps.ready();
  });
  afterAll(async () => {
    await Promise.all(clusters.map((c) => c.stop('SIGKILL')));
    await deleteByPrefix(deps.redis, prefix);
    await deps.close();
    await fake.close();
  });

  const workers = async () => {
    const cluster = await startCluster(fake, { prefix, signingSecret: SIGNING_SECRET, webs: 0, workers: 1 });
    clusters.push(cluster);
    return cluster;
  };

  it('SIGKILL after Slack accepted the message: the next worker finds it in history and posts nothing', async () => {
    const channelId = 'C0KILL';
    await configureChannel(deps, TEAM, channelId);
    // Something to snapshot, and a fix resolved 8 weeks ago at 4 h/week: its 24 h paid off 2 weeks ago.
    const filed = async (key: string) =>
      (
        await deps.items.file({
          teamId: TEAM,
          channelId,
          reporterId: 'U0KILL',
          submissionKey: key,
          draft: { title: key, description: '', category: 'data', component: '', links: [], ownerId: null },
          estimates: { severity: 3, frequency: 3 },
        })
      ).item.id;
    await filed('open debt');
    const fixed = await filed('fixed debt');
    await deps.items.update(
      TEAM,
      fixed,
      (item) => ({
        ...item,
        status: 'resolved',
        resolvedAt: new Date(Date.now() - 56 * 86_400_000).toISOString(),
        resolvedInterest: 4,
      }),
      null,
    );
    const first = await workers();
    const hold = fake.hold('chat.postMessage');
    const slot = Date.now() - 60_000;
    await enqueueDigestSlot(deps.digestQueue, TEAM, channelId, slot);
    await hold.held; // Slack has the message; the worker is waiting for the reply
    const worker = first.workers[0]?.child;
    const exited = new Promise((r) => worker?.once('exit', r));
    worker?.kill('SIGKILL');
    await exited;
    hold.release();
    expect(digestPosts(fake.messages(channelId))).toHaveLength(1);

    await workers();
    const week = isoWeekKey(slot, 'Europe/Berlin');
    await fake.waitFor(
      async () => (await deps.digests.record(TEAM, channelId, week))?.state === 'posted',
      60_000,
    );
    expect(digestPosts(fake.messages(channelId))).toHaveLength(1);
    expect(fake.callsTo('conversations.history').some((c) => c.args.channel === channelId)).toBe(true);
    // What the killed worker's post showed was recorded with its reservation, and counts now: the week's
    // snapshot as posted (4 h/week open) and the fix it celebrated, so no later digest celebrates it again.
    expect(JSON.stringify(digestPosts(fake.messages(channelId))[0]?.blocks)).toContain('has paid for itself');
    expect(await deps.history.forChannel(TEAM, channelId)).toEqual([
      expect.objectContaining({ week, openInterest: 4, openCount: 1 }),
    ]);
    expect((await deps.history.celebrated(TEAM)).has(fixed)).toBe(true);
    fake.assertNoViolations();
    // The next test must know which worker holds its job: only the one it starts.
    await Promise.all(clusters.splice(0).map((c) => c.stop()));
  }, 90_000);

  it('SIGTERM in the middle of a post lets the job finish, and nothing is posted twice', async () => {
    const channelId = 'C0TERM';
    await configureChannel(deps, TEAM, channelId);
    const cluster = await workers();
    const hold = fake.hold('chat.postMessage');
    const slot = Date.now() - 60_000;
    await enqueueDigestSlot(deps.digestQueue, TEAM, channelId, slot);
    await hold.held;
    const worker = cluster.workers[0]?.child;
    const exited = new Promise<number | null>((r) => worker?.once('exit', (code) => r(code)));
    worker?.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    hold.release();
    expect(await exited).toBe(0);
    const week = isoWeekKey(slot, 'Europe/Berlin');
    await fake.waitFor(async () => (await deps.digests.record(TEAM, channelId, week))?.state === 'posted');
    await workers();
    await new Promise((r) => setTimeout(r, 2000));
    expect(digestPosts(fake.messages(channelId))).toHaveLength(1);
    fake.assertNoViolations();
  }, 60_000);
});
