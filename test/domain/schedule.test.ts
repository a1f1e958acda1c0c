import { JobScheduler } from 'bullmq';
import { DateTime, IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { isDomainError } from '../../src/domain/errors.ts';
import {
  cronPattern,
  type DigestSchedule,
  describeSchedule,
  digestSchedulerId,
  digestWindow,
  HOUR_MS,
  isMissed,
  isoWeekKey,
  lateness,
  MISSED_AFTER_MS,
  nextRun,
  previousRun,
  repeatOptions,
  resolveSlot,
  slotFromJob,
} from '../../src/domain/schedule.ts';
import { ChannelSettingsSchema } from '../../src/domain/settings.ts';

// Everything here runs on BullMQ's own defaultRepeatStrategy (via nextRun): the code that decides.
const MINUTE_MS = 60_000;
const DAY_MS = 24 * HOUR_MS;
const at = (iso: string) => Date.parse(iso);
const local = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone });
const hours = (ms: number) => ms / HOUR_MS;

/** Every run the scheduler produces in [from, until), each computed from the one before (on-time workers). */
function runs(s: DigestSchedule, from: number, until: number): number[] {
  const out: number[] = [];
  for (let run = nextRun(s, from); run < until; run = nextRun(s, run)) out.push(run);
  return out;
}

function expectLocal(run: number, s: DigestSchedule) {
  const t = local(run, s.timezone);
  expect({ weekday: t.weekday, time: t.toFormat('HH:mm'), second: t.second, ms: t.millisecond }).toEqual({
    weekday: s.weekday,
    time: s.time,
    second: 0,
    ms: 0,
  });
}

function expectWeekly(list: number[], zone: string) {
  for (let i = 1; i < list.length; i++) {
    const prev = list[i - 1] ?? Number.NaN;
    expect(local(prev, zone).plus({ weeks: 1 }).toMillis()).toBe(list[i]);
  }
}

function expectInvalid(fn: () => unknown) {
  try {
    fn();
    expect.unreachable();
  } catch (error) {
    expect(isDomainError(error) && error.code).toBe('invalid');
  }
}

describe('the pattern handed to upsertJobScheduler', () => {
  it.each([
    [1, '09:00', '0 9 * * 1'],
    [5, '17:45', '45 17 * * 5'],
    [6, '00:00', '0 0 * * 6'],
    [7, '23:59', '59 23 * * 0'],
  ])('ISO weekday %i at %s → %s', (weekday, time, pattern) => {
    expect(cronPattern({ weekday, time })).toBe(pattern);
    expect(repeatOptions({ weekday, time, timezone: 'Europe/Berlin' })).toEqual({
      pattern,
      tz: 'Europe/Berlin',
    });
  });

  it('refuses a weekday or time that the settings schema would refuse', () => {
    for (const bad of [
      { weekday: 0, time: '09:00' },
      { weekday: 8, time: '09:00' },
      { weekday: 1.5, time: '09:00' },
      { weekday: 1, time: '24:00' },
      { weekday: 1, time: '9:00' },
      { weekday: 1, time: '09:60' },
    ]) {
      expectInvalid(() => cronPattern(bad));
    }
  });

  it('names the scheduler per channel and describes it in words', () => {
    expect(digestSchedulerId('T1', 'C2')).toBe('digest-T1-C2');
    expect(describeSchedule({ weekday: 1, time: '09:00', timezone: 'Europe/Berlin' })).toBe(
      'Mondays at 09:00 (Europe/Berlin)',
    );
    expect(describeSchedule({ weekday: 7, time: '23:59', timezone: 'Asia/Kathmandu' })).toBe(
      'Sundays at 23:59 (Asia/Kathmandu)',
    );
    expectInvalid(() => describeSchedule({ weekday: 8, time: '09:00', timezone: 'UTC' }));
  });
});

