// Channel settings (SPEC §1.7), stored as one versioned JSON record per channel; absent means defaults.
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { parseRecord } from './json.ts';
import type { Keys } from './keys.ts';

export const ChannelSettingsSchema = z.object({
  v: z.literal(1),
  quorum: z.number().int().min(1).max(50).default(2),
  stewards: z.array(z.string()).default([]),
});
export type ChannelSettings = z.infer<typeof ChannelSettingsSchema>;

export const DEFAULT_CHANNEL_SETTINGS: ChannelSettings = ChannelSettingsSchema.parse({ v: 1 });

export interface SettingsStore {
  get(teamId: string, channelId: string): Promise<ChannelSettings>;
  save(teamId: string, channelId: string, settings: ChannelSettings): Promise<void>;
}

export function createSettingsStore(redis: Redis, keys: Keys): SettingsStore {
  return {
    async get(teamId, channelId) {
      const key = keys.channelSettings(teamId, channelId);
      const raw = await redis.get(key);
      return raw === null ? DEFAULT_CHANNEL_SETTINGS : parseRecord(ChannelSettingsSchema, key, raw);
    },
    async save(teamId, channelId, settings) {
      await redis.set(
        keys.channelSettings(teamId, channelId),
        JSON.stringify(ChannelSettingsSchema.parse(settings)),
      );
    },
  };
}
