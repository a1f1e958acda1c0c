// The weekly snapshot sweep (SPEC §1.8) on real Redis over a pinned clock: one record per channel per ISO week,
// whether or not the digest is on, written once and never rewritten.
import { describe, expect, it } from 'vitest';
import { SNAPSHOT_SWEEP_SCHEDULER_ID } from '../../jobs/contracts.ts';
import { sweepSnapshots } from '../../src/features/history/take-snapshots.ts';
import { configureChannel } from '../support/digest-jobs.ts';
import { TEAM, useHarness } from '../support/harness.ts';

/** Monday 7 Dec 2026, 11:00 UTC (12:00 in Berlin): W50's Monday-midnight moment and a 09:00 digest slot have passed. */
const MONDAY = new Date('2026-12-07T11:00:00Z');

describe('weekly snapshots', () => {
  const h = useHarness();
  const pinned = (at: Date) => ({ ...h.deps, clock: { now: () => at } });

  it('is scheduled hourly by every worker', async () => {
    const scheduler = await h.deps.cardQueue.getJobScheduler(SNAPSHOT_SWEEP_SCHEDULER_ID);
    expect(scheduler).toMatchObject({ every: 3_600_000 });
  });

  it('snapshots channels with and without a digest once their moment has come, and never rewrites one', async () => {
    await configureChannel(h.deps, TEAM, 'C0SNAPOFF', { digestEnabled: false });
    await configureChannel(h.deps, TEAM, 'C0SNAPMON', { capacityHours: 100 }); // Mondays 09:00 Berlin
    await configureChannel(h.deps, TEAM, 'C0SNAPWED', { weekday: 3 }); // Wednesdays: W50's is ahead
    await configureChannel(h.deps, TEAM, 'C0SNAPNONE'); // configured, no items
    for (const channelId of ['C0SNAPOFF', 'C0SNAPMON', 'C0SNAPWED'])
      await h.file({ title: `Debt in ${channelId}`, channelId, severity: '3', frequency: '4' }); // 20 h/week
    // Filing switched the digest on for C0SNAPOFF; the test wants a channel without one.
    await configureChannel(h.deps, TEAM, 'C0SNAPOFF', { digestEnabled: false });

    const counts = await sweepSnapshots(pinned(MONDAY));
    expect(counts).toMatchObject({ written: 3, failed: 0 });
    const off = await h.deps.history.forChannel(TEAM, 'C0SNAPOFF');
    // Filed today (4 Dec, W49): inside the 7 days before Monday 7 Dec 00:00 Berlin.
    expect(off).toEqual([
      expect.objectContaining({
        week: '2026-W50',
        openInterest: 20,
        openCount: 1,
        filed: 1,
        capacityHours: null,
      }),
    ]);
    expect(await h.deps.history.forChannel(TEAM, 'C0SNAPMON')).toEqual([
      expect.objectContaining({ week: '2026-W50', openInterest: 20, capacityHours: 100 }),
    ]);
    // Its W49 digest (Wednesday 2 Dec) wrote no snapshot: the sweep fills that week in, with the digest's window.
    expect(await h.deps.history.forChannel(TEAM, 'C0SNAPWED')).toEqual([
      expect.objectContaining({ week: '2026-W49', filed: 0, openCount: 1 }),
    ]);
    expect(await h.deps.history.forChannel(TEAM, 'C0SNAPNONE')).toEqual([]);

    // A vote later in the week changes the interest; the week's record stays as taken.
    const [item] = await h.deps.items.listChannel(TEAM, 'C0SNAPOFF');
    await h.deps.votes.set(TEAM, item?.id ?? 0, 'U0LATE', { severity: 5, frequency: 5 });
    const again = await sweepSnapshots(pinned(new Date(MONDAY.getTime() + 3_600_000)));
    expect(again).toMatchObject({ written: 0, exists: 3 });
    expect(await h.deps.history.forChannel(TEAM, 'C0SNAPOFF')).toEqual(off);

    // Wednesday's digest slot passes without a digest (two hours' grace): the sweep takes that channel's too.
    const wednesday = new Date('2026-12-09T11:00:00Z');
    expect(await sweepSnapshots(pinned(wednesday))).toMatchObject({ written: 1 });
    expect((await h.deps.history.forChannel(TEAM, 'C0SNAPWED')).map((s) => s.week)).toEqual([
      '2026-W49',
      '2026-W50',
    ]);
  });
});
