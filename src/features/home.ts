// The App Home tab's content for one user (SPEC §2.5), computed fresh each time it is opened or clicked, and
// the reminder switch on it.
import {
  buildHome,
  HOME_LIST_MAX,
  HOME_RATES_MAX,
  type HomeEntry,
  type HomeList,
  type HomeModel,
} from '../../blocks/home.ts';
import type { Deps } from '../deps.ts';
import { CATEGORY_VALUES } from '../domain/categories.ts';
import { assessOutlook } from '../domain/debt-outlook.ts';
import { weeklyInterest } from '../domain/debt-trend.ts';
import type { Item } from '../domain/item.ts';
import { isOpen } from '../domain/item.ts';
import { canManageItem, canSeeItem, publicChannels } from '../domain/permissions.ts';
import { rank, type Score, type Vote } from '../domain/scoring.ts';
import type { Actor } from './actor.ts';
import { isWorkspaceAdmin } from './admins.ts';
import { workspaceUrl } from './workspace-links.ts';

type HomeDeps = Pick<Deps, 'items' | 'scores' | 'settings' | 'history' | 'reminderPrefs'>;

const capped = (entries: HomeEntry[]): HomeList => ({
  entries: entries.slice(0, HOME_LIST_MAX),
  total: entries.length,
});

/**
 * The interest rate (§1.8) of each channel with open debt and a capacity set, highest first, among `shown`
 * (publicChannels): a private channel's totals would tell a non-member about items they may not see (§1.6).
 */
async function interestRates(
  deps: HomeDeps,
  teamId: string,
  shown: ReadonlySet<string>,
  open: readonly { item: { channelId: string }; score: { interest: number | null } }[],
): Promise<HomeModel['rates']> {
  const perChannel = new Map<string, number>();
  for (const { item, score } of open)
    if (shown.has(item.channelId))
      perChannel.set(item.channelId, (perChannel.get(item.channelId) ?? 0) + (score.interest ?? 0));
  const channels = [...perChannel.keys()];
  const [settings, snapshots] = await Promise.all([
    Promise.all(channels.map((c) => deps.settings.get(teamId, c))),
    deps.history.forChannels(teamId, channels),
  ]);
  const rates: HomeModel['rates'] = [];
  channels.forEach((channelId, i) => {
    const capacityHours = settings[i]?.capacityHours ?? null;
    if (capacityHours === null) return;
    const interest = perChannel.get(channelId) ?? 0;
    const outlook = assessOutlook(interest, capacityHours, weeklyInterest(snapshots.get(channelId) ?? []));
    rates.push({ channelId, capacityHours, rate: outlook.rate ?? 0, spiral: outlook.warnings.length > 0 });
  });
  return rates
    .sort((a, b) => b.rate - a.rate || (a.channelId < b.channelId ? -1 : 1))
    .slice(0, HOME_RATES_MAX);
}

/** A vote counts as "voted" on severity or frequency; an effort vote alone leaves the item awaiting theirs. */
export function hasVoted(votes: readonly Vote[], userId: string): boolean {
  return votes.some((v) => v.userId === userId && v.dimension !== 'effort');
}

/** Votes go in the card's thread: voting open and the card still there (the reminder DM uses the same rule). */
export function votingReachable(item: Item): boolean {
  return isOpen(item.status) && !item.votingClosed && item.card !== null && !item.card.orphaned;
}

export async function loadHome(
  deps: HomeDeps,
  teamId: string,
  userId: string,
  links: { workspaceUrl: string | null; notice?: string | null; isAdmin?: boolean } = { workspaceUrl: null },
): Promise<HomeModel> {
  // Home is a workspace-wide view: private-channel items only for their reporter and owner (§1.6).
  const all = await deps.items.listTeam(teamId);
  const items = all.filter((i) => isOpen(i.status) && canSeeItem(i, userId, null));
  const channels = [...new Set(items.map((i) => i.channelId))];
  const [scored, pref, settings] = await Promise.all([
    deps.scores.score(teamId, items).then(rank),
    deps.reminderPrefs.get(teamId, userId),
    Promise.all(channels.map(async (c) => [c, (await deps.settings.get(teamId, c)).stewards] as const)),
  ]);
  const stewards = new Map(settings);
  const role = { userId, isAdmin: links.isAdmin ?? false };
  const toEntry = (e: { item: Item; score: Score; votes: readonly Vote[] }): HomeEntry => ({
    item: e.item,
    score: e.score,
    canVote: votingReachable(e.item) && !hasVoted(e.votes, userId),
    // Offered only where it applies: nobody owns it and the viewer may assign it (SPEC §1.6, §2.5).
    canAssign: e.item.ownerId === null && canManageItem(e.item, role, stewards.get(e.item.channelId) ?? []),
  });
  // One section per item, first match wins: Yours > Awaiting your vote > Top (SPEC §2.5).
  const shown = new Set<number>();
  const take = (keep: (e: (typeof scored)[number]) => boolean): HomeList => {
    const picked = scored.filter((e) => !shown.has(e.item.id) && keep(e));
    for (const e of picked) shown.add(e.item.id);
    return capped(picked.map(toEntry));
  };
  const mine = take((e) => e.item.reporterId === userId || e.item.ownerId === userId);
  const awaitingVote = take((e) => votingReachable(e.item) && !hasVoted(e.votes, userId));
  const top = take((e) => e.score.ranked && e.item.status === 'open');
  return {
    mine,
    awaitingVote,
    top,
    rates: await interestRates(deps, teamId, publicChannels(all), scored),
    byCategory: CATEGORY_VALUES.map((category) => {
      const inCategory = scored.filter((e) => e.item.category === category);
      return {
        category,
        open: inCategory.length,
        interest: inCategory.reduce((sum, e) => sum + (e.score.interest ?? 0), 0),
      };
    }),
    workspaceUrl: links.workspaceUrl,
    remindersOn: pref !== null,
    notice: links.notice ?? null,
  };
}

/** Computes and publishes the user's Home; `notice` answers their last click on it. */
export async function publishHome(
  deps: HomeDeps & Pick<Deps, 'logger' | 'adminCache'>,
  actor: Pick<Actor, 'teamId' | 'userId' | 'client'>,
  notice: string | null = null,
): Promise<void> {
  const [url, isAdmin] = await Promise.all([
    workspaceUrl(actor.client, deps.logger),
    isWorkspaceAdmin(deps, actor.client, actor.teamId, actor.userId),
  ]);
  const model = await loadHome(deps, actor.teamId, actor.userId, { workspaceUrl: url, notice, isAdmin });
  await actor.client.views.publish({ user_id: actor.userId, view: buildHome(model) });
}

/** The Home switch of the weekly vote reminder (off by default); `on` is what the clicked button said. */
export async function switchReminders(
  deps: Pick<Deps, 'reminderPrefs' | 'clock' | 'logger'>,
  actor: Pick<Actor, 'teamId' | 'userId'>,
  on: boolean,
): Promise<void> {
  if (on) await deps.reminderPrefs.switchOn(actor.teamId, actor.userId, deps.clock.now());
  else await deps.reminderPrefs.switchOff(actor.teamId, actor.userId);
  deps.logger.info('weekly vote reminder switched', { teamId: actor.teamId, userId: actor.userId, on });
}
