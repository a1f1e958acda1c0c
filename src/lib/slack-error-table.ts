// Every error code the Web API methods the app calls are documented to return, and what the app does about
// each (SPEC §3.2 "Errors"). One table: the codes per method, then one map from code to outcome.
//
// Source: each method's "Errors" section on docs.slack.dev (URL beside each list), read in the machine-readable
// scrape github.com/slack-ruby/slack-api-ref (docs.slack.dev/methods/*.json and methods/_errors/common.json,
// updated 2026-08). The lists hold each method's own codes; COMMON_ERRORS applies to every method.
// A code Slack sends that is not here is "unknown": retried a bounded number of times (src/lib/slack-errors.ts).

/**
 * What the app does when Slack answers with a code:
 * - `rate_limited`: wait (Retry-After, or a default) and try again, however often: never dropped.
 * - `transient`: Slack's side failed or is migrating: retried a bounded number of times (BullMQ attempts).
 * - `channel`: the channel, message or person is gone or unreachable for the bot: no retry; a card or panel
 *   becomes orphaned, a digest switches off and tells the channel's stewards.
 * - `auth`: the token is refused: all posting pauses until a worker starts with a token Slack accepts.
 * - `platform`: Slack refuses this request (our bug, a payload it rejects, a missing scope or setting): logged
 *   with the payload's size and never retried (an UnrecoverableError in a job).
 */
export type SlackOutcome = 'rate_limited' | 'transient' | 'channel' | 'auth' | 'platform';

/**
 * Errors any method can return (listed under every method's errors). The first four were documented as common
 * by older docs (api.slack.com) and still arrive: `invalid_auth`, `internal_error`, `invalid_arguments`, and
 * `rate_limited` (HTTP 200, "posted too many messages").
 */
export const COMMON_ERRORS = [
  'invalid_auth',
  'internal_error',
  'invalid_arguments',
  'rate_limited',
  'access_denied',
  'accesslimited',
  'account_inactive',
  'deprecated_endpoint',
  'ekm_access_denied',
  'enterprise_is_restricted',
  'fatal_error',
  'invalid_arg_name',
  'invalid_array_arg',
  'invalid_charset',
  'invalid_form_data',
  'invalid_post_type',
  'is_bot',
  'method_deprecated',
  'missing_post_type',
  'missing_scope',
  'no_permission',
  'not_allowed_token_type',
  'not_authed',
  'org_login_required',
  // HTTP 429 with Retry-After: see https://docs.slack.dev/apis/web-api/rate-limits
  'ratelimited',
  'request_timeout',
  'service_unavailable',
  'team_added_to_org',
  'token_expired',
  'token_revoked',
  'two_factor_setup_required',
  'unknown_method',
] as const;

