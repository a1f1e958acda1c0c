import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CARD_SWEEP_GIVE_UP_MS, CARD_SWEEP_GRACE_MS, sweepUnpublishedCards } from '../../jobs/card-sweep.ts';
import { CARD_SWEEP_SCHEDULER_ID } from '../../jobs/contracts.ts';
import { CARD_SWEEP_EVERY_MS } from '../../jobs/producers/maintenance.ts';
import { publishFiledItem } from '../../src/features/publish-item.ts';
import { workerClient } from '../../src/start-workers.ts';
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

  const sweepOnce = (ms: number) =>
    sweepUnpublishedCards({
      ...h.deps,
      clock: { now: () => new Date(Date.now() + ms) },
      publish: (item) =>
        publishFiledItem(h.deps, workerClient(h.deps), item, { responseUrl: null, from: 'sweep' }),
    });
  /** A sweep as if `ms` later; waits out a run of the workers' own scheduled sweep, which holds the lock. */
  async function sweepAfter(ms: number) {
    for (let tries = 0; tries < 50; tries++) {
      const result = await sweepOnce(ms);
      if (result !== 'busy') return result;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the sweep lock stayed taken');
  }
  const due = CARD_SWEEP_GRACE_MS + 1000;
  const pending = async (id: number) =>
    (await h.deps.items.unpublished(new Date(Date.now() + 10 * CARD_SWEEP_GIVE_UP_MS), 1000)).some(
      (e) => e.teamId === TEAM && e.id === id,
    );
  const cardsFor = (id: number, channelId = 'C0TEAM') =>
    h.fake.messages(channelId).filter((m) => !m.thread_ts && String(m.text).startsWith(`DEBT-${id}:`));
  const dmsTo = (userId: string) => h.fake.messages(userId);

  it('is scheduled by the workers, once a minute', async () => {
    const scheduler = await h.deps.cardQueue.getJobScheduler(CARD_SWEEP_SCHEDULER_ID);
    expect(scheduler?.every).toBe(CARD_SWEEP_EVERY_MS);
  });

  it('posts the card and vote panel of an item saved by a process that died, after the grace period, once', async () => {
    const id = await savedButNotPublished('Orphaned feature backfill');
    expect(await sweepAfter(0)).toMatchObject({ published: 0 });
    expect(cardsFor(id)).toHaveLength(0);

    expect(await sweepAfter(due)).toEqual({ published: 1, forgotten: 0, abandoned: 0, deferred: 0 });
    const item = await h.deps.items.require(TEAM, id);
    expect(item.card?.ts).toBeTruthy();
    expect(item.panelTs).toBeTruthy();
    expect(item.channelVisibility).toBe('public');
    expect(await pending(id)).toBe(false);

    expect(await sweepAfter(due)).toEqual({ published: 0, forgotten: 0, abandoned: 0, deferred: 0 });
    expect(cardsFor(id)).toHaveLength(1);
  });

  it('leaves nothing to sweep after a normal filing, or after the reporter was told why the card failed', async () => {
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
    const dmOpens = h.fake.callsTo('conversations.open').length;
    expect(await sweepAfter(due)).toEqual({ published: 0, forgotten: 0, abandoned: 0, deferred: 0 });
    expect(h.fake.callsTo('conversations.open')).toHaveLength(dmOpens);
  });

  it('tells the reporter by DM, once, when the card is refused for a reason only a person can fix', async () => {
    h.fake.setChannel('GSWEEPY', { is_private: true, is_member: false });
    const id = await savedButNotPublished('Card for a channel without the bot', 'GSWEEPY');
    expect(await sweepAfter(due)).toMatchObject({ published: 1 });
    const dm = dmsTo('U0ALICE').filter((m) => JSON.stringify(m.blocks).includes(`DEBT-${id}`));
    expect(dm).toHaveLength(1);
    expect(JSON.stringify(dm[0]?.blocks)).toContain('Try again');
    await sweepAfter(due);
    expect(dmsTo('U0ALICE').filter((m) => JSON.stringify(m.blocks).includes(`DEBT-${id}`))).toHaveLength(1);
  });

  it('leaves a card Slack failed to take (5xx) for a later run, without bothering the reporter', async () => {
    const id = await savedButNotPublished('Slack was down');
    const dmOpens = h.fake.callsTo('conversations.open').length;
    h.fake.failNext('chat.postMessage', { status: 500 });
    expect(await sweepAfter(due)).toMatchObject({ published: 0, deferred: 1 });
    expect(await pending(id)).toBe(true);
    expect(h.fake.callsTo('conversations.open')).toHaveLength(dmOpens);
    // Tried just now: back of the line, not due again until the grace period has passed once more.
    expect(await sweepAfter(0)).toMatchObject({ published: 0, deferred: 0 });

    expect(await sweepAfter(due)).toMatchObject({ published: 1 });
    expect(cardsFor(id)).toHaveLength(1);
    expect(await pending(id)).toBe(false);
  });

  it('skips an item another process is posting, and never runs twice at once', async () => {
    const id = await savedButNotPublished('Being posted elsewhere');
    const claim = h.deps.keys.once(TEAM, 'card', String(id));
    await h.deps.redis.set(claim, '1', 'EX', 30);
    const next = await savedButNotPublished('Filed right after');
    // Unlike a Slack failure, an item someone else is posting does not end the run.
    expect(await sweepAfter(due)).toMatchObject({ published: 1, deferred: 1 });
    expect(await pending(id)).toBe(true);
    expect(cardsFor(next)).toHaveLength(1);
    await h.deps.redis.del(claim);

    await h.deps.redis.set(h.deps.keys.cardSweepLock, 'another-worker', 'PX', 30_000);
    try {
      expect(await sweepOnce(due)).toBe('busy');
    } finally {
      await h.deps.redis.del(h.deps.keys.cardSweepLock);
    }
    expect(await sweepAfter(due)).toMatchObject({ published: 1 });
    expect(cardsFor(id)).toHaveLength(1);
  });

  it('forgets items that got their card another way, and gives up on unreadable ones and ones over a day old', async () => {
    const carded = await savedButNotPublished('Card posted by Try again');
    await h.deps.items.update(
      TEAM,
      carded,
      (i) => ({ ...i, card: { ts: '1.000100', orphaned: false } }),
      null,
    );
    const stale = await savedButNotPublished('Filed during a long outage');
    const broken = await savedButNotPublished('Record damaged by hand');
    await h.deps.redis.set(h.deps.keys.item(TEAM, broken), '{"not":"an item"}');
    const result = await sweepAfter(CARD_SWEEP_GIVE_UP_MS + 1000);
    expect(result).toEqual({ published: 0, forgotten: 1, abandoned: 2, deferred: 0 });
    for (const id of [carded, stale, broken]) expect(await pending(id)).toBe(false);
    expect(cardsFor(stale)).toHaveLength(0);
    expect(h.log.some((l) => l.includes('gave up posting the card'))).toBe(true);
    expect(h.log.some((l) => l.includes('unreadable'))).toBe(true);
    expect((await h.deps.items.require(TEAM, stale)).status).toBe('open');
  });

  it('waits while Slack refuses the token', async () => {
    const id = await savedButNotPublished('Filed while the token was revoked');
    await h.deps.digests.pause('token_revoked', new Date().toISOString());
    try {
      expect(await sweepAfter(due)).toBe('paused');
      expect(await pending(id)).toBe(true);
    } finally {
      await h.deps.digests.resume();
    }
    await sweepAfter(due);
    expect(cardsFor(id)).toHaveLength(1);
  });
});
