// The bodies Slack sends an app, built for the sandbox's people from what they did on the page. Each shape
// follows Slack's payload reference (cited per builder) and the samples the tests already use; the bodies are
// signed and posted by the session (src/sandbox/session.ts).

import { publicMessage } from './fake-slack/chat.ts';
import type { StoredMessage, StoredView } from './fake-slack.ts';
import { interactionIdentity, type PayloadIdentity } from './payload-identities.ts';
import { eventCallbackBody, interactionBody, slashCommandBody } from './sign.ts';

const APP_ID = 'A0FAKE';
const TOKEN = 'legacy-verification-token';

export interface Person {
  id: string;
  name: string;
}

/** Who acts, in the shapes of a member of the installing workspace. */
export function memberOf(teamId: string, domain: string, person: Person): PayloadIdentity {
  return {
    userId: person.id,
    userTeamId: teamId,
    team: { id: teamId, domain },
    enterprise: null,
    isEnterpriseInstall: false,
  };
}

/** The `user` object Slack puts in interaction payloads, with the person's handle as name. */
function identity(who: PayloadIdentity, person: Person) {
  const base = interactionIdentity(who);
  return { ...base, user: { ...base.user, username: person.name, name: person.name } };
}

/** The fields every interaction payload starts with: its type, who acted, the app and the legacy token. */
function interaction(
  type: string,
  who: PayloadIdentity,
  person: Person,
  rest: Record<string, unknown>,
): string {
  return interactionBody({ type, ...identity(who, person), api_app_id: APP_ID, token: TOKEN, ...rest });
}

/** Slack's `action_ts` / `event_ts`: seconds with microseconds. */
const stamp = (): string => (Date.now() / 1000).toFixed(6);

export interface CommandInput {
  who: PayloadIdentity;
  person: Person;
  channel: { id: string; name: string };
  domain: string;
  command: string;
  text: string;
  triggerId: string;
  responseUrl: string;
}

/** https://docs.slack.dev/interactivity/implementing-slash-commands#app_command_handling (form-encoded). */
export function commandBody(c: CommandInput): string {
  return slashCommandBody({
    team_id: c.who.userTeamId,
    team_domain: c.domain,
    channel_id: c.channel.id,
    channel_name: c.channel.name,
    user_id: c.person.id,
    user_name: c.person.name,
    command: c.command,
    text: c.text,
    api_app_id: APP_ID,
    trigger_id: c.triggerId,
    response_url: c.responseUrl,
  });
}

/** A view as Slack sends it back in payloads: with the inputs' values and the installing workspace. */
function viewWithState(view: StoredView, teamId: string, values: unknown) {
  return { ...view, app_installed_team_id: teamId, state: { values } };
}

export interface ActionInput {
  who: PayloadIdentity;
  person: Person;
  triggerId: string;
  action: Record<string, unknown>;
}

/**
 * A click in a message: https://docs.slack.dev/reference/interaction-payloads/block_actions-payload. Slack sends
 * the whole message, except for an ephemeral one, which it marks `is_ephemeral` and leaves out.
 */
export function messageActionBody(
  a: ActionInput & {
    channel: { id: string; name: string };
    message: StoredMessage;
    ephemeral: boolean;
    responseUrl: string;
  },
): string {
  return interaction('block_actions', a.who, a.person, {
    container: {
      type: 'message',
      message_ts: a.message.ts,
      channel_id: a.channel.id,
      is_ephemeral: a.ephemeral,
    },
    trigger_id: a.triggerId,
    channel: a.channel,
    ...(a.ephemeral ? {} : { message: publicMessage(a.message) }),
    state: { values: {} },
    response_url: a.responseUrl,
    actions: [{ ...a.action, action_ts: stamp() }],
  });
}

/** A click in a modal or on Home: the same payload with `container.type: view` and the view, no response_url. */
export function viewActionBody(
  a: ActionInput & { view: StoredView; teamId: string; values: unknown },
): string {
  return interaction('block_actions', a.who, a.person, {
    container: { type: 'view', view_id: a.view.id },
    trigger_id: a.triggerId,
    view: viewWithState(a.view, a.teamId, a.values),
    actions: [{ ...a.action, action_ts: stamp() }],
  });
}

/**
 * https://docs.slack.dev/reference/interaction-payloads/view-interactions-payload#view_submission: one
 * response_url per input with `response_url_enabled` (the filing modal's channel picker), for that conversation.
 */
export function submissionBody(s: {
  who: PayloadIdentity;
  person: Person;
  view: StoredView;
  teamId: string;
  values: unknown;
  triggerId: string;
  responseUrls: { block_id: string; action_id: string; channel_id: string; response_url: string }[];
}): string {
  return interaction('view_submission', s.who, s.person, {
    trigger_id: s.triggerId,
    view: viewWithState(s.view, s.teamId, s.values),
    response_urls: s.responseUrls,
  });
}

/** …/view-interactions-payload#view_closed: sent only for views with `notify_on_close`. */
export function closedBody(c: {
  who: PayloadIdentity;
  person: Person;
  view: StoredView;
  teamId: string;
}): string {
  return interaction('view_closed', c.who, c.person, {
    view: viewWithState(c.view, c.teamId, {}),
    is_cleared: false,
  });
}

/** https://docs.slack.dev/reference/interaction-payloads/shortcuts-interaction-payload (message shortcut). */
export function shortcutBody(s: {
  who: PayloadIdentity;
  person: Person;
  callbackId: string;
  channel: { id: string; name: string };
  message: StoredMessage;
  triggerId: string;
  responseUrl: string;
}): string {
  const { user } = identity(s.who, s.person);
  return interactionBody({
    type: 'message_action',
    token: TOKEN,
    action_ts: stamp(),
    team: s.who.team,
    user,
    channel: s.channel,
    is_enterprise_install: false,
    enterprise: null,
    callback_id: s.callbackId,
    trigger_id: s.triggerId,
    response_url: s.responseUrl,
    message_ts: s.message.ts,
    message: publicMessage(s.message),
  });
}

/** https://docs.slack.dev/reference/interaction-payloads/block_suggestion-payload: an external select's query. */
export function suggestionRequestBody(s: {
  who: PayloadIdentity;
  person: Person;
  actionId: string;
  blockId: string;
  value: string;
  view: StoredView | undefined;
  teamId: string;
}): string {
  return interaction('block_suggestion', s.who, s.person, {
    action_id: s.actionId,
    block_id: s.blockId,
    value: s.value,
    ...(s.view
      ? { container: { type: 'view', view_id: s.view.id }, view: viewWithState(s.view, s.teamId, {}) }
      : {}),
  });
}

/** https://docs.slack.dev/reference/events/app_home_opened: the Home tab, with the view last published there. */
export function homeOpenedBody(h: { userId: string; teamId: string; home: StoredView | undefined }): string {
  return eventCallbackBody(
    {
      type: 'app_home_opened',
      user: h.userId,
      channel: `D${h.userId}`,
      tab: 'home',
      ...(h.home ? { view: h.home } : {}),
      event_ts: stamp(),
    },
    h.teamId,
  );
}
