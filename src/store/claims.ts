// Claims: "this happens once" markers with a TTL (SET NX EX), such as one card post at a time per item or
// one pain report per modal. Unlike a lock, a claim has no owner token: whoever took it releases it.

import type { RedisClient } from './client.ts';
import type { Keys } from './keys.ts';

/** What a claim is about: the scope names the action, the key the thing acted on. */
export type ClaimScope = 'card' | 'panel' | 'pain';

export interface Claims {
  /** True when this call took the claim; false when someone holds it already. */
  take(teamId: string, scope: ClaimScope, key: string, ttlSeconds: number): Promise<boolean>;
  release(teamId: string, scope: ClaimScope, key: string): Promise<void>;
}

export function createClaims(redis: RedisClient, keys: Keys): Claims {
  return {
    async take(teamId, scope, key, ttlSeconds) {
      return (await redis.set(keys.once(teamId, scope, key), '1', 'EX', ttlSeconds, 'NX')) !== null;
    },
    async release(teamId, scope, key) {
      await redis.del(keys.once(teamId, scope, key));
    },
  };
}