describe('Monday 09:00 for two years, through every DST change', () => {
  const from = at('2027-01-01T00:00:00Z');
  const until = at('2029-01-01T00:00:00Z');
  it.each([
    ['America/New_York', true],
    ['Europe/Berlin', true],
    ['Australia/Sydney', true],
    ['Asia/Kolkata', false],
    ['America/St_Johns', true],
  ])('%s', (timezone, hasDst) => {
    const s = { weekday: 1, time: '09:00', timezone };
    const list = runs(s, from, until);

    expect(list.length).toBeGreaterThanOrEqual(104);
    expect(local(list[0] ?? 0, timezone).toISODate()).toBe('2027-01-04');
    for (const run of list) expectLocal(run, s);
    expectWeekly(list, timezone);

    const offsets = list.map((run) => local(run, timezone).offset);
    const offsetChanges = offsets.filter((offset, i) => i > 0 && offset !== offsets[i - 1]).length;
    const gaps = new Set(list.slice(1).map((run, i) => hours(run - (list[i] ?? 0))));
    if (hasDst) {
      expect(offsetChanges).toBe(4);
      expect([...gaps].sort()).toEqual([167, 168, 169]);
    } else {
      expect(offsetChanges).toBe(0);
      expect([...gaps]).toEqual([168]);
    }
    // The digest window starts at the slot the scheduler actually ran before.
    for (let i = 1; i < list.length; i++) expect(previousRun(s, list[i] ?? 0)).toBe(list[i - 1]);
  });
});

describe('a local time that happens zero or two times (Europe/Berlin, SPEC §2.4: once per week)', () => {
  const byWeek = (list: number[], zone: string) => {
    const counts = new Map<string, number>();
    for (const run of list) counts.set(isoWeekKey(run, zone), (counts.get(isoWeekKey(run, zone)) ?? 0) + 1);
    return counts;
  };

  it.each([
    ['Europe/Berlin', '2027-W12', '2027-03-28T01:30:00Z', '03:30 +02:00'],
    ['America/New_York', '2027-W10', '2027-03-14T07:30:00Z', '03:30 -04:00'],
  ])(
    '%s spring forward: Sunday 02:30 does not exist; the run moves to %s',
    (timezone, week, expected, wall) => {
      const s = { weekday: 7, time: '02:30', timezone };
      const list = runs(s, at('2027-02-01T00:00:00Z'), at('2027-05-01T00:00:00Z'));
      const weeks = byWeek(list, timezone);
      expect([...weeks.values()].every((n) => n === 1)).toBe(true);
      expect(weeks.size).toBe(list.length);
      const inWeek = list.filter((run) => isoWeekKey(run, timezone) === week);
      expect(inWeek).toEqual([at(expected)]);
      expect(local(at(expected), timezone).toFormat('ccc HH:mm ZZ')).toBe(`Sun ${wall}`);
      // It is the instant 02:30 would have been under winter time: 168 h after last week, 167 h before next.
      const i = list.indexOf(at(expected));
      expect(hours(at(expected) - (list[i - 1] ?? 0))).toBe(168);
      expect(hours((list[i + 1] ?? 0) - at(expected))).toBe(167);
    },
  );

  it('spring forward, measured: computed from 03:00–03:29 that day, the strategy returns next week', () => {
    const s = { weekday: 7, time: '02:30', timezone: 'Europe/Berlin' };
    // Only an upsert in that half hour sees this; a running scheduler computes from last week's slot.
    expect(nextRun(s, at('2027-03-28T00:59:00Z'))).toBe(at('2027-03-28T01:30:00Z'));
    expect(nextRun(s, at('2027-03-28T01:00:00Z'))).toBe(at('2027-04-04T00:30:00Z'));
  });

  it('fall back: Sunday 02:30 happens twice; the scheduler runs once, at the first (summer time)', () => {
    const s = { weekday: 7, time: '02:30', timezone: 'Europe/Berlin' };
    const list = runs(s, at('2027-09-01T00:00:00Z'), at('2027-12-01T00:00:00Z'));
    const weeks = byWeek(list, 'Europe/Berlin');
    expect([...weeks.values()].every((n) => n === 1)).toBe(true);
    const inWeek = list.filter((run) => isoWeekKey(run, 'Europe/Berlin') === '2027-W43');
    expect(inWeek).toEqual([at('2027-10-31T00:30:00Z')]);
    expect(local(at('2027-10-31T00:30:00Z'), 'Europe/Berlin').toFormat('HH:mm ZZ')).toBe('02:30 +02:00');
    const i = list.indexOf(at('2027-10-31T00:30:00Z'));
    expect(hours((list[i + 1] ?? 0) - (list[i] ?? 0))).toBe(169);
  });

  it('fall back, measured: a job picked up 30–59 min late gets a second 02:30 (winter) the same week', () => {
    const s = { weekday: 7, time: '02:30', timezone: 'Europe/Berlin' };
    const first = at('2027-10-31T00:30:00Z');
    // The worker computes the next slot from max(now, prevMillis) when it picks the job up.
    for (const late of [0, 1, 29])
      expect(nextRun(s, first + late * MINUTE_MS)).toBe(at('2027-11-07T01:30:00Z'));
    for (const late of [30, 45, 59])
      expect(nextRun(s, first + late * MINUTE_MS)).toBe(at('2027-10-31T01:30:00Z'));
    for (const late of [60, 90])
      expect(nextRun(s, first + late * MINUTE_MS)).toBe(at('2027-11-07T01:30:00Z'));
    // Same ISO week key, so the week's reservation (SPEC §2.4) keeps it to one digest.
    expect(isoWeekKey(at('2027-10-31T01:30:00Z'), 'Europe/Berlin')).toBe(isoWeekKey(first, 'Europe/Berlin'));
    expect(previousRun(s, at('2027-10-31T01:30:00Z'))).toBe(first);
  });
});

