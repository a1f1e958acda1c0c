import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDomainError } from '../../src/domain/errors.ts';
import type { ItemDraft } from '../../src/domain/item.ts';
import { fixedClock } from '../../src/lib/clock.ts';
import type { RedisClient } from '../../src/store/client.ts';
import { createItemStore } from '../../src/store/items.ts';
import { CorruptRecordError } from '../../src/store/json.ts';
import { createKeys } from '../../src/store/keys.ts';
import { createVoteStore } from '../../src/store/votes.ts';
import { createTestRedis, deleteByPrefix, testPrefix } from '../support/redis.ts';

const draft: ItemDraft = {
  title: 'Training data has no schema checks',
  description: '',
  category: 'data',
  component: 'feature-store',
  links: [],
  ownerId: null,
};

describe('item store on a real Redis', () => {
  let redis: RedisClient;
  const prefix = testPrefix('items');
  const keys = createKeys(prefix);
  const clock = fixedClock('2026-11-02T09:00:00Z');

  beforeAll(() => {
    redis = createTestRedis();
  });
  afterAll(async () => {
    await deleteByPrefix(redis, prefix);
    await redis.quit();
  });

  const store = () => createItemStore(redis, keys, clock);

  it('gives 100 concurrent filings 100 distinct ids', async () => {
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        store().file({ teamId: 'TCONC', channelId: 'C1', reporterId: 'U1', draft, submissionKey: `V${i}` }),
      ),
    );
    const ids = results.map((r) => r.item.id);
    expect(new Set(ids).size).toBe(100);
    expect(Math.max(...ids)).toBe(100);
    expect(await store().listTeam('TCONC')).toHaveLength(100);
  });

  it('lists saved items as unpublished, oldest first, until each is marked published', async () => {
    const own = (list: { teamId: string; id: number }[]) => list.filter((e) => e.teamId === 'TPUB');
    const file = (key: string) =>
      store().file({ teamId: 'TPUB', channelId: 'C1', reporterId: 'U1', draft, submissionKey: key });
    const first = (await file('VPUB1')).item;
    clock.advance(60_000);
    const second = (await file('VPUB2')).item;
    const later = new Date(clock.now().getTime() + 1);
    expect(own(await store().unpublished(new Date(clock.now().getTime() - 1), 1000))).toEqual([
      { teamId: 'TPUB', id: first.id, since: new Date(first.createdAt) },
    ]);
    expect(own(await store().unpublished(later, 1000)).map((e) => e.id)).toEqual([first.id, second.id]);
    await store().markPublished('TPUB', first.id);
    expect(own(await store().unpublished(later, 1000)).map((e) => e.id)).toEqual([second.id]);
  });

  it('files a resubmitted modal once, however many times it arrives', async () => {
    const attempts = await Promise.allSettled(
      Array.from({ length: 10 }, () =>
        store().file({ teamId: 'TIDEM', channelId: 'C1', reporterId: 'U1', draft, submissionKey: 'VSAME' }),
      ),
    );
    const created = attempts.filter((a) => a.status === 'fulfilled' && a.value.created);
    expect(created).toHaveLength(1);
    for (const a of attempts) {
      if (a.status === 'rejected') expect(isDomainError(a.reason) && a.reason.code).toBe('conflict');
    }
    const again = await store().file({
      teamId: 'TIDEM',
      channelId: 'C1',
      reporterId: 'U1',
      draft,
      submissionKey: 'VSAME',
    });
    expect(again).toMatchObject({ created: false, item: { id: 1 } });
    expect(await store().listTeam('TIDEM')).toHaveLength(1);
  });

  it('scopes ids by workspace: another team does not see the item', async () => {
    await store().file({ teamId: 'TA', channelId: 'C1', reporterId: 'U1', draft, submissionKey: 'V1' });
    expect(await store().get('TB', 1)).toBeNull();
    await expect(store().require('TB', 1)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('applies concurrent updates without losing one, each with its history event', async () => {
    const { item } = await store().file({
      teamId: 'TUPD',
      channelId: 'C1',
      reporterId: 'U1',
      draft,
      submissionKey: 'V1',
    });
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        store().update('TUPD', item.id, (it) => ({ ...it, description: `${it.description}${i},` }), {
          kind: 'edited',
          actorId: 'U1',
          detail: `edit ${i}`,
        }),
      ),
    );
    const after = await store().require('TUPD', item.id);
    expect(after.description.split(',').filter(Boolean).sort()).toHaveLength(20);
    const history = await store().history('TUPD', item.id);
    expect(history.map((h) => h.kind)).toEqual(['filed', ...Array(20).fill('edited')]);
  });

  it('refuses to read back a record that is not ours', async () => {
    await redis.set(keys.item('TBAD', 1), '{"v":99,"id":"x"}');
    await redis.zadd(keys.items('TBAD'), 1, '1');
    await expect(store().get('TBAD', 1)).rejects.toBeInstanceOf(CorruptRecordError);
  });

  it('keeps one vote per user per dimension; null retracts', async () => {
    const votes = createVoteStore(redis, keys, clock);
    await votes.set('TV', 1, 'U1', { severity: 3, frequency: 2 });
    await votes.set('TV', 1, 'U1', { severity: 4, frequency: null });
    await votes.set('TV', 1, 'U2', { effort: 1 });
    const all = (await votes.forItems('TV', [1, 2])).get(1);
    expect(all).toEqual(
      expect.arrayContaining([
        { userId: 'U1', dimension: 'severity', level: 4 },
        { userId: 'U2', dimension: 'effort', level: 1 },
      ]),
    );
    expect(all).toHaveLength(2);
    expect((await votes.forItems('TV', [2])).get(2)).toEqual([]);
  });
});
