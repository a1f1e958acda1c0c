// Telling a user something privately, by a route that needs no channel membership.
import type { webApi } from '@slack/bolt';
import { ephemeral, type Message } from '../../blocks/kit.ts';
import type { Deps } from '../deps.ts';

/** Posts a private answer to a response_url; throws when it cannot be reached, else Slack's answer says. */
export function postToResponseUrl(responseUrl: string, content: Message): Promise<Response> {
  return fetch(responseUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ephemeral(content)),
    signal: AbortSignal.timeout(5000),
  });
}

/** Through a response_url when there is one, else by a DM from the app. */
export async function tellUser(
  deps: Pick<Deps, 'logger'>,
  client: webApi.WebClient,
  userId: string,
  content: Message,
  responseUrl: string | null,
): Promise<void> {
  if (responseUrl) {
    try {
      const res = await postToResponseUrl(responseUrl, content);
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
