// The trend chart on its way to Slack: rendered to PNG and uploaded (files:write), for the digest and
// `/debt stats`. A chart is a nice-to-have: any failure is logged and the caller goes on without it.
import type { webApi } from '@slack/bolt';
import type { UploadedChart } from '../../../blocks/outlook.ts';
import type { TrendSeries } from '../../domain/trend-model.ts';
import type { Logger } from '../../lib/logger.ts';
import { uploadFile } from '../upload-file.ts';

export async function uploadTrendChart(
  client: webApi.WebClient,
  logger: Logger,
  trend: TrendSeries,
  context: Record<string, unknown>,
): Promise<UploadedChart | null> {
  // No items at all: the surfaces show an empty state, not an empty chart.
  if (trend.weeks.length === 0) return null;
  try {
    // Loaded on first use: vega and resvg are most of the bundle, and a process starts faster without them.
    const { renderTrendChart, trendAltText } = await import('../../chart/trend-chart.ts');
    const altText = trendAltText(trend);
    const png = await renderTrendChart(trend);
    const { fileId } = await uploadFile(
      client,
      { filename: 'debt-trend.png', title: `Debt trend · ${trend.scopeLabel}`, content: png, altText },
      logger,
    );
    return { fileId, altText };
  } catch (error) {
    logger.warn('trend chart not uploaded; going on without it', { ...context, error });
    return null;
  }
}
