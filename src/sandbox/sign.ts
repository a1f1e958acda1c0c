// Builds and signs requests the way Slack sends them to the app (SPEC §4: v0 HMAC-SHA256 over `v0:ts:body`).
import { createHmac } from 'node:crypto';

export const FORM = 'application/x-www-form-urlencoded';
export const JSON_TYPE = 'application/json';

export interface SignedHeaders {
  'x-slack-signature': string;
  'x-slack-request-timestamp': string;
  'content-type': string;
}

/** A JSON body starts with `{`; everything else Slack sends is form-encoded. */
const guessType = (body: string): string => (body.trimStart().startsWith('{') ? JSON_TYPE : FORM);

export function signRequest(
  secret: string,
  body: string,
  timestampSec: number = Math.floor(Date.now() / 1000),
  contentType: string = guessType(body),
): SignedHeaders {
  const digest = createHmac('sha256', secret).update(`v0:${timestampSec}:${body}`).digest('hex');
  return {
    'x-slack-signature': `v0=${digest}`,
    'x-slack-request-timestamp': String(timestampSec),
    'content-type': contentType,
  };
}

export interface SlashCommandInput {
  team_id: string;
  channel_id: string;
  user_id: string;
  trigger_id: string;
  response_url: string;
  text?: string;
  command?: string;
  channel_name?: string;
  user_name?: string;
  team_domain?: string;
  api_app_id?: string;
  enterprise_id?: string;
  is_enterprise_install?: 'true' | 'false';
}

/** The urlencoded body of a slash command invocation. */
export function slashCommandBody(input: SlashCommandInput): string {
  const fields: Record<string, string> = {
    token: 'legacy-verification-token',
    team_id: input.team_id,
    team_domain: input.team_domain ?? 'fake',
    channel_id: input.channel_id,
    channel_name: input.channel_name ?? input.channel_id.toLowerCase(),
    user_id: input.user_id,
    user_name: input.user_name ?? input.user_id.toLowerCase(),
    command: input.command ?? '/debt',
    text: input.text ?? '',
    api_app_id: input.api_app_id ?? 'A0FAKE',
    is_enterprise_install: input.is_enterprise_install ?? 'false',
    response_url: input.response_url,
    trigger_id: input.trigger_id,
  };
  if (input.enterprise_id) fields.enterprise_id = input.enterprise_id;
  return new URLSearchParams(fields).toString();
}

/** The urlencoded body of an interaction (block_actions, view_submission, shortcut): `payload=<json>`. */
export function interactionBody(payload: object): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** The JSON body of an Events API delivery. */
export function eventBody(obj: object): string {
  return JSON.stringify(obj);
}

/**
 * An `event_callback` envelope around one event, as https://docs.slack.dev/apis/events-api/ shows it,
 * with the `authorizations` entry naming the installation the event is for.
 */
export function eventCallbackBody(event: Record<string, unknown>, teamId: string): string {
  return eventBody({
    token: 'legacy',
    team_id: teamId,
    api_app_id: 'A0FAKE',
    type: 'event_callback',
    event_id: `Ev${Date.now()}${Math.random().toString(36).slice(2, 8)}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ enterprise_id: null, team_id: teamId, user_id: 'UBOT', is_bot: true }],
    event,
  });
}

/** The block_suggestion payload of an external select as the user types (…/block_suggestion-payload). */
export function suggestionBody(actionId: string, value: string, teamId: string): string {
  return interactionBody({
    type: 'block_suggestion',
    action_id: actionId,
    block_id: actionId,
    value,
    team: { id: teamId, domain: 'fake' },
    user: { id: 'U0ALICE', name: 'alice', team_id: teamId },
    api_app_id: 'A0FAKE',
    token: 'legacy',
    container: { type: 'view', view_id: 'V1' },
    view: { id: 'V1', callback_id: 'debt_settings', team_id: teamId, type: 'modal' },
  });
}

export interface AppResponse {
  status: number;
  text: string;
  json?: unknown;
}

/** POSTs a signed body to the app (e.g. `http://127.0.0.1:PORT/slack/events`). */
export async function postToApp(
  url: string,
  secret: string,
  body: string,
  contentType: string = guessType(body),
  extraHeaders: Record<string, string> = {},
): Promise<AppResponse> {
  const headers = { ...signRequest(secret, body, undefined, contentType), ...extraHeaders };
  const res = await fetch(url, { method: 'POST', headers, body });
  const text = await res.text();
  const out: AppResponse = { status: res.status, text };
  if (text.trim() !== '') {
    try {
      out.json = JSON.parse(text);
    } catch {
      // not JSON (an empty 200 ack or plain text): `text` carries it
    }
  }
  return out;
}
