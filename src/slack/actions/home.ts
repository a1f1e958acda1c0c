// Buttons on the App Home tab (SPEC §2.5): File debt, Assign me and the weekly reminder switch (a row's *Vote* is
// the vote panel's *My votes* button, src/slack/actions/my-votes.ts), and the reminder DM's Vote links.
// A Home click has no channel and no response_url: answers are shown by publishing the Home again with a notice.
import type { AllMiddlewareArgs, SlackActionMiddlewareArgs } from '@slack/bolt';
import { homeNotice } from '../../../blocks/home.ts';
import type { Deps } from '../../deps.ts';
import { invalid } from '../../domain/errors.ts';
import { publishHome, switchReminders } from '../../features/home.ts';
import { assignOwner } from '../../features/manage-item.ts';
import { installedTeam, type RequestContext } from '../context.ts';
import { openFilingModal } from '../modals.ts';
import { answeringErrors } from '../reply.ts';
import { type ButtonArgs, buttonItemId } from './context.ts';

/** The clicker's context on Home: a refusal or failure comes back as the Home's notice line. */
function homeContext(deps: Deps, { body, client, context }: ButtonArgs): RequestContext {
  const actor = { teamId: installedTeam(context), userId: body.user.id, channelId: null, client };
  return {
    ...actor,
    reply: (message) => publishHome(deps, actor, homeNotice.refused(message.text)),
  };
}

export function handleHomeFile(deps: Deps) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const ctx = homeContext(deps, args);
    // The trigger_id is valid for 3 s and once: the modal opens straight after the ack.
    await answeringErrors(deps, ctx.reply, () => openFilingModal(ctx, args.body.trigger_id, {}), {
      action: 'home file',
    });
  };
}

export function handleHomeAssign(deps: Deps) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const ctx = homeContext(deps, args);
    await answeringErrors(
      deps,
      ctx.reply,
      async () => {
        // The same rules as `/debt assign`: reporter, owner, stewards or an admin (SPEC §1.6).
        const item = await assignOwner(deps, ctx, buttonItemId(args), ctx.userId);
        await publishHome(deps, ctx, homeNotice.assigned(item));
      },
      { action: 'home assign' },
    );
  };
}

export function handleHomeReminders(deps: Deps) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const ctx = homeContext(deps, args);
    await answeringErrors(
      deps,
      ctx.reply,
      async () => {
        const value = args.action.value;
        if (value !== 'on' && value !== 'off') throw invalid(homeNotice.staleSwitch);
        await switchReminders(deps, ctx, value === 'on');
        await publishHome(deps, ctx, value === 'on' ? homeNotice.remindersOn : homeNotice.remindersOff);
      },
      { action: 'home reminders' },
    );
  };
}

/** Link buttons (Vote in the reminder DM): Slack opens the URL itself and still sends the click, to be acked. */
export function handleLinkClick() {
  return async ({ ack }: SlackActionMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
  };
}
