import {
  ErrorCode,
  LogLevel,
  WebAPIHTTPError,
  WebAPIPlatformError,
  WebAPIRateLimitedError,
  WebAPIRequestError,
  WebClient,
} from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  COMMON_ERRORS,
  METHOD_ERRORS,
  OUTCOMES,
  outcomeOf,
  type SlackMethod,
  type SlackOutcome,
} from '../../src/lib/slack-error-table.ts';
import {
  classifySlackError,
  isSlackApiError,
  payloadBytes,
  RATE_LIMITED_DEFAULT_SECONDS,
} from '../../src/lib/slack-errors.ts';
import type { Failure } from '../../src/sandbox/fake-slack/types.ts';
import { FakeSlack } from '../../src/sandbox/fake-slack.ts';

const METHODS = Object.keys(METHOD_ERRORS) as SlackMethod[];

describe('the Slack error table', () => {
  it('covers every method the app calls', () => {
    expect(METHODS.sort()).toEqual(
      [
        'auth.test',
        'chat.getPermalink',
        'chat.postMessage',
        'chat.update',
        'conversations.history',
        'conversations.info',
        'conversations.join',
        'conversations.open',
        'files.completeUploadExternal',
        'files.getUploadURLExternal',
        'users.info',
        'views.open',
        'views.publish',
      ].sort(),
    );
  });

  it.each(METHODS)('gives every documented error of %s an outcome', (method) => {
    const missing = [...METHOD_ERRORS[method], ...COMMON_ERRORS].filter((code) => outcomeOf(code) === null);
    expect(missing).toEqual([]);
  });

  it("lists Slack's common errors, both rate-limit spellings among them", () => {
    for (const code of [
      'invalid_auth',
      'not_authed',
      'account_inactive',
      'token_revoked',
      'token_expired',
      'no_permission',
      'missing_scope',
      'org_login_required',
      'ekm_access_denied',
      'invalid_arguments',
      'invalid_arg_name',
      'invalid_array_arg',
      'invalid_charset',
      'invalid_form_data',
      'invalid_post_type',
      'missing_post_type',
      'team_added_to_org',
      'request_timeout',
      'fatal_error',
      'internal_error',
      'service_unavailable',
      'ratelimited',
      'rate_limited',
      'accesslimited',
      'deprecated_endpoint',
      'method_deprecated',
      'two_factor_setup_required',
      'not_allowed_token_type',
    ])
      expect(COMMON_ERRORS).toContain(code);
  });

  it('has no outcome for a code that no method documents (a stale entry)', () => {
    const documented = new Set<string>([...COMMON_ERRORS, ...METHODS.flatMap((m) => METHOD_ERRORS[m])]);
    expect(Object.keys(OUTCOMES).filter((code) => !documented.has(code))).toEqual([]);
  });

  it.each<[string, SlackOutcome]>([
    ['ratelimited', 'rate_limited'],
    ['rate_limited', 'rate_limited'],
    ['service_unavailable', 'transient'],
    ['fatal_error', 'transient'],
    ['internal_error', 'transient'],
    ['request_timeout', 'transient'],
    ['not_in_channel', 'channel'],
    ['channel_not_found', 'channel'],
    ['is_archived', 'channel'],
    ['message_not_found', 'channel'],
    ['cant_update_message', 'channel'],
    ['restricted_action', 'channel'],
    ['invalid_auth', 'auth'],
    ['not_authed', 'auth'],
    ['account_inactive', 'auth'],
    ['token_revoked', 'auth'],
    ['token_expired', 'auth'],
    ['msg_blocks_too_long', 'platform'],
    ['invalid_blocks', 'platform'],
    ['invalid_arguments', 'platform'],
    ['too_many_attachments', 'platform'],
    ['msg_too_long', 'platform'],
    ['no_text', 'platform'],
  ])('%s → %s', (code, outcome) => {
    expect(outcomeOf(code)).toBe(outcome);
  });
});

describe('classifySlackError on the errors @slack/web-api throws', () => {
  const allCodes = [...new Set<string>(Object.keys(OUTCOMES))];

  it.each(allCodes)('a platform error %s gets its table outcome', (code) => {
    const error = new WebAPIPlatformError({ ok: false, error: code, response_metadata: {} });
    expect(isSlackApiError(error)).toBe(true);
    const failure = classifySlackError(error);
    expect(failure.kind).toBe(outcomeOf(code));
    expect(failure.error).toBe(code);
    if (failure.kind === 'transient') expect(failure.unknown).toBeUndefined();
  });

  it('rate_limited (HTTP 200, no Retry-After) waits the default; a Retry-After header, when sent, wins', () => {
    expect(classifySlackError(new WebAPIPlatformError({ ok: false, error: 'rate_limited' }))).toEqual({
      kind: 'rate_limited',
      error: 'rate_limited',
      retryAfterSeconds: RATE_LIMITED_DEFAULT_SECONDS,
    });
    const withHeader = new WebAPIPlatformError({
      ok: false,
      error: 'rate_limited',
      response_metadata: { retryAfter: 4 },
    });
    expect(classifySlackError(withHeader)).toMatchObject({ kind: 'rate_limited', retryAfterSeconds: 4 });
  });

  it('a 429 (WebAPIRateLimitedError) waits exactly Retry-After', () => {
    const error = new WebAPIRateLimitedError(7);
    expect(error.code).toBe(ErrorCode.RateLimitedError);
    expect(classifySlackError(error)).toEqual({
      kind: 'rate_limited',
      error: 'ratelimited',
      retryAfterSeconds: 7,
    });
  });

  it('an HTTP 5xx is transient, named by its body when Slack gave a code', () => {
    const unavailable = new WebAPIHTTPError(
      503,
      'Service Unavailable',
      { 'content-type': 'application/json' },
      '{"ok":false,"error":"service_unavailable"}',
    );
    expect(classifySlackError(unavailable)).toEqual({ kind: 'transient', error: 'service_unavailable' });
    const bare = new WebAPIHTTPError(502, 'Bad Gateway', {}, '<html>bad gateway</html>');
    expect(classifySlackError(bare)).toEqual({ kind: 'transient', error: 'http_502' });
  });

  it('no answer at all (WebAPIRequestError) is transient and keeps what the network said', () => {
    const error = new WebAPIRequestError(new Error('socket hang up'));
    expect(classifySlackError(error)).toEqual({
      kind: 'transient',
      error: 'request_error',
      detail: 'socket hang up',
    });
  });

  it('a code no method documents is transient, marked unknown', () => {
    const error = new WebAPIPlatformError({ ok: false, error: 'brand_new_failure' });
    expect(classifySlackError(error)).toEqual({
      kind: 'transient',
      error: 'brand_new_failure',
      unknown: true,
    });
  });

  it('an error that is not from the Web API is transient and not a Slack error', () => {
    const error = new Error('Connection is closed.');
    expect(isSlackApiError(error)).toBe(false);
    expect(classifySlackError(error)).toEqual({ kind: 'transient', error: 'Connection is closed.' });
  });

  it('measures a payload as the bytes of its JSON', () => {
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: 'é' } }];
    expect(payloadBytes({ text: 'hi', blocks })).toBe(
      Buffer.byteLength(JSON.stringify({ text: 'hi', blocks }), 'utf8'),
    );
  });
});

