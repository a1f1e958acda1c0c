// Weekly snapshots (SPEC §1.8): one per channel per ISO week, written once with HSETNX and never rewritten;
// and the items a digest has celebrated as "paid for itself", so each is celebrated once.
import { type WeeklySnapshot, WeeklySnapshotSchema } from '../domain/snapshot.ts';
import type { RedisClient } from './client.ts';
import { parseRecord } from './json.ts';
import type { Keys } from './keys.ts';

export interface HistoryStore {
  /** Writes the week's snapshot unless one exists; true when this call wrote it. */
  record(team: string, channel: string, snapshot: WeeklySnapshot): Promise<boolean>;
  has(team: string, channel: string, week: string): Promise<boolean>;
  /** The channel's snapshots, oldest week first. */
  forChannel(team: string, channel: string): Promise<WeeklySnapshot[]>;
  /** Several channels' snapshots in one round trip, by channel. */
  forChannels(team: string, channels: readonly string[]): Promise<Map<string, WeeklySnapshot[]>>;
  celebrated(team: string): Promise<Set<number>>;
}

const byWeek = (a: WeeklySnapshot, b: WeeklySnapshot) => (a.week < b.week ? -1 : a.week > b.week ? 1 : 0);

export function createHistoryStore(redis: RedisClient, keys: Keys): HistoryStore {
  const parseAll = (key: string, fields: Record<string, string>) =>
    Object.values(fields)
      .map((raw) => parseRecord(WeeklySnapshotSchema, key, raw))
      .sort(byWeek);
  return {
    async record(team, channel, snapshot) {
      const json = JSON.stringify(WeeklySnapshotSchema.parse(snapshot));
      return (await redis.hsetnx(keys.weeklySnapshots(team, channel), snapshot.week, json)) === 1;
    },
    async has(team, channel, week) {
      return (await redis.hexists(keys.weeklySnapshots(team, channel), week)) === 1;
    },
    async forChannel(team, channel) {
      const key = keys.weeklySnapshots(team, channel);
      return parseAll(key, await redis.hgetall(key));
    },
    async forChannels(team, channels) {
      const out = new Map<string, WeeklySnapshot[]>();
      if (channels.length === 0) return out;
      const pipeline = redis.pipeline();
      for (const channel of channels) pipeline.hgetall(keys.weeklySnapshots(team, channel));
      const replies = (await pipeline.exec()) ?? [];
      channels.forEach((channel, i) => {
        const [error, fields] = replies[i] ?? [null, {}];
        if (error) throw error;
        out.set(
          channel,
          parseAll(keys.weeklySnapshots(team, channel), (fields ?? {}) as Record<string, string>),
        );
      });
      return out;
    },
    async celebrated(team) {
      return new Set((await redis.smembers(keys.celebrated(team))).map(Number));
    },
  };
}
