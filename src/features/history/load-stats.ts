// `/debt stats [all]` (SPEC §2.10): the §1.8 numbers for this channel, or for the workspace with the privacy of
// §1.6 — private channels' items only for admins and the items' own reporters and owners.
import type { Deps } from '../../deps.ts';
import type { Item } from '../../domain/item.ts';
import { canSeeItem } from '../../domain/permissions.ts';
import { buildStats, type StatsModel } from '../../domain/stats-model.ts';
import type { Actor } from '../actor.ts';
import { isWorkspaceAdmin } from '../admins.ts';
import { userTimezone } from '../channel-settings.ts';
import { commandChannel } from '../digest/digest-now.ts';

export type StatsDeps = Pick<
  Deps,
  'items' | 'scores' | 'history' | 'settings' | 'adminCache' | 'logger' | 'config' | 'clock'
>;

export interface StatsRequest {
  all: boolean;
  /** `#name` of the channel asked from, for the chart's title; the caller knows it from the command. */
  channelLabel: string | null;
}

/**
 * Channels whose whole series the viewer may see: all of them for an admin; otherwise only channels known to
 * be public, since a private channel's snapshot sums items the viewer may not see.
 */
function seriesChannels(items: readonly Item[], admin: boolean): string[] {
  const channels = new Map<string, boolean>();
  for (const item of items)
    channels.set(
      item.channelId,
      (channels.get(item.channelId) ?? true) && item.channelVisibility === 'public',
    );
  return [...channels].filter(([, isPublic]) => admin || isPublic).map(([channel]) => channel);
}

export async function loadStats(deps: StatsDeps, actor: Actor, req: StatsRequest): Promise<StatsModel> {
  const channelId = req.all ? null : commandChannel(actor);
  const items = channelId
    ? await deps.items.listChannel(actor.teamId, channelId)
    : await deps.items.listTeam(actor.teamId);
  const admin =
    channelId === null && (await isWorkspaceAdmin(deps, actor.client, actor.teamId, actor.userId));
  const visible = channelId || admin ? items : items.filter((i) => canSeeItem(i, actor.userId, null));
  const channels = channelId ? [channelId] : seriesChannels(items, admin);
  const [entries, snapshots, settings] = await Promise.all([
    deps.scores.score(actor.teamId, visible),
    deps.history.forChannels(actor.teamId, channels),
    Promise.all(channels.map(async (c) => [c, await deps.settings.get(actor.teamId, c)] as const)),
  ]);
  const capacities = new Map<string, number>();
  for (const [channel, s] of settings) if (s.capacityHours !== null) capacities.set(channel, s.capacityHours);
  const channelZone = channelId ? settings[0]?.[1].timezone : null;
  return buildStats({
    channelId,
    privateLeftOut: channelId === null && !admin,
    entries,
    snapshots,
    capacities,
    timezone: channelZone ?? (await userTimezone(deps, actor.client, actor.userId)),
    now: deps.clock.now(),
    scopeLabel: channelId ? (req.channelLabel ?? 'this channel') : 'the workspace',
  });
}
