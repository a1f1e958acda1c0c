// Turns any failure inside a listener into a clear private answer and one log line (SPEC §2.8, STYLE §8):
// `answeringErrors` for commands, actions and shortcuts, `answeringViewErrors` for modal submissions.
import * as say from '../../blocks/error-text.ts';
import type { Message } from '../../blocks/kit.ts';
import { buildNotice } from '../../blocks/notice.ts';
import type { Deps } from '../deps.ts';
import { isDomainError } from '../domain/errors.ts';
import { pausePosting } from '../features/pause-posting.ts';
import { classifySlackError, isSlackApiError } from '../lib/slack-errors.ts';

export type Reply = (message: Message) => Promise<unknown>;

/** ioredis's words for an unreachable Redis; the second line is a Redis Cluster's (no node, no slot map, failover). */
const REDIS_DOWN = new RegExp(
  [
    "Stream isn't writeable|Connection is closed|ECONNREFUSED|Command timed out|enableOfflineQueue|MaxRetriesPerRequest",
    "None of startup nodes is available|Cluster isn't ready|Failed to refresh slots cache|CLUSTERDOWN|Too many Cluster redirections",
  ].join('|'),
  'i',
);

function isRedisDown(error: unknown): boolean {
  return REDIS_DOWN.test(error instanceof Error ? error.message : '');
}

/** What the user reads for an error; the log keeps the details. */
export function describeError(error: unknown): string {
  if (isDomainError(error)) return error.userMessage;
  if (isRedisDown(error)) return say.DATABASE_DOWN;
  if (isSlackApiError(error)) {
    const failure = classifySlackError(error);
    if (failure.kind === 'rate_limited') return say.slackRateLimited(failure.retryAfterSeconds);
    return say.slackRefused(failure.error);
  }
  return say.SOMETHING_WENT_WRONG;
}

export type FailureDeps = Pick<Deps, 'logger' | 'digests' | 'clock'>;

/**
 * A refusal (domain error) is expected and logged at info; anything else is a failure, logged at error.
 * Slack refusing the token stops all posting, as it does for the workers (SPEC §2.4), and /readyz says so.
 */
async function noteFailure(deps: FailureDeps, error: unknown, context: Record<string, unknown>) {
  const expected = isDomainError(error);
  (expected ? deps.logger.info : deps.logger.error)(expected ? 'request refused' : 'request failed', {
    ...context,
    error,
  });
  const failure = isSlackApiError(error) ? classifySlackError(error) : null;
  if (failure?.kind === 'auth')
    await pausePosting(deps, failure.error).catch((pauseError: unknown) =>
      deps.logger.error('could not record the pause', { error: pauseError }),
    );
}

/** Runs `work`; on failure answers through `reply` (itself guarded) and logs once. Never rethrows. */
export async function answeringErrors(
  deps: FailureDeps,
  reply: Reply,
  work: () => Promise<void>,
  context: Record<string, unknown> = {},
) {
  try {
    await work();
  } catch (error) {
    await noteFailure(deps, error, context);
    try {
      await reply(buildNotice(describeError(error)));
    } catch (replyError) {
      deps.logger.error('could not tell the user about a failure', { ...context, error: replyError });
    }
  }
}

/** Field errors longer than this are cut, so the reason still fits under the input. */
const FIELD_ERROR_MAX = 150;

/** The ack that keeps a modal open with `text` under one field; what the user typed stays. */
export function fieldError(field: string, text: string): FieldErrorsResponse {
  return { response_action: 'errors', errors: { [field]: text.slice(0, FIELD_ERROR_MAX) } };
}

/** What a submission answers instead of closing the modal: errors under its fields. */
export interface FieldErrorsResponse {
  response_action: 'errors';
  errors: Record<string, string>;
}

export type ViewAck = (response?: FieldErrorsResponse) => Promise<void>;

/**
 * The one error funnel of modal submissions: runs `save`, then closes the modal, or keeps it open with the
 * field errors `save` returned. On failure it logs once and keeps the modal open with the reason under
 * `field`, so nothing the user typed is lost. True when the modal closed, for work that follows the ack.
 */
export async function answeringViewErrors(
  deps: FailureDeps,
  ack: ViewAck,
  field: string,
  save: () => Promise<FieldErrorsResponse | undefined>,
  context: Record<string, unknown> = {},
): Promise<boolean> {
  let refused: FieldErrorsResponse | undefined;
  try {
    refused = await save();
  } catch (error) {
    await noteFailure(deps, error, context);
    await ack(fieldError(field, describeError(error)));
    return false;
  }
  await ack(refused);
  return refused === undefined;
}
