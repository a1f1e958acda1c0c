// The 12-week trend chart of SPEC §1.8 / §2.10, drawn on the server: a vega-lite spec, rendered by vega to SVG
// and rasterised to PNG by resvg with the DejaVu fonts shipped in node_modules (no system fonts, no network).
import { createRequire } from 'node:module';
import { Resvg } from '@resvg/resvg-js';
import { type Loader, loader, parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { weekStartsOn } from '../domain/iso-week.ts';
import type { TrendSeries, TrendWeek } from '../domain/trend-model.ts';
import { clip } from '../lib/text.ts';

/**
 * 1200×600 (2:1). Slack previews an image about 360 px high, i.e. at 0.6× here, so the 18 px labels below still
 * read at ~11 px there, and the image stays sharp when opened full size. Vega fits the whole view (title,
 * axes, legend) into this box, so the PNG is exactly this size.
 */
export const TREND_CHART_SIZE = { width: 1200, height: 600 } as const;

/** Loaded by resvg for every render: labels must not depend on the machine's fonts (there may be none). */
export const CHART_FONT_FILES: readonly string[] = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((file) =>
  createRequire(import.meta.url).resolve(`dejavu-fonts-ttf/ttf/${file}`),
);
const FONT = 'DejaVu Sans';

const FILED = 'items filed';
const RESOLVED = 'items resolved';
const INTEREST = 'open interest (h/week)';
// Okabe–Ito orange and bluish green stay apart for colour-blind readers; the line is dark enough to read over both.
const COLOURS: Record<string, string> = { [FILED]: '#E69F00', [RESOLVED]: '#009E73', [INTEREST]: '#332288' };
const ALT_TEXT_MAX = 2000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2026-11-30` → `30 Nov` (with the year: `30 Nov 2026`); anything else is shown as it is. */
function shortDate(isoDate: string, withYear = false): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  const month = MONTHS[Number(match?.[2]) - 1];
  if (!match || !month) return isoDate;
  return `${Number(match[3])} ${month}${withYear ? ` ${match[1]}` : ''}`;
}

function interestStart(series: TrendSeries): string | null {
  if (series.interestSince === null) return null;
  const since = series.interestSince;
  // A first snapshot older than the weeks shown has its Monday from the ISO week key.
  return shortDate(series.weeks.find((w) => w.week === since)?.startsOn ?? weekStartsOn(since), true);
}

/**
 * Weeks without a snapshot between two that have one: the line breaks there, and the subtitle says why. The
 * weeks after the latest snapshot are not gaps: this week's snapshot may simply not be due yet.
 */
function gapWeeks(weeks: readonly TrendWeek[]): number {
  const first = weeks.findIndex((w) => w.openInterest !== null);
  const last = weeks.findLastIndex((w) => w.openInterest !== null);
  return first < 0 ? 0 : weeks.slice(first, last + 1).filter((w) => w.openInterest === null).length;
}

function subtitle(series: TrendSeries): string {
  const since = interestStart(series);
  if (since === null) return 'interest line starts with the first weekly snapshot';
  const gap = gapWeeks(series.weeks) > 0 ? ' · a break in the line is a week with no snapshot' : '';
  return `interest tracked since ${since}${gap}`;
}

/**
 * Bars as wide as in a 12-week chart however few the weeks (one week would otherwise be two slabs across the
 * image). Band width = width × (1 − inner) / (weeks − inner + 2 × outer); vega caps outer at 1, so with fewer
 * weeks the inner padding grows until the band is the 12-week one, 0.7 / 12 of the width.
 */
function bandPadding(weeks: number): { paddingInner: number; paddingOuter: number } {
  if (weeks >= 12) return { paddingInner: 0.3, paddingOuter: 0.15 };
  const band = 0.7 / 12;
  return { paddingInner: Math.max(0.3, (1 - band * (weeks + 2)) / (1 - band)), paddingOuter: 1 };
}

const axisStyle = { labelFontSize: 18, titleFontSize: 18, titlePadding: 14 };

/** The chart as a declarative vega-lite spec with its data inline (vega never loads anything). */
export function trendChartSpec(series: TrendSeries): TopLevelSpec {
  const common = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    ...TREND_CHART_SIZE,
    autosize: { type: 'fit', contains: 'padding' },
    padding: 16,
    background: '#ffffff', // Slack's dark theme would otherwise show dark text on a dark background.
    title: {
      // Cut by characters, not by vega's `limit`: without a canvas vega guesses text 30% wider than DejaVu draws
      // it and would cut early. 60 bold 28 px characters fit in the width.
      text: clip(`Debt trend · ${series.scopeLabel}`, 60, '…'),
      subtitle: subtitle(series),
      fontSize: 28,
      subtitleFontSize: 18,
      subtitleColor: '#444444',
      anchor: 'start',
      offset: 12,
    },
    // Limits 0: the legend and subtitle are short, and vega's guessed widths would cut them (see title).
    config: {
      font: FONT,
      view: { stroke: null },
      axis: axisStyle,
      legend: { labelFontSize: 18, labelLimit: 0 },
      title: { limit: 0 },
    },
  } as const;
  if (series.weeks.length === 0) {
    // The caller shows no chart then; a valid image that says so costs nothing and keeps the function total.
    return {
      ...common,
      data: { values: [{ note: 'no data yet' }] },
      mark: { type: 'text', fontSize: 28, color: '#666666' },
      encoding: { text: { field: 'note' } },
    };
  }
  const labels = series.weeks.map((w) => shortDate(w.startsOn));
  const bars = series.weeks.flatMap((w, i) => [
    { label: labels[i], series: FILED, count: w.filed },
    { label: labels[i], series: RESOLVED, count: w.resolved },
  ]);
  const interest = series.weeks.map((w, i) => ({ label: labels[i], interest: w.openInterest }));
  const tracked = interest.some((w) => w.interest !== null);
  const shown = tracked ? [FILED, RESOLVED, INTEREST] : [FILED, RESOLVED];
  const colour = {
    scale: { domain: shown, range: shown.map((s) => COLOURS[s]) },
    legend: {
      title: null,
      orient: 'top',
      direction: 'horizontal',
      symbolSize: 300,
      columnPadding: 12,
    },
  } as const;
  return {
    ...common,
    encoding: {
      x: {
        field: 'label',
        type: 'ordinal',
        // Oldest left, as given: an ordinal axis would otherwise sort the labels alphabetically.
        sort: null,
        scale: { domain: labels, ...bandPadding(labels.length) },
        title: 'week starting (Monday)',
        axis: { labelAngle: 0, labelOverlap: false, ticks: false },
      },
    },
    layer: [
      {
        data: { values: bars },
        mark: { type: 'bar', cornerRadiusEnd: 2 },
        encoding: {
          xOffset: { field: 'series', sort: [FILED, RESOLVED] },
          y: {
            field: 'count',
            type: 'quantitative',
            title: 'items per week',
            axis: { tickMinStep: 1, format: 'd' },
          },
          color: { field: 'series', type: 'nominal', ...colour },
        },
      },
      // Before interestSince there is no line: it starts where the snapshots start (SPEC §1.8).
      ...(tracked
        ? [
            {
              data: { values: interest },
              // Nulls break the path and stay out of the scale: a missed week is a gap, never a drop to 0.
              mark: {
                type: 'line',
                invalid: 'break-paths-show-domains',
                strokeWidth: 4,
                point: { filled: true, size: 120 },
              },
              encoding: {
                y: {
                  field: 'interest',
                  type: 'quantitative',
                  title: INTEREST,
                  scale: { zero: true },
                  axis: { orient: 'right', grid: false, titleColor: COLOURS[INTEREST] },
                },
                color: { datum: INTEREST, ...colour },
              },
            } as const,
          ]
        : []),
    ],
    resolve: { scale: { y: 'independent' } },
  };
}

// Inline data only: any attempt to load a URL or file is a bug, and must fail rather than reach the network.
const offline: Loader = {
  ...loader(),
  load: (uri) => Promise.reject(new Error(`trend chart: refusing to load ${uri}`)),
  sanitize: (uri) => Promise.reject(new Error(`trend chart: refusing to load ${uri}`)),
};

/** The chart as SVG text (its font-family is DejaVu Sans). */
export async function trendChartSvg(series: TrendSeries): Promise<string> {
  const view = new View(parse(compile(trendChartSpec(series)).spec), { renderer: 'none', loader: offline });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** Rasterises SVG with the shipped fonts only: loadSystemFonts false proves the chart needs none. */
export function svgToPng(svg: string, fontFiles: readonly string[] = CHART_FONT_FILES): Buffer {
  const resvg = new Resvg(svg, {
    font: { fontFiles: [...fontFiles], loadSystemFonts: false, defaultFontFamily: FONT },
    fitTo: { mode: 'width', value: TREND_CHART_SIZE.width },
  });
  return resvg.render().asPng();
}

export async function renderTrendChart(series: TrendSeries): Promise<Buffer> {
  return svgToPng(await trendChartSvg(series));
}

type TrackedWeek = TrendWeek & { openInterest: number };

function interestSentence(weeks: readonly TrendWeek[]): string {
  const tracked = weeks.filter((w): w is TrackedWeek => w.openInterest !== null);
  const start = tracked[0];
  const latest = tracked.at(-1);
  if (!start || !latest) return 'Open interest is not tracked yet: it starts with the first weekly snapshot.';
  const at = (w: TrackedWeek) =>
    `${Math.round(w.openInterest * 10) / 10} h/week in the week of ${shortDate(w.startsOn)}`;
  const change =
    start === latest
      ? `Open interest ${at(latest)}`
      : `Open interest went from ${at(start)} to ${at(latest)}`;
  const missed = gapWeeks(weeks);
  return `${change}${missed === 0 ? '' : `; ${plural(missed, 'week')} without a snapshot`}.`;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** The image block's alt_text: what the chart shows, in a few plain sentences. */
export function trendAltText(series: TrendSeries): string {
  const { weeks, scopeLabel } = series;
  const first = weeks[0];
  const last = weeks.at(-1);
  if (!first || !last)
    return clip(`Debt trend for ${scopeLabel}: no items yet, so no trend.`, ALT_TEXT_MAX, '…');
  const filed = weeks.reduce((n, w) => n + w.filed, 0);
  const resolved = weeks.reduce((n, w) => n + w.resolved, 0);
  const span =
    weeks.length === 1
      ? `the week of ${shortDate(first.startsOn, true)}`
      : `${weeks.length} weeks from ${shortDate(first.startsOn)} to ${shortDate(last.startsOn, true)}`;
  const counts = `${plural(filed, 'item')} filed, ${resolved} resolved`;
  return clip(
    `Debt trend for ${scopeLabel}, ${span}: ${counts}. ${interestSentence(weeks)}`,
    ALT_TEXT_MAX,
    '…',
  );
}
