// Why the app cannot post in a channel, in words a person can act on. Shared by the card-failure notice and
// the "digest switched off" message, so both say the same thing about the same Slack error.
import type { SlackFailure } from '../src/lib/slack-errors.ts';
import { channelLink, escapeAndTruncate, type Message } from './kit.ts';
import { buildNotice } from './notice.ts';

const INVITE = 'Invite me with `/invite @Debt Triage`';

/** What is wrong and how to fix it, for the channel errors Slack gives; null for any other error. */
export function channelProblem(error: string, channelId: string): string | null {
  const c = channelLink(channelId);
  switch (error) {
    case 'not_in_channel':
      return `I'm not a member of ${c}. ${INVITE}`;
    case 'channel_not_found':
      return `I can't see ${c}: it is private and I'm not in it, or it was deleted. ${INVITE}`;
    case 'is_archived':
      return `${c} is archived. Unarchive it`;
    case 'restricted_action':
      return `Posting in ${c} is restricted for apps. Ask a channel manager to allow it`;
    case 'ekm_access_denied':
      return `Your workspace admins have stopped messages to ${c}. Ask them to allow it again`;
    case 'restricted_action_read_only_channel':
      return `${c} is read-only. Ask a channel manager to let me post there`;
    case 'restricted_action_thread_only_channel':
      return `${c} takes thread replies only, and cards and digests are new posts. Ask a channel manager to change that`;
    case 'restricted_action_non_threadable_channel':
    case 'restricted_action_thread_locked':
    case 'cannot_reply_to_message':
      return `Thread replies are switched off in ${c}, and votes go in a card's thread. Ask a channel manager to allow them`;
    case 'no_permission':
      return `I'm not allowed to post in ${c}. ${INVITE}`;
    default:
      return null;
  }
}

/** Slack refused the token: said the same way wherever posting stops because of it. */
export const TOKEN_REFUSED =
  'Slack refused the app’s token, so posting is paused: a workspace admin must reinstall Debt Triage.';

/** Why a post failed, for failures that are not about the channel (or a channel error we have no words for). */
export function slackProblem(failure: SlackFailure): string {
  switch (failure.kind) {
    case 'auth':
      return TOKEN_REFUSED;
    case 'rate_limited':
      return `Slack asked me to slow down. Press *Try again* in ${failure.retryAfterSeconds} seconds.`;
    case 'transient':
      return failure.unknown
        ? `Slack answered ${slackCode(failure.error)}. Press *Try again* in a minute.`
        : 'Slack did not answer in time. Press *Try again* in a minute.';
    default:
      return `Slack answered ${slackCode(failure.error)}. Press *Try again* in a minute.`;
  }
}

/** A code Slack answered with, shown as code; one no method documents could hold anything, so it is escaped. */
function slackCode(error: string): string {
  return `\`${escapeAndTruncate(error.replace(/`/g, "'"), 100)}\``;
}

/** To a channel's stewards: its weekly digest could not be posted, so it was switched off. */
export function buildDigestOffNotice(channelId: string, error: string): Message {
  const why = channelProblem(error, channelId) ?? `Slack answered ${slackCode(error)}`;
  return buildNotice(
    `I could not post the weekly debt digest in ${channelLink(channelId)}. ${why}, then switch the digest back on with \`/debt config\` there.`,
    'Your items and settings are all kept.',
  );
}

/**
 * To a channel's stewards: this week's digest could not be posted and will not be retried. `error` is what
 * Slack answered (a code, or `http_503`, `request_error`), or null for a failure on our side. `refused`: Slack
 * rejected the digest itself, so posting it by hand would fail the same way.
 */
export function buildDigestFailedNotice(channelId: string, error: string | null, refused: boolean): Message {
  const c = channelLink(channelId);
  const why =
    error === null
      ? 'Something went wrong on our side'
      : refused
        ? `Slack refused it with ${slackCode(error)}`
        : `Slack kept answering ${slackCode(error)}, and I have run out of retries`;
  const next = refused
    ? 'Slack will refuse it again until that is fixed: please tell whoever runs Debt Triage, with that code.'
    : `Post it by hand with \`/debt digest post\` in ${c}, or wait for next week's.`;
  return buildNotice(
    `I could not post this week's debt digest in ${c}. ${why}.`,
    `${next} The digest stays on; your items and settings are all kept.`,
  );
}
