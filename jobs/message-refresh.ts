// Card and vote-panel refreshes (SPEC §2.3): coalesced per message into 2-second slots, sent by workers.
import type { webApi } from '@slack/bolt';
import { type Job, type Queue, UnrecoverableError } from 'bullmq';
import type { Redis } from 'ioredis';
import { buildCard } from '../blocks/card.ts';
import { buildVotePanel } from '../blocks/vote-panel.ts';
import type { Item } from '../src/domain/item.ts';
import type { Clock } from '../src/lib/clock.ts';
import type { Logger } from '../src/lib/logger.ts';
import { classifySlackError } from '../src/lib/slack-errors.ts';
import type { Budget } from '../src/store/budget.ts';
import type { DigestStore } from '../src/store/digests.ts';
import type { ItemStore } from '../src/store/items.ts';
import type { Keys } from '../src/store/keys.ts';
import type { ScoreReader } from '../src/store/scored.ts';
import {
  type CardRefreshPayload,
  CardRefreshPayloadSchema,
  JOB_NAMES,
  type RefreshTarget,
} from './contracts.ts';
import { postpone } from './postpone.ts';

const REFRESH_SLOT_MS = 2000;
/** Added after each call returns, so network jitter cannot bring two calls closer than 2 s at Slack. */
const JITTER_MARGIN_MS = 250;

/**
 * Asks for a message to show the item's latest state. Every request in one 2-second slot maps to the
 * same job id, so any number of processes asking at once produce one job per slot; a request made while
 * a slot's job runs lands in the next slot, so the last state is always shown (decision 0004).
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
  const payload: CardRefreshPayload = { v: 1, teamId, itemId, target };
  await queue.add(JOB_NAMES.cardRefresh, payload, {
    jobId: `${target}-${teamId}-${itemId}-${slot}`,
    delay: Math.max(0, slot * REFRESH_SLOT_MS - now),
    attempts: 6,
    backoff: { type: 'exponential', delay: 1000 },
    removeOnComplete: true,
    removeOnFail: 1000,
  });
}

const PAUSED_RETRY_MS = 60_000;

export interface RefreshDeps {
  digests: Pick<DigestStore, 'paused'>;
  budget: Budget;
  items: ItemStore;
  scores: ScoreReader;
  redis: Redis;
  keys: Keys;
  /** A client without automatic retries: this processor handles 429 itself. */
  client: webApi.WebClient;
  logger: Logger;
  /** Posts the panel when the item has none yet (shared with the filing flow). */
  ensurePanel(client: webApi.WebClient, item: Item): Promise<Item>;
}

export function createRefreshProcessor(deps: RefreshDeps) {
  return async function processRefresh(job: Job, token?: string): Promise<string> {
    const parsed = CardRefreshPayloadSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`bad refresh payload: ${parsed.error.message}`);
    const { teamId, itemId, target } = parsed.data;
    // While Slack refuses the token (SPEC §2.4) nothing is posted; the refresh waits, the state is kept.
    if (await deps.digests.paused()) return postpone(job, token, PAUSED_RETRY_MS);
    let item = await deps.items.get(teamId, itemId);
    if (!item?.card || item.card.orphaned) return 'no card';
    if (target === 'panel' && !item.panelTs) {
      item = await deps.ensurePanel(deps.client, item);
      return item.panelTs ? 'panel posted' : 'panel not posted';
    }
    const ts = target === 'card' ? item.card.ts : item.panelOrphaned ? null : item.panelTs;
    if (!ts) return 'no message';

    // At most one chat.update per message every 2 s, across every worker process: the gate is taken before
    // the call and renewed when it returns, so two calls reach Slack at least 2 s apart whatever their latency.
    const gate = deps.keys.refreshGate(teamId, ts);
    if ((await deps.redis.set(gate, '1', 'PX', REFRESH_SLOT_MS, 'NX')) === null) {
      return postpone(job, token, Math.max(50, await deps.redis.pttl(gate)));
    }
    // The workspace's chat.update budget is spent here, only for a call that is really made.
    const wait = await deps.budget.take(teamId, 'chat.update');
    if (wait > 0) {
      await deps.redis.del(gate);
      return postpone(job, token, wait);
    }
    deps.logger.debug('refreshing message', { teamId, itemId, target, ts, jobId: job.id });
    const [scored] = await deps.scores.score(teamId, [item]);
    if (!scored) return 'no item';
    const content = target === 'card' ? buildCard(scored) : buildVotePanel(scored);
    try {
      await deps.client.chat.update({
        channel: item.channelId,
        ts,
        text: content.text,
        blocks: content.blocks,
      });
      await deps.redis.set(gate, '1', 'PX', REFRESH_SLOT_MS + JITTER_MARGIN_MS);
      return 'updated';
    } catch (error) {
      const failure = classifySlackError(error);
      if (failure.kind === 'rate_limited') return postpone(job, token, failure.retryAfterSeconds * 1000);
      if (failure.kind === 'channel') {
        // The message is gone: remember that, so it is never retried again; the item lives on.
        await deps.items.update(
          teamId,
          itemId,
          (i) =>
            target === 'panel'
              ? { ...i, panelOrphaned: true }
              : i.card
                ? { ...i, card: { ...i.card, orphaned: true } }
                : i,
          null,
        );
        deps.logger.warn('message orphaned', { teamId, itemId, target, error: failure.error });
        return 'orphaned';
      }
      if (failure.kind === 'platform' || failure.kind === 'auth') throw new UnrecoverableError(failure.error);
      throw error;
    }
  };
}
