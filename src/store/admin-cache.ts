// A short-lived cache of "is this user a workspace admin or owner", so permission checks rarely ask Slack.

import type { RedisClient } from './client.ts';
import type { Keys } from './keys.ts';

export interface AdminCache {
  /** True or false when known, null when not cached. */
  get(teamId: string, userId: string): Promise<boolean | null>;
  set(teamId: string, userId: string, admin: boolean, ttlSeconds: number): Promise<void>;
}

export function createAdminCache(redis: RedisClient, keys: Keys): AdminCache {
  return {
    async get(teamId, userId) {
      const cached = await redis.get(keys.adminCache(teamId, userId));
      return cached === null ? null : cached === '1';
    },
    async set(teamId, userId, admin, ttlSeconds) {
      await redis.set(keys.adminCache(teamId, userId), admin ? '1' : '0', 'EX', ttlSeconds);
    },
  };
}
