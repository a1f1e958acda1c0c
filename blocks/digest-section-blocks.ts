// The digest's sections as Block Kit (SPEC §2.4), items in the one wording of format.ts.
import type {
  BudgetSummary,
  DigestEntry,
  DigestList,
  InterestSummary,
  NewThisWeek,
  PaidDown,
  StaleEntry,
} from '../src/domain/digest.ts';
import { categoryText, effortText, interestText, itemLabel, scoreLine } from './format.ts';
import { type Block, context, escapeMrkdwn, mention, section } from './kit.ts';
import { num, outlookLines, paidForItselfLine, plural, rateText } from './outlook.ts';

export { num, plural };

/**
 * Escaped title lengths, cut at a word by itemLabel (which also links each id to its card's thread): next up
 * gets room, the other lists a glance (titles are ≤ 150 before escaping).
 */
const NEXT_UP_TITLE = 64;
const LIST_TITLE = 45;

const more = (list: DigestList<unknown>, noun: string): string | null => {
  const rest = list.total - list.entries.length;
  return rest > 0 ? `…and ${rest} more ${noun}` : null;
};

/** A heading line, one bullet per entry, and "…and N more" when the list was cut: one section block. */
function listSection<T extends DigestEntry>(
  heading: string,
  list: DigestList<T>,
  line: (e: T) => string,
  workspaceUrl: string | null,
  noun = 'items',
): Block {
  const lines = list.entries.map((e) => `• ${itemLabel(e.item, LIST_TITLE, workspaceUrl)} · ${line(e)}`);
  const tail = more(list, noun);
  return section([heading, ...lines, ...(tail ? [`_${tail}_`] : [])].join('\n'));
}

export function paidDownBlock(paid: PaidDown): Block {
  const { entries, total } = paid.resolvers;
  const names = entries.map(mention);
  const others = total - entries.length;
  if (others > 0) names.push(plural(others, 'other'));
  const thanks =
    names.length === 0
      ? ''
      : ` Thanks ${names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`}!`;
  const resolved =
    paid.count === 0
      ? ':white_check_mark: *Paid down*'
      : `:white_check_mark: *Paid down* · ${plural(paid.count, 'item')} resolved, removing *${num(paid.interest)} h/week* of interest.${thanks}`;
  const celebrated = paid.paidForItself.entries.map(paidForItselfLine);
  const rest = paid.paidForItself.total - paid.paidForItself.entries.length;
  if (rest > 0) celebrated.push(`_…and ${plural(rest, 'more fix', 'more fixes')} that paid for themselves_`);
  return section([resolved, ...celebrated].join('\n'));
}

function changeText(change: NonNullable<InterestSummary['change']>): string {
  const since = `since ${escapeMrkdwn(change.sinceWeek)}`;
  if (Math.abs(change.delta) < 0.005) return `no change ${since}`;
  return change.delta > 0
    ? `:arrow_up: up ${num(change.delta)} h/week ${since}`
    : `:arrow_down: down ${num(-change.delta)} h/week ${since}`;
}

export function interestBlock(interest: InterestSummary): Block {
  const unscored = interest.openCount - interest.scoredCount;
  const lead =
    interest.openCount === 0
      ? 'Nothing open: *0 h/week*'
      : `${plural(interest.openCount, 'open item')} cost *${num(interest.total)} h/week*${unscored > 0 ? ` (${unscored} still without an estimate)` : ''}`;
  const share =
    interest.shareOfCapacity === null || interest.capacityHours === null
      ? ''
      : ` — ${rateText(interest.shareOfCapacity, interest.capacityHours)}`;
  const change = interest.change ? [changeText(interest.change)] : [];
  const lines = [
    `:chart_with_upwards_trend: *Interest* · ${lead}${share}`,
    ...change,
    ...outlookLines(interest.outlook),
  ];
  return section(lines.join('\n'));
}

export function nextUpBlocks(list: DigestList<DigestEntry>, workspaceUrl: string | null): Block[] {
  const heading = `:dart: *Next up* · top ${list.entries.length} of ${plural(list.total, 'ranked open item')}`;
  const items = list.entries.map(({ item, score }, i) =>
    section(
      `${i + 1}. ${itemLabel(item, NEXT_UP_TITLE, workspaceUrl)}\n${categoryText(item.category)} · ${scoreLine(score)}`,
    ),
  );
  const tail = more(list, 'ranked items: `/debt list` ranks them all');
  return [section(heading), ...items, ...(tail ? [context([`_${tail}_`])] : [])];
}

export function riskBlock(list: DigestList<DigestEntry>, url: string | null): Block {
  const heading = ':rotating_light: *Risk* · at least half the severity votes say Critical';
  return listSection(heading, list, ({ score }) => interestText(score), url);
}

export function needsVotesBlock(list: DigestList<DigestEntry>, url: string | null): Block {
  const heading = ':ballot_box_with_ballot: *Needs votes* · not ranked yet, oldest first';
  return listSection(
    heading,
    list,
    ({ score }) => (score.voters === 0 ? 'no votes yet' : plural(score.voters, 'voter')),
    url,
  );
}

export function needsDiscussionBlock(list: DigestList<DigestEntry>, url: string | null): Block {
  const heading = ':speech_balloon: *Needs discussion* · the votes are far apart';
  return listSection(heading, list, ({ score }) => `votes split on ${score.disagreement.join(', ')}`, url);
}

export function budgetBlock(budget: BudgetSummary, url: string | null): Block {
  const heading =
    `:moneybag: *Budget* · ${num(budget.available)} h this week (${num(budget.budgetPercent)}% of ${num(budget.capacityHours)} h): ` +
    `*${num(budget.used)} h used of ${num(budget.available)}*`;
  if (budget.fits.total === 0) {
    return section(
      `${heading}\nNone of the ${plural(budget.candidates, 'ranked open item')} fits this week.`,
    );
  }
  return listSection(
    heading,
    budget.fits,
    ({ score }) => `fix ${effortText(score.effortHours, score.effortKnown)}`,
    url,
    'that fit',
  );
}

export function newThisWeekBlock(fresh: NewThisWeek): Block {
  const counts = fresh.byCategory.map((c) => `${categoryText(c.category)} ${c.count}`);
  return section(`:new: *New this week* · ${plural(fresh.total, 'item')} filed: ${counts.join(' · ')}`);
}

export function staleBlock(list: DigestList<StaleEntry>, url: string | null): Block {
  const heading = ':hourglass: *Stale* · open over 90 days, no vote or pain report in 30';
  return listSection(heading, list, (e) => `quiet for ${e.idleDays} days`, url, 'stale items');
}
