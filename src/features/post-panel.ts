// Posting an item's vote panel as the first reply in its card's thread, once.
import type { webApi } from '@slack/bolt';
import { buildVotePanel } from '../../blocks/vote-panel.ts';
import type { Deps } from '../deps.ts';
import type { Item } from '../domain/item.ts';
import { classifySlackError } from '../lib/slack-errors.ts';

export type PanelDeps = Pick<Deps, 'items' | 'scores' | 'claims' | 'logger'>;

const PANEL_CLAIM_SECONDS = 60;

/**
 * Posts the vote panel when the item has a card and no panel: a claim keeps two processes from posting two
 * panels. Failure is logged and left to a later refresh or the backfill.
 */
export async function ensurePanel(deps: PanelDeps, client: webApi.WebClient, item: Item): Promise<Item> {
  if (!item.card || item.card.orphaned || item.panelTs) return item;
  const claimKey = String(item.id);
  if (!(await deps.claims.take(item.teamId, 'panel', claimKey, PANEL_CLAIM_SECONDS))) return item;
  const [scored] = await deps.scores.score(item.teamId, [item]);
  if (!scored) return item;
  const panel = buildVotePanel(scored);
  try {
    const posted = await client.chat.postMessage({
      channel: item.channelId,
      thread_ts: item.card.ts,
      text: panel.text,
      blocks: panel.blocks,
      unfurl_links: false,
    });
    const ts = posted.ts;
    if (!ts) throw new Error('chat.postMessage returned no ts');
    return await deps.items.update(
      item.teamId,
      item.id,
      (i) => ({ ...i, panelTs: ts, panelOrphaned: false }),
      null,
    );
  } catch (error) {
    await deps.claims.release(item.teamId, 'panel', claimKey);
    deps.logger.warn('vote panel not posted', {
      teamId: item.teamId,
      itemId: item.id,
      error: classifySlackError(error),
    });
    return item;
  }
}
