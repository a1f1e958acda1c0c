// The export job: queued by the producer, run by the cards worker, and what the user hears when it fails.

import { WebClient } from '@slack/web-api';
import { DelayedError, type Job, UnrecoverableError } from 'bullmq';
import { beforeEach, describe, expect, it } from 'vitest';
import { createExportProcessor, type ExportJobDeps } from '../../jobs/export.ts';
import { TEAM, useHarness } from '../support/harness.ts';
import { seedItems } from '../support/seed-items.ts';

const FAILED = /^Your export could not be delivered: (.+); nothing was changed\. Try again later\.$/;

describe('the export job', () => {
  const h = useHarness();
  let seeded = false;
  // Each test reads the DMs it caused only.
  beforeEach(() => h.fake.reset());

  async function seedOnce(): Promise<void> {
    if (seeded) return;
    seeded = true;
    await seedItems(h.deps.redis, h.deps.keys, [
      {
        item: {
          id: 1,
          teamId: TEAM,
          channelId: 'C0JOBS',
          title: 'Nightly retrain by hand',
          reporterId: 'U0ALICE',
        },
      },
      {
        item: { id: 2, teamId: TEAM, channelId: 'C0JOBS', title: 'Stale embeddings', reporterId: 'U0ALICE' },
      },
    ]);
  }

  /** The processor as the worker builds it, run on a stand-in job at the given attempt. */
  function runAt(attemptsMade: number, deps: Partial<ExportJobDeps> = {}, data: unknown = undefined) {
    const delayed: number[] = [];
    const job = {
      id: 'export-test',
      data: data ?? { v: 1, teamId: TEAM, userId: 'U0ALICE', channelId: 'C0JOBS', scope: 'channel' },
      attemptsMade,
      opts: { attempts: 3 },
      moveToDelayed: async (at: number) => void delayed.push(at),
    } as unknown as Job;
    const client = new WebClient('xoxb-test', {
      slackApiUrl: h.fake.url,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
    });
    const processor = createExportProcessor({ ...h.deps, client, ...deps });
    return { result: processor(job, 'token'), delayed };
  }

  const failureDm = () =>
    h.fake
      .messages('U0ALICE')
      .map((m) => m.text)
      .find((t) => FAILED.test(t));

  it('is queued by the producer and delivered by the cards worker', async () => {
    await seedOnce();
    await h.deps.producers.queueExport({
      v: 1,
      teamId: TEAM,
      userId: 'U0ALICE',
      channelId: 'C0JOBS',
      scope: 'channel',
    });
    const shared = await h.fake.waitFor(() => h.fake.messages('U0ALICE').find((m) => m.files), 10_000);
    expect(shared.text).toMatch(/^Your export of <#C0JOBS>: 2 items\./);
  });

  it('retries a passing failure quietly, and tells the user on the last attempt', async () => {
    await seedOnce();
    h.fake.failNext('files.completeUploadExternal', { error: 'internal_error' });
    await expect(runAt(0).result).rejects.toMatchObject({ data: { error: 'internal_error' } });
    expect(failureDm()).toBeUndefined();

    h.fake.failNext('files.completeUploadExternal', { error: 'internal_error' });
    await expect(runAt(2).result).rejects.toMatchObject({ data: { error: 'internal_error' } });
    expect(failureDm()).toBe(
      'Your export could not be delivered: Slack did not answer in time, several times; nothing was changed. Try again later.',
    );
  });

  it('tells the user at once when Slack refuses, and does not retry', async () => {
    await seedOnce();
    h.fake.failNext('files.getUploadURLExternal', { error: 'missing_scope' });
    await expect(runAt(0).result).rejects.toBeInstanceOf(UnrecoverableError);
    expect(failureDm()).toMatch(/lacks Slack’s permission to send files \(`files:write`\)/);
  });

  it('says when the failure was ours', async () => {
    const broken = {
      ...h.deps.items,
      page: async () => {
        throw new Error('Redis went away');
      },
    };
    await expect(runAt(2, { items: broken }).result).rejects.toThrow('Redis went away');
    expect(failureDm()).toMatch(/something went wrong on our side/);
  });

  it('waits as asked when Slack keeps rate-limiting, without using an attempt', async () => {
    await seedOnce();
    h.fake.failNext('files.getUploadURLExternal', { error: 'ratelimited', retryAfter: 1 }, 3);
    const { result, delayed } = runAt(0);
    await expect(result).rejects.toBeInstanceOf(DelayedError);
    expect(delayed).toHaveLength(1);
    expect(failureDm()).toBeUndefined();
  }, 10_000);

  it('refuses a bad payload', async () => {
    await expect(runAt(0, {}, { v: 2, teamId: TEAM }).result).rejects.toBeInstanceOf(UnrecoverableError);
  });
});
