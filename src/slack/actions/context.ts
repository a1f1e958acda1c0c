// Builds the request context of a button click, and reads the item id a button carries.
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { ephemeral } from '../../../blocks/kit.ts';
import { buildNoticeModal } from '../../../blocks/notice.ts';
import { notFound } from '../../domain/errors.ts';
import { parseItemId } from '../../domain/item.ts';
import { installedTeam, type RequestContext } from '../context.ts';
import type { Reply } from '../reply.ts';

export type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;
/** Any element's click (a button, an overflow menu): what the request context is built from. */
export type ElementArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

export function buttonContext({
  body,
  client,
  respond,
  context,
}: Pick<ElementArgs, 'body' | 'client' | 'respond' | 'context'>): RequestContext {
  return {
    teamId: installedTeam(context),
    userId: body.user.id,
    channelId: body.channel?.id ?? null,
    client,
    // A click on App Home has no message to answer under (no response_url): the answer opens as a small modal.
    reply: body.response_url
      ? (message) => respond(ephemeral(message))
      : async (message) => {
          await client.views.open({ trigger_id: body.trigger_id, view: buildNoticeModal(message) });
        },
  };
}

/** Answers by replacing the message the button is on (a list page, a *Try again* prompt). */
export function replacingReply({ respond }: ButtonArgs): Reply {
  return (message) => respond({ replace_original: true, ...message });
}

/** The item id in a button's value; a value we did not write is "not found", not a crash. */
export function buttonItemId(args: ButtonArgs): number {
  const id = parseItemId(args.action.value ?? '');
  if (id === null) throw notFound('That item');
  return id;
}
