// What every item operation needs to know about the request it serves.
import type { webApi } from '@slack/bolt';
import type { Reply } from './reply.ts';

export interface RequestContext {
  teamId: string;
  userId: string;
  /** The channel the request came from (null for modals and App Home). */
  channelId: string | null;
  client: webApi.WebClient;
  reply: Reply;
}
