// A cache of users' display names (users.info), so a message's mentions read as names without asking
// Slack for the same people again and again.

import type { RedisClient } from './client.ts';
import type { Keys } from './keys.ts';

export interface UserNames {
  /** The cached names of these users; a user not cached (or expired) is absent from the map. */
  get(teamId: string, userIds: readonly string[]): Promise<Map<string, string>>;
  /** Remembers names for `ttlSeconds`. */
  set(teamId: string, names: ReadonlyMap<string, string>, ttlSeconds: number): Promise<void>;
}

export function createUserNames(redis: RedisClient, keys: Keys): UserNames {
  return {
    async get(teamId, userIds) {
      const names = new Map<string, string>();
      if (userIds.length === 0) return names;
      const cached = await redis.mget(...userIds.map((id) => keys.userName(teamId, id)));
      for (const [i, id] of userIds.entries()) {
        const name = cached[i];
        if (name) names.set(id, name);
      }
      return names;
    },
    async set(teamId, names, ttlSeconds) {
      if (names.size === 0) return;
      const pipeline = redis.pipeline();
      for (const [id, name] of names) pipeline.set(keys.userName(teamId, id), name, 'EX', ttlSeconds);
      await pipeline.exec();
    },
  };
}
