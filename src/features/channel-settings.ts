// Channel settings: who may change them (SPEC §1.6), the user's default zone, saving them with their digest
// schedule, and switching the digest on with the first item filed in a channel (SPEC §1.7).
import type { webApi } from '@slack/bolt';
import { mention } from '../../blocks/kit.ts';
import type { Deps } from '../deps.ts';
import { forbidden } from '../domain/errors.ts';
import type { Item } from '../domain/item.ts';
import { type ChannelSettings, DEFAULT_CHANNEL_SETTINGS, isTimeZone } from '../domain/settings.ts';
import { BEFORE_MODAL_MS, withTimeout } from '../lib/timeout.ts';
import type { Actor } from './actor.ts';
import { isWorkspaceAdmin } from './admins.ts';

export type SettingsDeps = Pick<Deps, 'settings' | 'adminCache' | 'logger' | 'producers' | 'config'>;

/**
 * Until a channel has stewards anyone may configure it and post its digest; then stewards and admins.
 * `current` is the channel's stored settings (or the defaults), as the caller already read them.
 */
export async function requireSteward(
  deps: SettingsDeps,
  actor: Actor,
  current: ChannelSettings,
  what: string,
) {
  const { stewards } = current;
  if (stewards.length === 0 || stewards.includes(actor.userId)) return;
  if (await isWorkspaceAdmin(deps, actor.client, actor.teamId, actor.userId)) return;
  const names = stewards.slice(0, 5).map(mention).join(', ');
  throw forbidden(`Only this channel's stewards (${names}) or a workspace admin can ${what}.`);
}

/** The user's Slack time zone (users.info), else DEFAULT_TIMEZONE. */
export async function userTimezone(
  deps: Pick<Deps, 'logger' | 'config'>,
  client: webApi.WebClient,
  userId: string,
) {
  try {
    const info = await withTimeout(client.users.info({ user: userId }), BEFORE_MODAL_MS, null);
    const tz = info?.user?.tz;
    if (tz && isTimeZone(tz)) return tz;
  } catch (error) {
    deps.logger.warn('users.info failed; using DEFAULT_TIMEZONE', { userId, error });
  }
  return deps.config.defaultTimezone;
}

/** What the settings modal opens with: the stored settings, after the steward check, and the zone to show. */
export async function loadSettingsForEdit(deps: SettingsDeps, actor: Actor, channelId: string) {
  const settings = await deps.settings.get(actor.teamId, channelId);
  await requireSteward(deps, actor, settings, 'change these settings');
  const timezone = settings.timezone ?? (await userTimezone(deps, actor.client, actor.userId));
  return { settings, timezone };
}

/**
 * Saves settings over `before` (the stored ones, or the defaults) and syncs the schedule. The first person
 * to configure a channel becomes its first steward.
 */
export async function saveChannelSettings(
  deps: SettingsDeps,
  actor: Actor,
  channelId: string,
  before: ChannelSettings,
  settings: ChannelSettings,
): Promise<ChannelSettings> {
  const firstSteward = before.stewards.length === 0 && settings.stewards.length === 0;
  const saved: ChannelSettings = {
    ...settings,
    stewards: firstSteward ? [actor.userId] : settings.stewards,
    lastConfiguredBy: actor.userId,
  };
  await deps.settings.save(actor.teamId, channelId, saved);
  await deps.producers.syncDigestSchedule(actor.teamId, channelId, saved);
  return saved;
}

/** SPEC §1.7: the digest switches on when the first item is filed in a channel, in the filer's zone. */
export async function enableDigestOnFirstItem(deps: SettingsDeps, client: webApi.WebClient, item: Item) {
  if (await deps.settings.find(item.teamId, item.channelId)) return;
  const timezone = await userTimezone(deps, client, item.reporterId);
  const settings: ChannelSettings = { ...DEFAULT_CHANNEL_SETTINGS, digestEnabled: true, timezone };
  if (await deps.settings.createIfAbsent(item.teamId, item.channelId, settings)) {
    await deps.producers.syncDigestSchedule(item.teamId, item.channelId, settings);
    deps.logger.info('digest switched on with the first item', {
      teamId: item.teamId,
      channelId: item.channelId,
      timezone,
    });
  }
}
