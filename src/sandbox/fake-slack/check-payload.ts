// The payload checks a message or view goes through wherever the app sends one: Web API, response_url, ack bodies.
import { imageFileProblems } from './files.ts';
import { flag, isRecord, readAck } from './parse.ts';
import {
  checkEscaped,
  checkMessageParts,
  checkOptionsResponse,
  checkViewParts,
  type PayloadIssues,
} from './payload-rules.ts';
import type { SlackState } from './state.ts';
import type { Args, Reply } from './types.ts';

/** The fields Slack renders to people; only these are checked for escaping. */
export function rendered(body: Args): Args {
  const out: Args = {};
  for (const k of ['text', 'blocks', 'attachments', 'view']) if (body[k] !== undefined) out[k] = body[k];
  return out;
}

/**
 * Records a violation for every rule the payload breaks and returns the error Slack would answer
 * (`invalid_blocks` / `invalid_arguments`) for the ones Slack itself refuses, with the reasons.
 */
export function checkPayload(
  s: SlackState,
  where: string,
  body: Args,
  kind: 'message' | 'view',
): Reply | undefined {
  for (const issue of checkEscaped(rendered(body), s.tainted)) s.violation(`${where}: ${issue}`);
  if (flag(body.link_names)) s.violation(`${where}: link_names is set`);
  const issues: PayloadIssues =
    kind === 'message' ? checkMessageParts(body) : checkViewParts(body.view ?? { type: 'missing' });
  const blocks = kind === 'message' ? body.blocks : isRecord(body.view) ? body.view.blocks : undefined;
  issues.blocks.push(...imageFileProblems(s, blocks, kind === 'message' ? 'blocks' : 'view.blocks'));
  for (const issue of [...issues.blocks, ...issues.args, ...issues.advice]) s.violation(`${where}: ${issue}`);
  if (issues.blocks.length > 0) {
    return { ok: false, error: 'invalid_blocks', response_metadata: { messages: issues.blocks } };
  }
  if (issues.args.length > 0) {
    return { ok: false, error: 'invalid_arguments', response_metadata: { messages: issues.args } };
  }
  return undefined;
}

/**
 * The app's ack to a block_suggestion (an object, or its JSON), checked like any payload: a violation for each
 * rule it breaks (payload-rules.ts checkOptionsResponse, and escaping), which are also returned.
 */
export function checkOptionsAnswer(s: SlackState, answer: unknown): string[] {
  const body = readAck(answer);
  const issues = body
    ? [...checkEscaped(body, s.tainted), ...checkOptionsResponse(body)]
    : [`not a JSON object: ${JSON.stringify(answer)?.slice(0, 120)}`];
  for (const issue of issues) s.violation(`options response: ${issue}`);
  return issues;
}
