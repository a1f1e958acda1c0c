// Digest schedule math (SPEC §1.7, §2.4): the cron pattern BullMQ runs, and the slots, weeks and windows it yields.
import { defaultRepeatStrategy } from 'bullmq';
import { DateTime } from 'luxon';
import { invalid } from './errors.ts';
import { WEEKDAYS } from './settings.ts';

/** When a channel's digest runs: ISO weekday (1 = Monday … 7 = Sunday), local `HH:MM`, IANA zone. */
export interface DigestSchedule {
  weekday: number;
  time: string;
  timezone: string;
}

/** What `queue.upsertJobScheduler(id, repeat, template)` receives as `repeat`. */
export interface DigestRepeatOptions {
  pattern: string;
  tz: string;
}

export const HOUR_MS = 60 * 60 * 1000;
/** A digest later than this is skipped rather than posted (SPEC §2.4). */
export const MISSED_AFTER_MS = 24 * HOUR_MS;

const DAY_MS = 24 * HOUR_MS;
const WEEK_MS = 7 * DAY_MS;
// Start a day before the week so a 1 h or 2 h DST shift never hides the slot; skipped weeks look further.
const MAX_LOOKBACK_WEEKS = 4;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** One BullMQ job scheduler per channel. */
export function digestSchedulerId(teamId: string, channelId: string): string {
  return `digest-${teamId}-${channelId}`;
}

/** The channel a digest scheduler id belongs to; null for any other scheduler (e.g. the card sweep). */
export function parseDigestSchedulerId(id: string): { teamId: string; channelId: string } | null {
  const match = /^digest-([A-Z0-9]+)-([A-Z0-9]+)$/.exec(id);
  return match?.[1] && match[2] ? { teamId: match[1], channelId: match[2] } : null;
}

/** `{ weekday: 1, time: '09:00' }` → `'0 9 * * 1'`; cron counts Sunday as 0, ISO as 7. */
export function cronPattern(s: Pick<DigestSchedule, 'weekday' | 'time'>): string {
  const match = TIME.exec(s.time);
  if (!match || !Number.isInteger(s.weekday) || s.weekday < 1 || s.weekday > 7) {
    throw invalid('The digest needs a weekday and a time of day as HH:MM.');
  }
  return `${Number(match[2])} ${Number(match[1])} * * ${s.weekday % 7}`;
}

export function repeatOptions(s: DigestSchedule): DigestRepeatOptions {
  return { pattern: cronPattern(s), tz: s.timezone };
}

/**
 * The first slot strictly after `fromMillis`, as BullMQ's scheduler computes it. Deliberately not
 * our own cron: this is the function that decides when the job runs.
 */
export function nextRun(s: DigestSchedule, fromMillis: number): number {
  const next = defaultRepeatStrategy(fromMillis, repeatOptions(s));
  if (next === undefined) throw new Error(`no digest slot after ${new Date(fromMillis).toISOString()}`);
  return next;
}

/**
 * The slot before `slotMillis`, walked forward with the same strategy so DST weeks (167 h/169 h) match.
 * A week the strategy skips (a local time that does not exist that day, see ADR 0009) is not a slot,
 * so the window then reaches back to the slot before it.
 */
export function previousRun(s: DigestSchedule, slotMillis: number): number {
  for (let weeks = 1; weeks <= MAX_LOOKBACK_WEEKS; weeks++) {
    let previous: number | undefined;
    const from = slotMillis - weeks * WEEK_MS - DAY_MS;
    for (let run = nextRun(s, from); run < slotMillis; run = nextRun(s, run)) previous = run;
    if (previous !== undefined) return previous;
  }
  throw new Error(
    `no digest slot in the ${MAX_LOOKBACK_WEEKS} weeks before ${new Date(slotMillis).toISOString()}`,
  );
}

/** The ISO week of the slot in the channel's zone, e.g. `2026-W53`; the digest's once-per-week key. */
export function isoWeekKey(slotMillis: number, timezone: string): string {
  const local = DateTime.fromMillis(slotMillis, { zone: timezone });
  if (!local.isValid) throw invalid(`"${timezone}" is not a time zone.`);
  return local.toFormat("kkkk-'W'WW");
}

/** A scheduled digest covers the previous slot up to this one (SPEC §2.4). */
export function digestWindow(s: DigestSchedule, slotMillis: number): { start: Date; end: Date } {
  return { start: new Date(previousRun(s, slotMillis)), end: new Date(slotMillis) };
}

/** How late a run is; negative when it runs early. */
export function lateness(slotMillis: number, nowMillis: number): number {
  return nowMillis - slotMillis;
}

export function isMissed(slotMillis: number, nowMillis: number): boolean {
  return lateness(slotMillis, nowMillis) > MISSED_AFTER_MS;
}

const SCHEDULER_JOB_ID = /^repeat:.+:(\d+)$/;

/** The slot a scheduler job stands for: `opts.prevMillis`, else the millis in `repeat:{id}:{millis}`. */
export function slotFromJob(job: { id?: string; opts?: { prevMillis?: number } }): number | null {
  const prev = job.opts?.prevMillis;
  if (typeof prev === 'number' && Number.isFinite(prev) && prev > 0) return prev;
  const match = job.id === undefined ? null : SCHEDULER_JOB_ID.exec(job.id);
  return match?.[1] === undefined ? null : Number(match[1]);
}

/** `Mondays at 09:00 (Europe/Berlin)`. */
export function describeSchedule(s: DigestSchedule): string {
  const day = WEEKDAYS[s.weekday - 1];
  if (day === undefined) throw invalid('The digest weekday must be 1 (Monday) to 7 (Sunday).');
  return `${day}s at ${s.time} (${s.timezone})`;
}

/**
 * What a digest job should do when it runs, however late: post for the latest slot that is under 24 h old
 * (BullMQ schedules the next run from now, so after a long outage only one stale job is left and the most
 * recent slot would otherwise be lost), and report every older slot since the job's own as missed.
 */
export function resolveSlot(
  s: DigestSchedule,
  jobSlot: number,
  now: number,
): { post: number | null; missed: number[] } {
  const latest = previousRun(s, nextRun(s, now));
  const post = latest > jobSlot && !isMissed(latest, now) ? latest : isMissed(jobSlot, now) ? null : jobSlot;
  const missed: number[] = [];
  for (let slot = jobSlot; slot < (post ?? now) && missed.length < 520; slot = nextRun(s, slot)) {
    if (isMissed(slot, now)) missed.push(slot);
  }
  return { post, missed };
}
