// A view_submission's HTTP ack, applied as Slack applies it (https://docs.slack.dev/surfaces/modals).
import { checkPayload } from './check-payload.ts';
import { clearModal, closeFrom, pushModal, replaceView } from './modals.ts';
import { isRecord, readAck } from './parse.ts';
import type { SlackState } from './state.ts';
import type { Args } from './types.ts';

export interface SubmissionOutcome {
  /** `response_action: errors` Slack accepted: the message to show under each input block, by block_id. */
  errors?: Record<string, string>;
}

/** The block_ids of a view's input blocks: the only ones `errors` may name. */
function inputBlockIds(view: Args | undefined): Set<string> {
  const blocks = Array.isArray(view?.blocks) ? view.blocks : [];
  const ids = blocks
    .filter(isRecord)
    .filter((b) => b.type === 'input' && typeof b.block_id === 'string')
    .map((b) => String(b.block_id));
  return new Set(ids);
}

/**
 * A view the ack carries (`update` or `push`) passes the same checks as views.update/views.push; Slack refuses
 * a view it cannot show, so the submitted view stays. Answers the view to apply, or undefined.
 */
function ackView(s: SlackState, where: string, body: Args): Args | undefined {
  const view = body.view;
  if (!isRecord(view) || view.type !== 'modal') {
    s.violation(`${where}: response_action ${String(body.response_action)} needs a modal view`);
    return undefined;
  }
  return checkPayload(s, where, { view }, 'view') ? undefined : view;
}

/**
 * https://docs.slack.dev/surfaces/modals#updating_response and #displaying_errors: an empty 200 closes the
 * submitted view (the one below shows again); `clear` closes them all; `update` replaces the submitted view;
 * `push` puts a view on top (3 at most); `errors` keeps the view and shows a message under input blocks,
 * and Slack rejects the whole answer when one names a block_id that is no input block of the view.
 * Anything else Slack cannot act on: a violation, and the view stays.
 */
export function applySubmissionAck(
  s: SlackState,
  userId: string,
  viewId: string,
  ack: unknown,
): SubmissionOutcome {
  const where = `view_submission ack for ${viewId}`;
  if (!(s.modalStacks.get(userId) ?? []).includes(viewId)) {
    s.violation(`${where}: ${userId} has no open view ${viewId}`);
    return {};
  }
  const body = readAck(ack);
  if (!body) {
    s.violation(`${where}: the body is not a JSON object: ${JSON.stringify(ack).slice(0, 120)}`);
    return {};
  }
  switch (body.response_action) {
    case undefined:
      if (Object.keys(body).length > 0) break;
      closeFrom(s, userId, viewId);
      return {};
    case 'clear':
      clearModal(s, userId);
      return {};
    case 'update': {
      const view = ackView(s, where, body);
      if (view) replaceView(s, viewId, view);
      return {};
    }
    case 'push': {
      const view = ackView(s, where, body);
      if (view && pushModal(s, view, userId) === 'push_limit_reached')
        s.violation(`${where}: ${userId}'s modal already holds 3 views (push_limit_reached)`);
      return {};
    }
    case 'errors':
      return submissionErrors(s, where, viewId, body.errors);
  }
  s.violation(`${where}: Slack cannot act on ${JSON.stringify(body).slice(0, 120)}`);
  return {};
}

function submissionErrors(s: SlackState, where: string, viewId: string, errors: unknown): SubmissionOutcome {
  if (!isRecord(errors) || Object.values(errors).some((e) => typeof e !== 'string')) {
    s.violation(`${where}: errors must map block_ids to messages`);
    return {};
  }
  const inputs = inputBlockIds(s.views.get(viewId));
  const stray = Object.keys(errors).filter((id) => !inputs.has(id));
  if (stray.length > 0) {
    s.violation(`${where}: errors name ${stray.join(', ')}, not an input block of the view`);
    return {};
  }
  return { errors: Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, String(v)])) };
}
