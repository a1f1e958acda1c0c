// Publishing a newly filed item: its channel's visibility, its card, and word to the reporter if the card failed.
import type { webApi } from '@slack/bolt';
import { buildCardFailure } from '../../blocks/card-failure.ts';
import type { Item } from '../domain/item.ts';
import { enableDigestOnFirstItem, type SettingsDeps } from './channel-settings.ts';
import { type CardDeps, postCard } from './post-card.ts';
import { tellUser } from './tell-user.ts';

export type PublishDeps = CardDeps & SettingsDeps;

/** Learns whether the card's channel is public, which decides who may see the item in workspace views. */
async function recordVisibility(deps: PublishDeps, client: webApi.WebClient, item: Item): Promise<Item> {
  let visibility: Item['channelVisibility'] = 'unknown';
  try {
    const info = await client.conversations.info({ channel: item.channelId });
    visibility = info.channel?.is_private ? 'private' : 'public';
  } catch (error) {
    // A private channel the bot is not in looks like channel_not_found: stay on the private side.
    deps.logger.info('conversations.info failed; item stays private', { itemId: item.id, error });
  }
  if (visibility === item.channelVisibility) return item;
  return deps.items.update(item.teamId, item.id, (i) => ({ ...i, channelVisibility: visibility }), null);
}

export interface PublishRoute {
  /** Where the reporter can be answered privately; null means a DM. */
  responseUrl: string | null;
  /**
   * `filing`: the reporter is waiting, so any failure is reported at once (with *Try again*). `sweep`: a
   * failure that may pass (rate limit, timeout, 5xx) is left for the next sweep instead.
   */
  from: 'filing' | 'sweep';
}

/** `published`: card out or reporter told. `busy`: another process is posting it. `deferred`: try later. */
export type PublishOutcome = 'published' | 'busy' | 'deferred';

/**
 * Everything after the ack: visibility, card, and telling the reporter if the card could not be posted.
 * Only when that is done does the item leave the unpublished set; if this throws (or the process dies
 * first), the worker's sweep (jobs/card-sweep.ts) runs it again.
 */
export async function publishFiledItem(
  deps: PublishDeps,
  client: webApi.WebClient,
  item: Item,
  { responseUrl, from }: PublishRoute,
): Promise<PublishOutcome> {
  const visible = await recordVisibility(deps, client, item);
  const result = await postCard(deps, client, visible);
  await enableDigestOnFirstItem(deps, client, visible).catch((error: unknown) =>
    deps.logger.error('could not switch the digest on for a new channel', {
      channelId: item.channelId,
      error,
    }),
  );
  if (!result.ok) {
    // The process holding the claim finishes the job, including the markPublished below.
    if (result.cause === 'busy') return 'busy';
    if (result.cause === 'transient' && from === 'sweep') return 'deferred';
    await tellUser(deps, client, item.reporterId, buildCardFailure(item, result.failure), responseUrl);
  }
  await deps.items.markPublished(item.teamId, item.id);
  return 'published';
}
