// `/debt`: acknowledges at once, then parses the text and dispatches (SPEC §2.1, §2.8).
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { buildItemDetail } from '../../../blocks/item-detail.ts';
import { escapeMrkdwn, mention } from '../../../blocks/kit.ts';
import { buildHelp, buildNotice, buildUsage } from '../../../blocks/notice.ts';
import type { Deps } from '../../deps.ts';
import { type Command, parseCommand } from '../../domain/command.ts';
import { formatItemId, LIMITS, STATUS_LABELS } from '../../domain/item.ts';
import { clip } from '../../lib/text.ts';
import type { RequestContext } from '../context.ts';
import { assignOwner, changeStatus, findVisibleItem, requireManager } from '../item-ops.ts';
import { buildListPage, buildTop } from '../list-query.ts';
import { openEditModal, openFilingModal } from '../modals.ts';
import { answeringErrors } from '../reply.ts';
import { reportPain } from '../voting-ops.ts';
import { permalink } from '../workspace.ts';
import { digestNow, openSettings } from './channel-commands.ts';

type Args = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

async function showItem(deps: Deps, ctx: RequestContext, id: number) {
  const item = await findVisibleItem(deps, ctx, id);
  const [scored] = await deps.scores.score(ctx.teamId, [item]);
  if (!scored) return;
  const history = await deps.items.history(ctx.teamId, id);
  const link =
    item.card && !item.card.orphaned
      ? await permalink(ctx.client, deps.logger, item.channelId, item.card.ts)
      : null;
  await ctx.reply(buildItemDetail({ ...scored, history, permalink: link, now: deps.clock.now() }));
}

async function dispatch(deps: Deps, ctx: RequestContext, command: Command, triggerId: string): Promise<void> {
  switch (command.kind) {
    case 'file':
      return openFilingModal(ctx, triggerId, { title: clip(command.title, LIMITS.titleMax) });
    case 'help':
      return void (await ctx.reply(buildHelp()));
    case 'usage':
      return void (await ctx.reply(buildUsage(command, escapeMrkdwn(command.problem))));
    case 'unavailable':
      return void (await ctx.reply(
        buildNotice(
          `\`/debt ${command.subcommand}\` is not available in this version yet.`,
          'See `/debt help` for what works today.',
        ),
      ));
    case 'list':
      return void (await ctx.reply(
        await buildListPage(
          deps,
          {
            filters: command.filters,
            channelId: ctx.channelId ?? '',
            teamId: ctx.teamId,
            userId: ctx.userId,
          },
          1,
        ),
      ));
    case 'top':
      return void (await ctx.reply(await buildTop(deps, ctx.teamId, ctx.channelId ?? '', ctx.userId)));
    case 'show':
      return showItem(deps, ctx, command.id);
    case 'edit': {
      const item = await findVisibleItem(deps, ctx, command.id);
      await requireManager(deps, ctx, item, 'edit');
      return openEditModal(ctx, triggerId, item);
    }
    case 'assign': {
      const item = await assignOwner(deps, ctx, command.id, command.userId);
      return void (await ctx.reply(
        buildNotice(`${formatItemId(item.id)} is now owned by ${mention(command.userId)}.`),
      ));
    }
    case 'hit': {
      const item = await findVisibleItem(deps, ctx, command.id);
      return void (await ctx.reply(await reportPain(deps, ctx, item, command.hours)));
    }
    case 'config':
      return openSettings(deps, ctx, triggerId);
    case 'digest':
      return digestNow(deps, ctx, command.post);
    case 'status': {
      const item = await changeStatus(deps, ctx, command.id, command.action, command.note);
      return void (await ctx.reply(
        buildNotice(`${formatItemId(item.id)} is now *${STATUS_LABELS[item.status].toLowerCase()}*.`),
      ));
    }
  }
}

export function handleDebtCommand(deps: Deps) {
  return async ({ command, ack, respond, client }: Args): Promise<void> => {
    await ack();
    const ctx: RequestContext = {
      teamId: command.team_id,
      userId: command.user_id,
      channelId: command.channel_id,
      client,
      reply: (message) => respond({ response_type: 'ephemeral', ...message }),
    };
    const parsed = parseCommand(command.text ?? '');
    await answeringErrors(deps.logger, ctx.reply, () => dispatch(deps, ctx, parsed, command.trigger_id), {
      command: parsed.kind,
      teamId: ctx.teamId,
    });
  };
}
