// The key layout check every process runs before serving (src/store/layout.ts): a new installation gets the marker,
// layout 1 data or an unknown marker is refused, the marker lets a process start with one GET. The same check
// without the write, for scripts that must not mark anything; the search for layout 1 keys ends at the first.
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { QUEUE_NAMES } from '../../jobs/contracts.ts';
import {
  checkKeyLayout,
  holdsOldLayout,
  inspectKeyLayout,
  KeyLayoutError,
  LAYOUT_1_QUEUES,
  OLD_LAYOUT_MESSAGE,
  taggedName,
} from '../../src/store/layout.ts';
import { createTestRedis, deleteByPrefix, testPrefix } from '../support/redis.ts';

describe('the key layout check at start', () => {
  const redis = createTestRedis();
  let prefix = '';
  beforeEach(() => {
    prefix = testPrefix('layout');
  });
  afterEach(async () => {
    await deleteByPrefix(redis, prefix);
  });
  afterAll(() => redis.quit());

  const check = () => checkKeyLayout(redis, prefix);
  const refusal = async () => {
    const error = await check().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(KeyLayoutError);
    return error instanceof Error ? error.message : '';
  };

  it('writes the marker on a new installation, then passes on it', async () => {
    // Data written through the stores before any process started (as tests do) is no sign of old data.
    await redis.sadd(`${prefix}:channels`, 'T0NEW:C0NEW');
    await redis.set(`${prefix}:t:{T0NEW}:ch:C0NEW:settings`, '{}');
    await redis.hset(`${prefix}:{${prefix}:bull}:cards:meta`, 'opts.maxLenEvents', '10000');
    expect(await check()).toBe('fresh');
    expect(await redis.get(`${prefix}:layout`)).toBe('2');
    expect(await check()).toBe('current');
  });

  it.each([
    [
      'a configured channel',
      async (p: string) => {
        await redis.sadd(`${p}:channels`, 'T0OLD:C0OLD');
        await redis.set(`${p}:t:T0OLD:ch:C0OLD:settings`, '{}');
      },
    ],
    [
      'a queue of the old prefix',
      (p: string) => redis.hset(`${p}:bull:cards:meta`, 'opts.maxLenEvents', '10000'),
    ],
    ['only an untagged workspace key', (p: string) => redis.set(`${p}:t:T0OLD:item:1`, '{}')],
  ])('refuses layout 1 data (%s) and writes no marker', async (_sign, write) => {
    await write(prefix);
    expect(await refusal()).toContain(OLD_LAYOUT_MESSAGE);
    expect(await redis.get(`${prefix}:layout`)).toBeNull();
  });

  it('passes on the marker whatever else is there, and refuses a layout it does not know', async () => {
    await redis.sadd(`${prefix}:channels`, 'T0OLD:C0OLD');
    await redis.set(`${prefix}:layout`, '2');
    expect(await check()).toBe('current');
    await redis.set(`${prefix}:layout`, '3');
    expect(await refusal()).toContain('layout "3"');
  });
});

describe('the read-only layout inspection', () => {
  const redis = createTestRedis();
  let prefix = '';
  beforeEach(() => {
    prefix = testPrefix('layout-inspect');
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await deleteByPrefix(redis, prefix);
  });
  afterAll(() => redis.quit());

  const inspect = () => inspectKeyLayout(redis, prefix);

  it('answers like the start check but never writes the marker', async () => {
    await redis.set(`${prefix}:t:{T0NEW}:seq`, '1');
    expect(await inspect()).toBe('unmarked');
    expect(await redis.get(`${prefix}:layout`)).toBeNull();

    await redis.set(`${prefix}:t:T0OLD:seq`, '1');
    const refused = await inspect().then(
      () => null,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(KeyLayoutError);
    expect(refused instanceof Error ? refused.message : '').toContain(OLD_LAYOUT_MESSAGE);
    expect(await redis.get(`${prefix}:layout`)).toBeNull();

    await redis.set(`${prefix}:layout`, '2');
    expect(await inspect()).toBe('current');
  });

  it('stops scanning at the first layout 1 key', async () => {
    // Enough keys that a walk over the whole keyspace takes several SCAN pages of 1000.
    const emptyPrefix = testPrefix('layout-none');
    await Promise.all(Array.from({ length: 3000 }, (_, i) => redis.set(`${prefix}:t:T0OLD:item:${i}`, '{}')));
    const scan = vi.spyOn(redis, 'scan');
    expect(await holdsOldLayout(redis, emptyPrefix)).toBe(false);
    const wholeKeyspace = scan.mock.calls.length;
    expect(wholeKeyspace).toBeGreaterThanOrEqual(3);
    scan.mockClear();
    expect(await holdsOldLayout(redis, prefix)).toBe(true);
    expect(scan.mock.calls.length).toBeLessThan(wholeKeyspace);
  });
});

describe('layout 1 names', () => {
  it('tags the workspace segment of a layout 1 key, and nothing else', () => {
    expect(taggedName('debt', 'debt:t:T0OLD:item:1:votes')).toBe('debt:t:{T0OLD}:item:1:votes');
    expect(taggedName('debt', 'debt:t:T0OLD:ch:C1:digest:2026-W10')).toBe(
      'debt:t:{T0OLD}:ch:C1:digest:2026-W10',
    );
    expect(taggedName('a:b', 'a:b:t:E0GRID:seq')).toBe('a:b:t:{E0GRID}:seq');
    for (const other of [
      'debt:t:{T0OLD}:seq',
      'debt:t:T0OLD',
      'debt:t:T0OLD:',
      'debt:t::seq',
      'debt:channels',
    ])
      expect(taggedName('debt', other)).toBeNull();
  });

  it('knew the queues the app has', () => {
    expect([...LAYOUT_1_QUEUES].sort()).toEqual(Object.values(QUEUE_NAMES).sort());
  });
});
