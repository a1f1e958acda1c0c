// Turns any failure inside a listener into a clear ephemeral answer and a log line (SPEC §2.8, STYLE §8).

import type { Message } from '../../blocks/kit.ts';
import { buildNotice } from '../../blocks/notice.ts';
import { isDomainError } from '../domain/errors.ts';
import type { Logger } from '../lib/logger.ts';
import { classifySlackError, isSlackApiError } from '../lib/slack-errors.ts';

export type Reply = (message: Message) => Promise<unknown>;

/** A private answer that leaves the message it answers (a card, a list) as it is. */
export function ephemeral(message: Message) {
  return { response_type: 'ephemeral' as const, replace_original: false, ...message };
}

function isRedisDown(error: unknown): boolean {
  const message = error instanceof Error ? error.message : '';
  return /Stream isn't writeable|Connection is closed|ECONNREFUSED|Command timed out|enableOfflineQueue|MaxRetriesPerRequest/i.test(
    message,
  );
}

/** What the user reads for an error; the log keeps the details. */
export function describeError(error: unknown): string {
  if (isDomainError(error)) return error.userMessage;
  if (isRedisDown(error))
    return 'Debt Triage cannot reach its database right now, so nothing was changed. Please try again in a minute.';
  if (isSlackApiError(error)) {
    const failure = classifySlackError(error);
    if (failure.kind === 'rate_limited')
      return `Slack is rate-limiting Debt Triage; try again in ${failure.retryAfterSeconds} seconds.`;
    return `Slack refused the request (\`${failure.error}\`). Nothing was lost; please try again, and tell your Slack admin if it persists.`;
  }
  return 'Something went wrong on our side; nothing was lost. Please try again, and tell your Slack admin if it persists.';
}

/** Runs `work`; on failure answers through `reply` (itself guarded) and logs once. Never rethrows. */
export async function answeringErrors(
  logger: Logger,
  reply: Reply,
  work: () => Promise<void>,
  context: Record<string, unknown> = {},
) {
  try {
    await work();
  } catch (error) {
    const expected = isDomainError(error);
    (expected ? logger.info : logger.error)(expected ? 'request refused' : 'request failed', {
      ...context,
      error,
    });
    try {
      await reply(buildNotice(describeError(error)));
    } catch (replyError) {
      logger.error('could not tell the user about a failure', { ...context, error: replyError });
    }
  }
}
