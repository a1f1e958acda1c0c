// Every action_id, block_id and callback_id the app posts. Once shipped they are a public API (SPEC §2.9):
// messages already in Slack keep sending them, so never rename or reuse one; add new ones instead.
export const CALLBACK = {
  fileModal: 'debt_file',
  editModal: 'debt_edit',
  fileShortcut: 'debt_file_from_message',
  painModal: 'debt_pain',
  settingsModal: 'debt_settings',
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
} as const;

/** Message metadata of a scheduled digest: the duplicate check looks for it in the channel's history. */
export const DIGEST_EVENT_TYPE = 'debt_digest';
/** `/debt digest post`: tagged differently, so it never counts as (or blocks) the week's scheduled digest. */
export const MANUAL_DIGEST_EVENT_TYPE = 'debt_digest_manual';