describe('the fake Slack answers each injected failure as Slack does, and WebClient throws what we classify', () => {
  let fake: FakeSlack;
  let client: WebClient;
  beforeAll(async () => {
    fake = await FakeSlack.start({ teamId: 'T0ERR' });
    // Configured like the workers' client (src/start-workers.ts): no retries of its own, 429s rejected.
    client = new WebClient('xoxb-test', {
      slackApiUrl: fake.url,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      logLevel: LogLevel.ERROR,
    });
  });
  afterAll(async () => {
    await fake.close();
  });

  async function thrown(failure: Failure): Promise<unknown> {
    fake.failNext('chat.update', failure);
    return client.chat.update({ channel: 'C1', ts: '1.1', text: 'x' }).then(
      () => {
        throw new Error('expected the call to fail');
      },
      (error: unknown) => error,
    );
  }

  it('ratelimited: HTTP 429 with Retry-After, rejected as a rate-limit error', async () => {
    const error = await thrown({ error: 'ratelimited', retryAfter: 3 });
    expect(error).toBeInstanceOf(WebAPIRateLimitedError);
    expect(classifySlackError(error)).toMatchObject({ kind: 'rate_limited', retryAfterSeconds: 3 });
    // The old spelling of the same injection still works.
    expect(classifySlackError(await thrown({ status: 429, retryAfter: 2 }))).toMatchObject({
      kind: 'rate_limited',
      retryAfterSeconds: 2,
    });
  });

  it('a 429 without Retry-After still waits, for the default time', async () => {
    const error = await thrown({ error: 'ratelimited', retryAfter: null });
    expect(classifySlackError(error)).toMatchObject({
      kind: 'rate_limited',
      retryAfterSeconds: RATE_LIMITED_DEFAULT_SECONDS,
    });
  });

  it('rate_limited: HTTP 200 ok:false without Retry-After', async () => {
    const error = await thrown({ error: 'rate_limited' });
    expect(error).toBeInstanceOf(WebAPIPlatformError);
    expect(classifySlackError(error)).toEqual({
      kind: 'rate_limited',
      error: 'rate_limited',
      retryAfterSeconds: RATE_LIMITED_DEFAULT_SECONDS,
    });
  });

  it('service_unavailable as an HTTP 200 code or an HTTP 503, and a 500, are transient', async () => {
    expect(classifySlackError(await thrown({ error: 'service_unavailable' }))).toEqual({
      kind: 'transient',
      error: 'service_unavailable',
    });
    const http503 = await thrown({ status: 503 });
    expect(http503).toMatchObject({ code: ErrorCode.HTTPError, statusCode: 503 });
    expect(classifySlackError(http503)).toEqual({ kind: 'transient', error: 'service_unavailable' });
    expect(classifySlackError(await thrown({ status: 500 }))).toEqual({
      kind: 'transient',
      error: 'internal_error',
    });
  });

  it('a dropped connection is a transient request error', async () => {
    const error = await thrown({ drop: true });
    expect(error).toMatchObject({ code: ErrorCode.RequestError });
    expect(classifySlackError(error)).toMatchObject({ kind: 'transient', error: 'request_error' });
  });

  it.each<[string, SlackOutcome]>([
    ['msg_blocks_too_long', 'platform'],
    ['message_not_found', 'channel'],
    ['token_revoked', 'auth'],
    ['fatal_error', 'transient'],
  ])('%s arrives as a platform error classified %s', async (code, kind) => {
    const error = await thrown({ error: code });
    expect(error).toMatchObject({ code: ErrorCode.PlatformError, data: { ok: false, error: code } });
    expect(classifySlackError(error).kind).toBe(kind);
  });

  it('an undocumented code arrives as a platform error classified transient and unknown', async () => {
    expect(classifySlackError(await thrown({ error: 'wibble_wobble' }))).toEqual({
      kind: 'transient',
      error: 'wibble_wobble',
      unknown: true,
    });
    fake.assertNoViolations();
  });
});
