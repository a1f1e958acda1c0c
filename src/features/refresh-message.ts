// Showing an item's latest state on its card or vote panel (SPEC §2.3): at most one chat.update per message
// every 2 s and within the workspace's chat.update budget, across every worker process.
import type { webApi } from '@slack/bolt';
import { buildCard } from '../../blocks/card.ts';
import { buildVotePanel } from '../../blocks/vote-panel.ts';
import { REFRESH_SLOT_MS, type RefreshTarget } from '../../jobs/contracts.ts';
import type { Deps } from '../deps.ts';
import { classifySlackError, refusedPayload, type SlackFailure } from '../lib/slack-errors.ts';
import { pausePosting } from './pause-posting.ts';
import { postPanel } from './post-panel.ts';

export type RefreshDeps = Pick<
  Deps,
  'digests' | 'budget' | 'items' | 'scores' | 'claims' | 'refreshGates' | 'logger' | 'clock'
> & {
  /** A client without automatic retries: Retry-After is honoured by the caller's retry. */
  client: webApi.WebClient;
};

/**
 * `done`: nothing more to do. `retryInMs`: try again then, not counted as a failure (a rate limit, a gate, an
 * auth pause). `refused`: Slack will not, ever. A failure worth a bounded number of retries (5xx, network, a code
 * no method documents) is thrown, for the job's attempts and backoff.
 */
export type RefreshOutcome = { done: string } | { retryInMs: number } | { refused: string };

const PAUSED_RETRY_MS = 60_000;
/** Added after each call returns, so network jitter cannot bring two calls closer than 2 s at Slack. */
const JITTER_MARGIN_MS = 250;

/** The message is gone: remember that, so it is never retried again; the item lives on. */
async function markOrphaned(deps: RefreshDeps, teamId: string, itemId: number, target: RefreshTarget) {
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
}

export async function refreshMessage(
  deps: RefreshDeps,
  teamId: string,
  itemId: number,
  target: RefreshTarget,
): Promise<RefreshOutcome> {
  // While Slack refuses the token (SPEC §2.4) nothing is posted; the refresh waits, the state is kept.
  if (await deps.digests.paused()) return { retryInMs: PAUSED_RETRY_MS };
  const item = await deps.items.get(teamId, itemId);
  if (!item?.card || item.card.orphaned) return { done: 'no card' };
  if (target === 'panel' && !item.panelTs) {
    const attempt = await postPanel(deps, deps.client, item);
    if (attempt.item.panelTs) return { done: 'panel posted' };
    if (!attempt.failure || attempt.failure.failure.kind === 'channel') return { done: 'panel not posted' };
    return afterFailure(deps, teamId, attempt.failure.failure, attempt.failure.error);
  }
  const ts = target === 'card' ? item.card.ts : item.panelOrphaned ? null : item.panelTs;
  if (!ts) return { done: 'no message' };

  // The gate is taken before the call and renewed when it returns, so two calls reach Slack at least 2 s
  // apart whatever their latency.
  const gateWait = await deps.refreshGates.take(teamId, ts, REFRESH_SLOT_MS);
  if (gateWait > 0) return { retryInMs: Math.max(50, gateWait) };
  // The workspace's chat.update budget is spent here, only for a call that is really made.
  const budgetWait = await deps.budget.take(teamId, 'chat.update');
  if (budgetWait > 0) {
    await deps.refreshGates.release(teamId, ts);
    return { retryInMs: budgetWait };
  }
  deps.logger.debug('refreshing message', { teamId, itemId, target, ts });
  const [scored] = await deps.scores.score(teamId, [item]);
  if (!scored) return { done: 'no item' };
  const content = target === 'card' ? buildCard(scored) : buildVotePanel(scored);
  try {
    await deps.client.chat.update({
      channel: item.channelId,
      ts,
      text: content.text,
      blocks: content.blocks,
    });
    await deps.refreshGates.hold(teamId, ts, REFRESH_SLOT_MS + JITTER_MARGIN_MS);
    return { done: 'updated' };
  } catch (error) {
    const failure = classifySlackError(error);
    const where = { teamId, itemId, target, ts };
    if (failure.kind === 'channel') {
      await markOrphaned(deps, teamId, itemId, target);
      deps.logger.warn('message orphaned', { ...where, error: failure.error });
      return { done: 'orphaned' };
    }
    if (failure.kind === 'platform')
      deps.logger.error('Slack refused the refresh', { ...where, ...refusedPayload(failure, content) });
    else deps.logger.info('refresh not done', { ...where, failure });
    return afterFailure(deps, teamId, failure, error);
  }
}

/** What a failed call (other than a channel error, handled where it happened) means for the refresh job. */
async function afterFailure(
  deps: RefreshDeps,
  teamId: string,
  failure: SlackFailure,
  error: unknown,
): Promise<RefreshOutcome> {
  switch (failure.kind) {
    case 'rate_limited':
      // Both spellings: Retry-After for a 429, a default wait for `rate_limited`; never given up.
      return { retryInMs: failure.retryAfterSeconds * 1000 };
    case 'auth':
      // Everything stops, as for the digest; the refresh waits for the token to be fixed, keeping the state.
      await pausePosting(deps, failure.error, deps.logger.child({ teamId }));
      return { retryInMs: PAUSED_RETRY_MS };
    case 'platform':
    case 'channel':
      return { refused: failure.error };
    case 'transient':
      throw error;
  }
}