describe('every DST transition of 2027 in every zone', () => {
  interface Transition {
    zone: string;
    at: number;
    before: number;
    after: number;
  }

  function transitions(zone: string, year: number): Transition[] {
    const z = IANAZone.create(zone);
    const found: Transition[] = [];
    // Sample monthly, then find the day and bisect to the minute (a change undone within a month is missed).
    for (let month = 0; month < 12; month++) {
      const start = Date.UTC(year, month, 1);
      const end = Date.UTC(year, month + 1, 1);
      if (z.offset(start) === z.offset(end)) continue;
      for (let day = start; day < end; day += DAY_MS) {
        const before = z.offset(day);
        if (z.offset(day + DAY_MS) === before) continue;
        let lo = day;
        let hi = day + DAY_MS;
        while (hi - lo > MINUTE_MS) {
          const mid = lo + Math.floor((hi - lo) / 2 / MINUTE_MS) * MINUTE_MS;
          if (z.offset(mid) === before) lo = mid;
          else hi = mid;
        }
        found.push({ zone, at: hi, before, after: z.offset(hi) });
      }
    }
    return found;
  }

  it('a missing or repeated whole hour (01:00–22:59) runs exactly once, at the instant the old offset gives', () => {
    let checked = 0;
    const zonesWithDst = new Set<string>();
    for (const zone of Intl.supportedValuesOf('timeZone')) {
      for (const t of transitions(zone, 2027)) {
        zonesWithDst.add(zone);
        // The affected wall-clock hour, written as if it were UTC.
        const wallStart = t.at + Math.min(t.before, t.after) * MINUTE_MS;
        const wall = DateTime.fromMillis(wallStart, { zone: 'UTC' });
        const wholeHour = Math.abs(t.after - t.before) === 60 && wall.minute === 0;
        if (!wholeHour || wall.hour < 1 || wall.hour > 22) continue; // measured separately below
        for (const minute of [0, 30, 59]) {
          const w = wall.plus({ minutes: minute });
          const s = { weekday: w.weekday, time: w.toFormat('HH:mm'), timezone: zone };
          const near = runs(s, t.at - 9 * DAY_MS, t.at + 9 * DAY_MS).filter(
            (run) => Math.abs(run - t.at) < 12 * HOUR_MS,
          );
          expect({ zone, time: s.time, near }).toEqual({
            zone,
            time: s.time,
            near: [w.toMillis() - t.before * MINUTE_MS],
          });
          checked++;
        }
      }
    }
    expect(zonesWithDst.size).toBeGreaterThan(100);
    expect(checked).toBeGreaterThan(600);
  });

  it.each([
    // Measured with cron-parser 5.10.3 (bullmq 6.7.0); recorded in ADR 0009 as limitations.
    ['Atlantic/Azores', 'missing midnight hour: the week is skipped', 7, '00:30', '2027-03-21', '2027-04-04'],
    ['Australia/Lord_Howe', 'missing half hour: the week is skipped', 7, '02:15', '2027-09-26', '2027-10-10'],
    ['Pacific/Chatham', 'repeated 02:45–03:44: 03:44 runs twice', 7, '03:44', '2027-03-28', '2027-04-04'],
    ['Antarctica/Troll', 'repeated two hours: 02:30 runs twice', 7, '02:30', '2027-10-24', '2027-10-31'],
  ])('%s, %s', (timezone, what, weekday, time, lastGood, next) => {
    const s = { weekday, time, timezone };
    const first = nextRun(s, at(`${lastGood}T00:00:00Z`) - DAY_MS);
    expect(local(first, timezone).toISODate()).toBe(lastGood);
    const second = nextRun(s, first);
    expect(local(second, timezone).toISODate()).toBe(next);
    const third = nextRun(s, second);
    const twice = local(third, timezone).toISODate() === next;
    expect(twice).toBe(what.includes('twice'));
    if (!twice) {
      // The digest after a skipped week covers both weeks.
      expect(hours(second - previousRun(s, second))).toBeGreaterThan(300);
      expect(previousRun(s, second)).toBe(first);
    }
  });
});

