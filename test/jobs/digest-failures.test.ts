import { afterEach, describe, expect, it } from 'vitest';
import { digestSchedulerId, syncDigestSchedule } from '../../jobs/producers/digest-schedule.ts';
import type { Running } from '../../src/lib/running.ts';
import { startWorkers } from '../../src/start-workers.ts';
import { configureChannel, digestPosts, enqueueDigestSlot } from '../support/digest-jobs.ts';
import { TEAM, useHarness } from '../support/harness.ts';

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
