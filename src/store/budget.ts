// One budget per workspace for a rate-limited Slack method (SPEC §2.3: chat.update is Tier 3, ~50/min):
// a token bucket in Redis, so every worker process draws on the same one. Spent only right before a call.

import type { RedisClient } from './client.ts';
import type { Keys } from './keys.ts';

export interface Budget {
  /** 0 when a call may be made now (and it is counted); else milliseconds to wait for the next token. */
  take(teamId: string, method: string): Promise<number>;
}

/**
 * KEYS: the bucket. ARGV: now ms, capacity, refill per second. Tokens refill continuously up to capacity;
 * the bucket expires when idle long enough to be full again.
 */
const TAKE = `
local now = tonumber(ARGV[1])
local capacity = tonumber(ARGV[2])
local rate = tonumber(ARGV[3]) / 1000
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or capacity
local at = tonumber(state[2]) or now
tokens = math.min(capacity, tokens + math.max(0, now - at) * rate)
local wait = 0
if tokens >= 1 then tokens = tokens - 1 else wait = math.ceil((1 - tokens) / rate) end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(capacity / rate) + 1000)
return wait`;

export interface BudgetShape {
  /** Calls allowed in a burst. */
  capacity: number;
  /** Calls per second sustained. */
  perSecond: number;
}

export function createBudget(
  redis: RedisClient,
  keys: Keys,
  shape: BudgetShape,
  now: () => number = Date.now,
): Budget {
  return {
    async take(teamId, method) {
      const wait = await redis.eval(
        TAKE,
        1,
        keys.budget(teamId, method),
        String(now()),
        String(shape.capacity),
        String(shape.perSecond),
      );
      return Number(wait);
    },
  };
}
