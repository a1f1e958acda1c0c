// Time to render the 12-week trend chart to PNG (vega-lite → vega SVG → resvg with the shipped fonts), and its size.
import { renderTrendChart, svgToPng, TREND_CHART_SIZE, trendChartSvg } from '../src/chart/trend-chart.ts';
import { TWELVE_WEEKS } from './chart-samples.ts';
import { summarize, writeResult } from './stats.ts';

const WARMUP = 5;
const RUNS = 50;

async function time(run: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < WARMUP; i++) await run();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await run();
    samples.push(performance.now() - t);
  }
  return samples;
}

export async function benchChartRender(): Promise<string> {
  const renderMs = await time(() => renderTrendChart(TWELVE_WEEKS));
  // Where the time goes: vega's layout and SVG, then resvg's rasterising (which loads the two fonts each time).
  const svgMs = await time(() => trendChartSvg(TWELVE_WEEKS));
  const svg = await trendChartSvg(TWELVE_WEEKS);
  const rasteriseMs = await time(async () => svgToPng(svg));
  return writeResult('chart-render', {
    weeks: TWELVE_WEEKS.weeks.length,
    size: TREND_CHART_SIZE,
    warmup: WARMUP,
    runs: RUNS,
    renderMs: summarize(renderMs),
    svgMs: summarize(svgMs),
    rasteriseMs: summarize(rasteriseMs),
    pngBytes: (await renderTrendChart(TWELVE_WEEKS)).length,
  });
}
