import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ItemDraft } from '../../src/domain/item.ts';
import { DEFAULT_CHANNEL_SETTINGS } from '../../src/domain/settings.ts';
import { fixedClock } from '../../src/lib/clock.ts';
import { createAdminCache } from '../../src/store/admin-cache.ts';
import { createBudget } from '../../src/store/budget.ts';
import type { RedisClient } from '../../src/store/client.ts';
import { createDigestStore } from '../../src/store/digests.ts';
import { createWorkspaceErasure, isWorkspaceId } from '../../src/store/erase-workspace.ts';
import { createItemStore } from '../../src/store/items.ts';
import { createKeys } from '../../src/store/keys.ts';
import { createPainStore } from '../../src/store/pain.ts';
import { createRefreshGates } from '../../src/store/refresh-gates.ts';
import { createSettingsStore } from '../../src/store/settings.ts';
import { createUserNames } from '../../src/store/user-names.ts';
import { createVoteStore } from '../../src/store/votes.ts';
import { createTestRedis, deleteByPrefix, dumpKeys, testPrefix } from '../support/redis.ts';

const draft: ItemDraft = {
  title: 'Feature store backfill has no idempotency',
  description: '',
  category: 'data',
  component: 'feature-store',
  links: [],
  ownerId: null,
};

/** The id as a whole token in a key or a value (T0ERASE, not T0ERASE2). */
const naming = (teamId: string) => new RegExp(`(^|[^A-Z0-9])${teamId}([^A-Z0-9]|$)`);

function mentionsOf(all: Map<string, string>, teamId: string): string[] {
  const re = naming(teamId);
  return [...all].filter(([key, value]) => re.test(key) || re.test(value)).map(([key]) => key);
}

