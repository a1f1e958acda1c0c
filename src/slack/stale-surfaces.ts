// Answers, at once, any button, form, shortcut or suggestion request whose id the app does not know (SPEC
// §3.2): an older version's message or a removed feature. Without this, Bolt finds no listener, never acks,
// and Slack shows the person an error after 3 seconds.
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import { FIELD, isKnownActionId, isKnownCallbackId } from '../../blocks/ids.ts';
import { buildStaleModal, buildStaleNotice } from '../../blocks/stale.ts';
import type { Deps } from '../deps.ts';
import { tellUser } from '../features/tell-user.ts';

/** The parts of an interactive payload this check reads. */
interface Interaction {
  type?: string;
  user?: { id?: string };
  actions?: { action_id?: string }[];
  view?: { callback_id?: string };
  callback_id?: string;
  action_id?: string;
  response_url?: string;
}

type Ack = (response?: unknown) => Promise<void>;

/** null when a listener is registered for this request; else what kind of stale thing it is. */
function staleKind(body: Interaction): 'button' | 'view' | 'closed' | 'shortcut' | 'suggestion' | null {
  switch (body.type) {
    case 'block_actions':
      return (body.actions ?? []).every((a) => isKnownActionId(a.action_id ?? '')) ? null : 'button';
    case 'view_submission':
      return isKnownCallbackId(body.view?.callback_id ?? '') ? null : 'view';
    case 'view_closed':
      // No listener handles a closed modal: nothing to do but acknowledge it.
      return 'closed';
    case 'shortcut':
    case 'message_action':
      return isKnownCallbackId(body.callback_id ?? '') ? null : 'shortcut';
    case 'block_suggestion':
      return body.action_id === FIELD.timezone ? null : 'suggestion';
    default:
      return null;
  }
}

export function answerStaleSurfaces(deps: Pick<Deps, 'logger'>): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const body = args.body as Interaction;
    const kind = staleKind(body);
    if (kind === null) return args.next();
    const ack = (args as { ack?: Ack }).ack;
    deps.logger.info('stale or unknown surface answered', { kind, type: body.type });
    if (kind === 'view') return ack?.({ response_action: 'update', view: buildStaleModal() });
    if (kind === 'suggestion') return ack?.({ options: [] });
    await ack?.();
    if (kind === 'closed') return;
    const userId = body.user?.id;
    if (!userId) return;
    await tellUser(deps, args.client, userId, buildStaleNotice(kind), body.response_url ?? null).catch(
      (error: unknown) => deps.logger.warn('could not answer a stale surface', { error }),
    );
  };
}
