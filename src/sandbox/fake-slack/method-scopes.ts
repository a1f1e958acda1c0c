// Which bot scopes allow each Web API method the fake emulates (from Slack's method reference), and the manifest's grant.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/**
 * Any one of the listed bot scopes allows the method; `null` means no scope is needed.
 * Sources: docs.slack.dev/reference/methods/<method> ("Scopes" facts). views.* and chat.getPermalink
 * need none; conversations.* take the scope of the conversation's type.
 */
export const METHOD_SCOPES: Record<string, string[] | null> = {
  'auth.test': null,
  'chat.postMessage': ['chat:write'],
  'chat.update': ['chat:write'],
  'chat.postEphemeral': ['chat:write'],
  'chat.getPermalink': null,
  'views.open': null,
  'views.update': null,
  'views.push': null,
  'views.publish': null,
  'users.info': ['users:read'],
  'conversations.info': ['channels:read', 'groups:read', 'im:read', 'mpim:read'],
  'conversations.history': ['channels:history', 'groups:history', 'im:history', 'mpim:history'],
  'conversations.open': ['im:write', 'mpim:write', 'channels:manage', 'groups:write'],
  'conversations.join': ['channels:join'],
  // docs.slack.dev/reference/methods/users.conversations: the read scope of each type asked for (channels:read
  // for public_channel, groups:read for private_channel, im:read, mpim:read).
  'users.conversations': ['channels:read', 'groups:read', 'im:read', 'mpim:read'],
  // docs.slack.dev/reference/methods/files.getUploadURLExternal and files.completeUploadExternal: bot scope
  // files:write (the upload POST itself goes to the returned URL and needs no scope).
  'files.getUploadURLExternal': ['files:write'],
  'files.completeUploadExternal': ['files:write'],
};

export type ConversationKind = 'public' | 'private' | 'im' | 'mpim';

const KIND_PREFIX: Record<ConversationKind, string> = {
  public: 'channels',
  private: 'groups',
  im: 'im',
  mpim: 'mpim',
};

/**
 * Narrows a conversations.* method to the one scope its conversation type needs (reading a private
 * channel needs groups:*, a public one channels:*). Other methods return METHOD_SCOPES as is;
 * `undefined` means the method is unknown.
 */
export function scopesFor(method: string, kind?: ConversationKind): string[] | null | undefined {
  const all = METHOD_SCOPES[method];
  if (!all || !kind) return all;
  if (method === 'conversations.info') return [`${KIND_PREFIX[kind]}:read`];
  if (method === 'conversations.history') return [`${KIND_PREFIX[kind]}:history`];
  if (method === 'conversations.open' && kind === 'im') return ['im:write'];
  return all;
}

/** `oauth_config.scopes.bot` of a Slack app manifest (YAML); throws if the file is missing or has none. */
export function readManifestBotScopes(path: string): string[] {
  const doc: unknown = parse(readFileSync(path, 'utf8'));
  const bot = dig(doc, ['oauth_config', 'scopes', 'bot']);
  if (!Array.isArray(bot) || !bot.every((s) => typeof s === 'string')) {
    throw new Error(`${path}: oauth_config.scopes.bot is not a list of scopes`);
  }
  return bot;
}

function dig(node: unknown, keys: string[]): unknown {
  let cur = node;
  for (const k of keys) {
    if (typeof cur !== 'object' || cur === null || Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}
