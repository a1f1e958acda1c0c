// Posting an item's card, and telling the reporter by a route that needs no channel membership when it fails.
import type { webApi } from '@slack/bolt';
import { buildCard } from '../../blocks/card.ts';
import { ACTION, BLOCK } from '../../blocks/ids.ts';
import { actions, button, channelLink, type Message, message, section } from '../../blocks/kit.ts';
import { buildVotePanel } from '../../blocks/vote-panel.ts';
import { requestRefresh } from '../../jobs/message-refresh.ts';
import type { Deps } from '../deps.ts';
import { formatItemId, type Item } from '../domain/item.ts';
import { classifySlackError } from '../lib/slack-errors.ts';
import { ephemeral } from './reply.ts';

type CardDeps = Pick<
  Deps,
  'items' | 'scores' | 'logger' | 'cardQueue' | 'clock' | 'redis' | 'keys' | 'digests'
>;

/**
 * Why a card was not posted: `busy` — another process holds the claim and is posting it; `transient` —
 * Slack may well accept it on a later try (rate limit, timeout, 5xx, an auth pause); `refused` — it will not
 * until someone fixes the cause (invite the bot, unarchive the channel).
 */
export type CardPostFailure = 'busy' | 'transient' | 'refused';

export type CardPostResult =
  | { ok: true; item: Item }
  | { ok: false; item: Item; reason: string; cause: CardPostFailure };

const REASONS: Record<string, (channel: string) => string> = {
  not_in_channel: (c) =>
    `I'm not a member of ${c}. Invite me there with \`/invite @Debt Triage\`, then press *Try again*.`,
  channel_not_found: (c) =>
    `I can't see ${c}: it is private and I'm not in it, or it was deleted. Invite me with \`/invite @Debt Triage\`, then press *Try again*.`,
  is_archived: (c) =>
    `${c} is archived. Unarchive it, or move the item with \`/debt edit\` once moving is supported, then press *Try again*.`,
  restricted_action: (c) =>
    `Posting in ${c} is restricted for apps. Ask a channel manager to allow it, then press *Try again*.`,
};

export function cardFailureMessage(item: Item, reason: string): Message {
  const id = formatItemId(item.id);
  const text = `*${id}* is saved, but I could not post its card in ${channelLink(item.channelId)}. ${reason}`;
  return message(`${id} is saved, but its card could not be posted.`, [
    section(text),
    actions(BLOCK.cardRepostActions, [
      button(ACTION.cardRepost, 'Try again', { value: String(item.id), style: 'primary' }),
    ]),
  ]);
}

/** Posts the card for an item that has none (or an orphaned one) and records where it went. */
const CARD_CLAIM_SECONDS = 30;

function failureReason(item: Item, error: unknown): string {
  const failure = classifySlackError(error);
  const channel = channelLink(item.channelId);
  if (failure.kind === 'channel' || failure.kind === 'platform')
    return (
      REASONS[failure.error]?.(channel) ??
      `Slack answered \`${failure.error}\`. Press *Try again* in a minute.`
    );
  if (failure.kind === 'auth')
    return 'Slack refused the app’s token: a workspace admin must reinstall Debt Triage.';
  if (failure.kind === 'rate_limited')
    return `Slack asked me to slow down. Press *Try again* in ${failure.retryAfterSeconds} seconds.`;
  return 'Slack did not answer in time. Press *Try again* in a minute.';
}

/**
 * Posts the card for an item that has none (or an orphaned one) and records where it went. A claim in
 * Redis keeps a double click on *Try again* (or two processes) from posting two cards.
 */
export async function postCard(
  deps: CardDeps,
  client: webApi.WebClient,
  item: Item,
): Promise<CardPostResult> {
  if (await deps.digests.paused())
    return {
      ok: false,
      item,
      cause: 'transient',
      reason:
        'Slack refused the app’s token, so posting is paused: a workspace admin must reinstall Debt Triage.',
    };
  const claim = deps.keys.once(item.teamId, 'card', String(item.id));
  if ((await deps.redis.set(claim, '1', 'EX', CARD_CLAIM_SECONDS, 'NX')) === null)
    return {
      ok: false,
      item,
      cause: 'busy',
      reason: 'The card is being posted right now; give it a moment.',
    };
  try {
    const latest = (await deps.items.get(item.teamId, item.id)) ?? item;
    if (latest.card && !latest.card.orphaned) return { ok: true, item: latest };
    const [scored] = await deps.scores.score(item.teamId, [latest]);
    if (!scored) throw new Error('scoring returned nothing');
    const card = buildCard(scored);
    let ts: string;
    try {
      const posted = await client.chat.postMessage({
        channel: item.channelId,
        text: card.text,
        blocks: card.blocks,
        unfurl_links: false,
        unfurl_media: false,
      });
      if (!posted.ts) throw new Error('chat.postMessage returned no ts');
      ts = posted.ts;
    } catch (error) {
      const failure = classifySlackError(error);
      deps.logger.warn('card not posted', { teamId: item.teamId, itemId: item.id, error: failure });
      const passing = failure.kind === 'rate_limited' || failure.kind === 'transient';
      return {
        ok: false,
        item: latest,
        cause: passing ? 'transient' : 'refused',
        reason: failureReason(item, error),
      };
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
    await deps.redis.del(claim);
  }
}

const PANEL_CLAIM_SECONDS = 60;

/**
 * Posts the vote panel as the card's first thread reply, once: a claim in Redis keeps two processes
 * from posting two panels. Failure is logged and left to a later refresh or the backfill.
 */
export async function ensurePanel(deps: CardDeps, client: webApi.WebClient, item: Item): Promise<Item> {
  if (!item.card || item.card.orphaned || item.panelTs) return item;
  const claim = deps.keys.once(item.teamId, 'panel', String(item.id));
  if ((await deps.redis.set(claim, '1', 'EX', PANEL_CLAIM_SECONDS, 'NX')) === null) return item;
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
    await deps.redis.del(claim);
    deps.logger.warn('vote panel not posted', {
      teamId: item.teamId,
      itemId: item.id,
      error: classifySlackError(error),
    });
    return item;
  }
}

/** Shows the item's latest state on its card and vote panel: queued, coalesced and sent by a worker. */
export async function refreshItemMessages(
  deps: Pick<Deps, 'cardQueue' | 'clock'>,
  item: Item,
): Promise<void> {
  if (!item.card || item.card.orphaned) return;
  await Promise.all(
    (['card', 'panel'] as const).map((target) =>
      requestRefresh(deps.cardQueue, deps.clock, item.teamId, item.id, target),
    ),
  );
}

/** Tells a user something privately: through a response_url when there is one, else by a DM from the app. */
export async function tellUser(
  deps: Pick<Deps, 'logger'>,
  client: webApi.WebClient,
  userId: string,
  content: Message,
  responseUrl: string | null,
): Promise<void> {
  if (responseUrl) {
    try {
      const res = await fetch(responseUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(ephemeral(content)),
        signal: AbortSignal.timeout(5000),
      });
      if (res.ok) return;
      deps.logger.warn('response_url refused; falling back to a DM', { status: res.status });
    } catch (error) {
      deps.logger.warn('response_url failed; falling back to a DM', { error });
    }
  }
  const dm = await client.conversations.open({ users: userId });
  const channel = dm.channel?.id;
  if (!channel) throw new Error('conversations.open returned no channel');
  await client.chat.postMessage({ channel, ...content, unfurl_links: false });
}
