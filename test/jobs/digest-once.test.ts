import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import { isoWeekKey } from '../../src/domain/schedule.ts';
import type { Running } from '../../src/lib/running.ts';
import { startWorkers } from '../../src/start-workers.ts';
import { configureChannel, digestPosts, enqueueDigestSlot } from '../support/digest-jobs.ts';
import { TEAM, useHarness } from '../support/harness.ts';

const HOUR = 3_600_000;

describe('a scheduled digest is posted exactly once', () => {
  const h = useHarness();
  const extra: Running[] = [];
  let channel = 0;
  const nextChannel = () => `C0DIG${String(++channel).padStart(3, '0')}`;
  // Registered after useHarness, so it runs first: extra workers stop before the violation check.
  afterEach(async () => {
    await Promise.all(extra.splice(0).map((w) => w.stop()));
  });

  async function seed(channelId: string) {
    await configureChannel(h.deps, TEAM, channelId);
    await h.file({ title: `Debt in ${channelId}`, channelId, severity: '3', frequency: '3' });
  }

  const posts = (channelId: string) => digestPosts(h.fake.messages(channelId));

  it('posts once for a slot, and a second run of the same slot posts nothing', async () => {
    const channelId = nextChannel();
    await seed(channelId);
    const slot = Date.now() - 60_000;
    await enqueueDigestSlot(h.deps.digestQueue, TEAM, channelId, slot);
    await h.fake.waitFor(() => posts(channelId).length === 1, 10_000);
    await enqueueDigestSlot(h.deps.digestQueue, TEAM, channelId, slot, '-again');
    await new Promise((r) => setTimeout(r, 1500));
    expect(posts(channelId)).toHaveLength(1);
    const record = await h.deps.digests.record(TEAM, channelId, isoWeekKey(slot, 'Europe/Berlin'));
    expect(record?.state).toBe('posted');
  });

  it('with three workers racing on duplicate jobs for one slot, posts once', async () => {
    extra.push(await startWorkers(h.deps), await startWorkers(h.deps));
    const channelId = nextChannel();
    await seed(channelId);
    const slot = Date.now() - 60_000;
    await Promise.all(
      ['-a', '-b', '-c', '-d'].map((s) => enqueueDigestSlot(h.deps.digestQueue, TEAM, channelId, slot, s)),
    );
    await h.fake.waitFor(() => posts(channelId).length >= 1, 10_000);
    await new Promise((r) => setTimeout(r, 3000));
    expect(posts(channelId)).toHaveLength(1);
  });

  it('retries after Slack answers 500, and posts once', async () => {
    const channelId = nextChannel();
    await seed(channelId);
    h.fake.failNext('chat.postMessage', { status: 500 });
    const before = h.fake.callsTo('chat.postMessage').length;
    await enqueueDigestSlot(h.deps.digestQueue, TEAM, channelId, Date.now() - 60_000);
    await h.fake.waitFor(() => posts(channelId).length === 1, 10_000);
    const attempts = h.fake
      .callsTo('chat.postMessage')
      .slice(before)
      .filter((c) => c.args.channel === channelId);
    expect(attempts).toHaveLength(2);
    expect(h.fake.callsTo('conversations.history').some((c) => c.args.channel === channelId)).toBe(true);
  });

  it("honours 429 Retry-After once, without the client's own retries multiplying", async () => {
    const channelId = nextChannel();
    await seed(channelId);
    h.fake.failNext('chat.postMessage', { status: 429, retryAfter: 2 });
    const before = h.fake.callsTo('chat.postMessage').length;
    await enqueueDigestSlot(h.deps.digestQueue, TEAM, channelId, Date.now() - 60_000);
    await h.fake.waitFor(() => posts(channelId).length === 1, 15_000);
    const attempts = h.fake
      .callsTo('chat.postMessage')
      .slice(before)
      .filter((c) => c.args.channel === channelId);
    expect(attempts).toHaveLength(2);
    expect((attempts[1]?.at ?? 0) - (attempts[0]?.at ?? 0)).toBeGreaterThanOrEqual(2000);
  });

  it('joins a public channel it is not in, so a retry after a 500 can read history; still posts once', async () => {
    const channelId = nextChannel();
    await configureChannel(h.deps, TEAM, channelId);
    h.fake.setChannel(channelId, { is_private: false, is_member: false });
    h.fake.failNext('chat.postMessage', { status: 500 });
    await enqueueDigestSlot(h.deps.digestQueue, TEAM, channelId, Date.now() - 60_000);
    await h.fake.waitFor(() => posts(channelId).length === 1, 10_000);
    expect(h.fake.callsTo('conversations.join').some((c) => c.args.channel === channelId)).toBe(true);
    expect((await h.deps.settings.find(TEAM, channelId))?.digestEnabled).toBe(true);
  });

  it('posts a digest missed while workers were down if under 24 hours late', async () => {
    const channelId = nextChannel();
    await seed(channelId);
    await enqueueDigestSlot(h.deps.digestQueue, TEAM, channelId, Date.now() - 23 * HOUR);
    await h.fake.waitFor(() => posts(channelId).length === 1, 10_000);
  });

  it('skips one more than 24 hours late, and the next digest says so', async () => {
    const channelId = nextChannel();
    // Scheduled three days ago, so the channel's latest real slot is too late as well, whatever today is
    // (otherwise, within 24 h of the real slot, the late job would rightly post that one instead).
    const weekday = DateTime.now().setZone('Europe/Berlin').minus({ days: 3 }).weekday;
    await configureChannel(h.deps, TEAM, channelId, { weekday });
    await h.file({ title: `Debt in ${channelId}`, channelId, severity: '3', frequency: '3' });
    const lateSlot = Date.now() - 25 * HOUR;
    await enqueueDigestSlot(h.deps.digestQueue, TEAM, channelId, lateSlot);
    const week = isoWeekKey(lateSlot, 'Europe/Berlin');
    await h.fake.waitFor(async () => (await h.deps.digests.missed(TEAM, channelId)).includes(week), 10_000);
    expect(posts(channelId)).toHaveLength(0);
    await enqueueDigestSlot(h.deps.digestQueue, TEAM, channelId, Date.now() - 60_000);
    await h.fake.waitFor(() => posts(channelId).length === 1, 10_000);
    expect(JSON.stringify(posts(channelId)[0]?.blocks)).toContain(week);
    // The worker clears the missed list after Slack answers, so the fake has the post a moment earlier.
    await h.fake.waitFor(async () => (await h.deps.digests.missed(TEAM, channelId)).length === 0, 5_000);
  });
});
