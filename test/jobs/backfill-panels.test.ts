import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkers } from '../../src/start-workers.ts';
import { type Harness, startHarness, TEAM } from '../support/harness.ts';

describe('vote panel backfill', () => {
  let h: Harness;
  beforeAll(async () => {
    // No workers yet: the item below is "filed by the previous version", with a card but no panel.
    h = await startHarness({ workers: false });
  });
  afterAll(async () => {
    await h.stop();
  });

  it('posts a panel for every item that has a card but none, once, when the new version starts', async () => {
    const slack = new webApi.WebClient('xoxb-test', { slackApiUrl: h.fake.url });
    const { item } = await h.deps.items.file({
      teamId: TEAM,
      channelId: 'C0OLD',
      reporterId: 'U0OLD',
      submissionKey: 'VOLD',
      draft: {
        title: 'Filed before voting existed',
        description: '',
        category: 'model',
        component: '',
        links: [],
        ownerId: null,
      },
    });
    const posted = await slack.chat.postMessage({ channel: 'C0OLD', text: `DEBT-${item.id}: old card` });
    await h.deps.items.update(
      TEAM,
      item.id,
      (i) => ({ ...i, card: { ts: posted.ts ?? '', orphaned: false } }),
      null,
    );

    const workers = [await startWorkers(h.deps), await startWorkers(h.deps)];
    try {
      const panel = await h.fake.waitFor(
        () => h.fake.callsTo('chat.postMessage').find((c) => c.args.thread_ts === posted.ts),
        10_000,
      );
      expect(JSON.stringify(panel.args.blocks)).toContain('Close voting');
      await h.fake.waitFor(async () => (await h.deps.items.require(TEAM, item.id)).panelTs);
      await new Promise((r) => setTimeout(r, 2500));
      expect(h.fake.callsTo('chat.postMessage').filter((c) => c.args.thread_ts === posted.ts)).toHaveLength(
        1,
      );
      h.fake.assertNoViolations();
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
    }
  });
});
