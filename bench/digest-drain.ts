// 500 channels whose weekly digests fall due at the same moment, drained by two worker processes against
// the fake Slack enforcing Slack's posting limits (1/s per channel, 300/min per workspace).
import { loadConfig } from '../src/config.ts';
import { createDeps } from '../src/deps.ts';
import { createLogger } from '../src/lib/logger.ts';
import { FakeSlack } from '../src/sandbox/fake-slack.ts';
import { DIGEST_RATE } from '../src/start-workers.ts';
import { drainDigestFleet } from '../test/support/digest-fleet.ts';
import { SIGNING_SECRET, TEAM } from '../test/support/driver.ts';
import { deleteByPrefix, testPrefix } from '../test/support/redis.ts';
import { writeResult } from './stats.ts';

export const RATE_LIMITS = { perMinute: { 'chat.postMessage': 300 }, postsPerChannelPerSecond: 1 };

export async function benchDigestDrain(): Promise<string> {
  const fake = await FakeSlack.start({ teamId: TEAM, rateLimits: RATE_LIMITS });
  const prefix = testPrefix('bench-drain');
  const deps = createDeps(
    loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-bench',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.url,
      REDIS_PREFIX: prefix,
    }),
    { logger: createLogger('error') },
  );
  await deps.ready();
  try {
    const result = await drainDigestFleet(fake, deps, {
      prefix,
      channels: 500,
      workers: 2,
      itemsPerChannel: 5,
    });
    return writeResult('digest-drain', {
      fakeSlackRateLimits: RATE_LIMITS,
      appDigestRate: DIGEST_RATE,
      ...result,
      postsPerMinute: Math.round((result.channels / result.drainMs) * 60_000),
      slackViolations: fake.violations.length,
    });
  } finally {
    await deleteByPrefix(deps.redis, prefix);
    await deps.close();
    await fake.close();
  }
}
