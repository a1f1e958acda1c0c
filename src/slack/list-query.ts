// `/debt list` and `/debt top`: which items, in which order, which page. Shared by the command and paging buttons.

import { categoryText } from '../../blocks/format.ts';
import { buildItemList, LIST_PAGE_SIZE } from '../../blocks/item-list.ts';
import type { Message } from '../../blocks/kit.ts';
import { channelLink } from '../../blocks/kit.ts';
import { type Category, isCategory } from '../domain/categories.ts';
import type { ListFilters } from '../domain/command.ts';
import { type Item, isOpen, STATUS_LABELS, STATUSES, type Status } from '../domain/item.ts';
import { canSeeItem } from '../domain/permissions.ts';
import { rank } from '../domain/scoring.ts';
import type { OpsDeps } from './item-ops.ts';

export interface ListQuery {
  filters: ListFilters;
  /** The channel the list was asked from: the scope of a channel list, and a privacy exception for `all`. */
  channelId: string;
  teamId: string;
  userId: string;
}

function matches(item: Item, query: ListQuery): boolean {
  const { filters } = query;
  if (!canSeeItem(item, query.userId, query.channelId)) return false;
  if (!filters.all && item.channelId !== query.channelId) return false;
  if (filters.category && item.category !== filters.category) return false;
  if (filters.mine && item.reporterId !== query.userId && item.ownerId !== query.userId) return false;
  if (filters.status === null) return isOpen(item.status);
  if (filters.status === 'closed') return !isOpen(item.status);
  return item.status === filters.status;
}

function heading(query: ListQuery): string {
  const { filters } = query;
  const status =
    filters.status === null ? 'Open' : filters.status === 'closed' ? 'Closed' : STATUS_LABELS[filters.status];
  const parts = [
    `${status} debt`,
    filters.category ? `in ${categoryText(filters.category)}` : '',
    filters.mine ? 'reported by or assigned to you' : '',
    filters.all ? 'across the workspace' : `in ${channelLink(query.channelId)}`,
  ];
  return parts.filter(Boolean).join(' ');
}

/** Paging state carried in button values: `channel;category;status;mine;all`, all ids and enums, no user text. */
function encodeListState(query: ListQuery): string {
  const f = query.filters;
  return [query.channelId, f.category ?? '', f.status ?? '', f.mine ? '1' : '', f.all ? '1' : ''].join(';');
}

export function decodeListState(state: string): { channelId: string; filters: ListFilters } | null {
  const [channelId = '', category = '', status = '', mine = '', all = ''] = state.split(';');
  if (!/^[A-Z0-9]{2,}$/.test(channelId)) return null;
  const validStatus =
    status === '' || status === 'closed' || (STATUSES as readonly string[]).includes(status);
  if ((category !== '' && !isCategory(category)) || !validStatus) return null;
  return {
    channelId,
    filters: {
      category: category === '' ? null : (category as Category),
      status: status === '' ? null : (status as Status | 'closed'),
      mine: mine === '1',
      all: all === '1',
    },
  };
}

async function rankedEntries(deps: OpsDeps, query: ListQuery) {
  const items = query.filters.all
    ? await deps.items.listTeam(query.teamId)
    : await deps.items.listChannel(query.teamId, query.channelId);
  return rank(
    await deps.scores.score(
      query.teamId,
      items.filter((i) => matches(i, query)),
    ),
  );
}

export async function buildListPage(deps: OpsDeps, query: ListQuery, page: number): Promise<Message> {
  const entries = await rankedEntries(deps, query);
  const pages = Math.max(1, Math.ceil(entries.length / LIST_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pages);
  return buildItemList({
    heading: heading(query),
    entries: entries.slice((current - 1) * LIST_PAGE_SIZE, current * LIST_PAGE_SIZE),
    page: current,
    totalEntries: entries.length,
    pageSize: LIST_PAGE_SIZE,
    pagingState: encodeListState(query),
    emptyText: 'Nothing here. File something with `/debt`, or widen the list with `/debt list all`.',
  });
}

export async function buildTop(
  deps: OpsDeps,
  teamId: string,
  channelId: string,
  userId: string,
): Promise<Message> {
  const query: ListQuery = {
    teamId,
    channelId,
    userId,
    filters: { category: null, status: 'open', mine: false, all: false },
  };
  const ranked = (await rankedEntries(deps, query)).filter((e) => e.score.ranked);
  // The same N as the digest's "Next up" (the channel's setting, SPEC §1.7).
  const { topN } = await deps.settings.get(teamId, channelId);
  return buildItemList({
    heading: `Top ${topN} to pay down in ${channelLink(channelId)}`,
    entries: ranked.slice(0, topN),
    page: 1,
    totalEntries: Math.min(ranked.length, topN),
    pageSize: topN,
    pagingState: null,
    emptyText:
      'No ranked items yet: items need votes from enough teammates. See `/debt list` for everything open.',
  });
}