/** Each method's own documented errors (besides COMMON_ERRORS). */
export const METHOD_ERRORS = {
  // https://docs.slack.dev/reference/methods/chat.postMessage#errors
  'chat.postMessage': [
    'app_access_restricted',
    'as_user_not_supported',
    'attachment_payload_limit_exceeded',
    'cannot_reply_to_message',
    'channel_not_found',
    'draft_already_deleted',
    'draft_already_sent',
    'draft_has_conflict',
    'draft_not_found',
    'duplicate_channel_not_found',
    'duplicate_message_not_found',
    'ekm_access_denied',
    'invalid_blocks',
    'invalid_blocks_format',
    'invalid_metadata_format',
    'invalid_metadata_schema',
    'is_archived',
    'markdown_text_conflict',
    'message_limit_exceeded',
    'messages_tab_disabled',
    'metadata_must_be_sent_from_app',
    'metadata_too_large',
    'missing_file_data',
    'msg_blocks_too_long',
    // Not in today's list for chat.postMessage (it is for chat.update), but older docs had it and Slack sends it.
    'msg_too_long',
    'no_text',
    'not_in_channel',
    'rate_limited',
    'restricted_action',
    'restricted_action_non_threadable_channel',
    'restricted_action_read_only_channel',
    'restricted_action_thread_locked',
    'restricted_action_thread_only_channel',
    'send_on_behalf_not_allowed',
    'slack_connect_canvas_sharing_blocked',
    'slack_connect_file_link_sharing_blocked',
    'slack_connect_lists_sharing_blocked',
    'team_not_found',
    'too_many_attachments',
    'too_many_contact_cards',
  ],
  // https://docs.slack.dev/reference/methods/chat.update#errors
  'chat.update': [
    'as_user_not_supported',
    'block_mismatch',
    'blocked_file_type',
    'cant_broadcast_message',
    'cant_update_message',
    'channel_not_found',
    'edit_window_closed',
    'external_channel_migrating',
    'file_deleted',
    'file_is_deleted',
    'file_not_found',
    'file_share_limit_reached',
    'invalid_attachments',
    'invalid_blocks',
    'invalid_blocks_format',
    'invalid_metadata_format',
    'invalid_metadata_schema',
    'is_inactive',
    'markdown_text_conflict',
    'max_file_sharing_exceeded',
    'message_limit_exceeded',
    'message_not_found',
    'metadata_must_be_sent_from_app',
    'metadata_too_large',
    // Not in today's list for chat.update, but the same payload limit as chat.postMessage applies.
    'msg_blocks_too_long',
    'msg_too_long',
    'no_dual_broadcast_content_update',
    'no_text',
    'posting_to_channel_denied',
    'slack_connect_blocked_file_type',
    'slack_connect_canvas_sharing_blocked',
    'slack_connect_clip_sharing_blocked',
    'slack_connect_file_link_sharing_blocked',
    'slack_connect_file_upload_sharing_blocked',
    'streaming_state_conflict',
    'team_not_found',
    'too_many_attachments',
    'unable_to_share_files',
    'update_failed',
  ],
  // https://docs.slack.dev/reference/methods/chat.getPermalink#errors
  'chat.getPermalink': ['channel_not_found', 'message_not_found'],
  // https://docs.slack.dev/reference/methods/views.open#errors
  'views.open': [
    'duplicate_external_id',
    'exchanged_trigger_id',
    'expired_trigger_id',
    'invalid_trigger_id',
    'view_too_large',
  ],
  // https://docs.slack.dev/reference/methods/views.publish#errors
  'views.publish': [
    'duplicate_external_id',
    'hash_conflict',
    'missing_profile_id',
    'not_allowed_token_type',
    'not_enabled',
    'not_implemented',
    'view_too_large',
  ],
  // https://docs.slack.dev/reference/methods/users.info#errors
  'users.info': ['too_many_users', 'user_not_found', 'user_not_visible'],
  // https://docs.slack.dev/reference/methods/conversations.info#errors
  'conversations.info': ['channel_is_limited_access', 'channel_not_found', 'missing_scope'],
  // https://docs.slack.dev/reference/methods/conversations.join#errors
  'conversations.join': [
    'channel_is_limited_access',
    'channel_not_found',
    'is_archived',
    'method_not_supported_for_channel_type',
    'missing_scope',
    'too_many_members',
  ],
  // https://docs.slack.dev/reference/methods/conversations.open#errors
  'conversations.open': [
    'channel_not_found',
    'invalid_user_combination',
    'method_not_supported_for_channel_type',
    'missing_scope',
    'not_enough_users',
    'too_many_users',
    'user_disabled',
    'user_not_found',
    'user_not_visible',
    'users_list_not_supplied',
  ],
  // https://docs.slack.dev/reference/methods/conversations.history#errors
  'conversations.history': [
    'channel_is_limited_access',
    'channel_not_found',
    'invalid_cursor',
    'invalid_metadata_filter_keys',
    'invalid_ts_latest',
    'invalid_ts_oldest',
    'not_in_channel',
  ],
  // https://docs.slack.dev/reference/methods/auth.test#errors
  'auth.test': ['internal_error', 'invalid_auth'],
  // https://docs.slack.dev/reference/methods/files.getUploadURLExternal#errors
  'files.getUploadURLExternal': [
    'alt_txt_too_large',
    'file_upload_size_restricted',
    'file_uploads_disabled',
    'missing_argument',
    'snippet_too_large',
    'storage_limit_reached',
    'unknown_snippet_type',
    'unknown_subtype',
  ],
  // https://docs.slack.dev/reference/methods/files.completeUploadExternal#errors
  'files.completeUploadExternal': [
    'access_denied',
    'channel_not_found',
    'channels_limit_exceeded',
    'file_not_found',
    'file_update_failed',
    'invalid_blocks',
    'invalid_channel',
    'not_in_channel',
    'posting_to_channel_denied',
  ],
} as const;

