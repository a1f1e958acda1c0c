// Who is acting, where, and the Web API client to act with: what every use case needs of a request.
import type { webApi } from '@slack/bolt';

export interface Actor {
  teamId: string;
  userId: string;
  /** The channel the request came from (null for modals and App Home). */
  channelId: string | null;
  client: webApi.WebClient;
}
