import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  CARD_SWEEP_EVERY_MS,
  CARD_SWEEP_GIVE_UP_MS,
  CARD_SWEEP_GRACE_MS,
  sweepUnpublishedCards,
} from '../../jobs/card-sweep.ts';
import { CARD_SWEEP_SCHEDULER_ID } from '../../jobs/contracts.ts';
import { publishFiledItem } from '../../src/slack/publish.ts';
import { workerClient } from '../../src/workers.ts';
import { TEAM, useHarness } from '../support/harness.ts';

describe('the sweep for items whose card never went out', () => {
  const h = useHarness();

  /** What a web process leaves behind when it dies right after saving, before the card is posted. */
  async function savedButNotPublished(title: string, channelId = 'C0TEAM'): Promise<number> {
    const { item } = await h.deps.items.file({
      teamId: TEAM,
      channelId,
      reporterId: 'U0ALICE',
      submissionKey: `V${randomUUID()}`,
      draft: { title, description: '', category: 'pipeline', component: '', links: [], ownerId: null },
    });
    return item.id;
  }

  const sweepAfter = (ms: number) =>
    sweepUnpublishedCards({
      ...h.deps,
      clock: { now: () => new Date(Date.now() + ms) },
      publish: (item) => publishFiledItem(h.deps, workerClient(h.deps), item, null),
    });
  const pending = async (id: number) =>
    (await h.deps.items.unpublished(new Date(Date.now() + 10 * CARD_SWEEP_GIVE_UP_MS), 1000)).some(
      (e) => e.teamId === TEAM && e.id === id,
    );
  const cardsFor = (id: number, channelId = 'C0TEAM') =>
    h.fake.messages(channelId).filter((m) => !m.thread_ts && String(m.text).startsWith(`DEBT-${id}:`));

  it('is scheduled by the workers, once a minute', async () => {
    const scheduler = await h.deps.cardQueue.getJobScheduler(CARD_SWEEP_SCHEDULER_ID);
    expect(scheduler?.every).toBe(CARD_SWEEP_EVERY_MS);
  });

  it('posts the card and vote panel of an item saved by a process that died, after the grace period, once', async () => {
    const id = await savedButNotPublished('Orphaned feature backfill');
    expect(await sweepAfter(0)).toMatchObject({ published: 0 });
    expect(cardsFor(id)).toHaveLength(0);

    expect(await sweepAfter(CARD_SWEEP_GRACE_MS + 1000)).toMatchObject({ published: 1, failed: 0 });
    const item = await h.deps.items.require(TEAM, id);
    expect(item.card?.ts).toBeTruthy();
    expect(item.panelTs).toBeTruthy();
    expect(item.channelVisibility).toBe('public');
    expect(await pending(id)).toBe(false);

    await sweepAfter(CARD_SWEEP_GRACE_MS + 1000);
    expect(cardsFor(id)).toHaveLength(1);
  });

  it('leaves nothing behind for an item filed normally, or for one whose reporter was told why not', async () => {
    const posted = await h.file({ title: 'Normal filing' });
    expect(await pending(posted)).toBe(false);

    h.fake.setChannel('GSWEEPX', { is_private: true, is_member: false });
    const opens = h.fake.callsTo('views.open').length;
    await h.command('', { channelId: 'GSWEEPX' });
    await h.fake.waitFor(() => h.fake.callsTo('views.open').length > opens);
    const before = h.fake.callsTo('response_url').length;
    await h.submit(h.openedView(), { title: 'Refused card', category: 'ops', channel: 'GSWEEPX' });
    const told = await h.fake.waitFor(() => h.fake.callsTo('response_url')[before]);
    const refused = Number(/DEBT-(\d+)/.exec(JSON.stringify(told.args))?.[1]);
    await h.fake.waitFor(async () => !(await pending(refused)));
    await sweepAfter(CARD_SWEEP_GRACE_MS + 1000);
    expect(h.fake.callsTo('response_url').length).toBe(before + 1);
  });

  it('keeps an item whose card and notice both failed, and publishes it when Slack answers again', async () => {
    const id = await savedButNotPublished('Slack was down');
    h.fake.failNext('chat.postMessage', { status: 500 }, 2); // the card, then the DM to the reporter
    const first = await sweepAfter(CARD_SWEEP_GRACE_MS + 1000);
    expect(first).toMatchObject({ failed: 1 });
    expect(await pending(id)).toBe(true);
    expect(h.log.some((l) => l.includes('sweep could not publish'))).toBe(true);

    await sweepAfter(CARD_SWEEP_GRACE_MS + 1000);
    expect(cardsFor(id)).toHaveLength(1);
    expect(await pending(id)).toBe(false);
  });

  it('forgets items that got their card another way, and gives up on one filed over a day ago', async () => {
    const carded = await savedButNotPublished('Card posted by Try again');
    await h.deps.items.update(
      TEAM,
      carded,
      (i) => ({ ...i, card: { ts: '1.000100', orphaned: false } }),
      null,
    );
    const stale = await savedButNotPublished('Filed during a long outage');
    const result = await sweepAfter(CARD_SWEEP_GIVE_UP_MS + 1000);
    expect(result).toEqual({ published: 0, forgotten: 1, abandoned: 1, failed: 0 });
    expect(await pending(carded)).toBe(false);
    expect(await pending(stale)).toBe(false);
    expect(cardsFor(stale)).toHaveLength(0);
    expect(h.log.some((l) => l.includes('gave up posting the card'))).toBe(true);
    expect((await h.deps.items.require(TEAM, stale)).status).toBe('open');
  });

  it('waits while Slack refuses the token', async () => {
    const id = await savedButNotPublished('Filed while the token was revoked');
    await h.deps.digests.pause('token_revoked', new Date().toISOString());
    try {
      expect(await sweepAfter(CARD_SWEEP_GRACE_MS + 1000)).toBe('paused');
      expect(await pending(id)).toBe(true);
    } finally {
      await h.deps.digests.resume();
    }
    await sweepAfter(CARD_SWEEP_GRACE_MS + 1000);
    expect(cardsFor(id)).toHaveLength(1);
  });
});
