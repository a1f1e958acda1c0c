// The ranked, paginated list of `/debt list` and `/debt top` (SPEC §2.1): an ephemeral message.
import type { ListFilters } from '../src/domain/command.ts';
import { type Item, STATUS_LABELS } from '../src/domain/item.ts';
import type { Score } from '../src/domain/scoring.ts';
import { categoryText, itemLabel, scoreLine, statusText } from './format.ts';
import { ACTION, BLOCK } from './ids.ts';
import {
  actions,
  type Block,
  button,
  channelLink,
  context,
  divider,
  escapeAndTruncate,
  type Message,
  message,
  section,
} from './kit.ts';

export const LIST_PAGE_SIZE = 10;

export const LIST_EMPTY_TEXT =
  'Nothing here. File something with `/debt`, or widen the list with `/debt list all`.';
export const TOP_EMPTY_TEXT =
  'No ranked items yet: items need votes from enough teammates. See `/debt list` for everything open.';

/** e.g. "Open debt in Data reported by or assigned to you in #ml-infra". */
export function listHeading(filters: ListFilters, channelId: string): string {
  const status =
    filters.status === null ? 'Open' : filters.status === 'closed' ? 'Closed' : STATUS_LABELS[filters.status];
  const parts = [
    `${status} debt`,
    filters.category ? `in ${categoryText(filters.category)}` : '',
    filters.mine ? 'reported by or assigned to you' : '',
    filters.all ? 'across the workspace' : `in ${channelLink(channelId)}`,
  ];
  return parts.filter(Boolean).join(' ');
}

export function topHeading(topN: number, channelId: string): string {
  return `Top ${topN} to pay down in ${channelLink(channelId)}`;
}

export interface ListEntry {
  item: Item;
  score: Score;
}

export interface ItemListModel {
  heading: string;
  /** The page's entries, already ranked and cut to the page. */
  entries: ListEntry[];
  page: number;
  totalEntries: number;
  pageSize: number;
  /** Opaque state for the Next/Previous buttons (the list's filters); null for lists without paging. */
  pagingState: string | null;
  emptyText: string;
}

function entryBlock({ item, score }: ListEntry, rank: number): Block {
  const ranked = score.ranked ? `${rank}.` : '•';
  const component = item.component ? ` · ${escapeAndTruncate(item.component, 40)}` : '';
  return section(
    `${ranked} ${itemLabel(item, 120)}\n${categoryText(item.category)}${component} · ${statusText(item)}\n${scoreLine(score)}`,
  );
}

export function buildItemList(model: ItemListModel): Message {
  const pages = Math.max(1, Math.ceil(model.totalEntries / model.pageSize));
  const first = (model.page - 1) * model.pageSize;
  const blocks: Block[] = [section(`*${model.heading}*`)];
  if (model.entries.length === 0) {
    blocks.push(section(model.emptyText));
  } else {
    model.entries.forEach((entry, i) => {
      blocks.push(entryBlock(entry, first + i + 1));
    });
    blocks.push(divider());
    blocks.push(
      context([
        `Page ${model.page} of ${pages} · ${model.totalEntries} item${model.totalEntries === 1 ? '' : 's'} · ranked by priority (interest ÷ effort); “needs votes” items come last`,
      ]),
    );
  }
  const state = model.pagingState;
  if (state !== null && pages > 1) {
    const nav: Block[] = [];
    if (model.page > 1)
      nav.push(button(`${ACTION.listPage}:prev`, 'Previous', { value: `${model.page - 1}|${state}` }));
    if (model.page < pages)
      nav.push(button(`${ACTION.listPage}:next`, 'Next', { value: `${model.page + 1}|${state}` }));
    blocks.push(actions(BLOCK.listNav, nav));
  }
  return message(`${model.heading}: ${model.totalEntries} items`, blocks);
}
