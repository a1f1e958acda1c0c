// Quorum chasing (SPEC §2.5): once per ISO week, at or after Monday 10:00 in each person's Slack zone, a DM to
// everyone who switched the reminder on listing the items in their channels that await their vote. Run hourly
// by one install-wide job (jobs/reminders.ts); a once-a-week marker in Redis keeps any rerun from sending twice.
import type { webApi } from '@slack/bolt';
import { DateTime } from 'luxon';
import { buildVoteReminder, REMINDER_LIST_MAX } from '../../blocks/reminder.ts';
import type { Deps } from '../deps.ts';
import { weekKeyOf } from '../domain/iso-week.ts';
import { rank } from '../domain/scoring.ts';
import type { Logger } from '../lib/logger.ts';
import { classifySlackError, isSlackApiError, type SlackFailure } from '../lib/slack-errors.ts';
import type { ReminderPref } from '../store/reminder-prefs.ts';
import type { ScoredItem } from '../store/scored.ts';
import { hasVoted, votingReachable } from './home.ts';
import { pausePosting } from './pause-posting.ts';
import { tellUser } from './tell-user.ts';
import { workspaceUrl } from './workspace-links.ts';

export type ReminderDeps = Pick<
  Deps,
  'items' | 'scores' | 'settings' | 'reminderPrefs' | 'digests' | 'config' | 'logger' | 'clock'
>;

/** Monday, 10:00 local: the week's reminder is due from then until the week ends. */
const DUE_WEEKDAY = 1;
const DUE_HOUR = 10;

/**
 * The person left or the app may not DM them: their opt-in is cleared, never retried. `user_not_found` and
 * `user_disabled` (gone), `cannot_dm_bot` (their DMs to the app closed), and the two codes for a person the
 * bot can no longer reach (`user_not_visible`, `invalid_user_combination`). `messages_tab_disabled` is not
 * among them: it is the app's own setting, for everyone, and is logged as a failure rather than switching
 * every person off one by one.
 */
const DROP_CODES: ReadonlySet<string> = new Set([
  'user_not_found',
  'user_disabled',
  'user_not_visible',
  'invalid_user_combination',
  'cannot_dm_bot',
]);

export type ReminderOutcome = 'sent' | 'nothing awaits' | 'not due' | 'done' | 'dropped' | 'failed';
export interface ReminderRun {
  counts: Record<ReminderOutcome, number>;
  /** Slack rate-limited the run: the rest waits this long (Retry-After); null when the run finished. */
  retryInMs: number | null;
}

/** Thrown inside a run to stop it: Slack said to wait, or refused the token. */
class StopRun extends Error {
  constructor(readonly failure: SlackFailure) {
    super(failure.error);
  }
}

/**
 * The ISO week whose reminder is due at `now` in `zone`, or null before that week's Monday 10:00 — or when the
 * person switched the reminder on after it (`since`): the first one comes the next Monday, as Home promises.
 */
export function dueWeek(now: Date, zone: string, since: Date | null = null): string | null {
  const local = DateTime.fromJSDate(now).setZone(zone);
  if (!local.isValid) return null;
  const dueAt = local.startOf('week').set({ weekday: DUE_WEEKDAY, hour: DUE_HOUR });
  if (local < dueAt) return null;
  if (since !== null && since.getTime() > dueAt.toMillis()) return null;
  return weekKeyOf(local);
}

function zoneOrDefault(tz: unknown, fallback: string): string {
  return typeof tz === 'string' && DateTime.local().setZone(tz).isValid ? tz : fallback;
}

/** The Slack failure behind `error`, or null for anything that is not a Web API error (a bug, Redis). */
function slackFailure(error: unknown): SlackFailure | null {
  return isSlackApiError(error) ? classifySlackError(error) : null;
}

/** Public and private channels the person is in (private ones only where the bot is too), every page. */
async function channelsOf(client: webApi.WebClient, userId: string): Promise<Set<string>> {
  const channels = new Set<string>();
  let cursor: string | undefined;
  do {
    const page = await client.users.conversations({
      user: userId,
      types: 'public_channel,private_channel',
      exclude_archived: true,
      limit: 200,
      ...(cursor ? { cursor } : {}),
    });
    for (const c of page.channels ?? []) if (c.id) channels.add(c.id);
    cursor = page.response_metadata?.next_cursor || undefined;
  } while (cursor);
  return channels;
}

interface Person {
  teamId: string;
  userId: string;
  pref: ReminderPref;
  log: Logger;
}

async function drop(deps: ReminderDeps, p: Person, reason: string): Promise<ReminderOutcome> {
  await deps.reminderPrefs.switchOff(p.teamId, p.userId);
  p.log.info('weekly vote reminder switched off: the person left or takes no DMs from the app', { reason });
  return 'dropped';
}

/** A Slack failure for one person: drop them, stop the run (rate limit, token refused), or skip them this hour. */
async function onFailure(
  deps: ReminderDeps,
  p: Person,
  error: unknown,
  step: string,
): Promise<ReminderOutcome> {
  const failure = slackFailure(error);
  if (failure && DROP_CODES.has(failure.error)) return drop(deps, p, failure.error);
  if (failure?.kind === 'rate_limited' || failure?.kind === 'auth') throw new StopRun(failure);
  // Transient or unexpected: the next hourly run tries again; one person's failure stops nobody else's.
  p.log.warn('weekly vote reminder not sent this hour', { step, failure: failure ?? undefined, error });
  return 'failed';
}

