// Channel messages and the thread summary Slack keeps on a parent (reply_count, reply_users, latest_reply).
import type { SlackState } from './state.ts';
import type { StoredMessage } from './types.ts';

const isReply = (m: StoredMessage): boolean => m.thread_ts !== undefined && m.thread_ts !== m.ts;

/**
 * Recomputes a parent's thread fields from its replies, as conversations.history shows a threaded message
 * (https://docs.slack.dev/reference/methods/conversations.history, example response): reply_count,
 * reply_users_count, reply_users and latest_reply; none once the last reply is gone.
 */
export function refreshThread(s: SlackState, channel: string, threadTs: string): void {
  const list = s.messages.get(channel) ?? [];
  const parent = list.find((m) => m.ts === threadTs);
  if (!parent) return;
  const replies = list.filter((m) => isReply(m) && m.thread_ts === threadTs);
  const last = replies.at(-1);
  if (!last) {
    delete parent.reply_count;
    delete parent.reply_users_count;
    delete parent.reply_users;
    delete parent.latest_reply;
    return;
  }
  const users = [...new Set(replies.map((r) => r.user))];
  parent.reply_count = replies.length;
  parent.reply_users_count = users.length;
  parent.reply_users = users;
  parent.latest_reply = last.ts;
}

/** Adds a message to its channel; a reply updates its parent's summary. */
export function addMessage(s: SlackState, message: StoredMessage): void {
  s.store(message.channel).push(message);
  if (message.thread_ts && isReply(message)) refreshThread(s, message.channel, message.thread_ts);
}

/** Removes a message; false when there is none with that ts. A removed reply leaves its parent's summary. */
export function removeMessage(s: SlackState, channel: string, ts: string): boolean {
  const list = s.messages.get(channel);
  const i = list?.findIndex((m) => m.ts === ts) ?? -1;
  const [gone] = list && i >= 0 ? list.splice(i, 1) : [];
  if (!gone) return false;
  if (gone.thread_ts && isReply(gone)) refreshThread(s, channel, gone.thread_ts);
  return true;
}
