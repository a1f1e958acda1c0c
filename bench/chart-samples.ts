// Writes the trend chart's sample images to docs/images/ (npx tsx bench/chart-samples.ts), from an ML team's numbers.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { renderTrendChart } from '../src/chart/trend-chart.ts';
import type { TrendSeries, TrendWeek } from '../src/domain/trend-model.ts';

const DAY_MS = 86_400_000;
/** 2026-W37 starts on Monday 7 September 2026. */
const FIRST_MONDAY = Date.UTC(2026, 8, 7);
const FIRST_WEEK = 37;

/** Consecutive weeks from 2026-W37: [filed, resolved, open interest or null] each. */
function weeks(rows: readonly (readonly [number, number, number | null])[]): TrendWeek[] {
  return rows.map(([filed, resolved, openInterest], i) => ({
    week: `2026-W${FIRST_WEEK + i}`,
    startsOn: new Date(FIRST_MONDAY + i * 7 * DAY_MS).toISOString().slice(0, 10),
    filed,
    resolved,
    openInterest,
  }));
}

/**
 * Twelve weeks of a team that installed the app two weeks before its first snapshot (counts come from item
 * timestamps, interest only from snapshots), missed one snapshot (W44), and whose interest climbs 30 → 70 h/week.
 */
export const TWELVE_WEEKS: TrendSeries = {
  scopeLabel: '#ml-platform',
  interestSince: '2026-W39',
  weeks: weeks([
    [6, 0, null],
    [4, 1, null],
    [5, 2, 31],
    [7, 1, 36.5],
    [3, 2, 39],
    [8, 3, 45],
    [5, 4, 47.5],
    [4, 2, null],
    [6, 1, 56],
    [2, 5, 54],
    [7, 3, 62.5],
    [8, 2, 69],
  ]),
};

export const ONE_WEEK: TrendSeries = {
  scopeLabel: '#feature-store',
  interestSince: '2026-W37',
  weeks: weeks([[5, 1, 28]]),
};

/** Two missed snapshots around a lone one: the line breaks twice and the lone week is a single point. */
export const WITH_GAPS: TrendSeries = {
  scopeLabel: 'the workspace',
  interestSince: '2026-W37',
  weeks: weeks([
    [3, 1, 30],
    [5, 2, 33],
    [4, 0, 37.5],
    [6, 2, null],
    [2, 3, 44],
    [5, 1, null],
    [7, 4, 52],
    [4, 5, 55.5],
  ]),
};

async function writeSamples(): Promise<void> {
  const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'images');
  mkdirSync(dir, { recursive: true });
  const samples = { '12-weeks': TWELVE_WEEKS, '1-week': ONE_WEEK, gap: WITH_GAPS };
  for (const [name, series] of Object.entries(samples)) {
    const file = join(dir, `trend-chart-${name}.png`);
    writeFileSync(file, await renderTrendChart(series));
    process.stdout.write(`${file}\n`);
  }
}

// Run as a script it writes the images; imported (bench/chart-render.ts) it only lends its series.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await writeSamples();
