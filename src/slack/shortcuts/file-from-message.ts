// The *File as debt* message shortcut (SPEC §2.6): the filing modal prefilled from the message, its mrkdwn
// turned into the text a person reads there (SPEC §3.2).
import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../deps.ts';
import { LIMITS } from '../../domain/item.ts';
import { titleFromText } from '../../domain/slack-text.ts';
import { readableMessage } from '../../features/readable-message.ts';
import { tellUser } from '../../features/tell-user.ts';
import { permalink } from '../../features/workspace-links.ts';
import { clip } from '../../lib/text.ts';
import { BEFORE_MODAL_MS, withTimeout } from '../../lib/timeout.ts';
import { installedTeam, type RequestContext } from '../context.ts';
import { openFilingModal } from '../modals.ts';
import { answeringErrors } from '../reply.ts';

type Args = SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs;

export function handleFileFromMessage(deps: Deps) {
  return async ({ ack, shortcut, client, context }: Args): Promise<void> => {
    await ack();
    const userId = shortcut.user.id;
    const ctx: RequestContext = {
      teamId: installedTeam(context),
      userId,
      channelId: shortcut.channel.id,
      client,
      reply: (message) => tellUser(deps, client, userId, message, shortcut.response_url ?? null),
    };
    await answeringErrors(deps, ctx.reply, async () => {
      // The modal must open within 3 s of the click: the permalink and the mentioned users' names are
      // looked up side by side, each on a short leash (else no link, and mentions keep their label or id).
      const lookup = permalink(client, deps.logger, shortcut.channel.id, shortcut.message.ts);
      const [link, text] = await Promise.all([
        withTimeout(lookup, BEFORE_MODAL_MS, null),
        readableMessage(deps, ctx, shortcut.message.text ?? '', BEFORE_MODAL_MS),
      ]);
      // Plain text for plain_text inputs: `@here` or a literal `<@U1>` here pings nobody.
      await openFilingModal(ctx, shortcut.trigger_id, {
        title: titleFromText(text, LIMITS.titleMax),
        description: clip(text, LIMITS.descriptionMax),
        links: link ? [link] : [],
      });
    });
  };
}
