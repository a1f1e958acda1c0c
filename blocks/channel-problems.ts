// Why the app cannot post in a channel, in words a person can act on. Shared by the card-failure notice and
// the "digest switched off" message, so both say the same thing about the same Slack error.
import type { SlackFailure } from '../src/lib/slack-errors.ts';
import { channelLink, type Message } from './kit.ts';
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
      return 'Slack did not answer in time. Press *Try again* in a minute.';
    default:
      return `Slack answered \`${failure.error}\`. Press *Try again* in a minute.`;
  }
}

/** To a channel's stewards: its weekly digest could not be posted, so it was switched off. */
export function buildDigestOffNotice(channelId: string, error: string): Message {
  const why = channelProblem(error, channelId) ?? `Slack answered \`${error}\``;
  return buildNotice(
    `I could not post the weekly debt digest in ${channelLink(channelId)}. ${why}, then switch the digest back on with \`/debt config\` there.`,
    'Your items and settings are all kept.',
  );
}
