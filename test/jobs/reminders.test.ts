// Quorum chasing (SPEC §2.5) on the real harness: the weekly vote reminder is opt-in, lists only items in the
// person's channels that await their vote, goes out once per ISO week after Monday 10:00 in their zone, and
// drops people who left or take no DMs from the app without retrying.
import { describe, expect, it } from 'vitest';
import { VOTE_REMINDERS_SCHEDULER_ID } from '../../jobs/contracts.ts';
import { dueWeek, remindVoters } from '../../src/features/remind-voters.ts';
import { workerClient } from '../../src/start-workers.ts';
import { TEAM, useHarness } from '../support/harness.ts';

/** Monday 7 Dec 2026, 11:00 UTC: 12:00 in Berlin (the fake's zone for everyone), past the 10:00 slot. */
const MONDAY = new Date('2026-12-07T11:00:00Z');
/** When the tests' people switched the reminder on: the Tuesday before, so Monday's reminder is their first. */
const LAST_TUESDAY = new Date('2026-12-01T09:00:00Z');
const HOUR = 3_600_000;

describe('weekly vote reminder', () => {
  const h = useHarness();
  const pinned = (at: Date) => ({ ...h.deps, clock: { now: () => at } });
  const run = (at: Date) => remindVoters(pinned(at), workerClient(h.deps));
  const dms = (userId: string) =>
    h.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === `D${userId}`);

  it('is scheduled hourly by every worker', async () => {
    const scheduler = await h.deps.cardQueue.getJobScheduler(VOTE_REMINDERS_SCHEDULER_ID);
    expect(scheduler).toMatchObject({ every: HOUR });
  });

  it('is off by default: nobody gets a DM', async () => {
    h.fake.setChannel('C0REMOFF', { members: ['U0REMOFF'] });
    await h.file({ title: 'Off: flaky feature backfill', channelId: 'C0REMOFF', userId: 'U0REMRPT' });
    const { counts } = await run(MONDAY);
    expect(counts.sent).toBe(0);
    expect(dms('U0REMOFF')).toEqual([]);
  });

  it('once on, DMs the items in their channels that await their vote, once a week', async () => {
    h.fake.setChannel('C0REMA', { members: ['U0VOTER', 'U0REMRPT'] });
    h.fake.setChannel('C0REMB', { members: ['U0REMRPT'] });
    const awaiting = await h.file({
      title: 'Await: hand-labelled eval set',
      channelId: 'C0REMA',
      userId: 'U0REMRPT',
    });
    const voted = await h.file({ title: 'Voted: retrain by hand', channelId: 'C0REMA', userId: 'U0REMRPT' });
    await h.file({ title: 'Elsewhere: stale dashboards', channelId: 'C0REMB', userId: 'U0REMRPT' });
    await h.deps.votes.set(TEAM, voted, 'U0VOTER', { severity: 3, frequency: 3 });
    await h.deps.reminderPrefs.switchOn(TEAM, 'U0VOTER', LAST_TUESDAY);

    // Monday 09:00 in Berlin: not yet.
    await run(new Date(MONDAY.getTime() - 3 * HOUR));
    expect(dms('U0VOTER')).toEqual([]);

    await run(MONDAY);
    const [dm, ...more] = dms('U0VOTER');
    expect(more).toEqual([]);
    const text = JSON.stringify(dm?.args);
    expect(dm?.args.text).toBe('1 item awaits your vote in your channels');
    expect(text).toContain(`DEBT-${awaiting}`);
    expect(text).toContain('Await: hand-labelled eval set');
    expect(text).toContain('https://fake.slack.com/archives/C0REMA/p');
    expect(text).not.toContain('Voted: retrain by hand');
    expect(text).not.toContain('Elsewhere: stale dashboards');

    // Later the same week (a restart, the next hourly run): nothing more.
    const again = await run(new Date(MONDAY.getTime() + 26 * HOUR));
    expect(again.counts.sent).toBe(0);
    expect(dms('U0VOTER')).toHaveLength(1);
    // The next Monday after 10:00, the next one.
    await run(new Date(MONDAY.getTime() + 7 * 24 * HOUR));
    expect(dms('U0VOTER')).toHaveLength(2);
    await h.deps.reminderPrefs.switchOff(TEAM, 'U0VOTER');
  });

  it('sends nothing when nothing in their channels awaits them', async () => {
    h.fake.setChannel('C0REMNONE', { members: ['U0REMRPT'] });
    await h.file({ title: 'None: their channel only', channelId: 'C0REMNONE', userId: 'U0REMRPT' });
    await h.deps.reminderPrefs.switchOn(TEAM, 'U0REMIDLE', LAST_TUESDAY);
    const { counts } = await run(MONDAY);
    expect(counts['nothing awaits']).toBeGreaterThanOrEqual(1);
    expect(dms('U0REMIDLE')).toEqual([]);
    await h.deps.reminderPrefs.switchOff(TEAM, 'U0REMIDLE');
  });

  it('drops a person who left or blocks DMs, without retrying', async () => {
    h.fake.setChannel('C0REMDROP', { members: ['U0REMGONE', 'U0REMNODM'] });
    await h.file({ title: 'Drop: unpinned dependencies', channelId: 'C0REMDROP', userId: 'U0REMRPT' });
    await h.deps.reminderPrefs.switchOn(TEAM, 'U0REMGONE', LAST_TUESDAY);
    await h.deps.reminderPrefs.switchOn(TEAM, 'U0REMNODM', LAST_TUESDAY);
    h.fake.failNext('users.info', { error: 'user_not_found' }, 1, (a) => a.user === 'U0REMGONE');
    h.fake.failNext('chat.postMessage', { error: 'cannot_dm_bot' }, 1, (a) => a.channel === 'DU0REMNODM');

    const { counts } = await run(MONDAY);
    expect(counts.dropped).toBe(2);
    expect(await h.deps.reminderPrefs.get(TEAM, 'U0REMGONE')).toBeNull();
    expect(await h.deps.reminderPrefs.get(TEAM, 'U0REMNODM')).toBeNull();
    expect(dms('U0REMNODM')).toHaveLength(1);
    expect(h.log.join('\n')).toContain('weekly vote reminder switched off');

    await run(new Date(MONDAY.getTime() + HOUR));
    expect(h.fake.callsTo('users.info').filter((c) => c.args.user === 'U0REMGONE')).toHaveLength(1);
    expect(dms('U0REMNODM')).toHaveLength(1);
  });

  it('waits as Slack asks when rate-limited, then sends once', async () => {
    h.fake.setChannel('C0REMRATE', { members: ['U0REMBUSY'] });
    await h.file({ title: 'Rate: manual model promotion', channelId: 'C0REMRATE', userId: 'U0REMRPT' });
    await h.deps.reminderPrefs.switchOn(TEAM, 'U0REMBUSY', LAST_TUESDAY);
    h.fake.failNext(
      'chat.postMessage',
      { error: 'ratelimited', retryAfter: 7 },
      1,
      (a) => a.channel === 'DU0REMBUSY',
    );

    const first = await run(MONDAY);
    expect(first.retryInMs).toBe(7000);
    expect(await h.deps.reminderPrefs.lastWeek(TEAM, 'U0REMBUSY')).toBeNull();

    await run(new Date(MONDAY.getTime() + 60_000));
    await run(new Date(MONDAY.getTime() + 120_000));
    expect(dms('U0REMBUSY')).toHaveLength(2); // the refused attempt, then the one that went out
    expect(await h.deps.reminderPrefs.lastWeek(TEAM, 'U0REMBUSY')).toBe('2026-W50');
  });

  it('sends the first reminder on the Monday after switching on, not within the hour', async () => {
    await h.deps.reminderPrefs.switchOn(TEAM, 'U0REMLATE', new Date('2026-12-04T15:00:00Z')); // a Friday
    const friday = new Date('2026-12-04T16:00:00Z');
    expect(dueWeek(friday, 'UTC', new Date('2026-12-04T15:00:00Z'))).toBeNull();
    expect(dueWeek(MONDAY, 'UTC', new Date('2026-12-04T15:00:00Z'))).toBe('2026-W50');
  });
});
