// Queueing card and vote-panel refreshes (SPEC §2.3), coalesced per message into 2-second slots.
import type { Queue } from 'bullmq';
import type { Clock } from '../../src/lib/clock.ts';
import { currentRequestId } from '../../src/lib/request-context.ts';
import { type CardRefreshPayload, JOB_NAMES, REFRESH_SLOT_MS, type RefreshTarget } from '../contracts.ts';

/**
 * Asks for a message to show the item's latest state. Every request in one 2-second slot maps to the
 * same job id, so any number of processes asking at once produce one job per slot; a request made while
 * a slot's job runs lands in the next slot, so the last state is always shown (decision 0004). The payload
 * carries the id of the request asking, when there is one (the first asker's, for a coalesced slot).
 */
export async function requestRefresh(
  queue: Queue,
  clock: Clock,
  teamId: string,
  itemId: number,
  target: RefreshTarget,
): Promise<void> {
  const now = clock.now().getTime();
  const slot = Math.floor(now / REFRESH_SLOT_MS) + 1;
  const requestId = currentRequestId();
  const payload: CardRefreshPayload = { v: 1, teamId, itemId, target, ...(requestId ? { requestId } : {}) };
  await queue.add(JOB_NAMES.cardRefresh, payload, {
    jobId: `${target}-${teamId}-${itemId}-${slot}`,
    delay: Math.max(0, slot * REFRESH_SLOT_MS - now),
    attempts: 6,
    backoff: { type: 'exponential', delay: 1000 },
    removeOnComplete: true,
    removeOnFail: 1000,
  });
}
