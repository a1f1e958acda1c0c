// Classifies Web API failures by what the app should do about them (SPEC §2.3, §2.4, §3.2). Which code means
// what is one table, src/lib/slack-error-table.ts; this file reads the errors @slack/web-api throws.
import { outcomeOf } from './slack-error-table.ts';

export type SlackFailure =
  /** `ratelimited` (HTTP 429 + Retry-After) or `rate_limited` (HTTP 200): wait, then try again; never dropped. */
  | { kind: 'rate_limited'; retryAfterSeconds: number; error: string }
  /** The channel or message is gone or unreachable for the bot: do not retry. */
  | { kind: 'channel'; error: string }
  | { kind: 'auth'; error: string }
  /** Slack said no for another reason (a bug of ours or a bad argument): do not retry blindly. */
  | { kind: 'platform'; error: string }
  /**
   * Network, timeout, 5xx, Slack's own failure, or a code no method documents (`unknown`): worth a bounded
   * number of retries. `detail` keeps what a network error said.
   */
  | { kind: 'transient'; error: string; unknown?: true; detail?: string };

/**
 * `rate_limited` comes with HTTP 200 and no Retry-After ("posted too many messages"); Slack's posting limits
 * are per minute, so half of one is a fair wait. Also used for a 429 whose Retry-After is missing.
 */
export const RATE_LIMITED_DEFAULT_SECONDS = 30;

function field(error: unknown, name: string): unknown {
  return typeof error === 'object' && error !== null ? (error as Record<string, unknown>)[name] : undefined;
}

function positiveSeconds(value: unknown): number | null {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? Math.ceil(n) : null;
}

/** A code Slack answered with (HTTP 200 ok:false, or the body of another status), by the table. */
function fromCode(code: string, retryAfter: unknown): SlackFailure {
  const outcome = outcomeOf(code);
  switch (outcome) {
    case 'rate_limited':
      return {
        kind: 'rate_limited',
        error: code,
        retryAfterSeconds: positiveSeconds(retryAfter) ?? RATE_LIMITED_DEFAULT_SECONDS,
      };
    case 'channel':
    case 'auth':
    case 'platform':
      return { kind: outcome, error: code };
    case 'transient':
      return { kind: 'transient', error: code };
    default:
      return { kind: 'transient', error: code, unknown: true };
  }
}

/**
 * What to do about an error a WebClient call threw (@slack/web-api's errors.ts): a `WebAPIRateLimitedError`
 * (429 with Retry-After, thrown because the clients set `rejectRateLimitedCalls`), a `WebAPIPlatformError`
 * (ok:false, by the table), a `WebAPIHTTPError` (another status) or a `WebAPIRequestError` (no answer).
 */
export function classifySlackError(error: unknown): SlackFailure {
  const code = field(error, 'code');
  if (code === 'slack_webapi_rate_limited_error') {
    return {
      kind: 'rate_limited',
      error: 'ratelimited',
      retryAfterSeconds: positiveSeconds(field(error, 'retryAfter')) ?? 1,
    };
  }
  if (code === 'slack_webapi_platform_error') {
    const data = field(error, 'data');
    // WebClient copies a Retry-After header, if Slack sent one, into the result's response_metadata.
    const retryAfter = field(field(data, 'response_metadata'), 'retryAfter');
    return fromCode(String(field(data, 'error') ?? 'unknown_error'), retryAfter);
  }
  if (code === 'slack_webapi_http_error') {
    // Slack's Web API answers 200 or 429; another status is a proxy or an outage. A body with a code we know
    // is classified by it (a 503 saying service_unavailable stays transient).
    const bodyCode = field(field(error, 'body'), 'error');
    if (typeof bodyCode === 'string' && outcomeOf(bodyCode) !== null)
      return fromCode(bodyCode, field(field(error, 'headers'), 'retry-after'));
    return { kind: 'transient', error: `http_${String(field(error, 'statusCode'))}` };
  }
  if (code === 'slack_webapi_request_error') {
    const original = field(error, 'original');
    return {
      kind: 'transient',
      error: 'request_error',
      detail: original instanceof Error ? original.message : String(original),
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  // A 429 without a usable Retry-After: WebClient throws a plain Error (WebClient.makeRequest). Still a rate
  // limit, so it waits rather than being counted as a failure.
  if (message.startsWith('Retry header did not contain a valid timeout'))
    return { kind: 'rate_limited', error: 'ratelimited', retryAfterSeconds: RATE_LIMITED_DEFAULT_SECONDS };
  return { kind: 'transient', error: message };
}

export function isSlackApiError(error: unknown): boolean {
  const code = field(error, 'code');
  return typeof code === 'string' && code.startsWith('slack_webapi_');
}

/** Bytes of the JSON of what a message call sent (text and blocks): what a "too long" refusal is about. */
export function payloadBytes(payload: { text?: string | undefined; blocks?: unknown }): number {
  return Buffer.byteLength(JSON.stringify({ text: payload.text, blocks: payload.blocks }), 'utf8');
}

/** Log fields for a message Slack refused: the code, the payload's size and its block count. */
export function refusedPayload(
  failure: SlackFailure,
  payload: { text?: string | undefined; blocks?: readonly unknown[] | undefined },
): Record<string, unknown> {
  return {
    error: failure.error,
    payloadBytes: payloadBytes(payload),
    blockCount: payload.blocks?.length ?? 0,
  };
}
