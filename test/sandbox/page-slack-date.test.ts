import { describe, expect, it } from 'vitest';
import { formatSlackDate } from '../../src/sandbox/page/slack-date.ts';

const seconds = (iso: string) => Date.parse(iso) / 1000;
const utc = { now: new Date('2026-03-10T12:00:00Z'), timeZone: 'UTC' };

describe('sandbox page <!date> tokens', () => {
  it('renders every date token', () => {
    const at = seconds('2026-02-18T06:39:45Z');
    const render = (template: string) => formatSlackDate(at, template, utc);
    expect(render('{date_num}')).toBe('2026-02-18');
    expect(render('{date_slash}')).toBe('18/02/2026');
    expect(render('{date}')).toBe('February 18th, 2026');
    expect(render('{date_short}')).toBe('Feb 18, 2026');
    expect(render('{date_long}')).toBe('Wednesday, February 18th, 2026');
    expect(render('{date_long_full}')).toBe('February 18, 2026');
    expect(render('{date_pretty} / {date_short_pretty} / {date_long_pretty}')).toBe(
      'February 18th, 2026 / Feb 18, 2026 / Wednesday, February 18th, 2026',
    );
    expect(render('{day_divider_pretty}')).toBe('Wednesday, February 18th');
    expect(render('at {time} ({time_secs})')).toBe('at 6:39 AM (6:39:45 AM)');
  });

  it('uses today, yesterday and tomorrow by calendar day in the zone', () => {
    expect(formatSlackDate(seconds('2026-03-10T00:05:00Z'), '{date_pretty}', utc)).toBe('today');
    expect(formatSlackDate(seconds('2026-03-09T23:55:00Z'), '{date_short_pretty}', utc)).toBe('yesterday');
    expect(formatSlackDate(seconds('2026-03-11T23:55:00Z'), '{date_long_pretty}', utc)).toBe('tomorrow');
    // 23:55 UTC on the 9th is already the 10th in Berlin.
    const berlin = { now: utc.now, timeZone: 'Europe/Berlin' };
    expect(formatSlackDate(seconds('2026-03-09T23:55:00Z'), '{date_pretty} {time}', berlin)).toBe(
      'today 12:55 AM',
    );
  });

  it('writes English ordinals', () => {
    const day = (d: number) =>
      formatSlackDate(seconds(`2026-01-${String(d).padStart(2, '0')}T12:00:00Z`), '{date}', utc);
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 31].map(day)).toEqual(
      ['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '23rd', '31st'].map(
        (n) => `January ${n}, 2026`,
      ),
    );
  });

  it("takes Object.prototype's names for text, not tokens", () => {
    const at = seconds('2026-02-18T06:39:45Z');
    const render = (template: string) => formatSlackDate(at, template, utc);
    expect(render('{__proto__}')).toBeNull();
    expect(render('{constructor} {to_string} {has_own_property}')).toBeNull();
    expect(render('{__proto__} {date_num} {constructor}')).toBe('{__proto__} 2026-02-18 {constructor}');
  });

  it('gives up (the fallback shows) without a known token or a number', () => {
    expect(formatSlackDate(seconds('2026-03-10T00:05:00Z'), 'no tokens {here}', utc)).toBeNull();
    expect(formatSlackDate(Number.NaN, '{date}', utc)).toBeNull();
  });
});
