// Posting an item's card (and then its vote panel) in its channel, once, whoever asks.
import type { webApi } from '@slack/bolt';
import { buildCard } from '../../blocks/card.ts';
import type { CardFailure } from '../../blocks/card-failure.ts';
import type { Message } from '../../blocks/kit.ts';
import type { Deps } from '../deps.ts';
import type { Item } from '../domain/item.ts';
import { classifySlackError } from '../lib/slack-errors.ts';
import { ensurePanel, type PanelDeps } from './post-panel.ts';

export type CardDeps = PanelDeps & Pick<Deps, 'digests'>;

/**
 * Why a card was not posted: `busy` — another process holds the claim and is posting it; `transient` —
 * Slack may well accept it on a later try (rate limit, timeout, 5xx, an auth pause); `refused` — it will not
 * until someone fixes the cause (invite the bot, unarchive the channel).
 */
export type CardPostCause = 'busy' | 'transient' | 'refused';

export type CardPostResult =
  | { ok: true; item: Item }
  | { ok: false; item: Item; failure: CardFailure; cause: CardPostCause };

const CARD_CLAIM_SECONDS = 30;

async function sendCard(client: webApi.WebClient, item: Item, card: Message): Promise<string> {
  const posted = await client.chat.postMessage({
    channel: item.channelId,
    text: card.text,
    blocks: card.blocks,
    unfurl_links: false,
    unfurl_media: false,
  });
  if (!posted.ts) throw new Error('chat.postMessage returned no ts');
  return posted.ts;
}

/**
 * Posts the card for an item that has none (or an orphaned one) and records where it went. A claim keeps a
 * double click on *Try again* (or two processes) from posting two cards.
 */
export async function postCard(
  deps: CardDeps,
  client: webApi.WebClient,
  item: Item,
): Promise<CardPostResult> {
  if (await deps.digests.paused())
    return { ok: false, item, cause: 'transient', failure: { kind: 'paused' } };
  const claimKey = String(item.id);
  if (!(await deps.claims.take(item.teamId, 'card', claimKey, CARD_CLAIM_SECONDS)))
    return { ok: false, item, cause: 'busy', failure: { kind: 'busy' } };
  try {
    const latest = (await deps.items.get(item.teamId, item.id)) ?? item;
    if (latest.card && !latest.card.orphaned) return { ok: true, item: latest };
    const [scored] = await deps.scores.score(item.teamId, [latest]);
    if (!scored) throw new Error('scoring returned nothing');
    let ts: string;
    try {
      ts = await sendCard(client, latest, buildCard(scored));
    } catch (error) {
      const failure = classifySlackError(error);
      deps.logger.warn('card not posted', { teamId: item.teamId, itemId: item.id, error: failure });
      const passing = failure.kind === 'rate_limited' || failure.kind === 'transient';
      return { ok: false, item: latest, cause: passing ? 'transient' : 'refused', failure };
    }
    // A new card starts a new thread: an old panel (under an orphaned card) no longer counts.
    const saved = await deps.items.update(
      item.teamId,
      item.id,
      (i) => ({ ...i, card: { ts, orphaned: false }, panelTs: null, panelOrphaned: false }),
      null,
    );
    // The panel is the card's first thread reply; it handles (and logs) its own failures.
    return { ok: true, item: await ensurePanel(deps, client, saved) };
  } finally {
    await deps.claims.release(item.teamId, 'card', claimKey);
  }
}
