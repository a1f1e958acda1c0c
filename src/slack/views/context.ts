// The request context of a modal submission: who submitted it, from which channel, and a private reply
// route (a DM from the app: a view submission has no response_url of its own).
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { Deps } from '../../deps.ts';
import { tellUser } from '../../features/tell-user.ts';
import { installedTeam, type RequestContext } from '../context.ts';
import type { ViewStateValues } from './filing-state.ts';

export type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

export function viewContext(
  deps: Pick<Deps, 'logger'>,
  { body, client, context }: ViewArgs,
  channelId: string | null,
): RequestContext {
  const userId = body.user.id;
  return {
    teamId: installedTeam(context),
    userId,
    channelId,
    client,
    reply: (message) => tellUser(deps, client, userId, message, null),
  };
}

/** The submitted inputs, in the shape our state readers take. */
export function viewValues(view: ViewSubmitAction['view']): ViewStateValues {
  return view.state.values as ViewStateValues;
}
