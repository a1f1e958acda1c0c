// Processor of the sweep for items saved whose card never went out: the web process died (or Slack and the
// reporter's DM both failed) between saving the item and publishing it. Every worker upserts one scheduler
// (jobs/producers/maintenance.ts); BullMQ runs it on one of them each minute.
import type { Deps } from '../src/deps.ts';
import type { Item } from '../src/domain/item.ts';
import type { PublishOutcome } from '../src/features/publish-item.ts';
import { CorruptRecordError } from '../src/store/json.ts';

/** The web process publishes within seconds of the ack; leave it this long before stepping in. */
export const CARD_SWEEP_GRACE_MS = 2 * 60_000;
/** After a day the reporter has long noticed; the item stays listed, only its card is given up on. */
export const CARD_SWEEP_GIVE_UP_MS = 24 * 3_600_000;
/** Each run handles at most this many, oldest first, so one run stays short. */
const BATCH = 50;
/**
 * Longer than a run takes: BATCH items posted back to back, and at most one slow failure, since a deferral
 * ends the run. A worker that dies mid-run holds up the sweep this long at most.
 */
const SWEEP_LOCK_MS = 5 * 60_000;

export interface CardSweepDeps extends Pick<Deps, 'items' | 'cardSweepLock' | 'clock' | 'logger'> {
  digests: Pick<Deps['digests'], 'paused'>;
  /** Publishes the item as the filing would have (card, or a notice to the reporter). */
  publish(item: Item): Promise<PublishOutcome>;
}

export interface SweepResult {
  published: number;
  forgotten: number;
  abandoned: number;
  /** Left for a later run: Slack failed in a way that may pass, another process was posting it, or an error. */
  deferred: number;
}

/** `busy` counts as deferred but, unlike a Slack failure, does not end the run. */
type EntryOutcome = keyof SweepResult | 'busy';

async function sweepEntry(
  deps: CardSweepDeps,
  teamId: string,
  id: number,
  now: number,
): Promise<EntryOutcome> {
  let item: Item | null;
  try {
    item = await deps.items.get(teamId, id);
  } catch (error) {
    if (!(error instanceof CorruptRecordError)) throw error;
    // A record that does not parse cannot be published, now or later.
    deps.logger.error('unpublished item is unreadable; dropped from the sweep', {
      teamId,
      itemId: id,
      error,
    });
    await deps.items.markPublished(teamId, id);
    return 'abandoned';
  }
  if (!item || (item.card && !item.card.orphaned)) {
    await deps.items.markPublished(teamId, id);
    return 'forgotten';
  }
  if (now - Date.parse(item.createdAt) > CARD_SWEEP_GIVE_UP_MS) {
    await deps.items.markPublished(teamId, id);
    deps.logger.error('gave up posting the card of an item filed over a day ago', { teamId, itemId: id });
    return 'abandoned';
  }
  const outcome = await deps.publish(item);
  if (outcome === 'published') return 'published';
  // Busy: the other process marks it when done; if it dies first, this entry comes round again.
  await deps.items.retryLater(teamId, id);
  return outcome;
}

/**
 * One run, under a lock so overlapping runs (a slow run outlasting the minute) never publish the same
 * entries twice. A deferral stops the run: Slack is rate-limiting or failing, and more posts would not help.
 */
export async function sweepUnpublishedCards(deps: CardSweepDeps): Promise<SweepResult | 'paused' | 'busy'> {
  // Nothing can be posted while Slack refuses the token; the entries wait for the token to be fixed.
  if (await deps.digests.paused()) return 'paused';
  const lock = await deps.cardSweepLock.acquire(SWEEP_LOCK_MS);
  if (!lock) return 'busy';
  try {
    const now = deps.clock.now().getTime();
    const due = await deps.items.unpublished(new Date(now - CARD_SWEEP_GRACE_MS), BATCH);
    const result: SweepResult = { published: 0, forgotten: 0, abandoned: 0, deferred: 0 };
    for (const { teamId, id } of due) {
      let outcome: EntryOutcome;
      try {
        outcome = await sweepEntry(deps, teamId, id, now);
      } catch (error) {
        deps.logger.warn('sweep could not publish an item; a later run tries again', {
          teamId,
          itemId: id,
          error,
        });
        await deps.items.retryLater(teamId, id).catch(() => undefined);
        outcome = 'deferred';
      }
      result[outcome === 'busy' ? 'deferred' : outcome]++;
      if (outcome === 'deferred') break;
    }
    if (due.length > 0) deps.logger.info('swept unpublished items', { ...result });
    return result;
  } finally {
    await deps.cardSweepLock.release(lock);
  }
}
