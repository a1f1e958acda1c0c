// The request context of a modal submission: who submitted it, from which channel, and a private reply
// route (a DM from the app: a view submission has no response_url of its own).
import type { ViewSubmitAction, webApi } from '@slack/bolt';
import type { Deps } from '../../deps.ts';
import { tellUser } from '../cards.ts';
import type { RequestContext } from '../context.ts';

/** Field errors longer than this are cut, so the reason still fits under the input. */
const FIELD_ERROR_MAX = 150;

/** The ack that keeps the modal open, with `text` under one field; what the user typed stays. */
export function fieldError(field: string, text: string) {
  return { response_action: 'errors' as const, errors: { [field]: text.slice(0, FIELD_ERROR_MAX) } };
}

export function viewContext(
  deps: Pick<Deps, 'logger'>,
  body: ViewSubmitAction,
  client: webApi.WebClient,
  channelId: string | null,
): RequestContext {
  const userId = body.user.id;
  return {
    teamId: body.team?.id ?? body.view.team_id,
    userId,
    channelId,
    client,
    reply: (message) => tellUser(deps, client, userId, message, null),
  };
}
