// Every action_id, block_id and callback_id the app posts. Once shipped they are a public API (SPEC §2.9):
// messages already in Slack keep sending them, so never rename or reuse one; add new ones instead.
export const CALLBACK = {
  fileModal: 'debt_file',
  editModal: 'debt_edit',
  fileShortcut: 'debt_file_from_message',
  painModal: 'debt_pain',
  settingsModal: 'debt_settings',
  /** *My votes* (SPEC §2.3): one person's votes on one item, to change or take back. */
  myVotesModal: 'debt_my_votes_modal',
  /** *Duplicate of…* from the card's menu: which item is the original. */
  duplicateModal: 'debt_duplicate_modal',
} as const;

export const ACTION = {
  cardEdit: 'debt_card_edit',
  cardResolve: 'debt_card_resolve',
  cardRepost: 'debt_card_repost',
  listPage: 'debt_list_page',
  /** Vote buttons: `debt_vote:{dimension}:{level}`, value = item number. */
  vote: 'debt_vote',
  closeVoting: 'debt_voting_close',
  reopenVoting: 'debt_voting_reopen',
  cardPain: 'debt_card_pain',
  /** The vote panel's *My votes* button: opens the My votes modal; value = item number. */
  myVotes: 'debt_my_votes',
  /** The compact card's main buttons (SPEC §2.3); value = item number. Resolve keeps `cardResolve`. */
  cardStart: 'debt_card_start',
  cardReopen: 'debt_card_reopen',
  /** The card's overflow menu; each option's value is `{choice}:{item}` (see CARD_MORE). */
  cardMore: 'debt_card_more',
  /** App Home (SPEC §2.5): opens the filing modal. */
  homeFile: 'debt_home_file',
  /** App Home row: assigns the viewer; value = item number. */
  homeAssign: 'debt_home_assign',
  /** App Home: the weekly vote reminder on or off; value `on` | `off` (what the click switches to). */
  homeReminders: 'debt_home_reminders',
  /** The weekly reminder DM: a link button to the card's thread (the click is only acked). */
  reminderVote: 'debt_reminder_vote',
} as const;

export function voteActionId(dimension: string, level: number): string {
  return `${ACTION.vote}:${dimension}:${level}`;
}

/** The two families of action ids: list paging (`debt_list_page`, `…:prev`, `…:next`) and votes. */
export const LIST_PAGE_ACTION = new RegExp(`^${ACTION.listPage}(:|$)`);
export const VOTE_ACTION = new RegExp(`^${ACTION.vote}:`);

const EXACT_ACTIONS: ReadonlySet<string> = new Set(Object.values(ACTION));

/** True for every action id the app answers (src/slack/actions registers exactly these). */
export function isKnownActionId(actionId: string): boolean {
  return (
    (EXACT_ACTIONS.has(actionId) && actionId !== ACTION.vote) ||
    LIST_PAGE_ACTION.test(actionId) ||
    VOTE_ACTION.test(actionId)
  );
}

/** Views and shortcuts the app answers, by callback_id. */
export function isKnownCallbackId(callbackId: string): boolean {
  return (Object.values(CALLBACK) as string[]).includes(callbackId);
}

/** Input blocks of the filing/edit modal: block_id and action_id are the same string. */
export const FIELD = {
  title: 'title',
  description: 'description',
  category: 'category',
  component: 'component',
  links: 'links',
  hours: 'hours',
  digestEnabled: 'digest_enabled',
  weekday: 'weekday',
  time: 'time',
  timezone: 'timezone',
  topN: 'top_n',
  capacity: 'capacity',
  budgetPercent: 'budget_percent',
  quorum: 'quorum',
  stewards: 'stewards',

  owner: 'owner',
  channel: 'channel',
  severity: 'severity',
  frequency: 'frequency',
  effort: 'effort',
  original: 'original',
} as const;
export type FieldId = (typeof FIELD)[keyof typeof FIELD];

export const BLOCK = {
  cardActions: 'debt_card_actions',
  listNav: 'debt_list_nav',
  cardRepostActions: 'debt_card_repost_actions',
  voteSeverity: 'debt_vote_severity',
  voteFrequency: 'debt_vote_frequency',
  voteEffort: 'debt_vote_effort',
  votingControls: 'debt_voting_controls',
  /** App Home: File debt and the reminder toggle. */
  homeActions: 'debt_home_actions',
  /** App Home: one row's buttons, `debt_home_row:{item}` (block ids in a view must be unique). */
  homeRow: 'debt_home_row',
  /** The weekly reminder DM: one item's line, `debt_reminder_item:{item}`. */
  reminderItem: 'debt_reminder_item',
} as const;

/** Message metadata of a scheduled digest: the duplicate check looks for it in the channel's history. */
export const DIGEST_EVENT_TYPE = 'debt_digest';
/** `/debt digest post`: tagged differently, so it never counts as (or blocks) the week's scheduled digest. */
export const MANUAL_DIGEST_EVENT_TYPE = 'debt_digest_manual';

/**
 * The choices of the card's overflow menu (ACTION.cardMore). Posted as option values, so they are a public
 * API like the ids: add, never rename.
 */
export const CARD_MORE = {
  start: 'start',
  resolve: 'resolve',
  wontfix: 'wontfix',
  duplicate: 'duplicate',
  edit: 'edit',
  details: 'details',
} as const;
export type CardMoreChoice = (typeof CARD_MORE)[keyof typeof CARD_MORE];

/** `resolve:42`: at most 9 + 1 + 9 characters, far inside an option value's 75. */
export function cardMoreValue(choice: CardMoreChoice, itemId: number): string {
  return `${choice}:${itemId}`;
}

/** The choice and item of an overflow option value; null for a value this app never wrote. */
export function parseCardMoreValue(value: string): { choice: CardMoreChoice; itemId: number } | null {
  const match = /^([a-z]+):(\d{1,9})$/.exec(value);
  const choice = match?.[1];
  const itemId = Number(match?.[2]);
  if (!choice || !(Object.values(CARD_MORE) as string[]).includes(choice) || !(itemId > 0)) return null;
  return { choice: choice as CardMoreChoice, itemId };
}
