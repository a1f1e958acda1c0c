// The trend chart on its way to Slack: rendered to PNG and uploaded (files:write), for the digest and
// `/debt stats`. A chart is a nice-to-have: any failure, or a chart not ready in time, is logged and the
// caller goes on without it.
import type { webApi } from '@slack/bolt';
import type { UploadedChart } from '../../../blocks/outlook.ts';
import type { Deps } from '../../deps.ts';
import type { TrendSeries } from '../../domain/trend-model.ts';
import { withTimeout } from '../../lib/timeout.ts';
import { uploadFile } from '../upload-file.ts';

/**
 * How long a chart may take, the wait for upload budget included: well inside the digest's 20 s posting lock
 * (renewed right before), and short enough for `/debt stats` to answer promptly.
 */
export const CHART_DEADLINE_MS = 8_000;
/** The workspace's upload budget (Tier 4 methods, ~100 a minute), shared by every process. */
const UPLOAD_BUDGET_METHOD = 'files.upload';

type ChartDeps = Pick<Deps, 'logger' | 'uploadBudget'>;

async function uploadBudget(deps: ChartDeps, teamId: string, deadline: number): Promise<void> {
  for (;;) {
    const wait = await deps.uploadBudget.take(teamId, UPLOAD_BUDGET_METHOD);
    if (wait === 0) return;
    if (Date.now() + wait > deadline) throw new Error('the upload budget is spent until after the deadline');
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

async function renderAndUpload(
  deps: ChartDeps,
  client: webApi.WebClient,
  trend: TrendSeries,
  teamId: string,
  deadline: number,
): Promise<UploadedChart> {
  await uploadBudget(deps, teamId, deadline);
  // Loaded on first use: vega and resvg are most of the bundle, and a process starts faster without them.
  const { renderTrendChart, trendAltText } = await import('../../chart/trend-chart.ts');
  const altText = trendAltText(trend);
  const png = await renderTrendChart(trend);
  const { fileId } = await uploadFile(
    client,
    { filename: 'debt-trend.png', title: `Debt trend · ${trend.scopeLabel}`, content: png, altText },
    deps.logger,
  );
  return { fileId, altText };
}

export async function uploadTrendChart(
  deps: ChartDeps,
  client: webApi.WebClient,
  trend: TrendSeries,
  context: { teamId: string } & Record<string, unknown>,
): Promise<UploadedChart | null> {
  // No items at all: the surfaces show an empty state, not an empty chart.
  if (trend.weeks.length === 0) return null;
  const deadline = Date.now() + CHART_DEADLINE_MS;
  const upload = renderAndUpload(deps, client, trend, context.teamId, deadline).catch((error: unknown) => {
    deps.logger.warn('trend chart not uploaded; going on without it', { ...context, error });
    return null;
  });
  // A chart still uploading at the deadline finishes unseen (an unused file), never holding the caller up.
  const chart = await withTimeout<UploadedChart | null | 'late'>(upload, CHART_DEADLINE_MS, 'late');
  if (chart !== 'late') return chart;
  deps.logger.warn('trend chart not uploaded; going on without it', {
    ...context,
    error: `not ready within ${CHART_DEADLINE_MS} ms`,
  });
  return null;
}
