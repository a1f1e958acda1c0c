// `app_home_opened`: publishes the user's Home tab, computed fresh each time it is opened (SPEC §2.5).
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { buildHome, HOME_LIST_MAX, type HomeEntry } from '../../../blocks/home.ts';
import type { Deps } from '../../deps.ts';
import { CATEGORY_VALUES } from '../../domain/categories.ts';
import { isOpen } from '../../domain/item.ts';
import { canSeeItem } from '../../domain/permissions.ts';
import { rank } from '../../domain/scoring.ts';

type Args = SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs;

const capped = (entries: HomeEntry[]) => ({
  entries: entries.slice(0, HOME_LIST_MAX),
  total: entries.length,
});

async function buildHomeFor(deps: Deps, teamId: string, userId: string) {
  // Home is a workspace-wide view: private-channel items only for their reporter and owner (§1.6).
  const items = (await deps.items.listTeam(teamId)).filter(
    (i) => isOpen(i.status) && canSeeItem(i, userId, null),
  );
  const scored = rank(await deps.scores.score(teamId, items));
  const voted = (e: (typeof scored)[number]) =>
    e.votes.some((v) => v.userId === userId && v.dimension !== 'effort');
  return buildHome({
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
  });
}

export function handleHomeOpened(deps: Deps) {
  return async ({ event, body, client }: Args): Promise<void> => {
    if (event.tab !== 'home') return;
    const teamId = (body as { team_id?: string }).team_id ?? '';
    try {
      await client.views.publish({ user_id: event.user, view: await buildHomeFor(deps, teamId, event.user) });
    } catch (error) {
      // Nobody is waiting on an answer here; the tab keeps its previous content.
      deps.logger.warn('home tab not published', { teamId, userId: event.user, error });
    }
  };
}
