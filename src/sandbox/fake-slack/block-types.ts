// The block and element types Slack knows; a payload with any other is refused with invalid_blocks.

/**
 * Blocks, as docs.slack.dev/reference/block-kit/blocks lists them and @slack/types 3.2's KnownBlock spells their
 * `type`, plus `call` (the Calls API's block, docs.slack.dev/apis/web-api/using-the-calls-api). The newer data
 * visualization block is left out until its `type` is documented where we can read it.
 */
export const BLOCK_TYPES: ReadonlySet<string> = new Set([
  'actions',
  'alert',
  'call',
  'card',
  'carousel',
  'container',
  'context',
  'context_actions',
  'data_table',
  'divider',
  'file',
  'header',
  'image',
  'input',
  'markdown',
  'plan',
  'rich_text',
  'section',
  'table',
  'task_card',
  'video',
]);

/**
 * Elements a section's accessory, an actions block or an input block may hold
 * (docs.slack.dev/reference/block-kit/block-elements; @slack/types 3.2's block-elements).
 */
export const ELEMENT_TYPES: ReadonlySet<string> = new Set([
  'button',
  'channels_select',
  'checkboxes',
  'conversations_select',
  'datepicker',
  'datetimepicker',
  'email_text_input',
  'external_select',
  'feedback_buttons',
  'file_input',
  'icon_button',
  'image',
  'multi_channels_select',
  'multi_conversations_select',
  'multi_external_select',
  'multi_static_select',
  'multi_users_select',
  'number_input',
  'overflow',
  'plain_text_input',
  'radio_buttons',
  'rich_text_input',
  'static_select',
  'timepicker',
  'url_text_input',
  'users_select',
  'workflow_button',
]);

/** A context block holds images and text objects only (docs.slack.dev/reference/block-kit/blocks/context-block). */
export const CONTEXT_ELEMENT_TYPES: ReadonlySet<string> = new Set(['image', 'plain_text', 'mrkdwn']);
