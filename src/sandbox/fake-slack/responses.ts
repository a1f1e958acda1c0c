// POSTs to a response_url: counted against 5 uses in 30 minutes, checked like a message, recorded.
import type { IncomingMessage } from 'node:http';
import { type HttpReply, json } from './http.ts';
import { checkPayload } from './methods.ts';
import { parseBody } from './parse.ts';
import type { SlackState } from './state.ts';
import type { FakeCall } from './types.ts';

export function answerResponseUrl(
  state: SlackState,
  calls: FakeCall[],
  url: string,
  req: IncomingMessage,
  raw: string,
): HttpReply {
  const id = url.split('/').pop() ?? '';
  const { args, problems } = parseBody(req.headers['content-type'] ?? 'application/json', raw);
  calls.push({ method: 'response_url', args: { ...args, url }, at: state.now() });
  for (const p of problems) state.violation(`response_url: ${p}`);
  const refusal = state.useResponseUrl(id, args);
  if (refusal) return json({ ok: false, error: refusal }, 404);
  const invalid = checkPayload(state, 'response_url', args, 'message');
  return invalid ? json(invalid, 400) : json({ ok: true });
}
