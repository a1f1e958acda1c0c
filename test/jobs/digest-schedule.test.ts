import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  digestSchedulerId,
  reconcileDigestSchedules,
  syncDigestSchedule,
} from '../../jobs/producers/digest-schedule.ts';
import { nextRun } from '../../src/domain/schedule.ts';
import { DEFAULT_CHANNEL_SETTINGS } from '../../src/domain/settings.ts';
import { createLogger } from '../../src/lib/logger.ts';
import { configureChannel } from '../support/digest-jobs.ts';
import { type Harness, startHarness, TEAM } from '../support/harness.ts';

const quiet = createLogger('error');

describe('digest job schedulers on a real BullMQ', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ workers: false });
  });
  afterEach(() => {
    h.fake.assertNoViolations();
  });
  afterAll(async () => {
    await h.stop();
  });

  const scheduler = (channelId: string) =>
    h.deps.digestQueue.getJobScheduler(digestSchedulerId(TEAM, channelId));

  it('upserts a scheduler with the cron pattern and zone, whose next run is the computed slot', async () => {
    const settings = await configureChannel(h.deps, TEAM, 'C0SCH1', {
      weekday: 3,
      time: '14:45',
      timezone: 'Asia/Kolkata',
    });
    expect(await syncDigestSchedule(h.deps.digestQueue, TEAM, 'C0SCH1', settings, 'UTC')).toBe('upserted');
    const s = await scheduler('C0SCH1');
    expect(s).toMatchObject({ pattern: '45 14 * * 3', tz: 'Asia/Kolkata' });
    const expected = nextRun({ weekday: 3, time: '14:45', timezone: 'Asia/Kolkata' }, Date.now());
    expect(s?.next).toBe(expected);
    const delayed = (await h.deps.digestQueue.getDelayed()).filter((j) => j.id?.includes('C0SCH1'));
    expect(delayed).toHaveLength(1);
    expect(delayed[0]?.data).toEqual({ v: 1, teamId: TEAM, channelId: 'C0SCH1' });
  });

  it('leaves an unchanged schedule alone, replaces a changed one, removes a switched-off one', async () => {
    const settings = await configureChannel(h.deps, TEAM, 'C0SCH2');
    await syncDigestSchedule(h.deps.digestQueue, TEAM, 'C0SCH2', settings, 'UTC');
    expect(await syncDigestSchedule(h.deps.digestQueue, TEAM, 'C0SCH2', settings, 'UTC')).toBe('unchanged');
    const moved = { ...settings, time: '10:30' };
    expect(await syncDigestSchedule(h.deps.digestQueue, TEAM, 'C0SCH2', moved, 'UTC')).toBe('upserted');
    expect((await scheduler('C0SCH2'))?.pattern).toBe('30 10 * * 1');
    expect((await h.deps.digestQueue.getDelayed()).filter((j) => j.id?.includes('C0SCH2'))).toHaveLength(1);
    expect(
      await syncDigestSchedule(h.deps.digestQueue, TEAM, 'C0SCH2', { ...moved, digestEnabled: false }, 'UTC'),
    ).toBe('removed');
    expect(await scheduler('C0SCH2')).toBeUndefined();
  });

  it('reconciles at start: adds missing schedulers, removes orphans, and three workers at once agree', async () => {
    await configureChannel(h.deps, TEAM, 'C0REC1', { timezone: 'America/St_Johns' });
    await configureChannel(h.deps, TEAM, 'C0REC2', { timezone: null });
    await h.deps.settings.save(TEAM, 'C0REC3', { ...DEFAULT_CHANNEL_SETTINGS, digestEnabled: false });
    await h.deps.digestQueue.upsertJobScheduler(
      digestSchedulerId(TEAM, 'C0GONE'),
      { pattern: '0 9 * * 1', tz: 'UTC' },
      { name: 'digest', data: {} },
    );

    await Promise.all(
      [1, 2, 3].map(() =>
        reconcileDigestSchedules(h.deps.digestQueue, h.deps.settings, 'Australia/Sydney', quiet),
      ),
    );
    expect(await scheduler('C0REC1')).toMatchObject({ tz: 'America/St_Johns' });
    expect(await scheduler('C0REC2')).toMatchObject({ tz: 'Australia/Sydney' });
    expect(await scheduler('C0REC3')).toBeUndefined();
    expect(await scheduler('C0GONE')).toBeUndefined();
    for (const channel of ['C0REC1', 'C0REC2'])
      expect((await h.deps.digestQueue.getDelayed()).filter((j) => j.id?.includes(channel))).toHaveLength(1);
  });
});
