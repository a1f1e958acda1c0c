// Pain reports ("it bit me again", SPEC §1.5): from `/debt hit` and from the card's *It bit me* modal.
import { hours as formatHours } from '../../blocks/format.ts';
import type { PainReceiptModel } from '../../blocks/pain-receipt.ts';
import type { Deps } from '../deps.ts';
import { invalid } from '../domain/errors.ts';
import { formatItemId, type Item, isOpen } from '../domain/item.ts';
import { defaultPainHours } from '../domain/voting.ts';
import type { Actor } from './actor.ts';
import { findVisibleItem } from './manage-item.ts';
import type { VotingDeps } from './vote.ts';

export type PainDeps = VotingDeps & Pick<Deps, 'claims'>;

/** The default hours for this user's report on this item (SPEC §1.5). */
export async function painDefault(
  deps: Pick<VotingDeps, 'votes'>,
  teamId: string,
  userId: string,
  itemId: number,
): Promise<number> {
  const votes = (await deps.votes.forItems(teamId, [itemId])).get(itemId) ?? [];
  return defaultPainHours(userId, votes);
}

/** Records a pain report on an open item (refused on a closed one); returns the hours recorded. */
async function recordPain(deps: VotingDeps, actor: Actor, item: Item, hours: number | null): Promise<number> {
  const lost = hours ?? (await painDefault(deps, actor.teamId, actor.userId, item.id));
  // The status is checked on the latest record, in the same step that records the event (no race with resolve).
  await deps.items.update(
    actor.teamId,
    item.id,
    (latest) => {
      if (!isOpen(latest.status))
        throw invalid(`${formatItemId(item.id)} is closed; reopen it first if it still bites.`);
      return latest;
    },
    { kind: 'pain_reported', actorId: actor.userId, detail: `${formatHours(lost)} h` },
  );
  await deps.pain.add(actor.teamId, item.id, {
    userId: actor.userId,
    hours: lost,
    at: deps.clock.now().toISOString(),
  });
  return lost;
}

/** `/debt hit`: records the report, refreshes card and panel, and returns the new count and interest. */
export async function reportPain(
  deps: VotingDeps,
  actor: Actor,
  itemId: number,
  hours: number | null,
): Promise<PainReceiptModel> {
  const item = await findVisibleItem(deps, actor, itemId);
  const lost = await recordPain(deps, actor, item, hours);
  // Recorded: from here on nothing may throw, so a caller that saw an error knows nothing was recorded.
  try {
    await deps.producers.refreshItemMessages(item);
    const [scored] = await deps.scores.score(actor.teamId, [item]);
    if (scored) return { itemId, hours: lost, reports: scored.pain.length, score: scored.score };
  } catch (error) {
    deps.logger.warn('pain report recorded; refresh or summary failed', { itemId, error });
  }
  return { itemId, hours: lost, reports: null, score: null };
}

const PAIN_CLAIM_SECONDS = 86_400;

/**
 * The pain modal's report: one per modal however often it is submitted (SPEC §2.8), keyed by the modal's
 * id. Returns the item when this submission recorded it, null when an earlier one did. On failure the
 * modal is freed for another try.
 */
export async function reportPainOnce(
  deps: PainDeps,
  actor: Actor,
  modalId: string,
  itemId: number,
  hours: number | null,
): Promise<Item | null> {
  if (!(await deps.claims.take(actor.teamId, 'pain', modalId, PAIN_CLAIM_SECONDS))) return null;
  try {
    const item = await findVisibleItem(deps, actor, itemId);
    await recordPain(deps, actor, item, hours);
    return item;
  } catch (error) {
    // If Redis is down this fails too, and the claim expires by itself.
    await deps.claims
      .release(actor.teamId, 'pain', modalId)
      .catch((e: unknown) => deps.logger.warn('pain claim not released', { error: e }));
    throw error;
  }
}
