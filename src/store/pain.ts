// Pain reports ("it bit me again", SPEC §1.5): evidence, appended per item and never edited.
import { z } from 'zod';
import type { PainReport } from '../domain/scoring.ts';
import type { RedisClient } from './client.ts';
import { parseRecord } from './json.ts';
import type { Keys } from './keys.ts';

const PainReportSchema = z.object({
  v: z.literal(1),
  userId: z.string(),
  hours: z.number().positive().max(168),
  at: z.string(),
});

export interface PainStore {
  add(teamId: string, itemId: number, report: PainReport): Promise<void>;
  forItems(teamId: string, itemIds: readonly number[]): Promise<Map<number, PainReport[]>>;
  /** Item number → time of its last vote or pain report (kept by votes and reports alike). */
  lastActivity(teamId: string, itemIds: readonly number[]): Promise<Map<number, string>>;
}

export function createPainStore(redis: RedisClient, keys: Keys): PainStore {
  return {
    async add(teamId, itemId, report) {
      await redis
        .multi()
        .rpush(keys.pain(teamId, itemId), JSON.stringify(PainReportSchema.parse({ v: 1, ...report })))
        .hset(keys.activity(teamId), String(itemId), report.at)
        .exec();
    },
    async lastActivity(teamId, itemIds) {
      // Only the items asked about: a workspace's hash can hold every item it ever had.
      if (itemIds.length === 0) return new Map();
      const times = await redis.hmget(keys.activity(teamId), ...itemIds.map(String));
      return new Map(itemIds.flatMap((id, i) => (times[i] ? [[id, times[i]] as const] : [])));
    },
    async forItems(teamId, itemIds) {
      const result = new Map<number, PainReport[]>();
      if (itemIds.length === 0) return result;
      const pipeline = redis.pipeline();
      for (const id of itemIds) pipeline.lrange(keys.pain(teamId, id), 0, -1);
      const replies = (await pipeline.exec()) ?? [];
      itemIds.forEach((id, i) => {
        const [error, raws] = replies[i] ?? [null, []];
        if (error) throw error;
        const key = keys.pain(teamId, id);
        result.set(
          id,
          ((raws ?? []) as string[]).map((raw) => {
            const { userId, hours, at } = parseRecord(PainReportSchema, key, raw);
            return { userId, hours, at };
          }),
        );
      });
      return result;
    },
  };
}
