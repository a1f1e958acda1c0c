// Posting an item's vote panel as the first reply in its card's thread, once.
import type { webApi } from '@slack/bolt';
import { buildVotePanel } from '../../blocks/vote-panel.ts';
import type { Deps } from '../deps.ts';
import type { Item } from '../domain/item.ts';
import { classifySlackError, refusedPayload, type SlackFailure } from '../lib/slack-errors.ts';

export type PanelDeps = Pick<Deps, 'items' | 'scores' | 'claims' | 'logger'>;

/** The item after the attempt; when Slack said no, what it said (and the error thrown, to rethrow). */
export interface PanelAttempt {
  item: Item;
  failure: { failure: SlackFailure; error: unknown } | null;
}

const PANEL_CLAIM_SECONDS = 60;

/**
 * Posts the vote panel when the item has a card and no panel: a claim keeps two processes from posting two
 * panels. A thread Slack will never take a reply in (a channel error) marks the panel orphaned, so it is not
 * tried again until a new card is posted; any other failure is logged and returned for the caller to retry.
 */
export async function postPanel(
  deps: PanelDeps,
  client: webApi.WebClient,
  item: Item,
): Promise<PanelAttempt> {
  if (!item.card || item.card.orphaned || item.panelTs || item.panelOrphaned) return { item, failure: null };
  const claimKey = String(item.id);
  if (!(await deps.claims.take(item.teamId, 'panel', claimKey, PANEL_CLAIM_SECONDS)))
    return { item, failure: null };
  const [scored] = await deps.scores.score(item.teamId, [item]);
  if (!scored) return { item, failure: null };
  const panel = buildVotePanel(scored);
  let ts: string | undefined;
  try {
    const posted = await client.chat.postMessage({
      channel: item.channelId,
      thread_ts: item.card.ts,
      text: panel.text,
      blocks: panel.blocks,
      unfurl_links: false,
    });
    ts = posted.ts;
    if (!ts) throw new Error('chat.postMessage returned no ts');
  } catch (error) {
    await deps.claims.release(item.teamId, 'panel', claimKey);
    const failure = classifySlackError(error);
    const where = { teamId: item.teamId, itemId: item.id };
    if (failure.kind === 'platform') {
      deps.logger.error('Slack refused the vote panel', { ...where, ...refusedPayload(failure, panel) });
    } else deps.logger.warn('vote panel not posted', { ...where, error: failure });
    if (failure.kind === 'channel') {
      const orphaned = await deps.items.update(
        item.teamId,
        item.id,
        (i) => (i.panelTs ? i : { ...i, panelOrphaned: true }),
        null,
      );
      return { item: orphaned, failure: { failure, error } };
    }
    return { item, failure: { failure, error } };
  }
  const saved = ts;
  const updated = await deps.items.update(
    item.teamId,
    item.id,
    (i) => ({ ...i, panelTs: saved, panelOrphaned: false }),
    null,
  );
  return { item: updated, failure: null };
}
