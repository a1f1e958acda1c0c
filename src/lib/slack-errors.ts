// Classifies Web API failures by what the app should do about them (SPEC §2.3, §2.4).
export type SlackFailure =
  | { kind: 'rate_limited'; retryAfterSeconds: number }
  /** The channel or message is gone or unreachable for the bot: do not retry. */
  | { kind: 'channel'; error: string }
  | { kind: 'auth'; error: string }
  /** Slack said no for another reason (a bug of ours or a bad argument): do not retry blindly. */
  | { kind: 'platform'; error: string }
  /** Network, timeout or 5xx: worth a retry. */
  | { kind: 'transient'; error: string };

const CHANNEL_ERRORS = new Set([
  'not_in_channel',
  'channel_not_found',
  'is_archived',
  'message_not_found',
  'cant_update_message',
  'restricted_action',
]);
const AUTH_ERRORS = new Set([
  'invalid_auth',
  'token_revoked',
  'account_inactive',
  'not_authed',
  'token_expired',
]);

function field(error: unknown, name: string): unknown {
  return typeof error === 'object' && error !== null ? (error as Record<string, unknown>)[name] : undefined;
}

export function classifySlackError(error: unknown): SlackFailure {
  const code = field(error, 'code');
  if (code === 'slack_webapi_rate_limited_error') {
    const retryAfter = Number(field(error, 'retryAfter'));
    return {
      kind: 'rate_limited',
      retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : 1,
    };
  }
  if (code === 'slack_webapi_platform_error') {
    const slackError = String(field(field(error, 'data'), 'error') ?? 'unknown_error');
    if (slackError === 'ratelimited') return { kind: 'rate_limited', retryAfterSeconds: 1 };
    if (CHANNEL_ERRORS.has(slackError)) return { kind: 'channel', error: slackError };
    if (AUTH_ERRORS.has(slackError)) return { kind: 'auth', error: slackError };
    if (slackError === 'internal_error' || slackError === 'fatal_error')
      return { kind: 'transient', error: slackError };
    return { kind: 'platform', error: slackError };
  }
  if (code === 'slack_webapi_http_error')
    return { kind: 'transient', error: `http_${String(field(error, 'statusCode'))}` };
  return { kind: 'transient', error: error instanceof Error ? error.message : String(error) };
}

export function isSlackApiError(error: unknown): boolean {
  const code = field(error, 'code');
  return typeof code === 'string' && code.startsWith('slack_webapi_');
}
