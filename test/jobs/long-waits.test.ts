import { beforeAll, describe, expect, it } from 'vitest';
import { RATE_LIMITED_DEFAULT_SECONDS } from '../../src/lib/slack-errors.ts';
import type { FakeCall } from '../../src/sandbox/fake-slack/types.ts';
import { configureChannel, digestPosts, enqueueDigestSlot } from '../support/digest-jobs.ts';
import { TEAM, useHarness } from '../support/harness.ts';

// Slack failures whose handling takes half a minute, run side by side to keep the file near that:
// `rate_limited` comes as HTTP 200 without Retry-After, so the app waits its default (30 s) before trying
// again (429 + Retry-After: card-actions and digest-once tests); a refresh failing every time uses up its
// job's attempts with exponential backoff (1 + 2 + 4 + 8 + 16 s).
const WAIT_MS = RATE_LIMITED_DEFAULT_SECONDS * 1000;
const TIMEOUT_MS = WAIT_MS + 25_000;

describe.concurrent('failures that take a while', () => {
  const h = useHarness();
  // Filed one after the other: the driver's filing is not safe to run concurrently.
  const items: { id: number; cardTs: string }[] = [];
  beforeAll(async () => {
    for (const title of ['Metrics dashboard reads a dead table', 'Retry storm in the labeler']) {
      const id = await h.file({ title });
      items.push({ id, cardTs: (await h.deps.items.require(TEAM, id)).card?.ts ?? '' });
    }
  });

  const updatesOf = (cardTs: string, before: number): FakeCall[] =>
    h.fake
      .callsTo('chat.update')
      .slice(before)
      .filter((c) => c.args.ts === cardTs);

  it(
    'a card refresh answered rate_limited is retried after the default wait, and the card ends up updated',
    async () => {
      const { id, cardTs } = items[0] ?? { id: 0, cardTs: '' };
      const before = h.fake.callsTo('chat.update').length;
      h.fake.failNext('chat.update', { error: 'rate_limited' }, 1, (args) => args.ts === cardTs);
      await h.command(`start ${id}`);
      const [limited, retried] = await h.fake.waitFor(
        () => updatesOf(cardTs, before).length >= 2 && updatesOf(cardTs, before),
        TIMEOUT_MS,
      );
      expect((retried?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(WAIT_MS - 100);
      expect(JSON.stringify(retried?.args.blocks)).toContain('In progress');
      const failed = (await h.deps.cardQueue.getFailed()).find((j) => j.data.itemId === id);
      expect(failed).toBeUndefined();
    },
    TIMEOUT_MS + 5_000,
  );

  it(
    'a digest answered rate_limited, then OK, is posted exactly once',
    async () => {
      const channelId = 'C0RATELIM';
      await configureChannel(h.deps, TEAM, channelId);
      const isDigest = (args: FakeCall['args']) => args.channel === channelId && args.metadata !== undefined;
      h.fake.failNext('chat.postMessage', { error: 'rate_limited' }, 1, isDigest);
      await enqueueDigestSlot(h.deps.digestQueue, TEAM, channelId, Date.now() - 60_000);
      const posts = () => digestPosts(h.fake.messages(channelId));
      await h.fake.waitFor(() => posts().length === 1, TIMEOUT_MS);
      const attempts = h.fake.callsTo('chat.postMessage').filter((c) => isDigest(c.args));
      expect(attempts).toHaveLength(2);
      expect((attempts[1]?.at ?? 0) - (attempts[0]?.at ?? 0)).toBeGreaterThanOrEqual(WAIT_MS - 100);
      // A wait, not a failure: no attempt used, nobody told of a lost digest, and no second post later.
      await new Promise((r) => setTimeout(r, 1500));
      expect(posts()).toHaveLength(1);
      expect(h.fake.messages('U0STEWARD')).toHaveLength(0);
    },
    TIMEOUT_MS + 5_000,
  );

  it(
    'a card refresh failing every time with a code no method documents is given up after bounded attempts',
    async () => {
      const { id, cardTs } = items[1] ?? { id: 0, cardTs: '' };
      const before = h.fake.callsTo('chat.update').length;
      h.fake.failNext('chat.update', { error: 'always_broken' }, 50, (args) => args.ts === cardTs);
      await h.command(`start ${id}`);
      const job = await h.fake.waitFor(
        async () => (await h.deps.cardQueue.getFailed()).find((j) => j.data.itemId === id),
        TIMEOUT_MS,
      );
      expect(job.failedReason).toContain('always_broken');
      expect(job.attemptsMade).toBe(job.opts.attempts);
      expect(updatesOf(cardTs, before)).toHaveLength(job.opts.attempts ?? 0);
    },
    TIMEOUT_MS + 5_000,
  );
});