describe('workspace erasure store on a real Redis', () => {
  let redis: RedisClient;
  const prefix = testPrefix('erase-store');
  const keys = createKeys(prefix);
  const clock = fixedClock('2026-11-02T09:00:00Z');
  const events = `${keys.bullPrefix}:cards:events`;

  beforeAll(() => {
    redis = createTestRedis();
  });
  afterAll(async () => {
    await deleteByPrefix(redis, prefix);
    await redis.quit();
  });

  const erasure = () => createWorkspaceErasure(redis, keys);

  /** A workspace with something in every kind of key keys.ts lists, written through the stores. */
  async function seed(teamId: string): Promise<void> {
    const items = createItemStore(redis, keys, clock);
    const settings = createSettingsStore(redis, keys);
    const digests = createDigestStore(redis, keys);
    for (const [n, channelId] of ['C0ALPHA', 'C0BETA', 'C0ALPHA'].entries()) {
      const { item } = await items.file({
        teamId,
        channelId,
        reporterId: 'U0ALICE',
        draft,
        submissionKey: `V${teamId}${n}`,
        estimates: { severity: 3 },
      });
      await createVoteStore(redis, keys, clock).set(teamId, item.id, 'U0BOB', { frequency: 4 });
      await createPainStore(redis, keys).add(teamId, item.id, {
        userId: 'U0BOB',
        hours: 2,
        at: clock.now().toISOString(),
      });
    }
    await items.markPublished(teamId, 1);
    for (const channelId of ['C0ALPHA', 'C0BETA'])
      await settings.save(teamId, channelId, { ...DEFAULT_CHANNEL_SETTINGS, digestEnabled: true });
    await digests.reserve(teamId, 'C0ALPHA', '2026-W45', clock.now().toISOString());
    await digests.markPosted(teamId, 'C0ALPHA', '2026-W45', '1.0001', clock.now().toISOString(), {
      snapshot: {
        v: 1,
        week: '2026-W45',
        at: clock.now().toISOString(),
        openInterest: 12,
        votedInterest: 12,
        measuredInterest: 0,
        openCount: 2,
        rankedCount: 1,
        unscoredCount: 0,
        filed: 2,
        resolved: 0,
        interestRemoved: 0,
        painHours: 2,
        capacityHours: null,
      },
      celebrated: [1],
      missedWeeks: [],
    });
    await digests.addMissed(teamId, 'C0BETA', '2026-W44');
    await digests.lock(teamId, 'C0ALPHA').acquire(60_000);
    await createAdminCache(redis, keys).set(teamId, 'U0ALICE', true, 600);
    await createUserNames(redis, keys).set(teamId, new Map([['U0BOB', 'Bob']]), 600);
    await createRefreshGates(redis, keys).hold(teamId, '1.0001', 60_000);
    // A bucket that lives 61 s, longer than the test: its key must still be there to be counted.
    await createBudget(redis, keys, { capacity: 60, perSecond: 1 }).take(teamId, 'chat.update');
  }

  it('refuses anything but a workspace id, which could reach other workspaces through a pattern', async () => {
    for (const bad of ['', 'T', 't0123abc', 'T0*', 'T0[A]', 'T0A:ch', 'U0123ABC', 'C0123', 'T0 A', '*']) {
      expect(isWorkspaceId(bad)).toBe(false);
      await expect(erasure().survey(bad, [])).rejects.toThrow(/not a Slack workspace id/);
      await expect(erasure().erase(bad, [])).rejects.toThrow(/not a Slack workspace id/);
    }
    expect(isWorkspaceId('T0123ABC')).toBe(true);
    expect(isWorkspaceId('E0GRID')).toBe(true);
  });

  it('counts what a workspace has, and erases all of it while its neighbours keep every byte', async () => {
    // T0ERASE2 shares T0ERASE's first characters: a careless pattern or prefix test would take it along.
    for (const team of ['T0ERASE', 'T0ERASE2', 'T0KEEP']) await seed(team);
    await redis.set(`${prefix}:t:{T0ERASE2}x`, 'not a workspace key, but close');
    await redis.xadd(events, '*', 'event', 'added', 'jobId', 'card-T0ERASE-1-99', 'name', 'card-refresh');
    await redis.xadd(events, '*', 'event', 'added', 'jobId', 'card-T0ERASE2-1-99', 'name', 'card-refresh');
    await redis.xadd(events, '*', 'event', 'drained', 'id', '3');
    const before = await dumpKeys(redis, `${prefix}:*`);

    const survey = await erasure().survey('T0ERASE', [events]);
    expect(survey).toMatchObject({
      teamId: 'T0ERASE',
      items: 3,
      channelIds: ['C0ALPHA', 'C0BETA'],
      setMembers: { channels: 2, unpublished: 2 },
      events: 1,
    });
    const own = [...before.keys()].filter((k) => k.startsWith(`${prefix}:t:{T0ERASE}:`));
    expect(survey.keys).toBe(own.length);
    // seq, items, 2 channel sets, activity, 3 × (item, history, votes, pain), 2 settings, a digest record,
    // weekly snapshots, celebrated fixes, missed weeks, lock, admin, user name, gate, budget, 3 submission markers.
    expect(own.length).toBe(31);

    const erased = await erasure().erase('T0ERASE', [events]);
    expect(erased).toEqual({ keys: 31, setMembers: { channels: 2, unpublished: 2 }, events: 1 });

    const after = await dumpKeys(redis, `${prefix}:*`);
    expect(mentionsOf(after, 'T0ERASE')).toEqual([]);
    expect(await erasure().survey('T0ERASE', [events])).toEqual({
      teamId: 'T0ERASE',
      keys: 0,
      items: 0,
      channelIds: [],
      setMembers: { channels: 0, unpublished: 0 },
      events: 0,
    });
    // Every other key is exactly as it was; the shared sets and the stream lost T0ERASE's entries only.
    const shared = [keys.configuredChannels, keys.unpublished, events];
    const rest = (all: Map<string, string>) =>
      new Map([...all].filter(([key]) => !shared.includes(key) && !key.startsWith(`${prefix}:t:{T0ERASE}:`)));
    expect(rest(after)).toEqual(rest(before));
    expect((await redis.smembers(keys.configuredChannels)).sort()).toEqual([
      'T0ERASE2:C0ALPHA',
      'T0ERASE2:C0BETA',
      'T0KEEP:C0ALPHA',
      'T0KEEP:C0BETA',
    ]);
    expect(await redis.zrange(keys.unpublished, 0, '-1')).toEqual([
      'T0ERASE2:2',
      'T0ERASE2:3',
      'T0KEEP:2',
      'T0KEEP:3',
    ]);
    expect((await redis.xrange(events, '-', '+')).map(([, fields]) => fields[3])).toEqual([
      'card-T0ERASE2-1-99',
      '3',
    ]);
    expect(await createSettingsStore(redis, keys).all()).toHaveLength(4);

    // Erasing again finds nothing and deletes nothing.
    expect(await erasure().erase('T0ERASE', [events])).toEqual({
      keys: 0,
      setMembers: { channels: 0, unpublished: 0 },
      events: 0,
    });
  });

  it('deletes a workspace bigger than one SCAN page and one batch, and streams longer than a page', async () => {
    const team = 'T0BIG';
    // One pipeline per key: on a Redis Cluster a pipeline's keys must share a slot.
    const workspace = redis.pipeline();
    for (let i = 0; i < 2600; i++) workspace.set(keys.once(team, 'vote', `A${i}`), '1', 'EX', 600);
    const channels = redis.pipeline();
    for (let i = 0; i < 1200; i++) channels.sadd(keys.configuredChannels, `${team}:C${i}`);
    channels.sadd(keys.configuredChannels, 'T0NEXT:C1');
    const unpublished = redis.pipeline();
    for (let i = 0; i < 1200; i++) unpublished.zadd(keys.unpublished, i, `${team}:${i}`);
    unpublished.zadd(keys.unpublished, 1, 'T0NEXT:1');
    const stream = redis.pipeline();
    for (let i = 0; i < 1300; i++)
      stream.xadd(
        events,
        '*',
        'event',
        'added',
        'jobId',
        i % 2 ? `card-${team}-${i}-1` : `card-T0NEXT-${i}-1`,
      );
    await Promise.all([workspace, channels, unpublished, stream].map((p) => p.exec()));

    const survey = await erasure().survey(team, [events]);
    expect(survey).toMatchObject({
      keys: 2600,
      setMembers: { channels: 1200, unpublished: 1200 },
      events: 650,
    });
    expect(survey.channelIds).toHaveLength(1200);
    expect(await erasure().erase(team, [events])).toEqual({
      keys: 2600,
      setMembers: { channels: 1200, unpublished: 1200 },
      events: 650,
    });
    expect(mentionsOf(await dumpKeys(redis, `${prefix}:*`), team)).toEqual([]);
    expect(await redis.sismember(keys.configuredChannels, 'T0NEXT:C1')).toBe(1);
    expect(await redis.zscore(keys.unpublished, 'T0NEXT:1')).toBe('1');
    const left = await redis.xrange(events, '-', '+');
    expect(left.filter(([, fields]) => fields.some((f) => f.startsWith('card-T0NEXT-')))).toHaveLength(650);
  });
});