export type SlackMethod = keyof typeof METHOD_ERRORS;
export type DocumentedCode = (typeof COMMON_ERRORS)[number] | (typeof METHOD_ERRORS)[SlackMethod][number];

/**
 * The outcome of every documented code. Typed by the lists above, so a code listed without an outcome (or an
 * outcome for a code no list has) does not compile; test/lib/slack-errors.test.ts checks it again at run time.
 */
export const OUTCOMES: Record<DocumentedCode, SlackOutcome> = {
  // Wait and try again, never dropped.
  ratelimited: 'rate_limited',
  rate_limited: 'rate_limited',

  // Slack's side: bounded retries.
  fatal_error: 'transient',
  internal_error: 'transient',
  service_unavailable: 'transient',
  request_timeout: 'transient', // "the POST data was either missing or truncated": lost on the way
  update_failed: 'transient', // "Internal update failure"
  unknown_method: 'transient', // "This method is currently not available"
  team_added_to_org: 'transient', // enterprise migration: "intermittently unavailable until complete"
  org_login_required: 'transient', // enterprise migration: "not available until migration is complete"
  external_channel_migrating: 'transient',
  streaming_state_conflict: 'transient', // the message is being streamed; an update later works
  message_limit_exceeded: 'transient', // a free workspace's members post too much: passes, but not surely soon
  invalid_cursor: 'transient', // a cursor expired between pages; a retry starts the search again

  // The channel, message or person is gone or closed to the bot.
  not_in_channel: 'channel',
  channel_not_found: 'channel',
  is_archived: 'channel',
  is_inactive: 'channel', // a frozen, archived or deleted channel
  message_not_found: 'channel',
  cant_update_message: 'channel',
  edit_window_closed: 'channel', // the card can never be updated again
  cannot_reply_to_message: 'channel', // the card's thread takes no vote panel
  restricted_action: 'channel',
  restricted_action_read_only_channel: 'channel',
  restricted_action_thread_only_channel: 'channel',
  restricted_action_non_threadable_channel: 'channel',
  restricted_action_thread_locked: 'channel',
  channel_is_limited_access: 'channel',
  method_not_supported_for_channel_type: 'channel',
  too_many_members: 'channel', // the bot cannot join it
  no_permission: 'channel', // "Make sure your app is a member of the conversation"
  ekm_access_denied: 'channel', // "admins have disabled sending messages to this channel"
  team_not_found: 'channel', // the message's channel belongs to no team the token reaches
  messages_tab_disabled: 'channel', // the DM with that person is closed to the app
  user_not_found: 'channel',
  user_not_visible: 'channel',
  user_disabled: 'channel',
  invalid_user_combination: 'channel', // an external person the bot shares no channel with

  // The token itself is refused.
  invalid_auth: 'auth',
  not_authed: 'auth',
  account_inactive: 'auth',
  token_revoked: 'auth',
  token_expired: 'auth',

  // Slack refuses this request: our payload, our call, or the app's configuration.
  msg_blocks_too_long: 'platform',
  msg_too_long: 'platform',
  invalid_blocks: 'platform',
  invalid_blocks_format: 'platform',
  block_mismatch: 'platform',
  no_text: 'platform',
  too_many_attachments: 'platform',
  invalid_attachments: 'platform',
  attachment_payload_limit_exceeded: 'platform',
  too_many_contact_cards: 'platform',
  markdown_text_conflict: 'platform',
  invalid_metadata_format: 'platform',
  invalid_metadata_schema: 'platform',
  metadata_must_be_sent_from_app: 'platform',
  metadata_too_large: 'platform',
  view_too_large: 'platform',
  invalid_arguments: 'platform',
  invalid_arg_name: 'platform',
  invalid_array_arg: 'platform',
  invalid_charset: 'platform',
  invalid_form_data: 'platform',
  invalid_post_type: 'platform',
  missing_post_type: 'platform',
  invalid_ts_latest: 'platform',
  invalid_ts_oldest: 'platform',
  invalid_metadata_filter_keys: 'platform',
  not_enough_users: 'platform',
  too_many_users: 'platform',
  users_list_not_supplied: 'platform',
  // A trigger_id is valid once, for 3 s: the person has to click again.
  expired_trigger_id: 'platform',
  exchanged_trigger_id: 'platform',
  invalid_trigger_id: 'platform',
  duplicate_external_id: 'platform',
  hash_conflict: 'platform',
  missing_profile_id: 'platform',
  not_implemented: 'platform',
  not_enabled: 'platform', // the Home tab is switched off in the app's settings
  // The install lacks something only a workspace admin or the manifest can give.
  missing_scope: 'platform',
  not_allowed_token_type: 'platform',
  is_bot: 'platform',
  enterprise_is_restricted: 'platform',
  two_factor_setup_required: 'platform',
  access_denied: 'platform',
  accesslimited: 'platform', // "limited on the current network": an admin's IP rule
  app_access_restricted: 'platform',
  deprecated_endpoint: 'platform',
  method_deprecated: 'platform',
  as_user_not_supported: 'platform',
  send_on_behalf_not_allowed: 'platform',
  cant_broadcast_message: 'platform',
  no_dual_broadcast_content_update: 'platform',
  posting_to_channel_denied: 'platform',
  // Drafts, duplicates and files: arguments the app never sends.
  draft_already_deleted: 'platform',
  draft_already_sent: 'platform',
  draft_has_conflict: 'platform',
  draft_not_found: 'platform',
  duplicate_channel_not_found: 'platform',
  duplicate_message_not_found: 'platform',
  missing_file_data: 'platform',
  blocked_file_type: 'platform',
  file_deleted: 'platform',
  file_is_deleted: 'platform',
  file_not_found: 'platform',
  file_share_limit_reached: 'platform',
  max_file_sharing_exceeded: 'platform',
  unable_to_share_files: 'platform',
  slack_connect_blocked_file_type: 'platform',
  slack_connect_canvas_sharing_blocked: 'platform',
  slack_connect_clip_sharing_blocked: 'platform',
  slack_connect_file_link_sharing_blocked: 'platform',
  slack_connect_file_upload_sharing_blocked: 'platform',
  slack_connect_lists_sharing_blocked: 'platform',
  // Uploads (charts, exports): the workspace's file settings or our arguments; a person has to act.
  alt_txt_too_large: 'platform',
  file_upload_size_restricted: 'platform',
  file_uploads_disabled: 'platform',
  missing_argument: 'platform',
  snippet_too_large: 'platform',
  storage_limit_reached: 'platform',
  unknown_snippet_type: 'platform',
  unknown_subtype: 'platform',
  channels_limit_exceeded: 'platform',
  // "Failure occurred when attempting to update the file": Slack's side.
  file_update_failed: 'transient',
  invalid_channel: 'channel',
};

/** The outcome of a documented code, or null for one no method documents. */
export function outcomeOf(code: string): SlackOutcome | null {
  return Object.hasOwn(OUTCOMES, code) ? OUTCOMES[code as DocumentedCode] : null;
}

/** Every documented code of one method: its own and the common ones. */
export function documentedErrors(method: SlackMethod): string[] {
  return [...new Set<string>([...METHOD_ERRORS[method], ...COMMON_ERRORS])];
}
