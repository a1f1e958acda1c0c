import type { Job } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { digestSchedulerId, syncDigestSchedule } from '../../jobs/producers/digest-schedule.ts';
import type { Running } from '../../src/lib/running.ts';
import type { Failure, FakeCall, StoredMessage } from '../../src/sandbox/fake-slack/types.ts';
import { startWorkers } from '../../src/start-workers.ts';
import { configureChannel, digestPosts, enqueueDigestSlot } from '../support/digest-jobs.ts';
import { TEAM, useHarness } from '../support/harness.ts';

/** enqueueDigestSlot's job options: 6 attempts, 300 ms apart. */
const TEST_JOB_ATTEMPTS = 6;

describe('digest failures', () => {
  const h = useHarness();
  const extra: Running[] = [];
  // Registered after useHarness, so it runs first: extra workers stop before the violation check.
  afterEach(async () => {
    await Promise.all(extra.splice(0).map((w) => w.stop()));
  });

  it.each(['not_in_channel', 'channel_not_found', 'is_archived'])(
    '%s switches the channel’s digest off and tells its stewards by DM, keeping the settings',
    async (error) => {
      const channelId = `C0F${error.slice(0, 6).toUpperCase().replace(/_/g, '')}`;
      const settings = await configureChannel(h.deps, TEAM, channelId, {
        stewards: ['U0STEW1', 'U0STEW2'],
        topN: 7,
      });
      await syncDigestSchedule(h.deps.digestQueue, TEAM, channelId, settings, 'UTC');
      expect(await h.deps.digestQueue.getJobScheduler(digestSchedulerId(TEAM, channelId))).toBeDefined();
      h.fake.failNext('chat.postMessage', { error });
      await enqueueDigestSlot(h.deps.digestQueue, TEAM, channelId, Date.now() - 60_000);
      const after = await h.fake.waitFor(async () => {
        const s = await h.deps.settings.find(TEAM, channelId);
        return s && !s.digestEnabled && s;
      }, 10_000);
      expect(after).toMatchObject({ topN: 7, stewards: ['U0STEW1', 'U0STEW2'] });
      // Removed right after the settings are saved, so a moment after the state the test waited for.
      await h.fake.waitFor(
        async () =>
          (await h.deps.digestQueue.getJobScheduler(digestSchedulerId(TEAM, channelId))) === undefined,
      );
      for (const steward of ['U0STEW1', 'U0STEW2']) {
        // The DM about this channel (earlier tests DM'd the same stewards about theirs).
        const dm = await h.fake.waitFor(() =>
          [...h.fake.messages(`D${steward}`), ...h.fake.messages(steward)].find((m) =>
            m.text.includes(channelId),
          ),
        );
        expect(JSON.stringify(dm)).toContain('/debt config');
      }
    },
  );

  /** The digest's own chat.postMessage calls in a channel (cards and DMs carry no metadata). */
  const isDigestPost = (channelId: string) => (args: FakeCall['args']) =>
    args.channel === channelId && args.metadata !== undefined;
  const digestAttempts = (channelId: string) =>
    h.fake.callsTo('chat.postMessage').filter((c) => isDigestPost(channelId)(c.args));
  /** DMs to a user that mention the channel (earlier tests DM'd the same stewards about theirs). */
  const dmsAbout = (userId: string, channelId: string): StoredMessage[] =>
    h.fake.messages(userId).filter((m) => m.text.includes(channelId));
  async function failedDigestJob(channelId: string): Promise<Job | undefined> {
    return (await h.deps.digestQueue.getFailed()).find((j) => j.data.channelId === channelId);
  }

  it.each<[string, Failure]>([
    ['service_unavailable (HTTP 200)', { error: 'service_unavailable' }],
    ['service_unavailable (HTTP 503)', { status: 503 }],
    ['internal_error', { error: 'internal_error' }],
    ['no answer at all', { drop: true }],
  ])('%s is retried, and the digest is posted once', async (name, failure) => {
    const channelId = `C0TR${name
      .replace(/[^a-z0-9]/gi, '')
      .slice(0, 12)
      .toUpperCase()}`;
    await configureChannel(h.deps, TEAM, channelId, { stewards: ['U0STEWTR'] });
    h.fake.failNext('chat.postMessage', failure, 2, isDigestPost(channelId));
    await enqueueDigestSlot(h.deps.digestQueue, TEAM, channelId, Date.now() - 60_000);
    await h.fake.waitFor(() => digestPosts(h.fake.messages(channelId)).length === 1, 10_000);
    expect(digestAttempts(channelId)).toHaveLength(3);
    // Each retry first looks in the channel's history for a post that got through after all.
    expect(h.fake.callsTo('conversations.history').some((c) => c.args.channel === channelId)).toBe(true);
    await new Promise((r) => setTimeout(r, 1000));
    expect(digestPosts(h.fake.messages(channelId))).toHaveLength(1);
    expect(dmsAbout('U0STEWTR', channelId)).toHaveLength(0);
    expect((await h.deps.settings.find(TEAM, channelId))?.digestEnabled).toBe(true);
  });

  it('a code no method documents is retried; once the attempts run out the stewards hear of it by DM', async () => {
    const channelId = 'C0UNKNOWN';
    await configureChannel(h.deps, TEAM, channelId, { stewards: ['U0STEWA', 'U0STEWB'] });
    h.fake.failNext(
      'chat.postMessage',
      { error: 'mystery_meltdown' },
      TEST_JOB_ATTEMPTS,
      isDigestPost(channelId),
    );
    await enqueueDigestSlot(h.deps.digestQueue, TEAM, channelId, Date.now() - 60_000);
    for (const steward of ['U0STEWA', 'U0STEWB']) {
      const [dm] = await h.fake.waitFor(
        () => dmsAbout(steward, channelId).length > 0 && dmsAbout(steward, channelId),
        15_000,
      );
      expect(JSON.stringify(dm)).toContain('mystery_meltdown');
      expect(JSON.stringify(dm)).toContain('/debt digest post');
    }
    expect(digestAttempts(channelId)).toHaveLength(TEST_JOB_ATTEMPTS);
    expect(digestPosts(h.fake.messages(channelId))).toHaveLength(0);
    const job = await h.fake.waitFor(() => failedDigestJob(channelId));
    expect(job.attemptsMade).toBe(TEST_JOB_ATTEMPTS);
    // Told once, on the last attempt only; the digest stays on for next week.
    expect(dmsAbout('U0STEWA', channelId)).toHaveLength(1);
    expect((await h.deps.settings.find(TEAM, channelId))?.digestEnabled).toBe(true);
  });

  it('a code no method documents, then OK: posted once, nobody told', async () => {
    const channelId = 'C0UNKONCE';
    await configureChannel(h.deps, TEAM, channelId, { stewards: ['U0STEWC'] });
    h.fake.failNext('chat.postMessage', { error: 'mystery_meltdown' }, 1, isDigestPost(channelId));
    await enqueueDigestSlot(h.deps.digestQueue, TEAM, channelId, Date.now() - 60_000);
    await h.fake.waitFor(() => digestPosts(h.fake.messages(channelId)).length === 1, 10_000);
    expect(digestAttempts(channelId)).toHaveLength(2);
    expect(dmsAbout('U0STEWC', channelId)).toHaveLength(0);
  });

  it('a digest Slack refuses (msg_blocks_too_long) is not retried; the size is logged, the stewards told', async () => {
    const channelId = 'C0TOOLONG';
    await configureChannel(h.deps, TEAM, channelId, { stewards: ['U0STEWD'] });
    h.fake.failNext('chat.postMessage', { error: 'msg_blocks_too_long' }, 1, isDigestPost(channelId));
    await enqueueDigestSlot(h.deps.digestQueue, TEAM, channelId, Date.now() - 60_000);
    const [dm] = await h.fake.waitFor(
      () => dmsAbout('U0STEWD', channelId).length > 0 && dmsAbout('U0STEWD', channelId),
      10_000,
    );
    expect(JSON.stringify(dm)).toContain('msg_blocks_too_long');
    const job = await h.fake.waitFor(() => failedDigestJob(channelId));
    expect(job.failedReason).toContain('msg_blocks_too_long');
    expect(job.attemptsMade).toBe(1);
    const line = h.log
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.msg === 'Slack refused the digest' && l.channelId === channelId);
    expect(Number(line?.payloadBytes)).toBeGreaterThan(100);
    await new Promise((r) => setTimeout(r, 1000));
    expect(digestAttempts(channelId)).toHaveLength(1);
    expect((await h.deps.settings.find(TEAM, channelId))?.digestEnabled).toBe(true);
  });

  it('an auth error pauses all posting, shows in /readyz, keeps settings, and a good token resumes', async () => {
    const channelId = 'C0AUTH';
    await configureChannel(h.deps, TEAM, channelId);
    h.fake.failNext('chat.postMessage', { error: 'token_revoked' });
    await enqueueDigestSlot(h.deps.digestQueue, TEAM, channelId, Date.now() - 60_000);
    await h.fake.waitFor(() => h.deps.digests.paused(), 10_000);
    const readyz = await fetch(h.events.replace('/slack/events', '/readyz'));
    expect(readyz.status).toBe(503);
    expect(await readyz.text()).toContain('token_revoked');
    expect((await h.deps.settings.find(TEAM, channelId))?.digestEnabled).toBe(true);
    expect(digestPosts(h.fake.messages(channelId))).toHaveLength(0);

    // A worker that starts with a token Slack accepts lifts the pause, and the parked digest goes out.
    extra.push(await startWorkers(h.deps));
    expect(await h.deps.digests.paused()).toBeNull();
    expect((await fetch(h.events.replace('/slack/events', '/readyz'))).status).toBe(200);
    await h.fake.waitFor(() => digestPosts(h.fake.messages(channelId)).length === 1, 10_000);
  });
});
