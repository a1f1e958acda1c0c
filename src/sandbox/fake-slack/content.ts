// What a message shows, read from a post's arguments (chat.*, a response_url body, a slash command's ack), and
// the message the app leaves with it.
import { isRecord, str } from './parse.ts';
import { BOT_ID, BOT_USER_ID, type SlackState } from './state.ts';
import type { Args, StoredMessage } from './types.ts';

export type MessageContent = Pick<StoredMessage, 'text' | 'blocks' | 'attachments' | 'metadata'>;

export function content(a: Args): MessageContent {
  const out: MessageContent = { text: str(a.text) ?? '' };
  if (Array.isArray(a.blocks)) out.blocks = a.blocks;
  if (Array.isArray(a.attachments)) out.attachments = a.attachments;
  if (isRecord(a.metadata)) out.metadata = a.metadata;
  return out;
}

/** Slack answers `no_text` to a post with neither text, blocks nor attachments. */
export const hasContent = (a: Args): boolean =>
  Boolean(str(a.text)) || (Array.isArray(a.blocks) && a.blocks.length > 0) || Array.isArray(a.attachments);

/** What may differ between the app's messages: the person an ephemeral is for, its thread, a file share's files. */
export type MessageExtras = Partial<Pick<StoredMessage, 'user' | 'files' | 'upload'>> & {
  /** '' or undefined: not in a thread. */
  thread_ts?: string | undefined;
};

/**
 * A message from the app, stamped with a fresh ts: posted (chat.postMessage, a file share, an `in_channel`
 * response) it is the bot user's; an ephemeral passes `user`, the one person who sees it.
 */
export function botMessage(
  s: SlackState,
  channel: string,
  shown: MessageContent,
  { thread_ts: threadTs, ...extras }: MessageExtras = {},
): StoredMessage {
  return {
    type: 'message',
    ts: s.nextTs(),
    channel,
    user: BOT_USER_ID,
    bot_id: BOT_ID,
    ...shown,
    ...extras,
    ...(threadTs ? { thread_ts: threadTs } : {}),
  };
}
