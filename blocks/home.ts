// The App Home tab (SPEC §2.5): *File debt* and the reminder switch at the top, then the user's items, items
// awaiting their vote and the workspace's top items (each item in one section only, ids linking to their
// cards, rows with *Vote* / *Assign me* where they apply), counts by category and interest rates. A Home view
// holds up to 100 blocks; every list here is capped well below that (test/blocks/home.test.ts counts them).

import type { Category } from '../src/domain/categories.ts';
import type { Item } from '../src/domain/item.ts';
import { formatItemId } from '../src/domain/item.ts';
import type { Score } from '../src/domain/scoring.ts';
import { categoryText, hours, itemLabel, scoreLine, statusText } from './format.ts';
import { ACTION, BLOCK } from './ids.ts';
import { actions, type Block, button, channelLink, context, divider, header, section } from './kit.ts';
import { num, percent } from './outlook.ts';

export const HOME_LIST_MAX = 8;
/** Channels whose interest rate Home shows, highest first. */
export const HOME_RATES_MAX = 5;

export interface HomeEntry {
  item: Item;
  score: Score;
  /** Voting is open, the card is there and the viewer has not voted: the row offers *Vote* (My votes modal). */
  canVote: boolean;
  /** Nobody owns it: the row offers *Assign me* (the permission check happens on the click). */
  canAssign: boolean;
}

export interface HomeList {
  entries: HomeEntry[];
  total: number;
}

export interface HomeModel {
  mine: HomeList;
  awaitingVote: HomeList;
  top: HomeList;
  byCategory: { category: Category; open: number; interest: number }[];
  /** Interest rate of public channels with a capacity set (SPEC §1.8), highest first. */
  rates: { channelId: string; rate: number; capacityHours: number; spiral: boolean }[];
  /** e.g. `https://acme.slack.com/`: every id links to its card's thread; null when Slack could not say. */
  workspaceUrl: string | null;
  /** The weekly "N items await your vote" DM is on for this user (off by default). */
  remindersOn: boolean;
  /** The answer to the user's last click on Home (trusted mrkdwn, user text already escaped), if any. */
  notice?: string | null;
}

export interface HomeView {
  type: 'home';
  blocks: Block[];
}

function rowButtons({ item, canVote, canAssign }: HomeEntry): Block[] {
  const buttons: Block[] = [];
  // The vote panel's own *My votes* button (same id and value): the modal opens right here on Home.
  const id = formatItemId(item.id);
  if (canVote)
    buttons.push(
      button(ACTION.myVotes, 'Vote', { value: String(item.id), accessibilityLabel: `Vote on ${id}` }),
    );
  if (canAssign)
    buttons.push(
      button(ACTION.homeAssign, 'Assign me', {
        value: String(item.id),
        accessibilityLabel: `Assign ${id} to me`,
      }),
    );
  return buttons;
}

function entry(e: HomeEntry, workspaceUrl: string | null): Block[] {
  const { item, score } = e;
  const row = section(
    `${itemLabel(item, 120, workspaceUrl)} · ${statusText(item)} · in ${channelLink(item.channelId)}\n${scoreLine(score)}`,
  );
  const buttons = rowButtons(e);
  return buttons.length > 0 ? [row, actions(`${BLOCK.homeRow}:${item.id}`, buttons)] : [row];
}

function list(title: string, empty: string, { entries, total }: HomeList, url: string | null): Block[] {
  const more = total > entries.length ? [context([`…and ${total - entries.length} more`])] : [];
  return [
    section(`*${title}*`),
    ...(entries.length > 0 ? entries.flatMap((e) => entry(e, url)) : [context([empty])]),
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

function topActions(remindersOn: boolean): Block[] {
  return [
    actions(BLOCK.homeActions, [
      button(ACTION.homeFile, 'File debt', { style: 'primary' }),
      // The value is what the click switches to, so a stale Home (opened in two windows) still does what it says.
      button(ACTION.homeReminders, remindersOn ? 'Turn off weekly reminder' : 'Turn on weekly reminder', {
        value: remindersOn ? 'off' : 'on',
      }),
    ]),
    context([
      remindersOn
        ? 'Weekly reminder *on*: on Mondays after 10:00 your time, a DM lists the items in your channels that await your vote.'
        : 'Weekly reminder *off*: switch it on for a Monday DM listing the items in your channels that await your vote.',
    ]),
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
    ...topActions(model.remindersOn),
    ...(model.notice ? [section(model.notice)] : []),
    context(['File with `/debt` or the *File as debt* shortcut · vote in each card’s thread · `/debt help`']),
    divider(),
    ...list('Yours', 'Nothing you reported or own is open.', model.mine, model.workspaceUrl),
    ...list(
      'Awaiting your vote',
      'You have voted on everything open. Thank you!',
      model.awaitingVote,
      model.workspaceUrl,
    ),
    ...list(
      'Top of the workspace',
      'No ranked items yet: items need votes from enough teammates.',
      model.top,
      model.workspaceUrl,
    ),
    section(`*Open debt by category*\n${counts.length > 0 ? counts.join('\n') : 'No open debt. Yet.'}`),
    ...ratesBlock(model.rates),
  ];
  return { type: 'home', blocks };
}

/** The line Home shows after a click on it (a Home tab has no thread or response_url to answer in). */
export const homeNotice = {
  assigned: (item: Item): string => `:white_check_mark: You now own ${itemLabel(item, 80)}.`,
  refused: (reason: string): string => `:warning: ${reason}`,
  /** After *My votes* from Home (no message to reply under): the receipt's summary. */
  voted: (summary: string): string => `:ballot_box_with_ballot: ${summary}`,
  remindersOn: ':bell: Weekly reminder on: look for a DM on Monday after 10:00 your time.',
  remindersOff: ':no_bell: Weekly reminder off.',
  staleSwitch: 'That switch is from an older Home tab: open the tab again and use the one there.',
} as const;
