// The weekly digest of SPEC §2.4 as a pure model: which items each section lists, in the one order of §1.4.
import type { DigestInput, DigestModel } from './digest-model.ts';
import {
  budgetSection,
  canonical,
  interestSection,
  needsDiscussionSection,
  needsVotesSection,
  newThisWeekSection,
  nextUpSection,
  paidDownSection,
  rankOpen,
  riskSection,
  staleSection,
} from './digest-sections.ts';

export type * from './digest-model.ts';
export { totalOpenInterest } from './digest-sections.ts';

export function buildDigestModel(input: DigestInput): DigestModel {
  const items = canonical(input.items);
  const base = {
    channelId: input.channelId,
    kind: input.kind,
    timezone: input.timezone,
    window: { start: new Date(input.window.start), end: new Date(input.window.end) },
    missedWeeks: [...new Set(input.missedWeeks)].sort(),
  };
  if (items.length === 0) {
    return {
      ...base,
      empty: true,
      paidDown: null,
      interest: null,
      nextUp: null,
      risk: null,
      needsVotes: null,
      needsDiscussion: null,
      budget: null,
      newThisWeek: null,
      stale: null,
    };
  }
  const ordered = rankOpen(items);
  const nextUp = nextUpSection(ordered, input.settings.topN);
  return {
    ...base,
    empty: false,
    paidDown: paidDownSection(items, input.window, input.celebrated, input.now),
    interest: interestSection(items, input.settings, input.lastSnapshot, input.interestSeries),
    nextUp,
    risk: riskSection(ordered, nextUp),
    needsVotes: needsVotesSection(ordered),
    needsDiscussion: needsDiscussionSection(ordered),
    budget: budgetSection(ordered, input.settings),
    newThisWeek: newThisWeekSection(items, input.window),
    stale: staleSection(ordered, input.now),
  };
}
