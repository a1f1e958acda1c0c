// Which items a `/debt list` shows, and the list's paging state as carried in its buttons (SPEC §2.1).
import { type Category, isCategory } from './categories.ts';
import type { ListFilters } from './command.ts';
import { type Item, isOpen, STATUSES, type Status } from './item.ts';
import { canSeeItem } from './permissions.ts';

export interface ListQuery {
  filters: ListFilters;
  /** The channel the list was asked from: the scope of a channel list, and a privacy exception for `all`. */
  channelId: string;
  teamId: string;
  userId: string;
}

export function listMatches(item: Item, query: ListQuery): boolean {
  const { filters } = query;
  if (!canSeeItem(item, query.userId, query.channelId)) return false;
  if (!filters.all && item.channelId !== query.channelId) return false;
  if (filters.category && item.category !== filters.category) return false;
  if (filters.mine && item.reporterId !== query.userId && item.ownerId !== query.userId) return false;
  if (filters.status === null) return isOpen(item.status);
  if (filters.status === 'closed') return !isOpen(item.status);
  return item.status === filters.status;
}

/** Paging state carried in button values: `channel;category;status;mine;all`, all ids and enums, no user text. */
export function encodeListState(query: ListQuery): string {
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
