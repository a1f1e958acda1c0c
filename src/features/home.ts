// The App Home tab's content for one user (SPEC §2.5), computed fresh each time it is opened.
import { HOME_LIST_MAX, HOME_RATES_MAX, type HomeEntry, type HomeModel } from '../../blocks/home.ts';
import type { Deps } from '../deps.ts';
import { CATEGORY_VALUES } from '../domain/categories.ts';
import { assessOutlook } from '../domain/debt-outlook.ts';
import { weeklyInterest } from '../domain/debt-trend.ts';
import { isOpen } from '../domain/item.ts';
import { canSeeItem, publicChannels } from '../domain/permissions.ts';
import { rank } from '../domain/scoring.ts';

const capped = (entries: HomeEntry[]) => ({
  entries: entries.slice(0, HOME_LIST_MAX),
  total: entries.length,
});

type HomeDeps = Pick<Deps, 'items' | 'scores' | 'settings' | 'history'>;

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

export async function loadHome(deps: HomeDeps, teamId: string, userId: string): Promise<HomeModel> {
  // Home is a workspace-wide view: private-channel items only for their reporter and owner (§1.6).
  const all = await deps.items.listTeam(teamId);
  const items = all.filter((i) => isOpen(i.status) && canSeeItem(i, userId, null));
  const scored = rank(await deps.scores.score(teamId, items));
  const voted = (e: (typeof scored)[number]) =>
    e.votes.some((v) => v.userId === userId && v.dimension !== 'effort');
  return {
    mine: capped(scored.filter((e) => e.item.reporterId === userId || e.item.ownerId === userId)),
    awaitingVote: capped(scored.filter((e) => !voted(e) && !e.item.votingClosed && e.item.card)),
    top: capped(scored.filter((e) => e.score.ranked && e.item.status === 'open')),
    rates: await interestRates(deps, teamId, publicChannels(all), scored),
    byCategory: CATEGORY_VALUES.map((category) => {
      const inCategory = scored.filter((e) => e.item.category === category);
      return {
        category,
        open: inCategory.length,
        interest: inCategory.reduce((sum, e) => sum + (e.score.interest ?? 0), 0),
      };
    }),
  };
}