describe('any minute, in zones with odd offsets', () => {
  it.each([
    ['Pacific/Chatham', 5, '17:45'],
    ['Pacific/Chatham', 7, '23:59'],
    ['Pacific/Chatham', 1, '00:00'],
    ['Asia/Kathmandu', 5, '17:45'],
    ['Asia/Kathmandu', 7, '23:59'],
    ['Asia/Kathmandu', 1, '00:00'],
  ])('%s, ISO weekday %i at %s, for a year', (timezone, weekday, time) => {
    const s = { weekday, time, timezone };
    const list = runs(s, at('2027-01-01T00:00:00Z'), at('2028-01-01T00:00:00Z'));
    expect(list.length).toBeGreaterThanOrEqual(52);
    for (const run of list) expectLocal(run, s);
    expectWeekly(list, timezone);
  });

  it.each(['Pacific/Chatham', 'Asia/Kathmandu'])(
    'every one of the 1440 minutes of a day in %s',
    (timezone) => {
      const from = at('2027-01-06T00:00:00Z');
      for (let m = 0; m < 24 * 60; m++) {
        const time = `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
        const s = { weekday: 1 + (m % 7), time, timezone };
        const run = nextRun(s, from);
        expectLocal(run, s);
        expect(run - from).toBeGreaterThan(0);
        expect(run - from).toBeLessThanOrEqual(7 * DAY_MS);
      }
    },
  );
});

describe('time zones', () => {
  it('accepts every zone Intl knows, and each one schedules at local weekday and time', () => {
    const zones = Intl.supportedValuesOf('timeZone');
    expect(zones.length).toBeGreaterThan(300);
    const from = at('2027-01-06T00:00:00Z');
    zones.forEach((timezone, i) => {
      expect(ChannelSettingsSchema.safeParse({ v: 1, timezone }).success).toBe(true);
      const hh = String((i * 7) % 24).padStart(2, '0');
      const mm = String((i * 13) % 60).padStart(2, '0');
      const s = { weekday: 1 + (i % 7), time: `${hh}:${mm}`, timezone };
      const run = nextRun(s, from);
      expectLocal(run, s);
      expect(run - from).toBeGreaterThan(0);
      expect(run - from).toBeLessThanOrEqual(7 * DAY_MS);
    });
  });

  it.each(['UTC', 'Etc/GMT+5', 'US/Eastern', 'Asia/Calcutta'])(
    'accepts %s (aliases included)',
    (timezone) => {
      expect(ChannelSettingsSchema.safeParse({ v: 1, timezone }).success).toBe(true);
      const s = { weekday: 3, time: '14:05', timezone };
      expectLocal(nextRun(s, at('2027-06-01T00:00:00Z')), s);
    },
  );

  it.each(['Mars/Olympus', '', ' ', 'Europe/Berlin ', 'GMT+25'])('refuses %j', (timezone) => {
    expect(ChannelSettingsSchema.safeParse({ v: 1, timezone }).success).toBe(false);
  });

  it('an unknown zone never reaches the strategy silently', () => {
    expect(() => nextRun({ weekday: 1, time: '09:00', timezone: 'Mars/Olympus' }, 0)).toThrow();
    expectInvalid(() => isoWeekKey(0, 'Mars/Olympus'));
  });
});

describe('the ISO week a slot belongs to, in the channel zone', () => {
  it.each([
    ['2027-01-04T08:00:00Z', 'Europe/Berlin', '2027-W01'], // Monday 09:00
    ['2026-12-28T08:00:00Z', 'Europe/Berlin', '2026-W53'], // Monday 09:00, a 53-week year
    ['2027-01-01T08:00:00Z', 'Europe/Berlin', '2026-W53'], // Friday 1 January still in last year's week
    ['2029-12-31T08:00:00Z', 'Europe/Berlin', '2030-W01'], // Monday 31 December already next year's week
    ['2027-12-27T08:00:00Z', 'Europe/Berlin', '2027-W52'],
    // Sunday 23:30 in UTC is Monday 00:30 in Berlin: the zone decides the week.
    ['2027-01-03T23:30:00Z', 'UTC', '2026-W53'],
    ['2027-01-03T23:30:00Z', 'Europe/Berlin', '2027-W01'],
    ['2027-01-03T12:00:00Z', 'Pacific/Kiritimati', '2027-W01'],
  ])('%s in %s is %s', (iso, zone, key) => {
    expect(isoWeekKey(at(iso), zone)).toBe(key);
  });
});

describe('the digest window: previous scheduled slot to this one', () => {
  const monday = { weekday: 1, time: '09:00', timezone: 'Europe/Berlin' };

  it.each([
    ['2027-03-29T07:00:00Z', '2027-03-22T08:00:00Z', 167], // clocks went forward on Sunday
    ['2027-11-01T08:00:00Z', '2027-10-25T07:00:00Z', 169], // clocks went back on Sunday
    ['2027-06-07T07:00:00Z', '2027-05-31T07:00:00Z', 168],
  ])('slot %s starts at %s (%i h)', (slot, start, length) => {
    const window = digestWindow(monday, at(slot));
    expect(window).toEqual({ start: new Date(start), end: new Date(slot) });
    expect(hours(window.end.getTime() - window.start.getTime())).toBe(length);
  });

  it('the week after a moved spring-forward slot is 167 h', () => {
    const sunday = { weekday: 7, time: '02:30', timezone: 'Europe/Berlin' };
    expect(previousRun(sunday, at('2027-04-04T00:30:00Z'))).toBe(at('2027-03-28T01:30:00Z'));
    expect(previousRun(sunday, at('2027-03-28T01:30:00Z'))).toBe(at('2027-03-21T01:30:00Z'));
  });
});

describe('scheduler jobs and lateness', () => {
  const slot = at('2027-01-04T08:00:00Z');
  // BullMQ's own id generator (private in its types, reached by name).
  const scheduler = JobScheduler.prototype as unknown as {
    getSchedulerNextJobId(args: { jobSchedulerId: string; nextMillis: number }): string;
  };
  const bullmqJobId = scheduler.getSchedulerNextJobId({
    jobSchedulerId: digestSchedulerId('T1', 'C2'),
    nextMillis: slot,
  });

  it('reads the slot from prevMillis, else from the job id', () => {
    expect(bullmqJobId).toBe(`repeat:digest-T1-C2:${slot}`);
    expect(slotFromJob({ id: bullmqJobId, opts: { prevMillis: slot } })).toBe(slot);
    expect(slotFromJob({ id: bullmqJobId, opts: {} })).toBe(slot);
    expect(slotFromJob({ id: bullmqJobId })).toBe(slot);
    expect(slotFromJob({ id: 'other', opts: { prevMillis: slot } })).toBe(slot);
    expect(slotFromJob({ id: 'repeat:with:colons:in:id:1700000000000' })).toBe(1_700_000_000_000);
  });

  it.each([{}, { id: 'digest-post-123' }, { id: 'repeat:digest-T1-C2:' }, { id: 'repeat:12' }])(
    'has no slot for %j',
    (job) => {
      expect(slotFromJob(job)).toBeNull();
    },
  );

  it('posts up to 24 h late and skips after that', () => {
    expect(MISSED_AFTER_MS).toBe(24 * HOUR_MS);
    expect(lateness(slot, slot + 5 * MINUTE_MS)).toBe(5 * MINUTE_MS);
    expect(isMissed(slot, slot)).toBe(false);
    expect(isMissed(slot, slot + 23 * HOUR_MS + 59 * MINUTE_MS)).toBe(false);
    expect(isMissed(slot, slot + 24 * HOUR_MS + MINUTE_MS)).toBe(true);
  });
});

describe('resolveSlot: what a late digest job does', () => {
  const monday9 = { weekday: 1, time: '09:00', timezone: 'Europe/Berlin' };
  const at = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Berlin' }).toMillis();

  it('posts its own slot when it runs on time or under 24 hours late', () => {
    const slot = at('2027-03-01T09:00');
    expect(resolveSlot(monday9, slot, slot)).toEqual({ post: slot, missed: [] });
    expect(resolveSlot(monday9, slot, slot + 23 * 3_600_000)).toEqual({ post: slot, missed: [] });
  });

  it('skips its own slot when more than 24 hours late, reporting it', () => {
    const slot = at('2027-03-01T09:00');
    expect(resolveSlot(monday9, slot, at('2027-03-03T12:00'))).toEqual({ post: null, missed: [slot] });
  });

  it('after a three-week outage posts the latest slot if under 24 h old and reports every week in between', () => {
    const slot = at('2027-03-01T09:00');
    const now = at('2027-03-22T15:00');
    expect(resolveSlot(monday9, slot, now)).toEqual({
      post: at('2027-03-22T09:00'),
      missed: [slot, at('2027-03-08T09:00'), at('2027-03-15T09:00')],
    });
  });
});
