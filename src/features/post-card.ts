// Posting an item's card (and then its vote panel) in its channel, once, whoever asks.
import type { webApi } from '@slack/bolt';
import { buildCard } from '../../blocks/card.ts';
import type { CardFailure } from '../../blocks/card-failure.ts';
import type { Message } from '../../blocks/kit.ts';
import type { Deps } from '../deps.ts';
import type { Item } from '../domain/item.ts';
import { classifySlackError, refusedPayload } from '../lib/slack-errors.ts';
import { pausePosting } from './pause-posting.ts';
import { type PanelDeps, postPanel } from './post-panel.ts';

export type CardDeps = PanelDeps & Pick<Deps, 'digests' | 'producers' | 'clock'>;

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
    const card = buildCard(scored);
    let ts: string;
    try {
      ts = await sendCard(client, latest, card);
    } catch (error) {
      const failure = classifySlackError(error);
      const where = { teamId: item.teamId, itemId: item.id };
      if (failure.kind === 'platform')
        deps.logger.error('Slack refused the card', { ...where, ...refusedPayload(failure, card) });
      else deps.logger.warn('card not posted', { ...where, error: failure });
      if (failure.kind === 'auth') {
        // The token is refused for every post: stop them all, as the workers do (SPEC §2.4).
        await pausePosting(deps, failure.error);
      }
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
    // The panel is the card's first thread reply. A failure that may pass (rate limit, 5xx) becomes a panel
    // refresh job, which posts it with the jobs' retries; a refused or unreachable thread is logged by postPanel.
    const panel = await postPanel(deps, client, saved);
    const passing = panel.failure?.failure.kind;
    if (passing === 'rate_limited' || passing === 'transient') {
      await deps.producers.refreshMessage(item.teamId, item.id, 'panel').catch((error: unknown) =>
        deps.logger.warn('could not queue the vote panel; the next refresh posts it', {
          teamId: item.teamId,
          itemId: item.id,
          error,
        }),
      );
    }
    return { ok: true, item: panel.item };
  } finally {
    await deps.claims.release(item.teamId, 'card', claimKey);
  }
}
