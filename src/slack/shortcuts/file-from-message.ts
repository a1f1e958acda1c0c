// The *File as debt* message shortcut (SPEC §2.6): the filing modal prefilled from the message.
import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../deps.ts';
import { LIMITS } from '../../domain/item.ts';
import { tellUser } from '../../features/tell-user.ts';
import { permalink } from '../../features/workspace-links.ts';
import { clip } from '../../lib/text.ts';
import { BEFORE_MODAL_MS, withTimeout } from '../../lib/timeout.ts';
import type { RequestContext } from '../context.ts';
import { openFilingModal } from '../modals.ts';
import { answeringErrors } from '../reply.ts';

type Args = SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs;

/** First non-empty line, as plain words, cut to the title limit. */
function titleFromMessage(text: string): string {
  const first = text.split('\n').find((line) => line.trim() !== '') ?? '';
  return clip(first.replace(/\s+/g, ' ').trim(), LIMITS.titleMax);
}

export function handleFileFromMessage(deps: Deps) {
  return async ({ ack, shortcut, client }: Args): Promise<void> => {
    await ack();
    const userId = shortcut.user.id;
    const ctx: RequestContext = {
      teamId: shortcut.team?.id ?? '',
      userId,
      channelId: shortcut.channel.id,
      client,
      reply: (message) => tellUser(deps, client, userId, message, shortcut.response_url ?? null),
    };
    await answeringErrors(deps.logger, ctx.reply, async () => {
      const text = shortcut.message.text ?? '';
      // The modal must open within 3 s of the click: the permalink gets a short leash, else no link.
      const lookup = permalink(client, deps.logger, shortcut.channel.id, shortcut.message.ts);
      const link = await withTimeout(lookup, BEFORE_MODAL_MS, null);
      await openFilingModal(ctx, shortcut.trigger_id, {
        title: titleFromMessage(text),
        description: clip(text, LIMITS.descriptionMax),
        links: link ? [link] : [],
      });
    });
  };
}
