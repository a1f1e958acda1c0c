// rich_text blocks as plain text: the app does not send them, so the page shows their words, not their styles.
import { replaceEmoji } from './emoji.ts';
import { type Json, objects, str } from './json.ts';
import type { MrkdwnContext } from './mrkdwn.ts';

function inline(element: Json, ctx: MrkdwnContext): string {
  const id = str(element, 'user_id') ?? str(element, 'channel_id') ?? str(element, 'usergroup_id') ?? '';
  switch (str(element, 'type')) {
    case 'text':
      return str(element, 'text') ?? '';
    case 'link':
      return str(element, 'text') ?? str(element, 'url') ?? '';
    case 'user':
      return `@${ctx.users.get(id) ?? id}`;
    case 'channel':
      return `#${ctx.channels.get(id) ?? id}`;
    case 'usergroup':
      return `@${id}`;
    case 'broadcast':
      return `@${str(element, 'range') ?? 'here'}`;
    case 'emoji':
      return replaceEmoji(`:${str(element, 'name') ?? ''}:`);
    case 'date':
      return str(element, 'fallback') ?? '';
    default:
      return objects(element, 'elements')
        .map((child) => inline(child, ctx))
        .join('');
  }
}

/** Sections, lists, quotes and preformatted parts, one per line; list items bulleted. */
export function richTextToPlain(block: Json, ctx: MrkdwnContext): string {
  return objects(block, 'elements')
    .map((part) => {
      const lines = objects(part, 'elements').map((child) => inline(child, ctx));
      return str(part, 'type') === 'rich_text_list'
        ? lines.map((line) => `• ${line}`).join('\n')
        : lines.join('');
    })
    .join('\n');
}
