import type { Job } from 'bullmq';
import { describe, expect, it } from 'vitest';
import type { Failure, FakeCall } from '../../src/sandbox/fake-slack/types.ts';
import { TEAM, useHarness } from '../support/harness.ts';

describe('a card refresh that Slack answers with an error', () => {
  const h = useHarness();

  /** Files an item, fails its card's next chat.update as given, and changes the item so the card refreshes. */
  async function refreshFailing(title: string, failure: Failure, times = 1) {
    const id = await h.file({ title });
    const cardTs = (await h.deps.items.require(TEAM, id)).card?.ts ?? '';
    const before = h.fake.callsTo('chat.update').length;
    // Only the card's update fails: `start` refreshes the vote panel too, in no fixed order.
    h.fake.failNext('chat.update', failure, times, (args) => args.ts === cardTs);
    await h.command(`start ${id}`);
    const updates = (): FakeCall[] =>
      h.fake
        .callsTo('chat.update')
        .slice(before)
        .filter((c) => c.args.ts === cardTs);
    return { id, cardTs, updates };
  }

  async function failedRefreshJob(itemId: number): Promise<Job | undefined> {
    const failed = await h.deps.cardQueue.getFailed();
    return failed.find((j) => j.data.itemId === itemId && j.data.target === 'card');
  }

  it.each<[string, Failure]>([
    ['service_unavailable (HTTP 200)', { error: 'service_unavailable' }],
    ['HTTP 503', { status: 503 }],
    ['fatal_error', { error: 'fatal_error' }],
    ['a code no method documents', { error: 'surprising_new_error' }],
  ])('%s is retried with backoff, and the card ends up updated', async (_name, failure) => {
    const { updates } = await refreshFailing(`Flaky feature store reads ${_name}`, failure);
    const [failed, retried] = await h.fake.waitFor(() => updates().length >= 2 && updates(), 10_000);
    expect(JSON.stringify(retried?.args.blocks)).toContain('In progress');
    // BullMQ's exponential backoff of the refresh job (1 s for the first retry).
    expect((retried?.at ?? 0) - (failed?.at ?? 0)).toBeGreaterThanOrEqual(900);
  });

  it('msg_blocks_too_long fails the job for good at once, logging the size of the payload', async () => {
    const { id, updates } = await refreshFailing('Giant notebook nobody can open', {
      error: 'msg_blocks_too_long',
    });
    const job = await h.fake.waitFor(() => failedRefreshJob(id), 10_000);
    expect(job.failedReason).toContain('msg_blocks_too_long');
    expect(job.attemptsMade).toBe(1);
    const line = h.log
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.msg === 'Slack refused the refresh' && l.itemId === id);
    expect(line).toMatchObject({ level: 'error', error: 'msg_blocks_too_long' });
    expect(line?.payloadBytes).toEqual(expect.any(Number));
    expect(Number(line?.payloadBytes)).toBeGreaterThan(100);
    // Not retried: the job's backoff (1 s, 2 s, …) would have called again by now.
    await new Promise((r) => setTimeout(r, 2500));
    expect(updates()).toHaveLength(1);
    // The message is still there, so the card is not orphaned; the item is changed all the same.
    const item = await h.deps.items.require(TEAM, id);
    expect(item.card?.orphaned).toBe(false);
    expect(item.status).toBe('in_progress');
  });

  // Last: it pauses all posting in this harness, until the pause is lifted at the end.
  it('token_revoked pauses all posting; the refresh waits for the token instead of failing', async () => {
    const { id, updates } = await refreshFailing('Shared service account for training', {
      error: 'token_revoked',
    });
    const paused = await h.fake.waitFor(() => h.deps.digests.paused(), 10_000);
    expect(paused.error).toBe('token_revoked');
    await new Promise((r) => setTimeout(r, 1500));
    expect(updates()).toHaveLength(1);
    expect(await failedRefreshJob(id)).toBeUndefined();
    const delayed = await h.deps.cardQueue.getDelayed();
    expect(delayed.some((j) => j.data.itemId === id && j.data.target === 'card')).toBe(true);
    await h.deps.digests.resume();
  });
});
