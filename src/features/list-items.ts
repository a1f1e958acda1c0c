// `/debt list` and `/debt top`: which items, in which order, which page. Shared by the command and paging buttons.
import {
  type ItemListModel,
  LIST_EMPTY_TEXT,
  LIST_PAGE_SIZE,
  listHeading,
  TOP_EMPTY_TEXT,
  topHeading,
} from '../../blocks/item-list.ts';
import type { Deps } from '../deps.ts';
import { encodeListState, type ListQuery, listMatches } from '../domain/list-query.ts';
import { rank } from '../domain/scoring.ts';

type ListDeps = Pick<Deps, 'items' | 'scores' | 'settings'>;

async function rankedEntries(deps: ListDeps, query: ListQuery) {
  const items = query.filters.all
    ? await deps.items.listTeam(query.teamId)
    : await deps.items.listChannel(query.teamId, query.channelId);
  return rank(
    await deps.scores.score(
      query.teamId,
      items.filter((i) => listMatches(i, query)),
    ),
  );
}

/** One page of a list; a page past the end shows the last one. */
export async function loadListPage(deps: ListDeps, query: ListQuery, page: number): Promise<ItemListModel> {
  const entries = await rankedEntries(deps, query);
  const pages = Math.max(1, Math.ceil(entries.length / LIST_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pages);
  return {
    heading: listHeading(query.filters, query.channelId),
    entries: entries.slice((current - 1) * LIST_PAGE_SIZE, current * LIST_PAGE_SIZE),
    page: current,
    totalEntries: entries.length,
    pageSize: LIST_PAGE_SIZE,
    pagingState: encodeListState(query),
    emptyText: LIST_EMPTY_TEXT,
  };
}

/** The channel's ranked open items, as many as its digest's "Next up" (the channel's top N, SPEC §1.7). */
export async function loadTop(
  deps: ListDeps,
  teamId: string,
  channelId: string,
  userId: string,
): Promise<ItemListModel> {
  const query: ListQuery = {
    teamId,
    channelId,
    userId,
    filters: { category: null, status: 'open', mine: false, all: false },
  };
  const ranked = (await rankedEntries(deps, query)).filter((e) => e.score.ranked);
  const { topN } = await deps.settings.get(teamId, channelId);
  return {
    heading: topHeading(topN, channelId),
    entries: ranked.slice(0, topN),
    page: 1,
    totalEntries: Math.min(ranked.length, topN),
    pageSize: topN,
    pagingState: null,
    emptyText: TOP_EMPTY_TEXT,
  };
}
