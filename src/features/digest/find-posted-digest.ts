// The duplicate check of SPEC §2.4: was this week's digest already posted? Slack's history knows, by metadata.
import type { webApi } from '@slack/bolt';
import { DIGEST_EVENT_TYPE } from '../../../blocks/ids.ts';

const PAGE = 200;
const MAX_PAGES = 10;
/** A digest is never posted before its slot; an hour of margin covers clock skew between us and Slack. */
const MARGIN_MS = 3_600_000;

interface Metadata {
  event_type?: string;
  event_payload?: Record<string, unknown>;
}

/** The ts of this week's scheduled digest in the channel, or null when there is none. */
export async function findPostedDigest(
  client: webApi.WebClient,
  channelId: string,
  week: string,
  slotMillis: number,
): Promise<string | null> {
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const res = await client.conversations.history({
      channel: channelId,
      oldest: String((slotMillis - MARGIN_MS) / 1000),
      limit: PAGE,
      include_all_metadata: true,
      ...(cursor ? { cursor } : {}),
    });
    for (const message of res.messages ?? []) {
      const meta = (message as { metadata?: Metadata }).metadata;
      if (meta?.event_type === DIGEST_EVENT_TYPE && meta.event_payload?.week === week && message.ts)
        return message.ts;
    }
    cursor = res.response_metadata?.next_cursor || undefined;
    if (!cursor) return null;
  }
  return null;
}
