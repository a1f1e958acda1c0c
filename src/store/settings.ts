// Channel settings in Redis: one versioned JSON record per channel (absent = defaults), plus an index of
// configured channels so workers can reconcile digest schedules.
import type { Redis } from 'ioredis';
import { type ChannelSettings, ChannelSettingsSchema, DEFAULT_CHANNEL_SETTINGS } from '../domain/settings.ts';
import { parseRecord } from './json.ts';
import type { Keys } from './keys.ts';

export interface SettingsStore {
  get(teamId: string, channelId: string): Promise<ChannelSettings>;
  /** Null when the channel was never configured (its digest was never switched on). */
  find(teamId: string, channelId: string): Promise<ChannelSettings | null>;
  save(teamId: string, channelId: string, settings: ChannelSettings): Promise<void>;
  /** Creates the record only if none exists; true when this call created it. */
  createIfAbsent(teamId: string, channelId: string, settings: ChannelSettings): Promise<boolean>;
  /** Every configured channel of every workspace. */
  all(): Promise<{ teamId: string; channelId: string; settings: ChannelSettings }[]>;
}

export function createSettingsStore(
  redis: Redis,
  keys: Keys,
  onUnreadable?: (teamId: string, channelId: string, error: unknown) => void,
): SettingsStore {
  const find = async (teamId: string, channelId: string) => {
    const key = keys.channelSettings(teamId, channelId);
    const raw = await redis.get(key);
    return raw === null ? null : parseRecord(ChannelSettingsSchema, key, raw);
  };
  const member = (teamId: string, channelId: string) => `${teamId}:${channelId}`;
  return {
    find,
    async get(teamId, channelId) {
      return (await find(teamId, channelId)) ?? DEFAULT_CHANNEL_SETTINGS;
    },
    async save(teamId, channelId, settings) {
      await redis
        .multi()
        .set(keys.channelSettings(teamId, channelId), JSON.stringify(ChannelSettingsSchema.parse(settings)))
        .sadd(keys.configuredChannels, member(teamId, channelId))
        .exec();
    },
    async createIfAbsent(teamId, channelId, settings) {
      const created = await redis.set(
        keys.channelSettings(teamId, channelId),
        JSON.stringify(ChannelSettingsSchema.parse(settings)),
        'NX',
      );
      if (created === null) return false;
      await redis.sadd(keys.configuredChannels, member(teamId, channelId));
      return true;
    },
    async all() {
      const members = (await redis.smembers(keys.configuredChannels)).map((m) => {
        const [teamId = '', channelId = ''] = m.split(':');
        return { teamId, channelId, key: keys.channelSettings(teamId, channelId) };
      });
      // One round trip for every channel, however many there are.
      const raws = members.length > 0 ? await redis.mget(...members.map((m) => m.key)) : [];
      const out: { teamId: string; channelId: string; settings: ChannelSettings }[] = [];
      for (const [i, { teamId, channelId, key }] of members.entries()) {
        const raw = raws[i];
        if (raw === null || raw === undefined) continue;
        try {
          out.push({ teamId, channelId, settings: parseRecord(ChannelSettingsSchema, key, raw) });
        } catch (error) {
          // One unreadable record must not stop every other channel's digest; it is reported, not used.
          onUnreadable?.(teamId, channelId, error);
        }
      }
      return out;
    },
  };
}
