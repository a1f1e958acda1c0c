// The sweep for items saved whose card never went out: the web process died (or Slack and the reporter's
// DM both failed) between saving the item and publishing it. Every worker upserts one scheduler; BullMQ
// runs it on one of them each minute.
import type { Queue } from 'bullmq';
import type { Item } from '../src/domain/item.ts';
import type { Clock } from '../src/lib/clock.ts';
import type { Logger } from '../src/lib/logger.ts';
import type { DigestStore } from '../src/store/digests.ts';
import type { ItemStore } from '../src/store/items.ts';
import { CARD_SWEEP_SCHEDULER_ID, JOB_NAMES } from './contracts.ts';

export const CARD_SWEEP_EVERY_MS = 60_000;
/** The web process publishes within seconds of the ack; leave it this long before stepping in. */
export const CARD_SWEEP_GRACE_MS = 2 * 60_000;
/** After a day the reporter has long noticed; the item stays listed, only its card is given up on. */
export const CARD_SWEEP_GIVE_UP_MS = 24 * 3_600_000;
/** Each run handles at most this many, oldest first, so one run stays short. */
const BATCH = 50;

export async function scheduleCardSweep(queue: Queue): Promise<void> {
  await queue.upsertJobScheduler(
    CARD_SWEEP_SCHEDULER_ID,
    { every: CARD_SWEEP_EVERY_MS },
    { name: JOB_NAMES.cardSweep, data: { v: 1 }, opts: { removeOnComplete: true, removeOnFail: 50 } },
  );
}

export interface CardSweepDeps {
  items: ItemStore;
  digests: Pick<DigestStore, 'paused'>;
  clock: Clock;
  logger: Logger;
  /** Publishes the item as the filing would have (card, or a notice to the reporter); throws to retry later. */
  publish(item: Item): Promise<void>;
}

export interface SweepResult {
  published: number;
  forgotten: number;
  abandoned: number;
  failed: number;
}

export async function sweepUnpublishedCards(deps: CardSweepDeps): Promise<SweepResult | 'paused'> {
  // Nothing can be posted while Slack refuses the token; the entries wait for the token to be fixed.
  if (await deps.digests.paused()) return 'paused';
  const now = deps.clock.now().getTime();
  const due = await deps.items.unpublished(new Date(now - CARD_SWEEP_GRACE_MS), BATCH);
  const result: SweepResult = { published: 0, forgotten: 0, abandoned: 0, failed: 0 };
  for (const { teamId, id, filedAt } of due) {
    const item = await deps.items.get(teamId, id);
    if (!item || (item.card && !item.card.orphaned)) {
      await deps.items.markPublished(teamId, id);
      result.forgotten++;
    } else if (now - filedAt.getTime() > CARD_SWEEP_GIVE_UP_MS) {
      await deps.items.markPublished(teamId, id);
      deps.logger.error('gave up posting the card of an item filed over a day ago', { teamId, itemId: id });
      result.abandoned++;
    } else {
      try {
        await deps.publish(item);
        result.published++;
      } catch (error) {
        deps.logger.warn('sweep could not publish an item; next run tries again', {
          teamId,
          itemId: id,
          error,
        });
        result.failed++;
      }
    }
  }
  if (due.length > 0) deps.logger.info('swept unpublished items', { ...result });
  return result;
}
