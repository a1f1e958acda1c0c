// chat.* methods: post, update, ephemeral, permalink — with Slack's channel access errors.
import { botMessage, content, hasContent } from './content.ts';
import { storeEphemeral } from './ephemerals.ts';
import { fail } from './http.ts';
import { str } from './parse.ts';
import { BOT_USER_ID, type SlackState } from './state.ts';
import { addMessage } from './threads.ts';
import type { Args, Reply, StoredMessage } from './types.ts';

/** Why the bot may not post into `id` (Slack's error code), or undefined when it may. */
export function postRefusal(s: SlackState, id: string): string | undefined {
  if (s.isDm(id)) return undefined;
  const ch = s.channel(id);
  if (!ch) return 'channel_not_found';
  if (ch.is_archived) return 'is_archived';
  if (ch.is_member) return undefined;
  // Public channels accept non-members only with chat:write.public (when the manifest is known).
  if (!ch.is_private && (s.botScopes === undefined || s.botScopes.has('chat:write.public'))) return undefined;
  return 'not_in_channel';
}

export function postMessage(s: SlackState, a: Args): Reply {
  const raw = str(a.channel);
  if (!raw) return fail('channel_not_found');
  const channel = s.resolveChannel(raw);
  const refusal = postRefusal(s, channel);
  if (refusal) return fail(refusal);
  if (!hasContent(a)) return fail('no_text');
  const message = botMessage(s, channel, content(a), { thread_ts: str(a.thread_ts) });
  addMessage(s, message);
  return { ok: true, channel, ts: message.ts, message: publicMessage(message) };
}

export function update(s: SlackState, a: Args): Reply {
  const channel = s.resolveChannel(str(a.channel) ?? '');
  const ts = str(a.ts) ?? '';
  if (!s.isDm(channel)) {
    const ch = s.channel(channel);
    if (!ch) return fail('channel_not_found');
    if (ch.is_archived) return fail('is_archived');
  }
  const message = s.findMessage(channel, ts);
  if (!message) return fail('message_not_found');
  // As in Slack, omitted blocks keep the previous ones; an empty list removes them.
  const next = content(a);
  if (a.text !== undefined) message.text = next.text;
  if (next.blocks) message.blocks = next.blocks;
  if (next.attachments) message.attachments = next.attachments;
  if (next.metadata) message.metadata = next.metadata;
  message.edited = { user: BOT_USER_ID, ts: s.nextTs() };
  return { ok: true, channel, ts, text: message.text, message: publicMessage(message) };
}

/**
 * Shown only to `user`, in that channel (and thread), until they reload: kept in the ephemeral store, not in
 * the channel's history (https://docs.slack.dev/reference/methods/chat.postEphemeral). Answers its ts as
 * `message_ts`, as the method's example response does.
 */
export function postEphemeral(s: SlackState, a: Args): Reply {
  const raw = str(a.channel);
  const user = str(a.user);
  if (!raw) return fail('channel_not_found');
  if (!user) return fail('user_not_found');
  const channel = s.resolveChannel(raw);
  const refusal = postRefusal(s, channel);
  if (refusal) return fail(refusal);
  if (!hasContent(a)) return fail('no_text');
  const message = storeEphemeral(s, channel, user, a);
  return { ok: true, message_ts: message.ts };
}

export function getPermalink(s: SlackState, a: Args): Reply {
  const channel = s.resolveChannel(str(a.channel) ?? '');
  const message = s.findMessage(channel, str(a.message_ts) ?? '');
  if (!s.isDm(channel) && !s.channel(channel)) return fail('channel_not_found');
  if (!message) return fail('message_not_found');
  let permalink = `https://fake.slack.com/archives/${channel}/p${message.ts.replace('.', '')}`;
  if (message.thread_ts && message.thread_ts !== message.ts) {
    permalink += `?thread_ts=${message.thread_ts}&cid=${channel}`;
  }
  return { ok: true, channel, permalink };
}

/** A stored message as the Web API returns it (no internal `channel` field; `app_id` on the app's own). */
export function publicMessage(m: StoredMessage): Record<string, unknown> {
  const { channel: _channel, ...rest } = m;
  return m.bot_id ? { ...rest, app_id: 'A0FAKE' } : rest;
}
