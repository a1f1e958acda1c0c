// `<!date^…>` as the Slack client shows it: the template's tokens rendered in the viewer's zone (the browser's,
// unless a test pins one). English names, as the sandbox's Slack speaks English (ordinals need it).
import { own } from './json.ts';

export interface DateZone {
  /** "Today" is judged against this instant. */
  now: Date;
  /** IANA zone; undefined: the browser's own. */
  timeZone?: string;
}

const LOCALE = 'en-US';
const TOKEN = /\{([a-z_]+)\}/g;
const DAY_MS = 86_400_000;

interface CalendarDay {
  year: number;
  month: number;
  day: number;
  weekday: string;
  monthLong: string;
  monthShort: string;
}

function calendarDay(at: Date, timeZone: string | undefined): CalendarDay {
  const parts = new Intl.DateTimeFormat(LOCALE, {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    weekday: 'long',
  }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const name = (month: 'long' | 'short') => new Intl.DateTimeFormat(LOCALE, { timeZone, month }).format(at);
  return {
    year: Number(part('year')),
    month: Number(part('month')),
    day: Number(part('day')),
    weekday: part('weekday'),
    monthLong: name('long'),
    monthShort: name('short'),
  };
}

function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** -1 yesterday, 0 today, 1 tomorrow, … counted in calendar days of the zone, not 24-hour spans. */
function daysFromToday(day: CalendarDay, today: CalendarDay): number {
  return Math.round(
    (Date.UTC(day.year, day.month - 1, day.day) - Date.UTC(today.year, today.month - 1, today.day)) / DAY_MS,
  );
}

const RELATIVE: Readonly<Record<string, string>> = { '-1': 'yesterday', '0': 'today', '1': 'tomorrow' };

/**
 * The template with every known token replaced, e.g. `{date_short_pretty} {time}` → "today 9:30 AM";
 * null when the timestamp is not a number or the template holds no known token (then the fallback shows).
 */
export function formatSlackDate(epochSeconds: number, template: string, zone: DateZone): string | null {
  if (!Number.isFinite(epochSeconds)) return null;
  const at = new Date(epochSeconds * 1000);
  const day = calendarDay(at, zone.timeZone);
  const relative = own(RELATIVE, String(daysFromToday(day, calendarDay(zone.now, zone.timeZone))));
  const time = (second?: '2-digit') =>
    new Intl.DateTimeFormat(LOCALE, {
      timeZone: zone.timeZone,
      hour: 'numeric',
      minute: '2-digit',
      second,
    }).format(at);
  const date = `${day.monthLong} ${ordinal(day.day)}, ${day.year}`;
  const dateShort = `${day.monthShort} ${day.day}, ${day.year}`;
  const dateLong = `${day.weekday}, ${date}`;
  const thisYear = day.year === calendarDay(zone.now, zone.timeZone).year;
  const tokens: Readonly<Record<string, () => string>> = {
    date_num: () => `${day.year}-${pad(day.month)}-${pad(day.day)}`,
    date_slash: () => `${pad(day.day)}/${pad(day.month)}/${day.year}`,
    date: () => date,
    date_short: () => dateShort,
    date_long: () => dateLong,
    date_long_full: () => `${day.monthLong} ${day.day}, ${day.year}`,
    date_pretty: () => relative ?? date,
    date_short_pretty: () => relative ?? dateShort,
    date_long_pretty: () => relative ?? dateLong,
    day_divider_pretty: () =>
      relative ?? (thisYear ? `${day.weekday}, ${day.monthLong} ${ordinal(day.day)}` : dateLong),
    time: () => time(),
    time_secs: () => time('2-digit'),
  };
  let known = 0;
  const text = template.replace(TOKEN, (whole, name: string) => {
    // The template is the app's: `{constructor}` or `{__proto__}` is no token, only text.
    const render = own(tokens, name);
    if (!render) return whole;
    known++;
    return render();
  });
  return known > 0 ? text : null;
}
