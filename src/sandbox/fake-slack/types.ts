// Shapes shared by the fake Slack Web API's parts.

export type Args = Record<string, unknown>;

export interface FakeCall {
  method: string;
  /** Form or JSON arguments, with JSON fields (blocks, view, metadata, attachments) parsed; the token removed. */
  args: Args;
  at: number;
}

/**
 * A failure to answer a call with, as Slack would send it:
 * - `{ error }`: Slack's `{ ok: false, error }` with the HTTP status Slack uses for that code: 429 with a
 *   Retry-After header (`retryAfter`, default 1 s) for `ratelimited`; 200 for every other code, `rate_limited`
 *   ("posted too many messages") and `service_unavailable` included, as the methods' docs describe them.
 *   `status` overrides the HTTP status (e.g. 503), `retryAfter` adds the header (null: a 429 without one).
 * - `{ status: 429, retryAfter }`: the same as `{ error: 'ratelimited', retryAfter }`.
 * - `{ status: 500 | 502 | 503 | 504 }`: a server error (body `internal_error`, or `service_unavailable` for 503).
 * - `{ drop: true }`: no answer at all; the connection is closed (WebClient throws a request error).
 */
export type Failure =
  | { error: string; status?: number; retryAfter?: number | null }
  | { status: 429; retryAfter: number }
  | { status: 500 | 502 | 503 | 504 }
  | { drop: true; status?: undefined };

export interface FakeUser {
  id: string;
  team_id: string;
  name: string;
  real_name: string;
  tz: string;
  is_admin: boolean;
  is_owner: boolean;
  is_bot: boolean;
  deleted: false;
}

export interface FakeChannel {
  id: string;
  name: string;
  is_private: boolean;
  is_archived: boolean;
  is_member: boolean;
  /** People in the channel (users.conversations with `user`); unset = everyone, like #general. */
  members?: string[];
}

export interface StoredMessage {
  type: 'message';
  ts: string;
  channel: string;
  /** The bot's user id for the app's messages, the person's for theirs (and the recipient, on an ephemeral). */
  user: string;
  /** Set on the app's messages only: a person's message carries no bot_id. */
  bot_id?: string;
  text: string;
  blocks?: unknown[];
  attachments?: unknown[];
  metadata?: unknown;
  thread_ts?: string;
  edited?: { user: string; ts: string };
  /** A file share (files.completeUploadExternal with channel_id): the files, as Slack attaches them. */
  files?: unknown[];
  upload?: boolean;
  /**
   * On a thread's parent once it has replies, as conversations.history shows it
   * (https://docs.slack.dev/reference/methods/conversations.history, threaded message in the example).
   */
  reply_count?: number;
  reply_users_count?: number;
  reply_users?: string[];
  latest_reply?: string;
}

/**
 * Where a response_url came from, so a POST to it acts as Slack applies it
 * (https://docs.slack.dev/interactivity/handling-user-interaction#message_responses): the person who
 * interacted, their channel and, for a click on a message, that message (`ephemeral` when only they see it).
 */
export interface ResponseContext {
  userId: string;
  channelId: string;
  messageTs?: string;
  ephemeral?: boolean;
  threadTs?: string;
}

/** A file announced by files.getUploadURLExternal, its bytes once POSTed, and where it was shared. */
export interface FakeFile {
  id: string;
  /** `filename` as announced. */
  name: string;
  /** The title given at completion (defaults to the name, as Slack does). */
  title: string;
  altText?: string;
  snippetType?: string;
  /** `length` as announced to files.getUploadURLExternal. */
  length: number;
  /** The bytes POSTed to the upload URL (empty when the fake only measures uploads, or none arrived yet). */
  bytes: Buffer;
  /** Bytes received by the upload POST, and their SHA-256 (hex); 0 and '' until then. */
  received: number;
  sha256: string;
  /** What the first bytes say the file is: images are what an image block may show (png, jpg, gif). */
  imageType: 'png' | 'jpeg' | 'gif' | null;
  uploaded: boolean;
  /** files.completeUploadExternal accepted it. */
  completed: boolean;
  /** Conversations it was shared to (channel ids; a DM as `D…`). */
  channels: string[];
  created: number;
}

export interface StoredView {
  id: string;
  team_id: string;
  hash: string;
  user_id?: string;
  external_id?: string;
  [field: string]: unknown;
}

/** What a handler answers: the JSON body (HTTP 200) Slack would send. */
export type Reply = { ok: true; [k: string]: unknown } | { ok: false; error: string; [k: string]: unknown };

export interface HoldHandle {
  /** Resolves once the held call has arrived (and been processed). */
  held: Promise<FakeCall>;
  /** Sends the withheld HTTP reply (or lets the next call through unheld if it has not arrived yet). */
  release(): void;
}

export interface FakeSlackOptions {
  /** Milliseconds since epoch; drives ts values and trigger/response_url expiry. Default Date.now. */
  now?: () => number;
  /** Manifest whose `oauth_config.scopes.bot` gates methods. Default: the repository's manifest.yml. */
  manifestPath?: string;
  teamId?: string;
  /** Slack's rate limits to enforce (429 + Retry-After); none by default. */
  rateLimits?: RateLimits;
  /**
   * `keep` (default): uploaded bytes are kept for `fake.file(id).bytes`. `measure`: they are counted and hashed as
   * they stream in, never held, so a benchmark measuring its own memory is not charged for the fake's copy.
   */
  uploads?: 'keep' | 'measure';
  /**
   * What `calls` keeps: `true` (default) every call, as tests read them; a number, only the last that many (a long
   * sandbox session); `false`, none.
   */
  recordCalls?: boolean | number;
}

/** Slack's rate limits to enforce (src/sandbox/fake-slack/rate-limits.ts). */
export interface RateLimits {
  /** Calls per minute per method across the workspace (e.g. `{ 'chat.postMessage': 300, 'chat.update': 50 }`). */
  perMinute?: Record<string, number>;
  /** chat.postMessage per channel per second (Slack: about 1, short bursts allowed). */
  postsPerChannelPerSecond?: number;
}
