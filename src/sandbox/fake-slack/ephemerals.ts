// Ephemeral messages: seen by one person in one channel, never in its history, gone when deleted or reloaded.
import { botMessage, content } from './content.ts';
import { str } from './parse.ts';
import type { SlackState } from './state.ts';
import type { Args, StoredMessage } from './types.ts';

function shelf(s: SlackState, channel: string, userId: string): StoredMessage[] {
  let byUser = s.ephemerals.get(channel);
  if (!byUser) {
    byUser = new Map();
    s.ephemerals.set(channel, byUser);
  }
  let list = byUser.get(userId);
  if (!list) {
    list = [];
    byUser.set(userId, list);
  }
  return list;
}

/**
 * Stores an ephemeral from the app for `userId` in `channel` (already resolved), in a thread when `thread_ts`
 * is given, as chat.postEphemeral posts one (https://docs.slack.dev/reference/methods/chat.postEphemeral):
 * `user` is the one person who sees it.
 */
export function storeEphemeral(s: SlackState, channel: string, userId: string, a: Args): StoredMessage {
  const message = botMessage(s, channel, content(a), { user: userId, thread_ts: str(a.thread_ts) });
  shelf(s, channel, userId).push(message);
  return message;
}

export function listEphemerals(s: SlackState, channel: string, userId: string): StoredMessage[] {
  return [...(s.ephemerals.get(channel)?.get(userId) ?? [])];
}

export function findEphemeral(
  s: SlackState,
  channel: string,
  userId: string,
  ts: string,
): StoredMessage | undefined {
  return s.ephemerals
    .get(channel)
    ?.get(userId)
    ?.find((m) => m.ts === ts);
}

/** Removes one ephemeral; false when that person has none with that ts there. */
export function dropEphemeral(s: SlackState, channel: string, userId: string, ts: string): boolean {
  const list = s.ephemerals.get(channel)?.get(userId);
  const i = list?.findIndex((m) => m.ts === ts) ?? -1;
  if (!list || i < 0) return false;
  list.splice(i, 1);
  return true;
}
