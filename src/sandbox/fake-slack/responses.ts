// POSTs to a response_url: counted against 5 uses in 30 minutes, checked like a message, recorded, and — when
// the fake knows where the interaction happened — applied to the workspace as Slack applies them. A slash
// command's ack body with a message is that command's answer as well, and goes the same way.
import type { IncomingMessage } from 'node:http';
import { checkPayload } from './check-payload.ts';
import { botMessage, content, hasContent } from './content.ts';
import { dropEphemeral, findEphemeral, storeEphemeral } from './ephemerals.ts';
import { type HttpReply, json } from './http.ts';
import { flag, parseBody, readAck, str } from './parse.ts';
import type { SlackState } from './state.ts';
import { addMessage, removeMessage } from './threads.ts';
import type { Args, FakeCall, ResponseContext, StoredMessage } from './types.ts';

export function answerResponseUrl(
  state: SlackState,
  record: (call: FakeCall) => void,
  url: string,
  req: IncomingMessage,
  raw: string,
): HttpReply {
  const id = url.split('/').pop() ?? '';
  const { args, problems } = parseBody(req.headers['content-type'] ?? 'application/json', raw);
  record({ method: 'response_url', args: { ...args, url }, at: state.now() });
  for (const p of problems) state.violation(`response_url: ${p}`);
  const refusal = state.useResponseUrl(id, args);
  if (refusal) return json({ ok: false, error: refusal }, 404);
  const invalid = checkPayload(state, 'response_url', args, 'message');
  if (invalid) return json(invalid, 400);
  const context = state.responseUrls.get(id)?.context;
  if (context) applyResponse(state, context, args);
  return json({ ok: true });
}

/**
 * A slash command's HTTP answer (its ack): a body with a message is shown to the person who ran the command,
 * as an answer POSTed to its response_url would be
 * (https://docs.slack.dev/interactivity/implementing-slash-commands#responding_to_commands). Such a body is
 * recorded as a call to `command_ack` and checked like any message; one Slack would show is kept among the
 * response_url's answers (`responses(url)`) without using one of its 5 uses, and applied to the workspace when
 * the url knows where the command ran. A body that is not JSON is plain text to Slack. False when nothing shows.
 */
export function answerCommandAck(
  state: SlackState,
  record: (call: FakeCall) => void,
  url: string,
  ack: { text: string; json?: unknown },
): boolean {
  const body = ack.json === undefined ? (readAck(ack.text) ?? { text: ack.text }) : readAck(ack.json);
  if (!body || !hasContent(body)) return false;
  record({ method: 'command_ack', args: { ...body, url }, at: state.now() });
  if (checkPayload(state, 'slash command ack', body, 'message')) return false;
  const answered = state.responseUrls.get(url.split('/').pop() ?? '');
  if (!answered) {
    state.violation(`slash command ack: its response_url ${url} was never issued`);
    return false;
  }
  answered.bodies.push(body);
  if (answered.context) applyResponse(state, answered.context, body);
  return true;
}

/** Replaces what the source message shows: the whole message, so omitted blocks or attachments go. */
function replaceContent(message: StoredMessage, body: Args): void {
  const next = content(body);
  message.text = next.text;
  if (next.blocks) message.blocks = next.blocks;
  else delete message.blocks;
  if (next.attachments) message.attachments = next.attachments;
  else delete message.attachments;
}

/**
 * https://docs.slack.dev/interactivity/handling-user-interaction#message_responses: `delete_original` removes
 * the message the interaction came from, `replace_original` replaces it (an ephemeral source stays ephemeral:
 * only its person sees the new one), otherwise the body is a new message — in the channel for
 * `response_type: in_channel`, else ephemeral, "the default" — in the source's thread when it had one.
 * A slash command's response_url has no source message: a `replace_original` there posts anew.
 */
function applyResponse(s: SlackState, ctx: ResponseContext, body: Args): void {
  const channel = s.resolveChannel(ctx.channelId);
  const sourceTs = ctx.messageTs;
  if (flag(body.delete_original)) {
    if (sourceTs === undefined)
      s.violation('response_url: delete_original, but there is no original message');
    else if (ctx.ephemeral) dropEphemeral(s, channel, ctx.userId, sourceTs);
    else removeMessage(s, channel, sourceTs);
    return;
  }
  if (flag(body.replace_original) && sourceTs !== undefined) {
    const source = ctx.ephemeral
      ? findEphemeral(s, channel, ctx.userId, sourceTs)
      : s.findMessage(channel, sourceTs);
    // A source deleted meanwhile has nothing left to replace.
    if (source) replaceContent(source, body);
    return;
  }
  const threadTs = str(body.thread_ts) ?? ctx.threadTs;
  if (body.response_type !== 'in_channel') {
    storeEphemeral(s, channel, ctx.userId, { ...body, thread_ts: threadTs });
    return;
  }
  addMessage(s, botMessage(s, channel, content(body), { thread_ts: threadTs }));
}
