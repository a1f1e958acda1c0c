// The App Home tab's content for one user (SPEC §2.5), computed fresh each time it is opened.
import { HOME_LIST_MAX, type HomeEntry, type HomeModel } from '../../blocks/home.ts';
import type { Deps } from '../deps.ts';
import { CATEGORY_VALUES } from '../domain/categories.ts';
import { isOpen } from '../domain/item.ts';
import { canSeeItem } from '../domain/permissions.ts';
import { rank } from '../domain/scoring.ts';

const capped = (entries: HomeEntry[]) => ({
  entries: entries.slice(0, HOME_LIST_MAX),
  total: entries.length,
});

export async function loadHome(
  deps: Pick<Deps, 'items' | 'scores'>,
  teamId: string,
  userId: string,
): Promise<HomeModel> {
  // Home is a workspace-wide view: private-channel items only for their reporter and owner (§1.6).
  const items = (await deps.items.listTeam(teamId)).filter(
    (i) => isOpen(i.status) && canSeeItem(i, userId, null),
  );
  const scored = rank(await deps.scores.score(teamId, items));
  const voted = (e: (typeof scored)[number]) =>
    e.votes.some((v) => v.userId === userId && v.dimension !== 'effort');
  return {
    mine: capped(scored.filter((e) => e.item.reporterId === userId || e.item.ownerId === userId)),
    awaitingVote: capped(scored.filter((e) => !voted(e) && !e.item.votingClosed && e.item.card)),
    top: capped(scored.filter((e) => e.score.ranked && e.item.status === 'open')),
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
