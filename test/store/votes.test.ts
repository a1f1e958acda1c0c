// The vote script's three modes on a real Redis: a click toggles; the *My votes* form sets or clears exactly.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ItemDraft } from '../../src/domain/item.ts';
import { fixedClock } from '../../src/lib/clock.ts';
import type { RedisClient } from '../../src/store/client.ts';
import { createItemStore } from '../../src/store/items.ts';
import { createKeys } from '../../src/store/keys.ts';
import { type CastVote, createVoteStore } from '../../src/store/votes.ts';
import { createTestRedis, deleteByPrefix, testPrefix } from '../support/redis.ts';

const draft: ItemDraft = {
  title: 'Eval set leaks into training',
  description: '',
  category: 'data',
  component: '',
  links: [],
  ownerId: null,
};

describe('vote modes', () => {
  let redis: RedisClient;
  const prefix = testPrefix('votes');
  const keys = createKeys(prefix);
  const clock = fixedClock('2026-12-04T09:00:00Z');
  let delivery = 0;

  beforeAll(() => {
    redis = createTestRedis();
  });
  afterAll(async () => {
    await deleteByPrefix(redis, prefix);
    await redis.quit();
  });

  async function setup() {
    const items = createItemStore(redis, keys, clock);
    const { item } = await items.file({
      teamId: 'TVOTE',
      channelId: 'C1',
      reporterId: 'U1',
      draft,
      submissionKey: `V${++delivery}`,
    });
    const votes = createVoteStore(redis, keys, clock);
    const cast = (level: CastVote['level'], mode?: CastVote['mode']) =>
      votes.cast({
        teamId: 'TVOTE',
        itemId: item.id,
        userId: 'U2',
        dimension: 'severity',
        level,
        deliveryId: `d${++delivery}`,
        ...(mode ? { mode } : {}),
      });
    const severity = async () =>
      (await votes.forItems('TVOTE', [item.id])).get(item.id)?.find((v) => v.dimension === 'severity')
        ?.level ?? null;
    return { cast, severity };
  }

  it('set keeps a vote that is already there instead of taking it back', async () => {
    const { cast, severity } = await setup();
    expect(await cast(3, 'set')).toBe('set');
    expect(await cast(3, 'set')).toBe('duplicate');
    expect(await severity()).toBe(3);
    expect(await cast(4, 'set')).toBe('changed');
    expect(await severity()).toBe(4);
  });

  it('clear takes a vote back, and is a no-op without one', async () => {
    const { cast, severity } = await setup();
    expect(await cast(2, 'clear')).toBe('duplicate');
    await cast(2, 'set');
    expect(await cast(2, 'clear')).toBe('retracted');
    expect(await severity()).toBeNull();
  });

  it('a click still toggles: a double click is not a retraction, a later click on the same option is', async () => {
    const { cast, severity } = await setup();
    expect(await cast(5)).toBe('set');
    expect(await cast(5)).toBe('duplicate'); // within 1.5 s: a double click
    expect(await severity()).toBe(5);
    await new Promise((r) => setTimeout(r, 1600));
    expect(await cast(5)).toBe('retracted');
    expect(await severity()).toBeNull();
  });
});