async function remindOne(
  deps: ReminderDeps,
  client: webApi.WebClient,
  p: Person,
  candidates: readonly ScoredItem[],
  url: string | null,
): Promise<ReminderOutcome> {
  const now = deps.clock.now();
  const lastWeek = await deps.reminderPrefs.lastWeek(p.teamId, p.userId);
  // With a zone remembered, most hourly runs end here without asking Slack anything.
  if (p.pref.tz !== null) {
    const guess = dueWeek(now, p.pref.tz, new Date(p.pref.since));
    if (guess === null) return 'not due';
    if (guess === lastWeek) return 'done';
  }
  let week: string;
  let channels: Set<string>;
  try {
    const info = await client.users.info({ user: p.userId });
    if (!info.user || info.user.deleted) return drop(deps, p, 'deleted');
    const tz = zoneOrDefault(info.user.tz, deps.config.defaultTimezone);
    await deps.reminderPrefs.rememberZone(p.teamId, p.userId, p.pref, tz);
    const due = dueWeek(now, tz, new Date(p.pref.since));
    if (due === null) return 'not due';
    if (due === lastWeek) return 'done';
    week = due;
    channels = await channelsOf(client, p.userId);
  } catch (error) {
    return onFailure(deps, p, error, 'users');
  }
  const awaiting = candidates.filter((c) => channels.has(c.item.channelId) && !hasVoted(c.votes, p.userId));
  const claim = await deps.reminderPrefs.claimWeek(p.teamId, p.userId, week);
  if (!claim) return 'done';
  // The week is marked even when nothing awaits them: they are looked at once a week, not every hour.
  if (awaiting.length === 0) return 'nothing awaits';
  const entries = awaiting.slice(0, REMINDER_LIST_MAX).map((c) => c.item);
  const reminder = buildVoteReminder({ entries, total: awaiting.length, workspaceUrl: url });
  try {
    await tellUser(deps, client, p.userId, reminder, null);
    p.log.info('weekly vote reminder sent', { week, items: awaiting.length });
    return 'sent';
  } catch (error) {
    const failure = slackFailure(error);
    // Given back only when Slack said it did not take the message (a rate limit, a refused token): after a
    // timeout or a 5xx it may have been delivered, and a missed reminder is better than a second one.
    if (failure?.kind === 'rate_limited' || failure?.kind === 'auth')
      await deps.reminderPrefs.releaseWeek(p.teamId, p.userId, week, claim);
    if (failure?.kind === 'platform')
      p.log.error('weekly vote reminder refused by Slack', { failure, error });
    return failure?.kind === 'platform' ? 'failed' : onFailure(deps, p, error, 'dm');
  }
}

/** Items that may still gather votes and are below quorum (not ranked yet), highest priority first. */
async function needingVotes(deps: ReminderDeps, teamId: string): Promise<ScoredItem[]> {
  const open = (await deps.items.listTeam(teamId)).filter(votingReachable);
  if (open.length === 0) return [];
  return rank(await deps.scores.score(teamId, open)).filter((e) => !e.score.ranked);
}

/** One run over every workspace and opted-in person; stops early, and says how long to wait, on a rate limit. */
export async function remindVoters(deps: ReminderDeps, client: webApi.WebClient): Promise<ReminderRun> {
  const counts: ReminderRun['counts'] = {
    sent: 0,
    'nothing awaits': 0,
    'not due': 0,
    done: 0,
    dropped: 0,
    failed: 0,
  };
  // Paused posting (a refused token, an uninstall) means no DMs either; the pause has its own alarm.
  if (await deps.digests.paused()) return { counts, retryInMs: null };
  const teams = [...new Set((await deps.settings.all()).map((c) => c.teamId))];
  try {
    for (const teamId of teams) {
      const people = await deps.reminderPrefs.optedIn(teamId, (userId, error) =>
        deps.logger.error('unreadable reminder opt-in skipped', { teamId, userId, error }),
      );
      if (people.size === 0) continue;
      const candidates = await needingVotes(deps, teamId);
      // Nothing anywhere awaits a vote: nobody is asked about, nothing is marked, no Slack call is made.
      if (candidates.length === 0) continue;
      const url = await workspaceUrl(client, deps.logger);
      // One person at a time: a weekly DM is in no hurry, and Slack's per-minute limits stay far away.
      for (const [userId, pref] of people) {
        const log = deps.logger.child({ teamId, userId });
        counts[await remindOne(deps, client, { teamId, userId, pref, log }, candidates, url)]++;
      }
    }
  } catch (error) {
    if (!(error instanceof StopRun)) throw error;
    const { failure } = error;
    if (failure.kind === 'auth') {
      await pausePosting(deps, failure.error);
      return { counts, retryInMs: null };
    }
    const retryInMs = failure.kind === 'rate_limited' ? failure.retryAfterSeconds * 1000 : 60_000;
    deps.logger.info('weekly vote reminders rate-limited; the rest wait as Slack asked', {
      retryInMs,
      counts,
    });
    return { counts, retryInMs };
  }
  if (counts.sent + counts.dropped + counts.failed > 0) deps.logger.info('weekly vote reminders', counts);
  return { counts, retryInMs: null };
}
