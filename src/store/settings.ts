// Channel settings in Redis: one versioned JSON record per channel (absent = defaults), plus an index of
// configured channels so workers can reconcile digest schedules.
import { type ChannelSettings, ChannelSettingsSchema, DEFAULT_CHANNEL_SETTINGS } from '../domain/settings.ts';
import type { RedisClient } from './client.ts';
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
  redis: RedisClient,
  keys: Keys,
  onUnreadable?: (teamId: string, channelId: string, error: unknown) => void,
): SettingsStore {
  const find = async (teamId: string, channelId: string) => {
    const key = keys.channelSettings(teamId, channelId);
    const raw = await redis.get(key);
    return raw === null ? null : parseRecord(ChannelSettingsSchema, key, raw);
  };
  const member = (teamId: string, channelId: string) => `${teamId}:${channelId}`;
  async function readPerTeam(
    members: { teamId: string; key: string }[],
  ): Promise<Map<string, string | null>> {
    const byTeam = new Map<string, string[]>();
    for (const m of members) byTeam.set(m.teamId, [...(byTeam.get(m.teamId) ?? []), m.key]);
    const read = await Promise.all(
      [...byTeam.values()].map(async (teamKeys) => {
        const raws = await redis.mget(...teamKeys);
        return teamKeys.map((key, i) => [key, raws[i] ?? null] as const);
      }),
    );
    return new Map(read.flat());
  }
  return {
    find,
    async get(teamId, channelId) {
      return (await find(teamId, channelId)) ?? DEFAULT_CHANNEL_SETTINGS;
    },
    async save(teamId, channelId, settings) {
      const json = JSON.stringify(ChannelSettingsSchema.parse(settings));
      // The install-wide index first, the workspace's record second: two hash slots on a Redis Cluster, so no
      // transaction spans them; an index entry without its record is skipped by all().
      await redis.sadd(keys.configuredChannels, member(teamId, channelId));
      await redis.set(keys.channelSettings(teamId, channelId), json);
    },
    async createIfAbsent(teamId, channelId, settings) {
      // Indexed first, as in save(): a crash between the two leaves an index entry all() skips, never a record
      // no digest schedule would find.
      await redis.sadd(keys.configuredChannels, member(teamId, channelId));
      const created = await redis.set(
        keys.channelSettings(teamId, channelId),
        JSON.stringify(ChannelSettingsSchema.parse(settings)),
        'NX',
      );
      return created !== null;
    },
    async all() {
      const members = (await redis.smembers(keys.configuredChannels)).map((m) => {
        const [teamId = '', channelId = ''] = m.split(':');
        return { teamId, channelId, key: keys.channelSettings(teamId, channelId) };
      });
      // One MGET per workspace (a workspace's keys share a hash slot on a Redis Cluster; different workspaces
      // need not), all sent at once.
      const raws = await readPerTeam(members);
      const out: { teamId: string; channelId: string; settings: ChannelSettings }[] = [];
      for (const { teamId, channelId, key } of members) {
        const raw = raws.get(key);
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
