// The weekly digest with history (SPEC §1.8, §2.10): the week's snapshot, the trend chart uploaded and shown by
// file id, celebrations of fixes that paid for themselves (once), and a digest never lost to a chart.
import { describe, expect, it } from 'vitest';
import { isoWeekKey } from '../../src/domain/schedule.ts';
import { configureChannel, digestPosts, enqueueDigestSlot } from '../support/digest-jobs.ts';
import { TEAM, useHarness } from '../support/harness.ts';

const DAY = 86_400_000;
type Blocks = { type: string; slack_file?: { id?: string }; alt_text?: string }[];

describe('the weekly digest over time', () => {
  const h = useHarness();
  let channel = 0;
  const nextChannel = () => `C0HIST${String(++channel).padStart(3, '0')}`;
  const posts = (channelId: string) => digestPosts(h.fake.messages(channelId));
  const images = (channelId: string) =>
    ((posts(channelId)[0]?.blocks ?? []) as Blocks).filter((b) => b.type === 'image');

  async function seed(channelId: string) {
    await configureChannel(h.deps, TEAM, channelId, { capacityHours: 40 });
    return h.file({ title: `Debt in ${channelId}`, channelId, severity: '4', frequency: '4' }); // 80 h/week
  }

  /** A fix resolved `daysAgo` days ago at `interest` h/week, as the resolve command would have left it. */
  async function resolvedLongAgo(id: number, daysAgo: number, interest: number) {
    await h.deps.items.update(
      TEAM,
      id,
      (item) => ({
        ...item,
        status: 'resolved',
        resolvedAt: new Date(Date.now() - daysAgo * DAY).toISOString(),
        resolvedBy: 'U0DANA',
        resolvedInterest: interest,
      }),
      null,
    );
  }

  it('records the week’s snapshot and carries the trend chart, uploaded to Slack as a PNG', async () => {
    const channelId = nextChannel();
    await seed(channelId);
    const slot = Date.now() - 60_000;
    await enqueueDigestSlot(h.deps.digestQueue, TEAM, channelId, slot);
    await h.fake.waitFor(() => posts(channelId).length === 1, 15_000);
    const [image] = images(channelId);
    const file = h.fake.file(image?.slack_file?.id ?? '');
    expect(file).toMatchObject({ imageType: 'png', completed: true, name: 'debt-trend.png' });
    expect(image?.alt_text).toMatch(/week/);
    const week = isoWeekKey(slot, 'Europe/Berlin');
    const [snapshot] = await h.fake.waitFor(() =>
      h.deps.history.forChannel(TEAM, channelId).then((s) => s.length && s),
    );
    expect(snapshot).toMatchObject({ week, openInterest: 80, openCount: 1, filed: 0, capacityHours: 40 });
    // 80 h/week of a 40 h week: the digest says so.
    expect(JSON.stringify(posts(channelId)[0]?.blocks)).toContain('interest rate *200%*');
    expect(JSON.stringify(posts(channelId)[0]?.blocks)).toContain('*Debt spiral*');
  });

  it('posts without the chart when the upload fails, says so in the logs, and posts once', async () => {
    const channelId = nextChannel();
    await seed(channelId);
    h.fake.failNext('files.getUploadURLExternal', { error: 'internal_error' });
    await enqueueDigestSlot(h.deps.digestQueue, TEAM, channelId, Date.now() - 60_000);
    await h.fake.waitFor(() => posts(channelId).length === 1, 15_000);
    expect(images(channelId)).toEqual([]);
    expect(h.log.some((l) => l.includes('trend chart not uploaded'))).toBe(true);
    await new Promise((r) => setTimeout(r, 3000));
    expect(posts(channelId)).toHaveLength(1);
  });

  it('honours Retry-After on the upload and still shows the chart', async () => {
    const channelId = nextChannel();
    await seed(channelId);
    const before = h.fake.callsTo('files.getUploadURLExternal').length;
    h.fake.failNext('files.getUploadURLExternal', { error: 'ratelimited', retryAfter: 1 });
    await enqueueDigestSlot(h.deps.digestQueue, TEAM, channelId, Date.now() - 60_000);
    await h.fake.waitFor(() => posts(channelId).length === 1, 15_000);
    const calls = h.fake.callsTo('files.getUploadURLExternal').slice(before);
    expect((calls[1]?.at ?? 0) - (calls[0]?.at ?? 0)).toBeGreaterThanOrEqual(1000);
    expect(images(channelId)).toHaveLength(1);
  });

  it('posts once without the image when Slack refuses the image block', async () => {
    const channelId = nextChannel();
    await seed(channelId);
    h.fake.failNext('chat.postMessage', { error: 'invalid_blocks' }, 1, (args) => args.channel === channelId);
    await enqueueDigestSlot(h.deps.digestQueue, TEAM, channelId, Date.now() - 60_000);
    await h.fake.waitFor(() => posts(channelId).length === 1, 15_000);
    expect(images(channelId)).toEqual([]);
    expect(h.log.some((l) => l.includes('posting it without'))).toBe(true);
  });

  it('celebrates a fix that paid for itself once, thanking its resolver', async () => {
    const channelId = nextChannel();
    const id = await seed(channelId);
    const other = await h.file({ title: 'Retrain by hand', channelId, severity: '3', frequency: '3' });
    await resolvedLongAgo(id, 49, 4); // 4 h/week × 7 weeks = 28 h for a 24 h fix: paid off a week ago
    await resolvedLongAgo(other, 7, 4); // 4 h saved so far: not yet
    const slot = Date.now() - 60_000;
    await enqueueDigestSlot(h.deps.digestQueue, TEAM, channelId, slot);
    await h.fake.waitFor(() => posts(channelId).length === 1, 15_000);
    const first = JSON.stringify(posts(channelId)[0]?.blocks);
    expect(first).toContain(
      `*DEBT-${id}* Debt in ${channelId} has paid for itself: 28 h saved for a 24 h fix. Thanks <@U0DANA>!`,
    );
    expect(first).not.toContain(`DEBT-${other}* Retrain by hand has paid`);
    await h.fake.waitFor(async () => (await h.deps.history.celebrated(TEAM)).has(id));
    // Next week's digest (its record cleared here to stand for a new week) does not celebrate it again.
    await h.deps.redis.del(h.deps.keys.digestRecord(TEAM, channelId, isoWeekKey(slot, 'Europe/Berlin')));
    await enqueueDigestSlot(h.deps.digestQueue, TEAM, channelId, slot, '-next');
    await h.fake.waitFor(() => posts(channelId).length === 2, 15_000);
    expect(JSON.stringify(posts(channelId)[1]?.blocks)).not.toContain('has paid for itself');
  });
});
