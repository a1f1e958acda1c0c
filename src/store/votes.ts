// Votes per item: one hash field per (dimension, user), so a new vote replaces the old one atomically.
import type { Redis } from 'ioredis';
import { DIMENSIONS, type Dimension, isLevel, type Level } from '../domain/scales.ts';
import type { Vote } from '../domain/scoring.ts';
import type { Keys } from './keys.ts';

export interface VoteStore {
  /** Sets (or, with null, retracts) one user's votes; dimensions not named are left as they are. */
  set(
    teamId: string,
    itemId: number,
    userId: string,
    levels: Partial<Record<Dimension, Level | null>>,
  ): Promise<void>;
  forItems(teamId: string, itemIds: readonly number[]): Promise<Map<number, Vote[]>>;
}

function parseField(field: string, value: string): Vote | null {
  const [dimension, userId] = field.split(':');
  const level = Number(value);
  if (!userId || !DIMENSIONS.includes(dimension as Dimension) || !isLevel(level)) return null;
  return { userId, dimension: dimension as Dimension, level };
}

export function createVoteStore(redis: Redis, keys: Keys): VoteStore {
  return {
    async set(teamId, itemId, userId, levels) {
      const key = keys.votes(teamId, itemId);
      const tx = redis.multi();
      for (const dimension of DIMENSIONS) {
        const level = levels[dimension];
        if (level === undefined) continue;
        if (level === null) tx.hdel(key, `${dimension}:${userId}`);
        else tx.hset(key, `${dimension}:${userId}`, String(level));
      }
      await tx.exec();
    },
    async forItems(teamId, itemIds) {
      const result = new Map<number, Vote[]>();
      if (itemIds.length === 0) return result;
      const pipeline = redis.pipeline();
      for (const id of itemIds) pipeline.hgetall(keys.votes(teamId, id));
      const replies = (await pipeline.exec()) ?? [];
      itemIds.forEach((id, i) => {
        const [error, hash] = replies[i] ?? [null, {}];
        if (error) throw error;
        const votes = Object.entries((hash ?? {}) as Record<string, string>)
          .map(([field, value]) => parseField(field, value))
          .filter((v): v is Vote => v !== null);
        result.set(id, votes);
      });
      return result;
    },
  };
}
