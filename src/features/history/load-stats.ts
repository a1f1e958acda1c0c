// `/debt stats [all]` (SPEC §2.10): the §1.8 numbers for this channel, or for the workspace with the privacy of
// §1.6 — private channels' items only for admins and the items' own reporters and owners.
import type { Deps } from '../../deps.ts';
import { canSeeItem, publicChannels } from '../../domain/permissions.ts';
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

export async function loadStats(deps: StatsDeps, actor: Actor, req: StatsRequest): Promise<StatsModel> {
  const channelId = req.all ? null : commandChannel(actor);
  const items = channelId
    ? await deps.items.listChannel(actor.teamId, channelId)
    : await deps.items.listTeam(actor.teamId);
  const admin =
    channelId === null && (await isWorkspaceAdmin(deps, actor.client, actor.teamId, actor.userId));
  const visible = channelId || admin ? items : items.filter((i) => canSeeItem(i, actor.userId, null));
  // A workspace's series and rates: every channel for an admin, else the public ones only.
  const channels = channelId
    ? [channelId]
    : admin
      ? [...new Set(items.map((i) => i.channelId))]
      : [...publicChannels(items)];
  const [entries, snapshots, settings] = await Promise.all([
    deps.scores.score(actor.teamId, visible),
    deps.history.forChannels(actor.teamId, channels),
    Promise.all(channels.map(async (c) => [c, await deps.settings.get(actor.teamId, c)] as const)),
  ]);
  const capacities = new Map<string, number>();
  for (const [channel, s] of settings) if (s.capacityHours !== null) capacities.set(channel, s.capacityHours);
  // A channel's weeks are its snapshots' weeks (its zone, else the install's default); a workspace's the viewer's.
  const timezone = channelId
    ? (settings[0]?.[1].timezone ?? deps.config.defaultTimezone)
    : await userTimezone(deps, actor.client, actor.userId);
  return buildStats({
    channelId,
    privateLeftOut: channelId === null && !admin,
    entries,
    snapshots,
    capacities,
    timezone,
    now: deps.clock.now(),
    scopeLabel: channelId ? (req.channelLabel ?? 'this channel') : 'the workspace',
  });
}
