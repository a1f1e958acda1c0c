// Card refreshes (SPEC §2.3): coalesced per card into 2-second slots, processed by workers with chat.update.
import type { webApi } from '@slack/bolt';
import { DelayedError, type Job, type Queue, UnrecoverableError } from 'bullmq';
import { buildCard } from '../blocks/card.ts';
import type { Clock } from '../src/lib/clock.ts';
import type { Logger } from '../src/lib/logger.ts';
import { classifySlackError } from '../src/lib/slack-errors.ts';
import type { ItemStore } from '../src/store/items.ts';
import type { ScoreReader } from '../src/store/scored.ts';
import { type CardRefreshPayload, CardRefreshPayloadSchema, JOB_NAMES } from './contracts.ts';

export const REFRESH_SLOT_MS = 2000;

/**
 * Asks for the card to show the item's latest state. Every request in one 2-second slot maps to the same
 * job id, so any number of processes asking at once produce one chat.update per slot; a request made while
 * a slot's job runs lands in the next slot, so the last state is always shown.
 */
export async function requestCardRefresh(
  queue: Queue,
  clock: Clock,
  teamId: string,
  itemId: number,
): Promise<void> {
  const now = clock.now().getTime();
  const slot = Math.floor(now / REFRESH_SLOT_MS) + 1;
  const payload: CardRefreshPayload = { v: 1, teamId, itemId };
  await queue.add(JOB_NAMES.cardRefresh, payload, {
    jobId: `card-${teamId}-${itemId}-${slot}`,
    delay: Math.max(0, slot * REFRESH_SLOT_MS - now),
    attempts: 6,
    backoff: { type: 'exponential', delay: 1000 },
    removeOnComplete: true,
    removeOnFail: 1000,
  });
}

export interface CardRefreshDeps {
  items: ItemStore;
  scores: ScoreReader;
  /** A client without automatic retries: this processor handles 429 itself. */
  client: webApi.WebClient;
  logger: Logger;
}

export function createCardRefreshProcessor(deps: CardRefreshDeps) {
  return async function processCardRefresh(job: Job, token?: string): Promise<string> {
    const parsed = CardRefreshPayloadSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`bad card-refresh payload: ${parsed.error.message}`);
    const { teamId, itemId } = parsed.data;
    const item = await deps.items.get(teamId, itemId);
    if (!item?.card || item.card.orphaned) return 'no card';
    const [scored] = await deps.scores.score(teamId, [item]);
    if (!scored) return 'no card';
    const card = buildCard(scored);
    try {
      await deps.client.chat.update({
        channel: item.channelId,
        ts: item.card.ts,
        text: card.text,
        blocks: card.blocks,
      });
      return 'updated';
    } catch (error) {
      const failure = classifySlackError(error);
      if (failure.kind === 'rate_limited') {
        await job.moveToDelayed(Date.now() + failure.retryAfterSeconds * 1000, token);
        throw new DelayedError();
      }
      if (failure.kind === 'channel') {
        // The card is gone: remember that, so it is never retried again; the item lives on.
        await deps.items.update(
          teamId,
          itemId,
          (i) => (i.card ? { ...i, card: { ...i.card, orphaned: true } } : i),
          null,
        );
        deps.logger.warn('card orphaned', { teamId, itemId, error: failure.error });
        return 'orphaned';
      }
      if (failure.kind === 'platform' || failure.kind === 'auth') throw new UnrecoverableError(failure.error);
      throw error;
    }
  };
}
