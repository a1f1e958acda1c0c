// What makes a scheduled digest happen exactly once (SPEC §2.4): per-week records, a posting lock,
// missed weeks, the interest snapshot, and the install-wide pause after an auth failure.
import { z } from 'zod';
import { WeeklySnapshotSchema } from '../domain/snapshot.ts';
import type { RedisClient } from './client.ts';
import { parseRecord } from './json.ts';
import type { Keys } from './keys.ts';
import { type OwnedLock, ownedLock } from './lock.ts';

const DigestShownSchema = z.object({
  snapshot: WeeklySnapshotSchema.nullable(),
  celebrated: z.array(z.number().int().positive()),
  missedWeeks: z.array(z.string()),
});
export type DigestShown = z.infer<typeof DigestShownSchema>;

const DigestRecordSchema = z.object({
  v: z.literal(1),
  state: z.enum(['reserved', 'posted']),
  at: z.string(),
  ts: z.string().nullable().default(null),
  /**
   * A reservation's record of what the digest about to be posted shows, so that a worker finding the post in
   * the channel's history after a crash records the same snapshot and celebrations. Absent in older records.
   */
  shown: DigestShownSchema.nullable().default(null),
});
export type DigestRecord = z.infer<typeof DigestRecordSchema>;

const SnapshotSchema = z.object({ v: z.literal(1), week: z.string(), interest: z.number() });
const PauseSchema = z.object({ v: z.literal(1), error: z.string(), at: z.string() });
export type Pause = z.infer<typeof PauseSchema>;

/** Writes a reservation unless the week is recorded as posted (our own JSON: `"state":"posted"`). */
const RESERVE = `
local current = redis.call('GET', KEYS[1])
if current and string.find(current, '"state":"posted"', 1, true) then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'EX', tonumber(ARGV[2]))
return 1`;

/** Records outlive any retry or late run by far; a year later nobody re-posts last year's week. */
const RECORD_TTL_SECONDS = 400 * 86_400;

export interface DigestStore {
  record(team: string, channel: string, week: string): Promise<DigestRecord | null>;
  /**
   * Reserves the week right before a post, with what that post shows. A reservation left by an earlier
   * attempt is replaced (its post was never found); a week recorded as posted is never touched.
   */
  reserve(team: string, channel: string, week: string, at: string, shown?: DigestShown): Promise<void>;
  /**
   * Records the week as posted. A digest composed and posted here also passes what it showed: the week's
   * snapshot (kept unless the sweep wrote one first), the items it celebrated as paid for themselves and
   * the missed weeks it named, which are cleared; all are written together or not at all.
   */
  markPosted(
    team: string,
    channel: string,
    week: string,
    ts: string,
    at: string,
    shown?: DigestShown | null,
  ): Promise<void>;
  /** The channel's posting lock: one worker at a time searches history and posts. */
  lock(team: string, channel: string): OwnedLock;
  addMissed(team: string, channel: string, week: string): Promise<void>;
  missed(team: string, channel: string): Promise<string[]>;
  /** The interest a digest recorded before weekly snapshots existed (read as a fallback only). */
  snapshot(team: string, channel: string): Promise<{ week: string; interest: number } | null>;
  pause(error: string, at: string): Promise<void>;
  paused(): Promise<Pause | null>;
  resume(): Promise<void>;
}

export function createDigestStore(redis: RedisClient, keys: Keys): DigestStore {
  const readRecord = async (key: string) => {
    const raw = await redis.get(key);
    return raw === null ? null : parseRecord(DigestRecordSchema, key, raw);
  };
  return {
    record: (team, channel, week) => readRecord(keys.digestRecord(team, channel, week)),
    async reserve(team, channel, week, at, shown) {
      const key = keys.digestRecord(team, channel, week);
      const fresh: DigestRecord = { v: 1, state: 'reserved', at, ts: null, shown: shown ?? null };
      await redis.eval(RESERVE, 1, key, JSON.stringify(fresh), String(RECORD_TTL_SECONDS));
    },
    async markPosted(team, channel, week, ts, at, shown) {
      const record: DigestRecord = { v: 1, state: 'posted', at, ts, shown: null };
      const tx = redis
        .multi()
        .set(keys.digestRecord(team, channel, week), JSON.stringify(record), 'EX', RECORD_TTL_SECONDS);
      if (shown?.snapshot)
        tx.hsetnx(keys.weeklySnapshots(team, channel), shown.snapshot.week, JSON.stringify(shown.snapshot));
      if (shown && shown.celebrated.length > 0)
        tx.sadd(keys.celebrated(team), ...shown.celebrated.map(String));
      if (shown && shown.missedWeeks.length > 0)
        tx.srem(keys.digestMissed(team, channel), ...shown.missedWeeks);
      await tx.exec();
    },
    lock: (team, channel) => ownedLock(redis, keys.digestLock(team, channel)),
    async addMissed(team, channel, week) {
      await redis.sadd(keys.digestMissed(team, channel), week);
    },
    async missed(team, channel) {
      return (await redis.smembers(keys.digestMissed(team, channel))).sort();
    },
    async snapshot(team, channel) {
      const key = keys.digestSnapshot(team, channel);
      const raw = await redis.get(key);
      if (raw === null) return null;
      const { week, interest } = parseRecord(SnapshotSchema, key, raw);
      return { week, interest };
    },
    async pause(error, at) {
      await redis.set(keys.paused, JSON.stringify({ v: 1, error, at }));
    },
    async paused() {
      const raw = await redis.get(keys.paused);
      return raw === null ? null : parseRecord(PauseSchema, keys.paused, raw);
    },
    async resume() {
      await redis.del(keys.paused);
    },
  };
}
