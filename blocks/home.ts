// The App Home tab (SPEC §2.5): the user's items, items awaiting their vote, the workspace's top items and
// counts by category. A Home view holds up to 100 blocks; every list here is capped well below that.
import type { Category } from '../src/domain/categories.ts';
import type { Item } from '../src/domain/item.ts';
import type { Score } from '../src/domain/scoring.ts';
import { categoryText, hours, itemLabel, scoreLine, statusText } from './format.ts';
import { type Block, channelLink, context, divider, header, section } from './kit.ts';
import { num, percent } from './outlook.ts';

export const HOME_LIST_MAX = 8;
/** Channels whose interest rate Home shows, highest first. */
export const HOME_RATES_MAX = 5;

export interface HomeEntry {
  item: Item;
  score: Score;
}

export interface HomeModel {
  mine: { entries: HomeEntry[]; total: number };
  awaitingVote: { entries: HomeEntry[]; total: number };
  top: { entries: HomeEntry[]; total: number };
  byCategory: { category: Category; open: number; interest: number }[];
  /** Interest rate of public channels with a capacity set (SPEC §1.8), highest first. */
  rates: { channelId: string; rate: number; capacityHours: number; spiral: boolean }[];
}

export interface HomeView {
  type: 'home';
  blocks: Block[];
}

function entry({ item, score }: HomeEntry): Block {
  return section(
    `${itemLabel(item, 120)} · ${statusText(item)} · in ${channelLink(item.channelId)}\n${scoreLine(score)}`,
  );
}

function list(title: string, empty: string, { entries, total }: HomeModel['mine']): Block[] {
  const more = total > entries.length ? [context([`…and ${total - entries.length} more`])] : [];
  return [
    section(`*${title}*`),
    ...(entries.length > 0 ? entries.map(entry) : [context([empty])]),
    ...more,
    divider(),
  ];
}

function ratesBlock(rates: HomeModel['rates']): Block[] {
  if (rates.length === 0) return [];
  const lines = rates.map(
    (r) =>
      `${channelLink(r.channelId)}: ${percent(r.rate)} of ${num(r.capacityHours)} h/week${r.spiral ? ' · :rotating_light: debt spiral' : ''}`,
  );
  return [
    section(`*Interest rate* · the share of the team's week the debt eats\n${lines.join('\n')}`),
    context(['`/debt stats` in a channel shows its trend']),
  ];
}

export function buildHome(model: HomeModel): HomeView {
  const counts = model.byCategory
    .filter((c) => c.open > 0)
    .map(
      (c) =>
        `${categoryText(c.category)}: ${c.open} open${c.interest > 0 ? `, ${hours(c.interest)} h/week` : ''}`,
    );
  const blocks: Block[] = [
    header('Debt Triage'),
    context(['File with `/debt` or the *File as debt* shortcut · vote in each card’s thread · `/debt help`']),
    divider(),
    ...list('Yours', 'Nothing you reported or own is open.', model.mine),
    ...list('Awaiting your vote', 'You have voted on everything open. Thank you!', model.awaitingVote),
    ...list(
      'Top of the workspace',
      'No ranked items yet: items need votes from enough teammates.',
      model.top,
    ),
    section(`*Open debt by category*\n${counts.length > 0 ? counts.join('\n') : 'No open debt. Yet.'}`),
    ...ratesBlock(model.rates),
  ];
  return { type: 'home', blocks };
}
