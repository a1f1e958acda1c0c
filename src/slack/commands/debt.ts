// `/debt`: parses the text and dispatches (SPEC §2.1, §2.8). Commands that write or open a modal ack at once;
// read-only ones answer in the ack body when the answer is ready in time (decision 0026).
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { confirm } from '../../../blocks/confirmations.ts';
import { buildItemDetail } from '../../../blocks/item-detail.ts';
import { buildItemList } from '../../../blocks/item-list.ts';
import { escapeMrkdwn } from '../../../blocks/kit.ts';
import { buildHelp, buildUsage } from '../../../blocks/notice.ts';
import { buildPainReceipt } from '../../../blocks/pain-receipt.ts';
import type { Deps } from '../../deps.ts';
import { type Command, parseCommand } from '../../domain/command.ts';
import { LIMITS } from '../../domain/item.ts';
import { loadListPage, loadTop } from '../../features/list-items.ts';
import { assignOwner, changeStatus, findVisibleItem, requireManager } from '../../features/manage-item.ts';
import { reportPain } from '../../features/report-pain.ts';
import { loadItemDetail } from '../../features/show-item.ts';
import { msSinceReceived } from '../../lib/received-at.ts';
import { clip } from '../../lib/text.ts';
import { installedTeam, type RequestContext } from '../context.ts';
import { openEditModal, openFilingModal } from '../modals.ts';
import { answeringErrors } from '../reply.ts';
import { ANSWER_IN_ACK_WITHIN_MS, commandAnswer } from './answer-in-ack.ts';
import { answerDigest, openSettings } from './channel-commands.ts';
import { answerStats, queueExport } from './history-commands.ts';

type Args = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/** What the slash command's payload carries beyond the context: the modal trigger and the channel's name. */
interface CommandPayload {
  triggerId: string;
  channelName: string | undefined;
}

async function dispatch(
  deps: Deps,
  ctx: RequestContext,
  command: Command,
  { triggerId, channelName }: CommandPayload,
): Promise<void> {
  switch (command.kind) {
    case 'file':
      return openFilingModal(ctx, triggerId, { title: clip(command.title, LIMITS.titleMax) });
    case 'help':
      return void (await ctx.reply(buildHelp()));
    case 'usage':
      return void (await ctx.reply(buildUsage(command, escapeMrkdwn(command.problem))));
    case 'stats':
      return answerStats(deps, ctx, command.all, channelName);
    case 'export':
      return queueExport(deps, ctx, command.all);
    case 'list': {
      const query = {
        filters: command.filters,
        channelId: ctx.channelId ?? '',
        teamId: ctx.teamId,
        userId: ctx.userId,
      };
      return void (await ctx.reply(buildItemList(await loadListPage(deps, query, 1, ctx.client))));
    }
    case 'top':
      return void (await ctx.reply(
        buildItemList(await loadTop(deps, ctx.teamId, ctx.channelId ?? '', ctx.userId, ctx.client)),
      ));
    case 'show':
      return void (await ctx.reply(buildItemDetail(await loadItemDetail(deps, ctx, command.id))));
    case 'edit': {
      const item = await findVisibleItem(deps, ctx, command.id);
      await requireManager(deps, ctx, item, 'edit');
      return openEditModal(ctx, triggerId, item);
    }
    case 'assign': {
      const item = await assignOwner(deps, ctx, command.id, command.userId);
      return void (await ctx.reply(confirm.assigned(item, command.userId)));
    }
    case 'hit':
      return void (await ctx.reply(buildPainReceipt(await reportPain(deps, ctx, command.id, command.hours))));
    case 'config':
      return openSettings(deps, ctx, triggerId);
    case 'digest':
      return answerDigest(deps, ctx, command.post);
    case 'status': {
      const item = await changeStatus(deps, ctx, command.id, command.action, command.note);
      return void (await ctx.reply(confirm.statusChanged(item)));
    }
  }
}

/**
 * Commands that only read and answer with one private message: their answer may ride in the ack. The others
 * ack first: an ack that came late for a write would tell the person it failed although it was saved (and a
 * retry would do it twice); a modal has nothing to put in the ack; `stats` renders and uploads a chart.
 */
export function answersInAck(command: Command): boolean {
  switch (command.kind) {
    case 'help':
    case 'usage':
    case 'list':
    case 'top':
    case 'show':
      return true;
    case 'digest':
      return !command.post;
    default:
      return false;
  }
}

export interface DebtCommandOptions {
  /** How long a read-only command may take to answer in the ack body (tests shorten it). */
  answerInAckWithinMs?: number;
}

export function handleDebtCommand(
  deps: Deps,
  { answerInAckWithinMs = ANSWER_IN_ACK_WITHIN_MS }: DebtCommandOptions = {},
) {
  return async ({ command, ack, respond, client, context }: Args): Promise<void> => {
    const parsed = parseCommand(command.text ?? '');
    const within = answersInAck(parsed) ? answerInAckWithinMs : 0;
    // The deadline counts from the request's arrival: what authorization and queueing took is already spent.
    const left = within > 0 ? Math.max(1, within - msSinceReceived(command)) : 0;
    const answer = await commandAnswer(ack, respond, left, deps.logger);
    // Whatever happens below, the command is acknowledged (empty when nothing was answered in the ack).
    try {
      const ctx: RequestContext = {
        teamId: installedTeam(context),
        userId: command.user_id,
        channelId: command.channel_id,
        client,
        reply: answer.reply,
      };
      await answeringErrors(
        deps,
        ctx.reply,
        () =>
          dispatch(deps, ctx, parsed, { triggerId: command.trigger_id, channelName: command.channel_name }),
        { command: parsed.kind, teamId: ctx.teamId },
      );
    } finally {
      await answer.done();
    }
  };
}
