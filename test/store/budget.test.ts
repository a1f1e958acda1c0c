import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBudget } from '../../src/store/budget.ts';
import type { RedisClient } from '../../src/store/client.ts';
import { createKeys } from '../../src/store/keys.ts';
import { createTestRedis, deleteByPrefix, testPrefix } from '../support/redis.ts';

describe('per-workspace call budget (token bucket in Redis)', () => {
  let redis: RedisClient;
  const prefix = testPrefix('budget');
  beforeAll(() => {
    redis = createTestRedis();
  });
  afterAll(async () => {
    await deleteByPrefix(redis, prefix);
    await redis.quit();
  });

  it('allows a burst up to capacity, then makes callers wait for the refill', async () => {
    let now = 1_000_000;
    const budget = createBudget(redis, createKeys(prefix), { capacity: 3, perSecond: 1 }, () => now);
    expect(await Promise.all([1, 2, 3].map(() => budget.take('T1', 'chat.update')))).toEqual([0, 0, 0]);
    expect(await budget.take('T1', 'chat.update')).toBe(1000);
    now += 500;
    expect(await budget.take('T1', 'chat.update')).toBe(500);
    now += 500;
    expect(await budget.take('T1', 'chat.update')).toBe(0);
  });

  it('keeps one bucket per workspace and per method', async () => {
    const budget = createBudget(redis, createKeys(prefix), { capacity: 1, perSecond: 1 }, () => 5_000_000);
    expect(await budget.take('TA', 'chat.update')).toBe(0);
    expect(await budget.take('TB', 'chat.update')).toBe(0);
    expect(await budget.take('TA', 'views.publish')).toBe(0);
    expect(await budget.take('TA', 'chat.update')).toBeGreaterThan(0);
  });
});
