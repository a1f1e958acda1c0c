// What a message shows, read from a post's arguments (chat.*, a response_url body, a slash command's ack).
import { isRecord, str } from './parse.ts';
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
