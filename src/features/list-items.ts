// `/debt list` and `/debt top`: which items, in which order, which page. Shared by the command and paging buttons.

import type { webApi } from '@slack/bolt';
import {
  type ItemListModel,
  LIST_EMPTY_TEXT,
  LIST_PAGE_SIZE,
  listHeading,
  TOP_EMPTY_TEXT,
  TOP_HINT,
  topHeading,
} from '../../blocks/item-list.ts';
import type { Deps } from '../deps.ts';
import { encodeListState, type ListQuery, listMatches } from '../domain/list-query.ts';
import { rank } from '../domain/scoring.ts';
import { workspaceUrl } from './workspace-links.ts';

type ListDeps = Pick<Deps, 'items' | 'scores' | 'settings' | 'logger'>;

/** Ids link to their cards when the workspace's address is known: asked once per client, null without one. */
function linksBase(deps: ListDeps, client: webApi.WebClient | undefined): Promise<string | null> {
  return client ? workspaceUrl(client, deps.logger) : Promise.resolve(null);
}

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

/** One page of a list; a page past the end shows the last one. With `client`, ids link to their cards. */
export async function loadListPage(
  deps: ListDeps,
  query: ListQuery,
  page: number,
  client?: webApi.WebClient,
): Promise<ItemListModel> {
  const [entries, url] = await Promise.all([rankedEntries(deps, query), linksBase(deps, client)]);
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
    workspaceUrl: url,
  };
}

/** The channel's ranked open items, as many as its digest's "Next up" (the channel's top N, SPEC §1.7). */
export async function loadTop(
  deps: ListDeps,
  teamId: string,
  channelId: string,
  userId: string,
  client?: webApi.WebClient,
): Promise<ItemListModel> {
  const query: ListQuery = {
    teamId,
    channelId,
    userId,
    filters: { category: null, status: 'open', mine: false, all: false },
  };
  const [entries, { topN }, url] = await Promise.all([
    rankedEntries(deps, query),
    deps.settings.get(teamId, channelId),
    linksBase(deps, client),
  ]);
  const ranked = entries.filter((e) => e.score.ranked);
  const shown = ranked.slice(0, topN);
  return {
    heading: topHeading(shown.length, ranked.length, channelId),
    entries: shown,
    page: 1,
    totalEntries: shown.length,
    pageSize: topN,
    pagingState: null,
    emptyText: TOP_EMPTY_TEXT,
    workspaceUrl: url,
    // `top` stops at the channel's top N; the full ranked list is `/debt list`.
    ...(ranked.length > shown.length || entries.length > ranked.length ? { hint: TOP_HINT } : {}),
  };
}
