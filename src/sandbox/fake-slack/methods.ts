// The emulated methods, and the payload checks every call goes through before its handler.

import * as chat from './chat.ts';
import { checkPayload, rendered } from './check-payload.ts';
import * as conv from './conversations.ts';
import * as files from './files.ts';
import { type ConversationKind, scopesFor } from './method-scopes.ts';
import { str } from './parse.ts';
import { checkBlocks, checkEscaped } from './payload-rules.ts';
import type { SlackState } from './state.ts';
import type { Args, Reply } from './types.ts';
import * as views from './views.ts';

export type Handler = (s: SlackState, a: Args) => Reply;

export const HANDLERS: Record<string, Handler> = {
  'auth.test': conv.authTest,
  'chat.postMessage': chat.postMessage,
  'chat.update': chat.update,
  'chat.postEphemeral': chat.postEphemeral,
  'chat.getPermalink': chat.getPermalink,
  'views.open': views.open,
  'views.update': views.update,
  'views.push': views.push,
  'views.publish': views.publish,
  'users.info': conv.usersInfo,
  'conversations.info': conv.conversationsInfo,
  'conversations.history': conv.conversationsHistory,
  'conversations.open': conv.conversationsOpen,
  'conversations.join': conv.conversationsJoin,
  'users.conversations': conv.usersConversations,
  'files.getUploadURLExternal': files.getUploadURLExternal,
  'files.completeUploadExternal': files.completeUploadExternal,
};

const MESSAGE_METHODS = new Set(['chat.postMessage', 'chat.update', 'chat.postEphemeral']);

/** A file share's comment and blocks are rendered like a message's (the comment is the message text). */
function checkFileShare(s: SlackState, args: Args): Reply | undefined {
  const shown = { text: args.initial_comment, blocks: args.blocks };
  for (const issue of checkEscaped(shown, s.tainted)) s.violation(`files.completeUploadExternal: ${issue}`);
  if (!Array.isArray(args.blocks)) return undefined;
  const issues = [...checkBlocks(args.blocks), ...files.imageFileProblems(s, args.blocks)];
  for (const issue of issues) s.violation(`files.completeUploadExternal: ${issue}`);
  return issues.length > 0
    ? { ok: false, error: 'invalid_blocks', response_metadata: { messages: issues } }
    : undefined;
}

export function checkCall(s: SlackState, method: string, args: Args): Reply | undefined {
  if (MESSAGE_METHODS.has(method)) return checkPayload(s, method, args, 'message');
  if (method === 'files.completeUploadExternal') return checkFileShare(s, args);
  if (method.startsWith('views.')) return checkPayload(s, method, args, 'view');
  for (const issue of checkEscaped(rendered(args), s.tainted)) s.violation(`${method}: ${issue}`);
  return undefined;
}

function kindOf(s: SlackState, method: string, args: Args): ConversationKind | undefined {
  if (method === 'conversations.open') return (str(args.users) ?? '').includes(',') ? 'mpim' : 'im';
  if (!method.startsWith('conversations.')) return undefined;
  const id = s.resolveChannel(str(args.channel) ?? '');
  if (s.isDm(id)) return 'im';
  return s.channel(id)?.is_private ? 'private' : 'public';
}

/** `missing_scope` (and a violation) when the manifest's bot scopes do not allow the call. */
export function checkScopes(s: SlackState, method: string, args: Args): Reply | undefined {
  if (!s.botScopes) return undefined;
  const needed = scopesFor(method, kindOf(s, method, args));
  if (!needed || needed.some((scope) => s.botScopes?.has(scope))) return undefined;
  s.violation(`${method}: manifest.yml grants none of the bot scopes ${needed.join(', ')}`);
  return {
    ok: false,
    error: 'missing_scope',
    needed: needed.join(','),
    provided: [...s.botScopes].join(','),
  };
}
