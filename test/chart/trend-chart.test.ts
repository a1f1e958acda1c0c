// The trend chart (SPEC §1.8 / §2.10): a PNG of the promised size for every shape of series, weeks in order,
// missed snapshots drawn as gaps, units on the axes, and text drawn with the shipped font alone.
import { Resvg } from '@resvg/resvg-js';
import { compile } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import {
  CHART_FONT_FILES,
  renderTrendChart,
  svgToPng,
  TREND_CHART_SIZE,
  trendAltText,
  trendChartSpec,
  trendChartSvg,
} from '../../src/chart/trend-chart.ts';
import type { TrendSeries, TrendWeek } from '../../src/domain/trend-model.ts';

const DAY_MS = 86_400_000;

/** Consecutive weeks from Monday 15 Dec 2025 (2025-W51), so the labels cross a year and sort wrongly as text. */
function series(
  interest: readonly (number | null)[],
  interestSince: string | null = '2025-W51',
): TrendSeries {
  const weeks: TrendWeek[] = interest.map((openInterest, i) => {
    const monday = new Date(Date.UTC(2025, 11, 15) + i * 7 * DAY_MS);
    return {
      week: `week-${i}`,
      startsOn: monday.toISOString().slice(0, 10),
      filed: 2 + (i % 5),
      resolved: i % 4,
      openInterest,
    };
  });
  if (weeks[0] && interestSince === '2025-W51') weeks[0].week = '2025-W51';
  return { weeks, interestSince, scopeLabel: '#ml-platform' };
}

const TWELVE = series([30, 33, 35, 38, 41, 44, 47, 51, 55, 60, 64, 69]);
const ONE = series([28]);
const GAP = series([30, 33, 35, 38, null, 44, 47, 51]);
const UNTRACKED = series([null, null, null, null, null], null);
const EMPTY: TrendSeries = { weeks: [], interestSince: null, scopeLabel: '#new' };

/** Width and height from the IHDR chunk, which a valid PNG has right after its 8-byte signature. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(png.toString('latin1', 12, 16)).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** The `d` of the interest line in the SVG (vega's line mark), or undefined when there is none. */
function linePath(svg: string): string | undefined {
  return /aria-roledescription="line mark" d="([^"]*)"/.exec(svg)?.[1];
}

describe('renderTrendChart', () => {
  it.each([
    ['no weeks', EMPTY],
    ['one week', ONE],
    ['twelve weeks', TWELVE],
    ['a missed snapshot', GAP],
    ['no snapshot yet', UNTRACKED],
  ])('renders %s to a PNG of the promised size', async (_, s) => {
    expect(pngSize(await renderTrendChart(s))).toEqual(TREND_CHART_SIZE);
  });

  it('draws its text with the shipped DejaVu font, with no system fonts to fall back on', async () => {
    const svg = await trendChartSvg(TWELVE);
    expect(svg).toContain('font-family="DejaVu Sans"');
    expect(await renderTrendChart(TWELVE)).toEqual(svgToPng(svg));
    // The title band (above the legend) holds text only: dark pixels there are glyphs, and without fonts none.
    const darkInTitle = (fontFiles: string[]) => {
      const image = new Resvg(svg, { font: { fontFiles, loadSystemFonts: false } }).render();
      const rgba = image.pixels; // a getter that copies the whole image: read it once
      let dark = 0;
      for (let i = 0; i < 60 * image.width * 4; i += 4) {
        if ((rgba[i] ?? 255) < 80 && (rgba[i + 3] ?? 0) > 200) dark++;
      }
      return dark;
    };
    expect(darkInTitle([...CHART_FONT_FILES])).toBeGreaterThan(500);
    expect(darkInTitle([])).toBe(0);
    expect(svgToPng(svg, [])).not.toEqual(svgToPng(svg));
  });
});

