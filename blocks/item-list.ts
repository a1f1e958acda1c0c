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
  escapeAndTruncateAtWord,
  type Message,
  message,
  section,
} from './kit.ts';

export const LIST_PAGE_SIZE = 10;

export const LIST_EMPTY_TEXT =
  'Nothing here. File something with `/debt`, or widen the list with `/debt list all`.';
/** Under `/debt top` when it leaves items out: the command that does list them all. */
export const TOP_HINT = '`/debt list` ranks every open item';
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

/** Headed by what it shows: "Top 3 in #ml-infra", or "Top 5 of 12 in #ml-infra" when more are ranked. */
export function topHeading(shown: number, ranked: number, channelId: string): string {
  if (shown === 0) return `Top debt in ${channelLink(channelId)}`;
  const of = ranked > shown ? ` of ${ranked}` : '';
  return `Top ${shown}${of} in ${channelLink(channelId)}`;
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
  /** e.g. `https://acme.slack.com/`: ids then link to their cards' threads; null or absent, plain ids. */
  workspaceUrl?: string | null;
  /** A pointer shown under the list, e.g. where the rest is (`/debt top` names `/debt list`). */
  hint?: string;
}

/** Titles are cut at a word; rows stay short enough for a page of 10 maximal items in one message. */
const ROW_TITLE = 120;

function entryBlock({ item, score }: ListEntry, rank: number, workspaceUrl: string | null): Block {
  const ranked = score.ranked ? `${rank}.` : '•';
  const component = item.component ? ` · ${escapeAndTruncateAtWord(item.component, 40)}` : '';
  return section(
    `${ranked} ${itemLabel(item, ROW_TITLE, workspaceUrl)}\n${categoryText(item.category)}${component} · ${statusText(item)}\n${scoreLine(score)}`,
  );
}

/** The line under the entries: what the order is, pages only when there are several, and the "•" legend only when one shows. */
function footer(model: ItemListModel, pages: number): string {
  const parts = [
    ...(pages > 1 ? [`Page ${model.page} of ${pages}`] : []),
    `${model.totalEntries} item${model.totalEntries === 1 ? '' : 's'}`,
    'ranked by priority (interest ÷ effort)',
    ...(model.entries.some((e) => !e.score.ranked)
      ? ['• = needs votes: not ranked yet, so listed last']
      : []),
    ...(model.hint ? [model.hint] : []),
  ];
  return parts.join(' · ');
}

export function buildItemList(model: ItemListModel): Message {
  const pages = Math.max(1, Math.ceil(model.totalEntries / model.pageSize));
  const first = (model.page - 1) * model.pageSize;
  const blocks: Block[] = [section(`*${model.heading}*`)];
  if (model.entries.length === 0) {
    blocks.push(section(model.emptyText));
  } else {
    model.entries.forEach((entry, i) => {
      blocks.push(entryBlock(entry, first + i + 1, model.workspaceUrl ?? null));
    });
    blocks.push(divider());
    blocks.push(context([footer(model, pages)]));
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
  return message(
    `${model.heading}: ${model.totalEntries} item${model.totalEntries === 1 ? '' : 's'}`,
    blocks,
  );
}
