// The CSV export's columns (SPEC §2.10) and one row per item: every §1.1 field, the scores, pain, a permalink. Pure.
import { categoryLabel } from './categories.ts';
import { cardPermalink, formatItemId, type Item } from './item.ts';
import { MEASURED_WINDOW_DAYS, type PainReport, type Score } from './scoring.ts';

export interface ExportRowInput {
  item: Item;
  score: Score;
  /** The item's pain reports; those in the last 28 days are summed into `pain_hours_28d`. */
  pain: readonly PainReport[];
  /** e.g. `https://acme.slack.com/` (auth.test); null leaves the permalink column empty. */
  workspaceUrl: string | null;
  now: Date;
}

type Cell = string | number | boolean | null;

interface Column {
  /** The header: snake_case with its unit, stable for whoever reads the file by column name. */
  key: string;
  /** Text cells are neutralised against formulas (see `neutralise`); numbers, booleans and instants are not. */
  text: boolean;
  value(row: ExportRowInput): Cell;
}

const text = (key: string, value: (row: ExportRowInput) => string | null): Column => ({
  key,
  text: true,
  value,
});
const other = (key: string, value: (row: ExportRowInput) => Cell): Column => ({ key, text: false, value });

/**
 * Two decimals for hours, weeks and shares of an hour; the priority (interest ÷ effort, often well below 0.01)
 * keeps four, so that two items' order can still be told apart.
 */
const HOURS_DECIMALS = 2;
const PRIORITY_DECIMALS = 4;

/** Rounded, never in exponent notation, and -0 shown as 0. */
export function formatNumber(value: number | null, decimals = HOURS_DECIMALS): string | null {
  if (value === null || !Number.isFinite(value)) return null;
  const rounded = Number(value.toFixed(decimals));
  return String(rounded === 0 ? 0 : rounded);
}

/** `https://acme.slack.com/archives/C123/p1700000000123456`: built, not asked of chat.getPermalink per item. */

/** Hours reported in the 28 days up to `now`: the window measured interest uses (§1.4, §1.5). */
export function painHoursInWindow(reports: readonly PainReport[], now: Date): number {
  const since = now.getTime() - MEASURED_WINDOW_DAYS * 86_400_000;
  return reports.reduce((sum, r) => {
    const at = Date.parse(r.at);
    return at > since && at <= now.getTime() ? sum + r.hours : sum;
  }, 0);
}

/** The columns, in order. */
export const EXPORT_COLUMNS: readonly Column[] = [
  text('id', (r) => formatItemId(r.item.id)),
  text('team_id', (r) => r.item.teamId),
  text('channel_id', (r) => r.item.channelId),
  text('title', (r) => r.item.title),
  text('description', (r) => r.item.description),
  text('category', (r) => r.item.category),
  text('category_label', (r) => categoryLabel(r.item.category)),
  text('component', (r) => r.item.component),
  text('links', (r) => r.item.links.join(' ')),
  text('reporter_id', (r) => r.item.reporterId),
  text('owner_id', (r) => r.item.ownerId),
  text('status', (r) => r.item.status),
  other('voting_closed', (r) => r.item.votingClosed),
  other('created_at_utc', (r) => r.item.createdAt),
  other('updated_at_utc', (r) => r.item.updatedAt),
  other('resolved_at_utc', (r) => r.item.resolvedAt),
  // Set when the item was closed, cleared when it is reopened (src/features/manage-item.ts).
  text('resolved_by', (r) => r.item.resolvedBy),
  other('resolved_interest_hours_per_week', (r) => formatNumber(r.item.resolvedInterest)),
  other('card_ts', (r) => r.item.card?.ts ?? null),
  other('panel_ts', (r) => r.item.panelTs),
  other('interest_hours_per_week', (r) => formatNumber(r.score.interest)),
  text('interest_source', (r) =>
    r.score.interest === null ? null : r.score.measured ? 'measured' : 'voted',
  ),
  other('severity_hours', (r) => formatNumber(r.score.severityHours)),
  other('frequency_per_week', (r) => formatNumber(r.score.frequencyPerWeek)),
  other('effort_hours', (r) => formatNumber(r.score.effortHours)),
  other('effort_known', (r) => r.score.effortKnown),
  other('payback_weeks', (r) => formatNumber(r.score.paybackWeeks)),
  other('priority', (r) => formatNumber(r.score.priority, PRIORITY_DECIMALS)),
  text('confidence', (r) => r.score.confidence),
  other('voters', (r) => r.score.voters),
  other('ranked', (r) => r.score.ranked),
  other('pain_hours_28d', (r) => formatNumber(painHoursInWindow(r.pain, r.now))),
  text('card_permalink', (r) => cardPermalink(r.item, r.workspaceUrl)),
];

/** For csv-stringify's `columns`: the header names, in order. */
export const EXPORT_HEADER: readonly string[] = EXPORT_COLUMNS.map((c) => c.key);

/**
 * How the file is written (csv-stringify options):
 * - `bom`: a UTF-8 byte order mark first. Excel reads a CSV without one in the machine's legacy code page, and
 *   titles with accents or emoji come out garbled; Google Sheets, LibreOffice, pandas (`utf-8-sig`) and
 *   csv-parse (`bom: true`) skip it.
 * - `record_delimiter: 'windows'`: CRLF between records, as RFC 4180 says.
 * - `quoted_match`: csv-stringify quotes a field holding a comma, a quote or the record delimiter, but not a
 *   bare LF or CR; RFC 4180 wants any line break inside a field quoted, or readers split the record there.
 */
export const CSV_FORMAT = { bom: true, record_delimiter: 'windows', quoted_match: /[\r\n]/ } as const;

/** A spreadsheet runs a cell starting with one of these as a formula (OWASP, "CSV Injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * OWASP's advice against CSV injection: a text cell that a spreadsheet would run as a formula gets a leading
 * single quote, so it is shown as text. Applied to text cells only: numeric columns hold non-negative numbers
 * (never `-…`), and quoting a number would turn it into text; instants start with a digit.
 */
export function neutralise(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** One item's row, in EXPORT_COLUMNS order: strings, with '' for null (an empty cell). */
export function exportRow(row: ExportRowInput): string[] {
  return EXPORT_COLUMNS.map((column) => {
    const value = column.value(row);
    if (value === null) return '';
    const cell = String(value);
    return column.text ? neutralise(cell) : cell;
  });
}
