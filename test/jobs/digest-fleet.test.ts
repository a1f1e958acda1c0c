import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { createDeps, type Runtime } from '../../src/deps.ts';
import { createLogger } from '../../src/lib/logger.ts';
import { FakeSlack } from '../../src/sandbox/fake-slack.ts';
import { drainDigestFleet } from '../support/digest-fleet.ts';
import { SIGNING_SECRET, TEAM } from '../support/driver.ts';
import { deleteByPrefix, TEST_REDIS_ENV, testPrefix } from '../support/redis.ts';

describe('many channels due at the same moment', () => {
  let fake: FakeSlack;
  let deps: Runtime;
  const prefix = testPrefix('fleet');

  beforeAll(async () => {
    // Slack's posting limits: about one message per second per channel, a few hundred a minute per workspace.
    fake = await FakeSlack.start({
      teamId: TEAM,
      rateLimits: { perMinute: { 'chat.postMessage': 300 }, postsPerChannelPerSecond: 1 },
    });
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.url,
      REDIS_PREFIX: prefix,
      ...TEST_REDIS_ENV,
    });
    deps = createDeps(config, { logger: createLogger('error') });
    await deps.ready();
  });
  afterAll(async () => {
    await deleteByPrefix(deps.redis, prefix);
    await deps.close();
    await fake.close();
  });

  it('posts every digest exactly once, spread so the workspace is never rate-limited', async () => {
    const result = await drainDigestFleet(fake, deps, {
      prefix,
      channels: 40,
      workers: 2,
      itemsPerChannel: 2,
    });
    process.stdout.write(`digest fleet: ${JSON.stringify(result)}\n`);
    expect(result.postsPerChannel).toEqual({ min: 1, max: 1 });
    expect(result.recordedPosted).toBe(40);
    expect(result.rateLimited).toBe(0);
    fake.assertNoViolations();
  }, 120_000);
});
