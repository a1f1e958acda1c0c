// The weekly vote reminder (SPEC §2.5): who opted in (off unless they did), and the once-a-week marker that keeps
// a restarted or doubled run from reminding anyone twice.
import { z } from 'zod';
import type { RedisClient } from './client.ts';
import { parseRecord } from './json.ts';
import type { Keys } from './keys.ts';

export const REMINDER_PREF_VERSION = 1;

export const ReminderPrefSchema = z.object({
  v: z.literal(REMINDER_PREF_VERSION),
  /** When they switched it on (ISO); for the log and for support questions. */
  since: z.string(),
  /** Their Slack zone as last seen by users.info: lets a run skip people whose Monday 10:00 has not come. */
  tz: z.string().nullable().default(null),
});
export type ReminderPref = z.infer<typeof ReminderPrefSchema>;

/** A claim on a person's week: what the marker held before, so a send that did not happen can give it back. */
export interface WeekClaim {
  previous: string | null;
}

/**
 * Sets the week unless the marker already holds that week or a later one (ISO week keys order as strings; a
 * zone change that moves the week back must not send again); answers the previous value ('' for none) or false.
 */
const CLAIM = `
local current = redis.call('HGET', KEYS[1], ARGV[1])
if current and current >= ARGV[2] then return false end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return current or ''`;

/** Gives a claimed week back, only if the marker still holds it (a later run may have moved it on). */
const RELEASE = `
if redis.call('HGET', KEYS[1], ARGV[1]) ~= ARGV[2] then return 0 end
if ARGV[3] == '' then redis.call('HDEL', KEYS[1], ARGV[1]) else redis.call('HSET', KEYS[1], ARGV[1], ARGV[3]) end
return 1`;

/** Updates the remembered zone only while the person is still opted in (a switch-off mid-run wins). */
const REMEMBER_ZONE = `
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return 1`;

export interface ReminderPrefs {
  get(teamId: string, userId: string): Promise<ReminderPref | null>;
  switchOn(teamId: string, userId: string, since: Date): Promise<void>;
  /** True when they were opted in. */
  switchOff(teamId: string, userId: string): Promise<boolean>;
  /** Everyone opted in, by user id; an unreadable record is reported and left out, never fatal for the rest. */
  optedIn(
    teamId: string,
    onCorrupt?: (userId: string, error: unknown) => void,
  ): Promise<Map<string, ReminderPref>>;
  rememberZone(teamId: string, userId: string, pref: ReminderPref, tz: string): Promise<void>;
  /** The ISO week they were last reminded (or found nothing to be reminded of), or null. */
  lastWeek(teamId: string, userId: string): Promise<string | null>;
  /** Takes the person's `week`; null when it was already taken (by this run's past, or another worker). */
  claimWeek(teamId: string, userId: string, week: string): Promise<WeekClaim | null>;
  releaseWeek(teamId: string, userId: string, week: string, claim: WeekClaim): Promise<void>;
}

export function createReminderPrefs(redis: RedisClient, keys: Keys): ReminderPrefs {
  const read = (teamId: string, userId: string, raw: string) =>
    parseRecord(ReminderPrefSchema, `${keys.reminders(teamId)}#${userId}`, raw);
  return {
    async get(teamId, userId) {
      const raw = await redis.hget(keys.reminders(teamId), userId);
      return raw === null ? null : read(teamId, userId, raw);
    },
    async switchOn(teamId, userId, since) {
      const pref: ReminderPref = { v: REMINDER_PREF_VERSION, since: since.toISOString(), tz: null };
      // HSETNX: switching on twice (a double click) keeps the first record and its zone.
      await redis.hsetnx(keys.reminders(teamId), userId, JSON.stringify(pref));
    },
    async switchOff(teamId, userId) {
      return (await redis.hdel(keys.reminders(teamId), userId)) === 1;
    },
    async optedIn(teamId, onCorrupt) {
      const all = await redis.hgetall(keys.reminders(teamId));
      const out = new Map<string, ReminderPref>();
      for (const [userId, raw] of Object.entries(all)) {
        try {
          out.set(userId, read(teamId, userId, raw));
        } catch (error) {
          onCorrupt?.(userId, error);
        }
      }
      return out;
    },
    async rememberZone(teamId, userId, pref, tz) {
      if (pref.tz === tz) return;
      await redis.eval(REMEMBER_ZONE, 1, keys.reminders(teamId), userId, JSON.stringify({ ...pref, tz }));
    },
    lastWeek: (teamId, userId) => redis.hget(keys.reminded(teamId), userId),
    async claimWeek(teamId, userId, week) {
      const previous = await redis.eval(CLAIM, 1, keys.reminded(teamId), userId, week);
      // Lua false comes back as null: the week was already taken.
      if (previous === null) return null;
      return { previous: previous === '' ? null : String(previous) };
    },
    async releaseWeek(teamId, userId, week, claim) {
      await redis.eval(RELEASE, 1, keys.reminded(teamId), userId, week, claim.previous ?? '');
    },
  };
}
