// auth.test, users.info and conversations.* — read-mostly methods over the fake workspace.
import { publicMessage } from './chat.ts';
import { fail } from './http.ts';
import { flag, str } from './parse.ts';
import { BOT_ID, BOT_USER_ID, type SlackState } from './state.ts';
import type { Args, Reply } from './types.ts';

/**
 * Cursor pagination as https://docs.slack.dev/apis/web-api/pagination describes: `limit` (1–999, default 100)
 * items after an opaque cursor, and response_metadata.next_cursor, empty on the last page. Ours encodes the
 * offset; a cursor we never gave answers invalid_cursor.
 */
function paginate<T>(a: Args, all: T[]): { items: T[]; more: boolean; nextCursor: string } | undefined {
  const cursor = str(a.cursor);
  const offset = cursor
    ? Number(
        Buffer.from(cursor, 'base64')
          .toString()
          .replace(/^offset:/, ''),
      )
    : 0;
  if (!Number.isInteger(offset) || offset < 0) return undefined;
  const limit = Math.min(Math.max(Number(str(a.limit) ?? '100') || 100, 1), 999);
  const more = all.length > offset + limit;
  const nextCursor = more ? Buffer.from(`offset:${offset + limit}`).toString('base64') : '';
  return { items: all.slice(offset, offset + limit), more, nextCursor };
}

export function authTest(s: SlackState): Reply {
  return {
    ok: true,
    url: 'https://fake.slack.com/',
    team: 'Fake Workspace',
    user: 'debt-triage',
    team_id: s.teamId,
    user_id: BOT_USER_ID,
    bot_id: BOT_ID,
    is_enterprise_install: false,
  };
}

export function usersInfo(s: SlackState, a: Args): Reply {
  const id = str(a.user);
  if (!id || !/^[UWB]/.test(id)) return fail('user_not_found');
  const user = s.user(id);
  // Slack keeps the names people see in `profile`. A `name` a test set stands for the display name the
  // person chose; without one, display_name is '' (as for people who never chose one) and clients show
  // real_name. https://docs.slack.dev/reference/methods/users.info
  const chosen = s.users.get(id)?.name ?? '';
  const profile = {
    real_name: user.real_name,
    real_name_normalized: user.real_name,
    display_name: chosen,
    display_name_normalized: chosen,
  };
  return { ok: true, user: { ...user, profile } };
}

export function conversationsInfo(s: SlackState, a: Args): Reply {
  const id = s.resolveChannel(str(a.channel) ?? '');
  if (s.isDm(id)) {
    return {
      ok: true,
      channel: { id, is_im: true, is_private: true, is_archived: false, is_member: true, user: id.slice(1) },
    };
  }
  const ch = s.channel(id);
  // A bot cannot see a private channel it is not in.
  if (!ch || (ch.is_private && !ch.is_member)) return fail('channel_not_found');
  return {
    ok: true,
    channel: {
      ...ch,
      is_channel: !ch.is_private,
      is_group: ch.is_private,
      is_im: false,
      created: 1_600_000_000,
    },
  };
}

export function conversationsHistory(s: SlackState, a: Args): Reply {
  const id = s.resolveChannel(str(a.channel) ?? '');
  if (!s.isDm(id)) {
    const ch = s.channel(id);
    if (!ch || (ch.is_private && !ch.is_member)) return fail('channel_not_found');
    if (!ch.is_member) return fail('not_in_channel');
  }
  const oldest = Number(str(a.oldest) ?? '0');
  const latest = str(a.latest) === undefined ? Number.POSITIVE_INFINITY : Number(str(a.latest));
  const inclusive = flag(a.inclusive);
  const withMetadata = flag(a.include_all_metadata);
  const inRange = (ts: number): boolean =>
    inclusive ? ts >= oldest && ts <= latest : ts > oldest && ts < latest;
  // History lists top-level messages only (thread replies live in conversations.replies), newest first.
  const all = (s.messages.get(id) ?? [])
    .filter((m) => !m.thread_ts || m.thread_ts === m.ts)
    .filter((m) => inRange(Number(m.ts)))
    .reverse();
  const page = paginate(a, all);
  if (!page) return fail('invalid_cursor');
  const messages = page.items.map((m) => {
    const out = publicMessage(m);
    if (!withMetadata) delete out.metadata;
    // A parent with replies carries its own ts as thread_ts, beside reply_count & co. (the method's example).
    if (m.reply_count) out.thread_ts = m.ts;
    return out;
  });
  return {
    ok: true,
    messages,
    has_more: page.more,
    pin_count: 0,
    response_metadata: { next_cursor: page.nextCursor },
  };
}

export function conversationsOpen(s: SlackState, a: Args): Reply {
  const channel = str(a.channel);
  if (channel) return { ok: true, channel: { id: channel }, already_open: true };
  const users = (str(a.users) ?? '').split(',').filter(Boolean);
  if (users.length === 0) return fail('users_list_not_supplied');
  if (users.length > 1) return { ok: true, channel: { id: `G${users.join('').slice(0, 10)}` } };
  return { ok: true, channel: { id: s.resolveChannel(users[0] ?? '') } };
}

/** The bot joins a public channel (channels:join); private channels need an invitation. */
export function conversationsJoin(s: SlackState, a: Args): Reply {
  const id = s.resolveChannel(str(a.channel) ?? '');
  if (s.isDm(id)) return fail('method_not_supported_for_channel_type');
  const ch = s.channel(id);
  if (!ch || (ch.is_private && !ch.is_member)) return fail('channel_not_found');
  if (ch.is_private) return fail('method_not_supported_for_channel_type');
  if (ch.is_archived) return fail('is_archived');
  s.channels.set(id, { ...ch, is_member: true });
  return { ok: true, channel: { ...ch, is_member: true, is_channel: true } };
}

/**
 * users.conversations with `user`: the channels that person is in, as Slack documents it
 * (https://docs.slack.dev/reference/methods/users.conversations; shape read in
 * github.com/slack-ruby/slack-api-ref methods/users/users.conversations.json): `channels` of conversation
 * objects and `response_metadata.next_cursor` ('' on the last page). "Non-public channels are restricted to
 * those where the calling user shares membership": with a bot token, private channels the bot is in. The fake
 * knows the channels a test set up or the app posted in; one without `members` holds everyone.
 */
export function usersConversations(s: SlackState, a: Args): Reply {
  const userId = str(a.user) ?? BOT_USER_ID;
  const types = new Set((str(a.types) ?? 'public_channel').split(',').filter(Boolean));
  const excludeArchived = flag(a.exclude_archived);
  const known = [...new Set([...s.channels.keys(), ...s.messages.keys()])].filter((id) => !s.isDm(id)).sort();
  const all = known
    .map((id) => s.channel(id))
    .filter((ch): ch is NonNullable<typeof ch> => ch !== undefined)
    .filter((ch) => types.has(ch.is_private ? 'private_channel' : 'public_channel'))
    .filter((ch) => !(excludeArchived && ch.is_archived))
    .filter((ch) => !ch.is_private || ch.is_member)
    .filter((ch) => (ch.members ? ch.members.includes(userId) : true));
  const page = paginate(a, all);
  if (!page) return fail('invalid_cursor');
  const channels = page.items.map((ch) => ({
    id: ch.id,
    name: ch.name,
    is_channel: !ch.is_private,
    is_group: ch.is_private,
    is_im: false,
    is_mpim: false,
    is_private: ch.is_private,
    is_archived: ch.is_archived,
    created: 1_600_000_000,
  }));
  return { ok: true, channels, response_metadata: { next_cursor: page.nextCursor } };
}
