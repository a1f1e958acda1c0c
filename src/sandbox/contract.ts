// The sandbox page's API (SPEC §2.11): what the page reads (GET /sandbox/state) and what it asks for (POST
// /sandbox/<action>). Shared by the server (src/sandbox/server.ts) and the page (src/sandbox/page/), types only.

/** A person in the sandbox workspace (the bot included, as `isBot`). */
export interface SandboxUser {
  id: string;
  /** The display name shown in mentions (`@dana`). */
  name: string;
  realName: string;
  isAdmin: boolean;
  isBot: boolean;
}

export interface SandboxChannel {
  id: string;
  name: string;
  isPrivate: boolean;
  /** The viewer's DM with the app (`D<user>`): the app's Messages tab. */
  isDm: boolean;
}

/** A file the app uploaded (a chart, a CSV export), served at `url` (GET /sandbox/files/<id>). */
export interface SandboxFile {
  id: string;
  name: string;
  title: string;
  url: string;
  isImage: boolean;
}

export interface SandboxMessage {
  ts: string;
  /** Who posted: the bot's user id, or a person's. */
  user: string;
  text: string;
  /** Block Kit blocks as the app sent them (unknown: the page renders what it knows, a placeholder otherwise). */
  blocks?: unknown[];
  /** Set on thread replies (not on the parent). */
  threadTs?: string;
  /** Replies in the thread, on a parent. */
  replyCount: number;
  edited: boolean;
  /** Only the viewer sees it ("Only visible to you"). */
  ephemeral: boolean;
  files: SandboxFile[];
}

/** A modal in the viewer's stack, or the viewer's Home tab. */
export interface SandboxView {
  id: string;
  /** The view as the app sent it (type, title, submit, close, blocks, private_metadata, callback_id…). */
  view: Record<string, unknown>;
  /** `response_action: errors` of the last submission: message by block_id. */
  errors: Record<string, string>;
}

export interface SandboxNotice {
  id: number;
  level: 'info' | 'error';
  text: string;
}

export interface SandboxState {
  /** Bumped on every change; `GET /sandbox/state?user=U&after=N` waits (up to ~20 s) until it exceeds N. */
  version: number;
  /**
   * A random id, new for every sandbox process and every reset. Under a new one, versions and ids (views,
   * notices, message ts) may start over: the page forgets what it cached and takes whatever version it is sent.
   */
  bootId: string;
  team: { id: string; name: string };
  /** The viewer (the user switcher's choice). */
  me: string;
  users: SandboxUser[];
  /** Channels the viewer can see (private ones only as a member), then the viewer's DM with the app. */
  channels: SandboxChannel[];
  /** By channel id: top-level messages and thread replies in ts order, the viewer's ephemerals included. */
  messages: Record<string, SandboxMessage[]>;
  /** The viewer's modal stack, bottom first (empty: no modal open). */
  modals: SandboxView[];
  /** The viewer's Home tab as last published, or null before the first publish. */
  home: SandboxView | null;
  /** Message shortcuts from manifest.yml. */
  shortcuts: { callbackId: string; name: string }[];
  /** Payloads Slack would reject or rules the app broke (SPEC §4), oldest first, since the last reset. */
  problems: string[];
  /** Answers from the stand-in the page should show (Slack's error codes, what a control did), oldest first. */
  notices: SandboxNotice[];
}

/** The value of one input element, as Slack puts it in `state.values[block_id][action_id]`. */
export interface ElementValue {
  type: string;
  value?: string | null;
  selected_option?: { text: { type: 'plain_text'; text: string }; value: string } | null;
  selected_user?: string | null;
  selected_users?: string[];
  selected_conversation?: string | null;
  selected_conversations?: string[];
  selected_channel?: string | null;
  selected_time?: string | null;
  selected_date?: string | null;
  selected_options?: { text: { type: 'plain_text'; text: string }; value: string }[];
}

export type StateValues = Record<string, Record<string, ElementValue>>;

/** Where an interactive element the viewer used sits. */
export type ActionSource =
  | { kind: 'message'; channel: string; ts: string; ephemeral: boolean }
  | { kind: 'modal'; viewId: string }
  | { kind: 'home'; viewId: string };

/** The element the viewer clicked or changed, as it appears in `actions[0]` of a block_actions payload. */
export interface ActionElement {
  type: string;
  action_id: string;
  block_id: string;
  value?: string;
  text?: { type: 'plain_text'; text: string; emoji?: boolean };
  selected_option?: { text: { type: 'plain_text'; text: string }; value: string };
  selected_user?: string;
  selected_users?: string[];
  selected_conversation?: string;
  selected_conversations?: string[];
  selected_channel?: string;
  selected_time?: string;
  selected_date?: string;
  selected_options?: { text: { type: 'plain_text'; text: string }; value: string }[];
}

// POST bodies; every answer is `{ ok: true, ... }` or `{ ok: false, error }` (error: Slack's code or a sentence).
export interface CommandRequest {
  user: string;
  channel: string;
  /** What the viewer typed: `/debt …` runs the command; plain text is posted as the viewer's message. */
  text: string;
  /** Plain text only: a reply in this thread. */
  threadTs?: string;
}
export interface ActionRequest {
  user: string;
  source: ActionSource;
  action: ActionElement;
  /** The inputs' values in the view (modal/home) the action came from. */
  values?: StateValues;
}
export interface SubmitRequest {
  user: string;
  viewId: string;
  values: StateValues;
}
/** Answer: `{ ok: true, errors?: Record<block_id, message> }` (errors: the modal stays open). */
export interface SubmitAnswer {
  ok: true;
  errors?: Record<string, string>;
}
export interface CloseRequest {
  user: string;
  viewId: string;
}
export interface ShortcutRequest {
  user: string;
  channel: string;
  ts: string;
  callbackId: string;
}
export interface OptionsRequest {
  user: string;
  source: ActionSource;
  action_id: string;
  block_id: string;
  value: string;
}
/** Answer: `{ ok: true, options: [...] }` or `{ ok: true, option_groups: [...] }` as the app sent them. */
export interface OptionsAnswer {
  ok: true;
  options?: unknown[];
  option_groups?: unknown[];
}
export interface HomeRequest {
  user: string;
}
export interface DigestRequest {
  user: string;
  channel: string;
}
export interface ResetRequest {
  /** true: the demo team's backlog; false: an empty workspace. */
  demo: boolean;
}