describe('trendChartSpec', () => {
  it('puts the weeks oldest left, labelled by their Monday, across a year end', async () => {
    const labels = ['15 Dec', '22 Dec', '29 Dec', '5 Jan', '12 Jan', '19 Jan', '26 Jan', '2 Feb'];
    const spec = trendChartSpec(GAP);
    expect(spec).toMatchObject({ encoding: { x: { sort: null, scale: { domain: labels } } } });
    const svg = await trendChartSvg(GAP);
    const drawn = [...svg.matchAll(/translate\(([\d.]+),16\)"[^>]*>([^<]+)<\/text>/g)]
      .filter((m) => labels.includes(m[2] ?? ''))
      .map((m) => ({ x: Number(m[1]), label: m[2] }));
    expect(drawn.map((d) => d.label)).toEqual(labels);
    expect(drawn.map((d) => d.x)).toEqual([...drawn.map((d) => d.x)].sort((a, b) => a - b));
  });

  it('keeps a missed snapshot as a gap in the line, never as 0', async () => {
    const line = JSON.stringify(trendChartSpec(GAP)).match(/\{"label":"12 Jan","interest":[^}]*\}/);
    expect(line?.[0]).toBe('{"label":"12 Jan","interest":null}');
    expect(linePath(await trendChartSvg(GAP))?.match(/M/g)).toHaveLength(2);
    expect(linePath(await trendChartSvg(TWELVE))?.match(/M/g)).toHaveLength(1);
  });

  it('draws no line before the first snapshot, and says where the line starts', async () => {
    expect(linePath(await trendChartSvg(UNTRACKED))).toBeUndefined();
    expect(trendChartSpec(UNTRACKED)).toMatchObject({
      title: { subtitle: 'interest line starts with the first weekly snapshot' },
    });
    expect(trendChartSpec(TWELVE)).toMatchObject({
      title: { subtitle: 'interest tracked since 15 Dec 2025' },
    });
    expect(trendChartSpec(GAP)).toMatchObject({
      title: { subtitle: expect.stringContaining('a break in the line is a week with no snapshot') },
    });
    // A first snapshot older than the weeks shown: its Monday comes from the ISO week.
    const older = { ...TWELVE, interestSince: '2026-W01' };
    expect(trendChartSpec(older)).toMatchObject({
      title: { subtitle: 'interest tracked since 29 Dec 2025' },
    });
  });

  it('titles the chart and both axes with their units, in DejaVu Sans, with inline data only', async () => {
    const spec = trendChartSpec(TWELVE);
    expect(spec).toMatchObject({
      title: { text: 'Debt trend · #ml-platform' },
      config: { font: 'DejaVu Sans' },
    });
    const svg = await trendChartSvg(TWELVE);
    for (const title of ['items per week', 'open interest (h/week)', 'week starting (Monday)']) {
      expect(svg).toContain(`>${title}</text>`);
    }
    expect(JSON.stringify(compile(spec).spec)).not.toMatch(/"url"/);
  });

  it('keeps every font at least 14 px at the chart size', async () => {
    const sizes = [...(await trendChartSvg(TWELVE)).matchAll(/font-size="([\d.]+)px"/g)].map((m) =>
      Number(m[1]),
    );
    expect(sizes.length).toBeGreaterThan(20);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(14);
  });
});

describe('trendAltText', () => {
  it('sums up the weeks, the totals and the latest open interest', () => {
    const text = trendAltText(GAP);
    expect(text).toBe(
      'Debt trend for #ml-platform, 8 weeks from 15 Dec to 2 Feb 2026: 29 items filed, 12 resolved. ' +
        'Open interest went from 30 h/week in the week of 15 Dec to 51 h/week in the week of 2 Feb; ' +
        '1 week without a snapshot.',
    );
    expect(trendAltText(UNTRACKED)).toContain('Open interest is not tracked yet');
    expect(trendAltText(EMPTY)).toBe('Debt trend for #new: no items yet, so no trend.');
  });

  it('stays within 2000 characters', () => {
    const text = trendAltText({ ...TWELVE, scopeLabel: 'x'.repeat(5000) });
    expect(text.length).toBeLessThanOrEqual(2000);
    expect(text.endsWith('…')).toBe(true);
  });
});
