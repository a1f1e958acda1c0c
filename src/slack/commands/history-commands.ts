// `/debt stats [all]` and `/debt export [all]` (SPEC §2.10): the numbers privately, the CSV by DM from a worker.
import { confirm } from '../../../blocks/confirmations.ts';
import { buildStatsMessage } from '../../../blocks/stats.ts';
import type { Deps } from '../../deps.ts';
import { commandChannel } from '../../features/digest/digest-now.ts';
import { loadStats } from '../../features/history/load-stats.ts';
import { uploadTrendChart } from '../../features/history/trend-chart.ts';
import { currentRequestId } from '../../lib/request-context.ts';
import type { RequestContext } from '../context.ts';

/** Slack sends `directmessage` / `privategroup` instead of a name in some conversations: no label then. */
function channelLabel(channelName: string | undefined): string | null {
  return channelName && !['directmessage', 'privategroup'].includes(channelName) ? `#${channelName}` : null;
}

export async function answerStats(
  deps: Deps,
  ctx: RequestContext,
  all: boolean,
  channelName: string | undefined,
): Promise<void> {
  const model = await loadStats(deps, ctx, { all, channelLabel: channelLabel(channelName) });
  const chart = model.empty
    ? null
    : await uploadTrendChart(deps, ctx.client, model.trend, { teamId: ctx.teamId, userId: ctx.userId });
  try {
    await ctx.reply(buildStatsMessage(model, chart));
  } catch (error) {
    if (chart === null) throw error;
    // Slack refused the image (e.g. it cannot fetch the file yet): the numbers matter more than the chart.
    deps.logger.warn('Slack refused the stats with their chart; answering without it', {
      teamId: ctx.teamId,
      error,
    });
    await ctx.reply(buildStatsMessage(model, null));
  }
}

/** Queued first, then confirmed: "on its way" is only said once the job is safely in Redis. */
export async function queueExport(deps: Deps, ctx: RequestContext, all: boolean): Promise<void> {
  // A workspace export may be asked for anywhere, a DM included; a channel's only from inside it.
  const channelId = all && ctx.channelId ? ctx.channelId : commandChannel(ctx);
  const requestId = currentRequestId();
  await deps.producers.queueExport({
    v: 1,
    teamId: ctx.teamId,
    userId: ctx.userId,
    channelId,
    scope: all ? 'all' : 'channel',
    ...(requestId ? { requestId } : {}),
  });
  await ctx.reply(confirm.exportQueued(all, channelId));
}
