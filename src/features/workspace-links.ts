// The workspace's web address (from auth.test), asked once per client, and message permalinks: links that
// are nice to have, so a failure is logged and answered with null.
import type { webApi } from '@slack/bolt';
import type { Logger } from '../lib/logger.ts';

const cache = new WeakMap<webApi.WebClient, Promise<string | null>>();

/** e.g. `https://acme.slack.com/`; null when Slack cannot say (then digests carry no thread links). */
export function workspaceUrl(client: webApi.WebClient, logger: Logger): Promise<string | null> {
  let url = cache.get(client);
  if (!url) {
    url = client.auth
      .test()
      .then((r) =>
        typeof r.url === 'string' && /^https:\/\//.test(r.url) ? r.url.replace(/\/?$/, '/') : null,
      )
      .catch((error: unknown) => {
        logger.warn('auth.test failed; digests go without thread links', { error });
        cache.delete(client);
        return null;
      });
    cache.set(client, url);
  }
  return url;
}

/** A message's permalink, or null when Slack cannot give it. */
export function permalink(
  client: webApi.WebClient,
  logger: Logger,
  channel: string,
  messageTs: string,
): Promise<string | null> {
  return client.chat
    .getPermalink({ channel, message_ts: messageTs })
    .then((r) => r.permalink ?? null)
    .catch((error: unknown) => {
      logger.warn('chat.getPermalink failed; going without the link', { error });
      return null;
    });
}
